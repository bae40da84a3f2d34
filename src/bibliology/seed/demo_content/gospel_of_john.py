"""The Gospel of John — an intermediate course, fully bilingual, with a fifth lesson still in draft."""

from __future__ import annotations

from bibliology.enums import LessonStatus
from bibliology.seed.demo_content.model import (
    BLANK,
    CONTENT,
    IMAGE_FOCUS,
    KEY_VERSE_STYLE,
    QUIZ,
    TWO_COLUMN,
    CourseSpec,
    LessonSpec,
    QuizSpec,
    Word,
    bullets,
    callout,
    choice,
    divider,
    fill_blank,
    image,
    matching,
    quiz_block,
    short_answer,
    slide,
    text,
    title_slide,
    true_false,
    verse,
    vocabulary,
)

LOGOS = Word(
    term="λόγος",
    transliteration="logos",
    language="greek",
    strongs="G3056",
    part_of_speech=("noun", "nom"),
    definition_en="word, speech, reason; in John 1 the *Word* who was with God and was God",
    definition_fr="parole, discours, raison ; en Jean 1, la *Parole* qui était avec Dieu et qui était Dieu",
)

THE_WORD = LessonSpec(
    slug="in-the-beginning-was-the-word",
    title_en="In the beginning was the Word",
    title_fr="Au commencement était la Parole",
    description_en="The prologue (John 1:1-18): the Word, the light and the glory full of grace and truth.",
    description_fr="Le prologue (Jean 1,1-18) : la Parole, la lumière et la gloire pleine de grâce et de vérité.",
    estimated_minutes=30,
    slides=(
        title_slide(
            "In the beginning was the Word",
            "Au commencement était la Parole",
            "John 1:1-18, the prologue",
            "Jean 1,1-18, le prologue",
            notes=(
                "Read the prologue aloud before the lesson: it was probably a hymn, and it sounds like one.",
                "Lisez le prologue à voix haute avant la leçon : c’était sans doute un hymne, et cela "
                "s’entend.",
            ),
        ),
        slide(
            CONTENT,
            "The Word",
            "La Parole",
            verse(
                "John 1:1-5",
                "In the beginning was the Word, and the Word was with God, and the Word was God. The same "
                "was in the beginning with God. All things were made by him; and without him was not any "
                "thing made that was made. In him was life; and the life was the light of men. And the "
                "light shineth in darkness; and the darkness comprehended it not.",
                "Au commencement était la Parole, et la Parole était avec Dieu, et la Parole était Dieu. "
                "Elle était au commencement avec Dieu. Toutes choses ont été faites par elle, et rien de ce "
                "qui a été fait n'a été fait sans elle. En elle était la vie, et la vie était la lumière des "
                "hommes. La lumière brille dans les ténèbres, et les ténèbres ne l'ont point reçue.",
            ),
            vocabulary(LOGOS),
        ),
        slide(
            TWO_COLUMN,
            "Genesis 1 and John 1",
            "Genèse 1 et Jean 1",
            bullets(
                [
                    (
                        "**Genesis 1**",
                        ["“In the beginning God created”", "“And God said…”", "Light divided from darkness"],
                    ),
                ],
                [
                    (
                        "**Genèse 1**",
                        [
                            "« Au commencement, Dieu créa »",
                            "« Dieu dit… »",
                            "La lumière séparée des ténèbres",
                        ],
                    ),
                ],
            ),
            bullets(
                [
                    (
                        "**John 1**",
                        [
                            "“In the beginning was the Word”",
                            "“All things were made by him”",
                            "The light shines in darkness",
                        ],
                    ),
                ],
                [
                    (
                        "**Jean 1**",
                        [
                            "« Au commencement était la Parole »",
                            "« Toutes choses ont été faites par elle »",
                            "La lumière brille dans les ténèbres",
                        ],
                    ),
                ],
            ),
            notes=(
                "Let the group find the parallels themselves before revealing the second column.",
                "Laissez le groupe trouver les parallèles avant de dévoiler la seconde colonne.",
            ),
        ),
        slide(
            CONTENT,
            "The Word became flesh",
            "La Parole a été faite chair",
            verse(
                "John 1:14",
                "And the Word was made flesh, and dwelt among us, (and we beheld his glory, the glory as of "
                "the only begotten of the Father,) full of grace and truth.",
                "La Parole a été faite chair; elle a habité parmi nous, pleine de grâce et de vérité, et "
                "nous avons contemplé sa gloire, une gloire telle qu'est celle du Fils unique venu d'auprès "
                "du Père.",
            ),
            vocabulary(
                Word(
                    term="σκηνόω",
                    transliteration="skēnoō",
                    language="greek",
                    strongs="G4637",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to pitch a tent, to *tabernacle*: “dwelt among us”",
                    definition_fr="dresser sa tente, *habiter sous la tente* : « elle a habité parmi nous »",
                ),
                Word(
                    term="μονογενής",
                    transliteration="monogenēs",
                    language="greek",
                    strongs="G3439",
                    part_of_speech=("adjective", "adjectif"),
                    definition_en="only, unique, one of a kind (“only begotten”)",
                    definition_fr="seul, unique, le seul de son espèce (« Fils unique »)",
                ),
            ),
            callout(
                "info",
                "In the wilderness God's glory filled the *tabernacle*, the tent of meeting (Exodus 40:34). "
                "John says the same glory now lives in a human life.",
                "Au désert, la gloire de Dieu remplissait le *tabernacle*, la tente de la rencontre (Exode "
                "40,34). Jean dit que cette même gloire habite désormais une vie humaine.",
                title_en="The tent of meeting",
                title_fr="La tente de la rencontre",
            ),
        ),
        slide(
            QUIZ,
            "Check your understanding",
            "Vérifiez vos connaissances",
            quiz_block("john-1-check"),
        ),
        slide(
            IMAGE_FOCUS,
            "An early witness",
            "Un témoin ancien",
            image(
                "/media/demo/john/papyrus-66.jpg",
                alt_en="Drawing of a papyrus page in Greek capitals opening John 1, after Papyrus 66, "
                "a manuscript of the Gospel of John from about AD 200",
                alt_fr="Dessin d’une page de papyrus en capitales grecques ouvrant Jean 1, d’après le papyrus 66, "
                "manuscrit de l’Évangile de Jean datant d’environ 200",
                caption_en="Papyrus 66 (Bodmer II), one of the oldest nearly complete copies of John.",
                caption_fr="Le papyrus 66 (Bodmer II), l’une des plus anciennes copies presque complètes de Jean.",
                size=(1200, 1600),
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="john-1-check",
            title_en="The prologue",
            title_fr="Le prologue",
            on_slide=4,
            questions=(
                fill_blank(
                    "“In the beginning was the {{1}}, and the Word was with {{2}}.”",
                    "« Au commencement était la {{1}}, et la Parole était avec {{2}}. »",
                    [(["Word"], ["Parole"]), (["God"], ["Dieu"])],
                ),
                true_false(
                    "The verb translated “dwelt” in John 1:14 literally means “pitched a tent”.",
                    "Le verbe traduit « habité » en Jean 1,14 signifie littéralement « dresser sa tente ».",
                    True,
                ),
            ),
        ),
    ),
)

SIGNS = LessonSpec(
    slug="signs-that-reveal-glory",
    title_en="Signs that reveal glory",
    title_fr="Des signes qui révèlent la gloire",
    description_en="From water into wine to the raising of Lazarus: John's seven signs and what they point to.",
    description_fr="De l’eau changée en vin à la résurrection de Lazare : les sept signes de Jean et ce qu’ils désignent.",
    estimated_minutes=35,
    slides=(
        title_slide(
            "Signs that reveal glory",
            "Des signes qui révèlent la gloire",
            "A miracle in John is a sign: it points beyond itself",
            "Chez Jean, un miracle est un signe : il montre au-delà de lui-même",
        ),
        slide(
            IMAGE_FOCUS,
            "Cana of Galilee",
            "Cana en Galilée",
            image(
                "/media/demo/maps/galilee-en.png",
                url_fr="/media/demo/maps/galilee-fr.png",
                alt_en="Map of Galilee in Jesus' time, showing Cana, Nazareth, Capernaum and the Sea of Galilee",
                alt_fr="Carte de la Galilée au temps de Jésus : Cana, Nazareth, Capharnaüm et la mer de Galilée",
                caption_en="Cana lies about 14 km north of Nazareth.",
                caption_fr="Cana se trouve à environ 14 km au nord de Nazareth.",
                size=(1400, 1000),
            ),
        ),
        slide(
            CONTENT,
            "The first sign",
            "Le premier signe",
            verse(
                "John 2:11",
                "This beginning of miracles did Jesus in Cana of Galilee, and manifested forth his glory; "
                "and his disciples believed on him.",
                "C'est ainsi que Jésus fit à Cana, en Galilée, le premier de ses miracles, et qu'il "
                "manifesta sa gloire; et ses disciples crurent en lui.",
            ),
            vocabulary(
                Word(
                    term="σημεῖον",
                    transliteration="sēmeion",
                    language="greek",
                    strongs="G4592",
                    part_of_speech=("noun", "nom"),
                    definition_en="a sign, a mark, a token: a miracle seen as *pointing to* who Jesus is",
                    definition_fr="un signe, une marque : un miracle vu comme ce qui *désigne* qui est Jésus",
                )
            ),
        ),
        slide(
            CONTENT,
            "The seven signs",
            "Les sept signes",
            bullets(
                [
                    "Water into wine (2:1-11)",
                    "The official's son healed (4:46-54)",
                    "The man at the pool of Bethesda (5:1-15)",
                    "Five thousand fed (6:1-14)",
                    "Walking on the water (6:16-21)",
                    "The man born blind (9:1-41)",
                    "Lazarus raised (11:1-44)",
                ],
                [
                    "L’eau changée en vin (2,1-11)",
                    "Le fils de l’officier guéri (4,46-54)",
                    "L’homme de la piscine de Béthesda (5,1-15)",
                    "Cinq mille personnes nourries (6,1-14)",
                    "La marche sur les eaux (6,16-21)",
                    "L’aveugle-né (9,1-41)",
                    "Lazare ramené à la vie (11,1-44)",
                ],
                numbered=True,
            ),
            notes=(
                "Some count the great catch of fish (21:1-14) as an eighth sign, after the resurrection.",
                "Certains comptent la pêche miraculeuse (21,1-14) comme un huitième signe, après la "
                "résurrection.",
            ),
        ),
        slide(
            CONTENT,
            "Why they were written",
            "Pourquoi ils ont été écrits",
            verse(
                "John 20:30-31",
                "And many other signs truly did Jesus in the presence of his disciples, which are not "
                "written in this book: But these are written, that ye might believe that Jesus is the "
                "Christ, the Son of God; and that believing ye might have life through his name.",
                "Jésus a fait en présence de ses disciples beaucoup d'autres miracles, qui ne sont pas "
                "rapportés dans ce livre. Mais ces choses ont été écrites, afin que vous croyiez que Jésus "
                "est le Christ, le Fils de Dieu, et qu'en croyant, vous ayez la vie par son nom.",
            ),
            callout(
                "reflection",
                "Which of the seven signs would you choose to tell a friend who Jesus is? Why that one?",
                "Lequel des sept signes choisiriez-vous pour dire à un ami qui est Jésus ? Pourquoi "
                "celui-là ?",
                title_en="Your turn",
                title_fr="À vous",
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="john-2-quiz",
            title_en="The signs",
            title_fr="Les signes",
            shuffle_options=True,
            questions=(
                choice(
                    "Which of these are among John's seven signs? (Choose all that apply.)",
                    "Lesquels font partie des sept signes de Jean ? (Plusieurs réponses.)",
                    [
                        ("a", "Water into wine", "L’eau changée en vin"),
                        ("b", "The transfiguration", "La transfiguration"),
                        ("c", "The man born blind", "L’aveugle-né"),
                        ("d", "Lazarus raised", "Lazare ramené à la vie"),
                        ("e", "Calming the storm", "La tempête apaisée"),
                    ],
                    ["a", "c", "d"],
                    multiple=True,
                    points=3,
                    explain=(
                        "The transfiguration and the calming of the storm are told by Matthew, Mark and Luke.",
                        "La transfiguration et la tempête apaisée sont racontées par Matthieu, Marc et Luc.",
                    ),
                ),
                short_answer(
                    "In which village did Jesus turn water into wine?",
                    "Dans quel village Jésus a-t-il changé l’eau en vin ?",
                    ["Cana", "Cana of Galilee"],
                    ["Cana", "Cana en Galilée"],
                ),
                true_false(
                    "John says he recorded every sign Jesus did.",
                    "Jean dit avoir rapporté tous les signes que Jésus a faits.",
                    False,
                    explain=(
                        "“Many other signs… are not written in this book” (John 20:30).",
                        "« Beaucoup d'autres miracles… ne sont pas rapportés dans ce livre » (Jean 20,30).",
                    ),
                ),
            ),
        ),
    ),
)

EIMI = Word(
    term="εἰμί",
    transliteration="eimi",
    language="greek",
    strongs="G1510",
    part_of_speech=("verb", "verbe"),
    definition_en="to be; with ἐγώ, “*I am*”, echoing God's name in Exodus 3:14",
    definition_fr="être ; avec ἐγώ, « *je suis* », écho du nom de Dieu en Exode 3,14",
)

I_AM = LessonSpec(
    slug="the-i-am-sayings",
    title_en="The seven “I am” sayings",
    title_fr="Les sept paroles « Je suis »",
    description_en="Bread, light, door, shepherd, resurrection, way, vine: Jesus describes himself.",
    description_fr="Pain, lumière, porte, berger, résurrection, chemin, cep : Jésus se décrit lui-même.",
    estimated_minutes=30,
    slides=(
        title_slide(
            "“I am”",
            "« Je suis »",
            "Seven pictures Jesus uses of himself",
            "Sept images que Jésus emploie pour lui-même",
        ),
        slide(
            CONTENT,
            "Ego eimi",
            "Egô eimi",
            text(
                "Greek does not need the pronoun: *eimi* alone means “I am”. When Jesus says **ἐγώ εἰμι** "
                "(*egō eimi*), the emphasis is deliberate — and his hearers would remember the name God gave "
                "Moses at the burning bush: “I AM THAT I AM” (Exodus 3:14).",
                "Le grec n’a pas besoin du pronom : *eimi* seul signifie « je suis ». Quand Jésus dit "
                "**ἐγώ εἰμι** (*egô eimi*), l’insistance est voulue — et ses auditeurs se souvenaient du nom "
                "que Dieu donna à Moïse au buisson ardent : « Je suis celui qui suis » (Exode 3,14).",
            ),
            vocabulary(
                Word(
                    term="ἐγώ",
                    transliteration="egō",
                    transliteration_fr="egô",
                    language="greek",
                    strongs="G1473",
                    part_of_speech=("pronoun", "pronom"),
                    definition_en="I (emphatic)",
                    definition_fr="je, moi (emphatique)",
                ),
                EIMI,
            ),
        ),
        slide(
            TWO_COLUMN,
            "Seven sayings",
            "Sept paroles",
            bullets(
                [
                    "The bread of life (6:35)",
                    "The light of the world (8:12)",
                    "The door (10:9)",
                    "The good shepherd (10:11)",
                    "The resurrection and the life (11:25)",
                    "The way, the truth and the life (14:6)",
                    "The true vine (15:1, 5)",
                ],
                [
                    "Le pain de vie (6,35)",
                    "La lumière du monde (8,12)",
                    "La porte (10,9)",
                    "Le bon berger (10,11)",
                    "La résurrection et la vie (11,25)",
                    "Le chemin, la vérité et la vie (14,6)",
                    "Le vrai cep (15,1.5)",
                ],
                numbered=True,
            ),
            verse(
                "John 11:25",
                "Jesus said unto her, I am the resurrection, and the life: he that believeth in me, though "
                "he were dead, yet shall he live:",
                "Jésus lui dit: Je suis la résurrection et la vie; celui qui croit en moi vivra quand même "
                "il serait mort.",
            ),
        ),
        slide(
            CONTENT,
            "Light and shepherd",
            "Lumière et berger",
            verse(
                "John 8:12",
                "Then spake Jesus again unto them, saying, I am the light of the world: he that followeth me "
                "shall not walk in darkness, but shall have the light of life.",
                "Jésus prit de nouveau la parole, et il leur dit: Je suis la lumière du monde. Celui qui me "
                "suit ne marchera pas dans les ténèbres; mais il aura la lumière de la vie.",
            ),
            verse(
                "John 10:11",
                "I am the good shepherd: the good shepherd giveth his life for the sheep.",
                "Je suis le bon berger; le bon berger donne sa vie pour ses brebis.",
            ),
            notes=(
                "John 8:12 was spoken at the feast of Tabernacles, when great lamps lit the temple courts.",
                "Jean 8,12 a été prononcé pendant la fête des Tabernacles, quand de grands chandeliers "
                "illuminaient les parvis du temple.",
            ),
        ),
        slide(
            QUIZ,
            "Match the sayings",
            "Associez les paroles",
            quiz_block("john-3-match"),
        ),
        slide(
            BLANK,
            None,
            None,
            divider("ornament"),
            callout(
                "reflection",
                "Which “I am” speaks most to you this week? Carry it with you, and say it as a prayer.",
                "Quel « Je suis » vous parle le plus cette semaine ? Gardez-le avec vous et dites-le comme "
                "une prière.",
                style={"align": "center", "emphasis": "subtle"},
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="john-3-match",
            title_en="Where is it written?",
            title_fr="Où est-ce écrit ?",
            on_slide=4,
            passing_score_percentage=75,
            shuffle_options=True,
            questions=(
                matching(
                    "Match each saying with its chapter of John.",
                    "Associez chaque parole à son chapitre de Jean.",
                    [
                        ("l1", "I am the bread of life", "Je suis le pain de vie"),
                        ("l2", "I am the good shepherd", "Je suis le bon berger"),
                        ("l3", "I am the resurrection and the life", "Je suis la résurrection et la vie"),
                        ("l4", "I am the true vine", "Je suis le vrai cep"),
                    ],
                    [
                        ("r1", "John 6", "Jean 6"),
                        ("r2", "John 10", "Jean 10"),
                        ("r3", "John 11", "Jean 11"),
                        ("r4", "John 15", "Jean 15"),
                        ("r5", "John 3", "Jean 3"),
                    ],
                    [("l1", "r1"), ("l2", "r2"), ("l3", "r3"), ("l4", "r4")],
                    points=4,
                ),
                choice(
                    "Which Old Testament scene does *egō eimi* recall?",
                    "Quelle scène de l’Ancien Testament *egô eimi* rappelle-t-il ?",
                    [
                        ("a", "The burning bush (Exodus 3)", "Le buisson ardent (Exode 3)"),
                        ("b", "The flood (Genesis 6–9)", "Le déluge (Genèse 6–9)"),
                        ("c", "The fall of Jericho (Joshua 6)", "La chute de Jéricho (Josué 6)"),
                    ],
                    ["a"],
                ),
            ),
        ),
    ),
)

THAT_YOU_MAY_BELIEVE = LessonSpec(
    slug="that-you-may-believe",
    title_en="That you may believe",
    title_fr="Afin que vous croyiez",
    description_en="Believing and life in John: the verb that carries the whole Gospel.",
    description_fr="Croire et vivre chez Jean : le verbe qui porte tout l’Évangile.",
    estimated_minutes=25,
    slides=(
        title_slide(
            "That you may believe",
            "Afin que vous croyiez",
            "The purpose of the Gospel",
            "Le but de l’Évangile",
        ),
        slide(
            CONTENT,
            "God so loved the world",
            "Dieu a tellement aimé le monde",
            verse(
                "John 3:16-17",
                "For God so loved the world, that he gave his only begotten Son, that whosoever believeth "
                "in him should not perish, but have everlasting life. For God sent not his Son into the "
                "world to condemn the world; but that the world through him might be saved.",
                "Car Dieu a tellement aimé le monde, qu'il a donné son Fils unique, afin que quiconque croit "
                "en lui ne périsse point, mais qu'il ait la vie éternelle. En effet, Dieu n'a point envoyé "
                "son Fils dans le monde pour juger le monde, mais afin que le monde soit sauvé par lui.",
                style=KEY_VERSE_STYLE,
            ),
            vocabulary(
                Word(
                    term="πιστεύω",
                    transliteration="pisteuō",
                    language="greek",
                    strongs="G4100",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to believe, to trust, to entrust oneself to",
                    definition_fr="croire, faire confiance, se confier à",
                ),
                Word(
                    term="ζωή",
                    transliteration="zōē",
                    language="greek",
                    strongs="G2222",
                    part_of_speech=("noun", "nom"),
                    definition_en="life; with *aiōnios*, the life of the age to come, begun now",
                    definition_fr="vie ; avec *aiônios*, la vie du siècle à venir, commencée dès maintenant",
                ),
                Word(
                    term="αἰώνιος",
                    transliteration="aiōnios",
                    transliteration_fr="aiônios",
                    language="greek",
                    strongs="G166",
                    part_of_speech=("adjective", "adjectif"),
                    definition_en="eternal, everlasting; belonging to the coming age",
                    definition_fr="éternel ; qui appartient au siècle à venir",
                ),
            ),
        ),
        slide(
            CONTENT,
            "A Gospel of verbs",
            "Un Évangile de verbes",
            text(
                "John never uses the noun “faith” (*pistis*). Instead the verb “believe” appears about "
                "**98 times** — more than in Matthew, Mark and Luke together. For John, believing is "
                "something you *do*: come, see, follow, remain.",
                "Jean n’emploie jamais le nom « foi » (*pistis*). Le verbe « croire », lui, revient environ "
                "**98 fois** — plus que chez Matthieu, Marc et Luc réunis. Pour Jean, croire est un acte : "
                "venir, voir, suivre, demeurer.",
            ),
            bullets(
                ["*Come* and see (1:39)", "*Follow* me (1:43)", "*Abide* in me (15:4)"],
                ["*Venez* et voyez (1,39)", "*Suis*-moi (1,43)", "*Demeurez* en moi (15,4)"],
            ),
        ),
        slide(
            TWO_COLUMN,
            "The purpose statement",
            "La déclaration d’intention",
            verse(
                "John 20:31",
                "But these are written, that ye might believe that Jesus is the Christ, the Son of God; and "
                "that believing ye might have life through his name.",
                "Mais ces choses ont été écrites, afin que vous croyiez que Jésus est le Christ, le Fils de "
                "Dieu, et qu'en croyant, vous ayez la vie par son nom.",
            ),
            callout(
                "tip",
                "Read John 20:31 first when you start the Gospel: every chapter serves this sentence.",
                "Lisez Jean 20,31 en premier quand vous commencez l’Évangile : chaque chapitre sert cette "
                "phrase.",
                title_en="Reading tip",
                title_fr="Conseil de lecture",
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="john-4-final",
            title_en="Final quiz: the Gospel of John",
            title_fr="Quiz final : l’Évangile de Jean",
            passing_score_percentage=80,
            time_limit_minutes=15,
            shuffle_questions=True,
            shuffle_options=True,
            max_attempts=2,
            questions=(
                fill_blank(
                    "“For God so loved the {{1}}, that he gave his only begotten {{2}}” (John 3:16).",
                    "« Car Dieu a tellement aimé le {{1}}, qu'il a donné son {{2}} unique » (Jean 3,16).",
                    [(["world"], ["monde"]), (["Son"], ["Fils"])],
                    points=2,
                ),
                true_false(
                    "John uses the noun “faith” more often than any other Gospel.",
                    "Jean emploie le nom « foi » plus souvent que tout autre Évangile.",
                    False,
                    explain=(
                        "John never uses the noun; he uses the verb “believe” about 98 times.",
                        "Jean n’emploie jamais le nom ; il utilise le verbe « croire » environ 98 fois.",
                    ),
                ),
                short_answer(
                    "Complete the purpose of John's Gospel: “these are written, that ye might …”",
                    "Complétez le but de l’Évangile de Jean : « ces choses ont été écrites, afin que vous … »",
                    ["believe"],
                    ["croyiez"],
                ),
                choice(
                    "What does *monogenēs* (John 1:14; 3:16) mean?",
                    "Que signifie *monogenês* (Jean 1,14 ; 3,16) ?",
                    [
                        ("a", "First-born", "Premier-né"),
                        ("b", "Only, unique", "Seul, unique"),
                        ("c", "Beloved", "Bien-aimé"),
                    ],
                    ["b"],
                ),
                matching(
                    "Match each Greek word with its meaning.",
                    "Associez chaque mot grec à son sens.",
                    [("l1", "λόγος", "λόγος"), ("l2", "σημεῖον", "σημεῖον"), ("l3", "πιστεύω", "πιστεύω")],
                    [("r1", "word", "parole"), ("r2", "sign", "signe"), ("r3", "to believe", "croire")],
                    [("l1", "r1"), ("l2", "r2"), ("l3", "r3")],
                    points=3,
                ),
            ),
        ),
    ),
)

FAREWELL = LessonSpec(
    slug="the-farewell-discourse",
    title_en="The farewell discourse",
    title_fr="Le discours d’adieu",
    description_en="John 13–17, in preparation.",
    description_fr="Jean 13–17, en préparation.",
    estimated_minutes=30,
    status=LessonStatus.DRAFT,
    slides=(
        title_slide(
            "The farewell discourse",
            "Le discours d’adieu",
            "John 13–17: the last evening",
            "Jean 13–17 : le dernier soir",
        ),
        slide(
            CONTENT,
            "A new commandment",
            "Un commandement nouveau",
            verse(
                "John 13:34-35",
                "A new commandment I give unto you, That ye love one another; as I have loved you, that ye "
                "also love one another. By this shall all men know that ye are my disciples, if ye have "
                "love one to another.",
                "Je vous donne un commandement nouveau, c'est que vous vous aimiez les uns les autres; comme "
                "je vous ai aimés, vous aussi, aimez-vous les uns les autres. C'est à ceci que tous "
                "connaîtront que vous êtes mes disciples, si vous avez de l'amour les uns pour les autres.",
            ),
        ),
        slide(
            CONTENT,
            "Outline",
            "Plan",
            bullets(
                [
                    "The foot washing (13)",
                    "The way to the Father (14)",
                    "The vine (15)",
                    "The Spirit's work (16)",
                    "The prayer of Jesus (17)",
                ],
                [
                    "Le lavement des pieds (13)",
                    "Le chemin vers le Père (14)",
                    "Le cep (15)",
                    "L’œuvre de l’Esprit (16)",
                    "La prière de Jésus (17)",
                ],
                numbered=True,
            ),
        ),
        slide(
            BLANK,
            None,
            None,
            callout(
                "warning",
                "Draft: the slides on John 17 are still to be written.",
                "Brouillon : les diapositives sur Jean 17 restent à écrire.",
            ),
            notes=(
                "Ask Étienne to review the French before publishing.",
                "Demander à Étienne de relire le français avant publication.",
            ),
        ),
    ),
)

COURSE = CourseSpec(
    slug="the-gospel-of-john",
    teacher_email="miriam.okafor@demo.bibliology.org",
    title_en="The Gospel of John",
    title_fr="L’Évangile de Jean",
    description_en=(
        "Read the fourth Gospel as John meant it to be read: the Word made flesh, seven signs, seven "
        "“I am” sayings, and one purpose — “that ye might believe”. With the Greek words that carry its "
        "theology."
    ),
    description_fr=(
        "Lisez le quatrième Évangile comme Jean voulait qu’on le lise : la Parole faite chair, sept "
        "signes, sept paroles « Je suis », et un seul but — « afin que vous croyiez ». Avec les mots grecs "
        "qui portent sa théologie."
    ),
    category="Biblical Studies",
    tags=("Gospels", "John", "Christology", "Greek"),
    difficulty="Intermediate",
    estimated_hours=6,
    created_days_ago=87,
    published_days_ago=76,
    colour="#1f4e5f",
    cover=True,
    lessons=(THE_WORD, SIGNS, I_AM, THAT_YOU_MAY_BELIEVE, FAREWELL),
)
