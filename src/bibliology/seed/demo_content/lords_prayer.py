"""The Lord's Prayer (2025 pilot) — an ARCHIVED one-lesson course, kept for its certificate holders."""

from __future__ import annotations

from bibliology.enums import LessonStatus
from bibliology.seed.demo_content.model import (
    CONTENT,
    QUIZ,
    CourseSpec,
    LessonSpec,
    QuizSpec,
    bullets,
    choice,
    quiz_block,
    slide,
    title_slide,
    true_false,
    verse,
)

OUR_FATHER = LessonSpec(
    slug="our-father",
    title_en="Our Father",
    title_fr="Notre Père",
    description_en="Matthew 6:9-13, petition by petition.",
    description_fr="Matthieu 6,9-13, demande après demande.",
    estimated_minutes=20,
    slides=(
        title_slide("Our Father", "Notre Père", "The prayer Jesus taught", "La prière que Jésus a enseignée"),
        slide(
            CONTENT,
            "After this manner therefore pray ye",
            "Vous donc priez ainsi",
            verse(
                "Matthew 6:9-13",
                "After this manner therefore pray ye: Our Father which art in heaven, Hallowed be thy name.\n"
                "Thy kingdom come. Thy will be done in earth, as it is in heaven.\n"
                "Give us this day our daily bread.\n"
                "And forgive us our debts, as we forgive our debtors.\n"
                "And lead us not into temptation, but deliver us from evil: For thine is the kingdom, and "
                "the power, and the glory, for ever. Amen.",
                "Vous donc priez ainsi: Notre Père qui es aux cieux. Que ton nom soit sanctifié;\n"
                "Que ton règne vienne; Que ta volonté soit faite sur la terre comme au ciel;\n"
                "Donne-nous aujourd'hui notre pain quotidien;\n"
                "Pardonne-nous nos offenses, comme aussi nous pardonnons à ceux qui nous ont offensés;\n"
                "Ne nous laisse pas succomber à la tentation; mais délivre-nous du mal; [Car c'est à toi "
                "qu'appartiennent, dans tous les siècles, le règne, la puissance et la gloire. Amen!]",
            ),
        ),
        slide(
            CONTENT,
            "Six petitions",
            "Six demandes",
            bullets(
                [
                    ("For God's glory", ["Thy name", "Thy kingdom", "Thy will"]),
                    ("For our needs", ["Daily bread", "Forgiveness", "Deliverance"]),
                ],
                [
                    ("Pour la gloire de Dieu", ["Ton nom", "Ton règne", "Ta volonté"]),
                    ("Pour nos besoins", ["Le pain quotidien", "Le pardon", "La délivrance"]),
                ],
            ),
        ),
        slide(
            QUIZ, "Check your understanding", "Vérifiez vos connaissances", quiz_block("lords-prayer-check")
        ),
    ),
    quizzes=(
        QuizSpec(
            key="lords-prayer-check",
            title_en="The Lord's Prayer",
            title_fr="Le Notre Père",
            on_slide=3,
            passing_score_percentage=100,
            allow_review=False,
            questions=(
                choice(
                    "How many petitions does the Lord's Prayer contain in Matthew 6?",
                    "Combien de demandes le Notre Père contient-il en Matthieu 6 ?",
                    [("a", "Three", "Trois"), ("b", "Six", "Six"), ("c", "Ten", "Dix")],
                    ["b"],
                ),
                true_false(
                    "The first three petitions are about God's name, kingdom and will.",
                    "Les trois premières demandes portent sur le nom, le règne et la volonté de Dieu.",
                    True,
                ),
            ),
        ),
    ),
)

COURSE = CourseSpec(
    slug="the-lords-prayer-2025-pilot",
    teacher_email="miriam.okafor@demo.bibliology.org",
    title_en="The Lord's Prayer (2025 pilot)",
    title_fr="Le Notre Père (pilote 2025)",
    description_en="Our first pilot course, now archived: its content moved into “Praying the Psalms”.",
    description_fr="Notre premier cours pilote, désormais archivé : son contenu a rejoint « Prier les Psaumes ».",
    category="Spiritual Formation",
    colour="#6d2e46",
    tags=("Prayer", "Matthew"),
    difficulty="Beginner",
    estimated_hours=1,
    created_days_ago=90,
    published_days_ago=86,
    archived_days_ago=20,
    status=LessonStatus.ARCHIVED,
    lessons=(OUR_FATHER,),
)
