"""Romans: the Gospel of Grace — a DRAFT course by Pasteur Étienne Laurent, not yet published.

Students never see it; its teacher (and the admin) can open it and carry on writing.
"""

from __future__ import annotations

from bibliology.enums import LessonStatus
from bibliology.seed.demo_content.model import (
    BLANK,
    CONTENT,
    QUIZ,
    TWO_COLUMN,
    CourseSpec,
    LessonSpec,
    QuizSpec,
    Word,
    callout,
    choice,
    divider,
    quiz_block,
    slide,
    text,
    title_slide,
    true_false,
    verse,
    vocabulary,
)

NOT_ASHAMED = LessonSpec(
    slug="not-ashamed-of-the-gospel",
    title_en="Not ashamed of the gospel",
    title_fr="Je n’ai pas honte de l’Évangile",
    description_en="The theme of the letter: the righteousness of God revealed from faith to faith.",
    description_fr="Le thème de la lettre : la justice de Dieu révélée par la foi et pour la foi.",
    estimated_minutes=25,
    status=LessonStatus.DRAFT,
    slides=(
        title_slide(
            "Not ashamed of the gospel",
            "Je n’ai pas honte de l’Évangile",
            "Romans 1:16-17, the theme of the letter",
            "Romains 1,16-17, le thème de la lettre",
        ),
        slide(
            CONTENT,
            "The power of God",
            "La puissance de Dieu",
            verse(
                "Romans 1:16-17",
                "For I am not ashamed of the gospel of Christ: for it is the power of God unto salvation to "
                "every one that believeth; to the Jew first, and also to the Greek. For therein is the "
                "righteousness of God revealed from faith to faith: as it is written, The just shall live "
                "by faith.",
                "En effet, je n'ai pas honte de l'Évangile, — parce qu'il est la puissance de Dieu pour le "
                "salut de tout croyant, du Juif premièrement, et aussi du Grec. — Car, dans cet Évangile est "
                "révélée la justice de Dieu, qui s'obtient par la foi et qui conduit à la foi, ainsi qu'il "
                "est écrit: «Le juste vivra par la foi.»",
            ),
            vocabulary(
                Word(
                    term="εὐαγγέλιον",
                    transliteration="euangelion",
                    language="greek",
                    strongs="G2098",
                    part_of_speech=("noun", "nom"),
                    definition_en="good news; the announcement of a victory or of a new reign",
                    definition_fr="bonne nouvelle ; l’annonce d’une victoire ou d’un nouveau règne",
                ),
                Word(
                    term="δικαιοσύνη",
                    transliteration="dikaiosynē",
                    language="greek",
                    strongs="G1343",
                    part_of_speech=("noun", "nom"),
                    definition_en="righteousness, justice; being in the right with God",
                    definition_fr="justice ; le fait d’être juste devant Dieu",
                ),
            ),
        ),
        slide(
            CONTENT,
            "All have sinned",
            "Tous ont péché",
            verse(
                "Romans 3:23-24",
                "For all have sinned, and come short of the glory of God; Being justified freely by his "
                "grace through the redemption that is in Christ Jesus:",
                "car tous ont péché et sont privés de la gloire de Dieu, et ils sont justifiés gratuitement "
                "par sa grâce, au moyen de la rédemption accomplie en Jésus-Christ,",
            ),
        ),
        slide(
            TWO_COLUMN,
            "Peace with God",
            "La paix avec Dieu",
            verse(
                "Romans 5:1",
                "Therefore being justified by faith, we have peace with God through our Lord Jesus Christ:",
                "Étant donc justifiés par la foi, nous avons la paix avec Dieu, par notre Seigneur "
                "Jésus-Christ,",
            ),
            verse(
                "Romans 5:8",
                "But God commendeth his love toward us, in that, while we were yet sinners, Christ died for "
                "us.",
                "Mais Dieu a fait éclater son amour envers nous en ce que, quand nous étions encore des "
                "pécheurs, Christ est mort pour nous.",
            ),
        ),
        slide(QUIZ, "Check your understanding", "Vérifiez vos connaissances", quiz_block("romans-1-check")),
    ),
    quizzes=(
        QuizSpec(
            key="romans-1-check",
            title_en="The theme of Romans",
            title_fr="Le thème de l’épître aux Romains",
            on_slide=4,
            questions=(
                true_false(
                    "Paul wrote the letter to the Romans.",
                    "Paul a écrit l’épître aux Romains.",
                    True,
                ),
                choice(
                    "Which prophet does Paul quote in Romans 1:17 (“The just shall live by faith”)?",
                    "Quel prophète Paul cite-t-il en Romains 1,17 (« Le juste vivra par la foi ») ?",
                    [("a", "Isaiah", "Ésaïe"), ("b", "Habakkuk", "Habakuk"), ("c", "Jeremiah", "Jérémie")],
                    ["b"],
                    explain=("Habakkuk 2:4.", "Habakuk 2,4."),
                ),
            ),
        ),
    ),
)

