"""Parables of the Kingdom — published while its French translation is unfinished, on purpose.

Some French fields are NULL (the course description, a lesson title, several blocks, a quiz), so a
French reader sees the English fallback next to translated parts.
"""

from __future__ import annotations

from bibliology.seed.demo_content.model import (
    BLANK,
    CONTENT,
    IMAGE_FOCUS,
    QUIZ,
    TWO_COLUMN,
    CourseSpec,
    LessonSpec,
    QuizSpec,
    Word,
    bullets,
    callout,
    choice,
    fill_blank,
    image,
    quiz_block,
    short_answer,
    slide,
    text,
    title_slide,
    true_false,
    verse,
    vocabulary,
)

THE_SOWER = LessonSpec(
    slug="the-sower",
    title_en="The sower",
    title_fr="Le semeur",
    description_en="One seed, four soils: how do we hear the word?",
    description_fr=None,
    estimated_minutes=25,
    slides=(
        title_slide(
            "The sower",
            "Le semeur",
            "Matthew 13: the parable about parables",
            "Matthieu 13 : la parabole des paraboles",
        ),
        slide(
            CONTENT,
            "A sower went forth to sow",
            "Le semeur sortit pour semer",
            verse(
                "Matthew 13:3-9",
                "And he spake many things unto them in parables, saying, Behold, a sower went forth to sow; "
                "And when he sowed, some seeds fell by the way side, and the fowls came and devoured them "
                "up: Some fell upon stony places, where they had not much earth: and forthwith they sprung "
                "up, because they had no deepness of earth: And when the sun was up, they were scorched; "
                "and because they had no root, they withered away. And some fell among thorns; and the "
                "thorns sprung up, and choked them: But other fell into good ground, and brought forth "
                "fruit, some an hundredfold, some sixtyfold, some thirtyfold. Who hath ears to hear, let "
                "him hear.",
                "et il leur fit plusieurs discours en paraboles. Jésus leur parla ainsi: Le semeur sortit "
                "pour semer. Comme il semait, une partie de la semence tomba le long du chemin, et les "
                "oiseaux vinrent et la mangèrent. Une autre partie tomba sur des endroits pierreux où elle "
                "n'avait que peu de terre, et elle leva aussitôt, parce qu'elle n'entrait pas profondément "
                "dans la terre; mais le soleil s'étant levé, elle fut brûlée, et, parce qu'elle n'avait "
                "point de racines, elle sécha. Une autre partie tomba parmi les épines, et les épines "
                "montèrent et l'étouffèrent. Une autre partie tomba dans la bonne terre, et donna du fruit: "
                "un grain en rapporta cent, un autre soixante, et un autre trente. Que celui qui a des "
                "oreilles entende!",
            ),
            vocabulary(
                Word(
                    term="παραβολή",
                    transliteration="parabolē",
                    language="greek",
                    strongs="G3850",
                    part_of_speech=("noun", "nom"),
                    definition_en="a comparison, a story “thrown alongside” a truth to make it seen",
                    definition_fr=None,
                )
            ),
        ),
        slide(
            TWO_COLUMN,
            "Four soils",
            None,
            bullets(
                [
                    ("The way side", ["heard but not understood (13:19)"]),
                    ("Stony places", ["received with joy, but without root (13:20-21)"]),
                    ("Among thorns", ["choked by the cares of this world (13:22)"]),
                    ("Good ground", ["heard, understood, fruitful (13:23)"]),
                ],
                None,
            ),
            verse(
                "Matthew 13:23",
                "But he that received seed into the good ground is he that heareth the word, and "
                "understandeth it; which also beareth fruit, and bringeth forth, some an hundredfold, some "
                "sixty, some thirty.",
                "Celui qui a reçu la semence dans la bonne terre, c'est celui qui entend la parole, qui la "
                "comprend, et qui porte du fruit, en sorte qu'un grain en produit cent, un autre soixante, "
                "et un autre trente.",
            ),
            notes=("The French notes for this slide are still to be written.", None),
        ),
        slide(
            IMAGE_FOCUS,
            "Good ground",
            None,
            image(
                "/media/demo/parables/wheat-field.jpg",
                alt_en="A ripe wheat field in Galilee at harvest time",
                alt_fr=None,
                caption_en="A hundredfold harvest was extraordinary: tenfold was a good year.",
                size=(1600, 900),
            ),
        ),
        slide(
            QUIZ,
            "Check your understanding",
            "Vérifiez vos connaissances",
            quiz_block("parables-1-check"),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="parables-1-check",
            title_en="The sower",
            title_fr=None,
            on_slide=4,
            passing_score_percentage=60,
            max_attempts=5,
            questions=(
                choice(
                    "In Jesus' explanation, what chokes the seed among thorns?",
                    None,
                    [
                        ("a", "The cares of this world", None),
                        ("b", "The birds of the air", None),
                        ("c", "The heat of the sun", None),
                    ],
                    ["a"],
                ),
                true_false(
                    "The good ground is the one who hears the word and understands it.",
                    "La bonne terre est celui qui entend la parole et la comprend.",
                    True,
                ),
            ),
        ),
    ),
)

THE_MUSTARD_SEED = LessonSpec(
    slug="the-mustard-seed",
    title_en="The mustard seed",
    title_fr=None,
    description_en="The smallest of seeds and the kingdom that grows.",
    description_fr=None,
    estimated_minutes=20,
    slides=(
        title_slide(
            "The mustard seed",
            None,
            "Small beginnings, great endings",
            None,
        ),
        slide(
            CONTENT,
            "Like a grain of mustard seed",
            "Semblable à un grain de moutarde",
            verse(
                "Matthew 13:31-32",
                "Another parable put he forth unto them, saying, The kingdom of heaven is like to a grain of "
                "mustard seed, which a man took, and sowed in his field: Which indeed is the least of all "
                "seeds: but when it is grown, it is the greatest among herbs, and becometh a tree, so that "
                "the birds of the air come and lodge in the branches thereof.",
                "Il leur proposa une autre parabole, en disant: Le royaume des cieux est semblable à un "
                "grain de moutarde, qu'un homme prend et qu'il sème dans son champ. — c'est bien la plus "
                "petite de toutes les semences. — mais quand le grain a poussé, il est plus grand que les "
                "légumes; il devient un arbre, en sorte que les oiseaux du ciel viennent faire leurs nids "
                "dans ses branches.",
            ),
            vocabulary(
                Word(
                    term="βασιλεία",
                    transliteration="basileia",
                    language="greek",
                    strongs="G932",
                    part_of_speech=("noun", "nom"),
                    definition_en="kingdom, reign: God's rule breaking into the world",
                    definition_fr="royaume, règne : le règne de Dieu qui fait irruption dans le monde",
                )
            ),
        ),
        slide(
            CONTENT,
            "Why so small?",
            None,
            text(
                "The first hearers expected the kingdom to arrive like a cedar of Lebanon (Ezekiel 17:22-24). "
                "Jesus compares it to a garden plant. The kingdom starts hidden and small — twelve disciples "
                "in Galilee — and ends as a shelter for “the birds of the air”, the nations.",
                None,
            ),
        ),
        slide(
            BLANK,
            None,
            None,
            callout(
                "reflection",
                "Where do you see something small that God might grow?",
                None,
                title_en="Think about it",
            ),
        ),
    ),
)