LIVING_SACRIFICE = LessonSpec(
    slug="a-living-sacrifice",
    title_en="A living sacrifice",
    title_fr="Un sacrifice vivant",
    description_en="Romans 12: from doctrine to daily life.",
    description_fr="Romains 12 : de la doctrine à la vie quotidienne.",
    estimated_minutes=20,
    status=LessonStatus.DRAFT,
    slides=(
        title_slide("A living sacrifice", "Un sacrifice vivant", "Romans 12:1-2", "Romains 12,1-2"),
        slide(
            CONTENT,
            "Be ye transformed",
            "Soyez transformés",
            verse(
                "Romans 12:1-2",
                "I beseech you therefore, brethren, by the mercies of God, that ye present your bodies a "
                "living sacrifice, holy, acceptable unto God, which is your reasonable service. And be not "
                "conformed to this world: but be ye transformed by the renewing of your mind, that ye may "
                "prove what is that good, and acceptable, and perfect, will of God.",
                "Je vous exhorte donc, frères, par les compassions de Dieu, à offrir vos corps en sacrifice "
                "vivant, saint, agréable à Dieu, ce qui est votre culte raisonnable. Ne vous conformez pas "
                "au présent siècle, mais soyez transformés par le renouvellement de votre esprit, afin que "
                "vous discerniez quelle est la volonté de Dieu, qui est bonne, agréable et parfaite.",
            ),
        ),
        slide(
            CONTENT,
            "Therefore",
            "Donc",
            text(
                "“Therefore” in 12:1 gathers up the eleven chapters before it: the mercies of God come "
                "first, our response second.",
                "Le « donc » de 12,1 rassemble les onze chapitres qui précèdent : les compassions de Dieu "
                "d’abord, notre réponse ensuite.",
            ),
            callout(
                "warning",
                "To do: add the examples from Romans 12:9-21 and a closing quiz.",
                "À faire : ajouter les exemples de Romains 12,9-21 et un quiz final.",
            ),
        ),
        slide(BLANK, None, None, divider("space")),
    ),
)

COURSE = CourseSpec(
    slug="romans-the-gospel-of-grace",
    teacher_email="etienne.laurent@demo.bibliology.org",
    title_en="Romans: the Gospel of Grace",
    title_fr="Romains : l’Évangile de la grâce",
    description_en="Paul's letter to the Romans, chapter by chapter. In preparation.",
    description_fr="L’épître de Paul aux Romains, chapitre par chapitre. En préparation.",
    category="Biblical Studies",
    colour="#7a5a1f",
    tags=("Romans", "Paul", "Grace"),
    difficulty="Advanced",
    estimated_hours=8,
    created_days_ago=12,
    published_days_ago=None,
    status=LessonStatus.DRAFT,
    lessons=(NOT_ASHAMED, LIVING_SACRIFICE),
)