TWO_PARABLES_OF_MERCY = LessonSpec(
    slug="two-parables-of-mercy",
    title_en="Two parables of mercy",
    title_fr="Deux paraboles de miséricorde",
    description_en="The good Samaritan and the lost son: mercy that crosses every line.",
    description_fr="Le bon Samaritain et le fils perdu : une miséricorde qui franchit toutes les limites.",
    estimated_minutes=30,
    slides=(
        title_slide(
            "Two parables of mercy",
            "Deux paraboles de miséricorde",
            "Luke 10 and Luke 15",
            "Luc 10 et Luc 15",
        ),
        slide(
            CONTENT,
            "Who is my neighbour?",
            "Qui est mon prochain ?",
            verse(
                "Luke 10:33-37",
                "But a certain Samaritan, as he journeyed, came where he was: and when he saw him, he had "
                "compassion on him, And went to him, and bound up his wounds, pouring in oil and wine, and "
                "set him on his own beast, and brought him to an inn, and took care of him. And on the "
                "morrow when he departed, he took out two pence, and gave them to the host, and said unto "
                "him, Take care of him; and whatsoever thou spendest more, when I come again, I will repay "
                "thee. Which now of these three, thinkest thou, was neighbour unto him that fell among the "
                "thieves? And he said, He that shewed mercy on him. Then said Jesus unto him, Go, and do "
                "thou likewise.",
                "Mais un Samaritain, qui était en voyage, arriva près de lui, et, l'ayant vu, il fut touché "
                "de compassion. Il s'approcha et banda ses plaies, en y versant de l'huile et du vin; puis "
                "il le mit sur sa propre monture, le conduisit à une hôtellerie et prit soin de lui. Le "
                "lendemain, il prit deux deniers, les donna à l'hôtelier et lui dit: Aie soin de lui; et "
                "tout ce que tu dépenseras de plus, je te le rendrai à mon retour. Lequel de ces trois te "
                "paraît avoir été le prochain de celui qui était tombé entre les mains des brigands? Le "
                "docteur de la loi répondit: C'est celui qui a exercé la miséricorde envers lui. Jésus dit: "
                "Va, et fais de même!",
            ),
        ),
        slide(
            CONTENT,
            "While he was yet a great way off",
            "Comme il était encore loin",
            verse(
                "Luke 15:20-24",
                "And he arose, and came to his father. But when he was yet a great way off, his father saw "
                "him, and had compassion, and ran, and fell on his neck, and kissed him. And the son said "
                "unto him, Father, I have sinned against heaven, and in thy sight, and am no more worthy to "
                "be called thy son. But the father said to his servants, Bring forth the best robe, and put "
                "it on him; and put a ring on his hand, and shoes on his feet: And bring hither the fatted "
                "calf, and kill it; and let us eat, and be merry: For this my son was dead, and is alive "
                "again; he was lost, and is found. And they began to be merry.",
                None,
            ),
        ),
        slide(
            TWO_COLUMN,
            "Two stories, one movement",
            None,
            bullets(
                ["**The Samaritan** *saw*, had compassion, *went* to him", "The outsider shows mercy"],
                None,
            ),
            bullets(
                ["**The father** *saw*, had compassion, *ran* to him", "The father runs to the lost"],
                None,
            ),
        ),
        slide(
            CONTENT,
            "Go, and do thou likewise",
            "Va, et fais de même",
            callout(
                "tip",
                "In both stories, compassion is followed by a journey towards the other. Name one person you "
                "could “go to” this week.",
                "Dans les deux récits, la compassion est suivie d’un déplacement vers l’autre. Nommez une "
                "personne vers qui vous pourriez « aller » cette semaine.",
                title_en="This week",
                title_fr="Cette semaine",
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="parables-3-quiz",
            title_en="Parables of mercy",
            title_fr=None,
            passing_score_percentage=65,
            time_limit_minutes=8,
            questions=(
                short_answer(
                    "Who does the lawyer say was neighbour to the man who fell among thieves?",
                    None,
                    ["He that shewed mercy on him", "the Samaritan", "the one who showed mercy"],
                    [],
                    typo_tolerance=2,
                ),
                fill_blank(
                    "“For this my son was {{1}}, and is alive again; he was {{2}}, and is found.”",
                    None,
                    [(["dead"], []), (["lost"], [])],
                ),
                true_false("In Luke 15 the father waits at home for his son to reach the door.", None, False),
            ),
        ),
    ),
)

COURSE = CourseSpec(
    slug="parables-of-the-kingdom",
    teacher_email="miriam.okafor@demo.bibliology.org",
    title_en="Parables of the Kingdom",
    title_fr="Les paraboles du Royaume",
    description_en=(
        "Seeds, soils, a Samaritan and a running father: how Jesus taught the kingdom of God in stories. "
        "(The French translation of this course is in progress.)"
    ),
    description_fr=None,
    category="Biblical Studies",
    tags=("Parables", "Gospels", "Kingdom of God"),
    difficulty="Beginner",
    estimated_hours=3,
    created_days_ago=60,
    published_days_ago=30,
    colour="#4b5d3a",
    lessons=(THE_SOWER, THE_MUSTARD_SEED, TWO_PARABLES_OF_MERCY),
)
