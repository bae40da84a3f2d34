"""Praying the Psalms — a beginner course, fully bilingual (Pasteur Étienne Laurent)."""

from __future__ import annotations

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
    title_slide,
    true_false,
    verse,
    vocabulary,
)

CHESED = Word(
    term="חֶסֶד",
    transliteration="chesed",
    transliteration_fr="hesed",
    language="hebrew",
    strongs="H2617",
    part_of_speech=("noun", "nom"),
    definition_en="steadfast love, loyal kindness, *mercy*: the faithful love of the covenant",
    definition_fr="amour fidèle, bonté loyale, *grâce* : l’amour fidèle de l’alliance",
)

SHEPHERD = LessonSpec(
    slug="the-lord-is-my-shepherd",
    title_en="The Lord is my shepherd",
    title_fr="L’Éternel est mon berger",
    description_en="Psalm 23 line by line: pastures, valleys, a table and a house.",
    description_fr="Le Psaume 23 ligne à ligne : pâturages, vallée, table et maison.",
    estimated_minutes=25,
    slides=(
        title_slide(
            "The Lord is my shepherd",
            "L’Éternel est mon berger",
            "Psalm 23, the best-loved psalm",
            "Le Psaume 23, le plus aimé des psaumes",
            notes=(
                "Ask who knows Psalm 23 by heart, and in which version. Many will know it from funerals: "
                "it is also a psalm for everyday life.",
                "Demandez qui connaît le Psaume 23 par cœur, et dans quelle version. Beaucoup le "
                "connaissent par les obsèques : c’est aussi un psaume pour la vie de tous les jours.",
            ),
        ),
        slide(
            IMAGE_FOCUS,
            "Green pastures",
            "De verts pâturages",
            image(
                "/media/demo/psalms/shepherd-judean-hills.jpg",
                alt_en="A shepherd leading a flock of sheep across dry hills in the Judean wilderness",
                alt_fr="Un berger conduit un troupeau de moutons à travers les collines sèches du désert de Judée",
                caption_en="In the Judean hills, “green pastures” are found only where the shepherd leads.",
                caption_fr="Dans les collines de Judée, les « verts pâturages » ne se trouvent que là où le berger conduit.",
                size=(1600, 1000),
            ),
        ),
        slide(
            CONTENT,
            "Psalm 23",
            "Psaume 23",
            verse(
                "Psalm 23",
                "The LORD is my shepherd; I shall not want.\n"
                "He maketh me to lie down in green pastures: he leadeth me beside the still waters.\n"
                "He restoreth my soul: he leadeth me in the paths of righteousness for his name's sake.\n"
                "Yea, though I walk through the valley of the shadow of death, I will fear no evil: for thou "
                "art with me; thy rod and thy staff they comfort me.\n"
                "Thou preparest a table before me in the presence of mine enemies: thou anointest my head "
                "with oil; my cup runneth over.\n"
                "Surely goodness and mercy shall follow me all the days of my life: and I will dwell in the "
                "house of the LORD for ever.",
                "Psaume de David. L'Éternel est mon berger; je n'aurai point de disette.\n"
                "Il me fait reposer dans de verts pâturages; Il me mène le long des eaux tranquilles.\n"
                "Il restaure mon âme; Il me conduit dans des sentiers unis, Pour l'amour de son nom.\n"
                "Même quand je marcherais dans la vallée de l'ombre de la mort, Je ne craindrais aucun mal! "
                "Car tu es avec moi: C'est ton bâton et ta houlette qui me consolent.\n"
                "Tu dresses la table devant moi, A la vue de ceux qui me persécutent. Tu oins ma tête "
                "d'huile; ma coupe déborde.\n"
                "Oui, le bonheur et la grâce m'accompagneront Tous les jours de ma vie, Et je passerai de "
                "longs jours dans la maison de l'Éternel.",
            ),
            notes=(
                "Notice the shift in verse 4: from “he” to “thou”. In the dark valley the psalmist stops "
                "talking *about* God and speaks *to* him.",
                "Remarquez le changement au verset 4 : de « il » à « tu ». Dans la vallée obscure, le "
                "psalmiste ne parle plus *de* Dieu mais *à* Dieu.",
            ),
        ),
        slide(
            CONTENT,
            "Words of the psalm",
            "Les mots du psaume",
            vocabulary(
                Word(
                    term="רָעָה",
                    transliteration="ra'ah",
                    language="hebrew",
                    strongs="H7462",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to shepherd, to pasture, to tend a flock; “my shepherd” is its participle",
                    definition_fr="faire paître, mener au pâturage ; « mon berger » en est le participe",
                ),
                Word(
                    term="צַלְמָוֶת",
                    transliteration="tsalmaveth",
                    transliteration_fr="tsalmavet",
                    language="hebrew",
                    strongs="H6757",
                    part_of_speech=("noun", "nom"),
                    definition_en="deep darkness, the *shadow of death*",
                    definition_fr="ténèbres profondes, l’*ombre de la mort*",
                ),
                CHESED,
            ),
            callout(
                "info",
                "In verse 6, goodness and mercy do not merely “follow”: the Hebrew verb means to *pursue*. "
                "God's love runs after us.",
                "Au verset 6, le bonheur et la grâce ne font pas que « suivre » : le verbe hébreu signifie "
                "*poursuivre*. L’amour de Dieu court après nous.",
            ),
        ),
        slide(
            QUIZ,
            "Check your understanding",
            "Vérifiez vos connaissances",
            quiz_block("psalms-1-check"),
        ),
        slide(
            BLANK,
            None,
            None,
            divider("ornament"),
            callout(
                "reflection",
                "Pray Psalm 23 slowly, one line per breath. Where does your attention stop?",
                "Priez le Psaume 23 lentement, une ligne par respiration. Où votre attention s’arrête-t-elle ?",
                title_en="Pray it",
                title_fr="Priez-le",
                style={"align": "center"},
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="psalms-1-check",
            title_en="Psalm 23",
            title_fr="Psaume 23",
            on_slide=4,
            passing_score_percentage=50,
            questions=(
                true_false(
                    "In Psalm 23:4 the psalmist begins to speak *to* God rather than *about* him.",
                    "Au Psaume 23,4, le psalmiste se met à parler *à* Dieu plutôt que *de* lui.",
                    True,
                ),
                choice(
                    "Which Hebrew word lies behind “mercy” in Psalm 23:6?",
                    "Quel mot hébreu se trouve derrière « la grâce » au Psaume 23,6 ?",
                    [("a", "chesed", "hesed"), ("b", "ruach", "rouah"), ("c", "shalom", "shalom")],
                    ["a"],
                ),
            ),
        ),
    ),
)

SEARCHED_AND_KNOWN = LessonSpec(
    slug="searched-and-known",
    title_en="Searched and known: Psalm 139",
    title_fr="Sondé et connu : le Psaume 139",
    description_en="A psalm of being known completely, and loved.",
    description_fr="Un psaume pour se savoir entièrement connu, et aimé.",
    estimated_minutes=30,
    slides=(
        title_slide(
            "Searched and known",
            "Sondé et connu",
            "Psalm 139",
            "Psaume 139",
        ),
        slide(
            CONTENT,
            "Thou hast searched me",
            "Tu m’as sondé",
            verse(
                "Psalm 139:1-4",
                "O LORD, thou hast searched me, and known me.\n"
                "Thou knowest my downsitting and mine uprising, thou understandest my thought afar off.\n"
                "Thou compassest my path and my lying down, and art acquainted with all my ways.\n"
                "For there is not a word in my tongue, but, lo, O LORD, thou knowest it altogether.",
                "Au maître-chantre. — Psaume de David. Éternel, tu m'as sondé, et tu m'as connu.\n"
                "Tu sais quand je m'assieds et quand je me lève; Tu découvres de loin ma pensée.\n"
                "Tu m'observes, soit que je marche, soit que je me couche; Tu as une parfaite connaissance "
                "de toutes mes actions.\n"
                "Même avant que la parole soit sur ma langue, Déjà, ô Éternel, tu la connais tout entière.",
            ),
            vocabulary(
                Word(
                    term="יָדַע",
                    transliteration="yada",
                    language="hebrew",
                    strongs="H3045",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to know — by experience and relationship, not only by information",
                    definition_fr="connaître — par l’expérience et la relation, pas seulement par l’information",
                ),
                Word(
                    term="חָקַר",
                    transliteration="chaqar",
                    transliteration_fr="haqar",
                    language="hebrew",
                    strongs="H2713",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to search, to examine thoroughly (as a miner searches for ore)",
                    definition_fr="sonder, examiner à fond (comme le mineur cherche le minerai)",
                ),
            ),
        ),
        slide(
            TWO_COLUMN,
            "Made, and searched",
            "Formé, et sondé",
            verse(
                "Psalm 139:13-14",
                "For thou hast possessed my reins: thou hast covered me in my mother's womb.\n"
                "I will praise thee; for I am fearfully and wonderfully made: marvellous are thy works; and "
                "that my soul knoweth right well.",
                "Car c'est toi qui as formé mes reins, Qui m'as tissé dans le sein de ma mère.\n"
                "Je te loue de ce que tu as fait de mon corps Une oeuvre si étonnante et si merveilleuse. "
                "Oui, tes oeuvres sont merveilleuses, Et mon âme ne se lasse pas de le reconnaître.",
            ),
            verse(
                "Psalm 139:23-24",
                "Search me, O God, and know my heart: try me, and know my thoughts:\n"
                "And see if there be any wicked way in me, and lead me in the way everlasting.",
                "Sonde-moi, ô Dieu fort, et connais mon coeur; Éprouve-moi, et connais mes pensées.\n"
                "Regarde si je suis sur une voie funeste. Et conduis-moi dans la voie de l'éternité!",
            ),
            notes=(
                "The psalm ends where it began — “searched” and “known” — but now as a request.",
                "Le psaume finit là où il a commencé — « sondé » et « connu » — mais cette fois comme une "
                "demande.",
            ),
        ),
        slide(
            CONTENT,
            "Four movements",
            "Quatre mouvements",
            bullets(
                [
                    "God knows me (1-6)",
                    "God is with me everywhere (7-12)",
                    "God made me (13-18)",
                    "Search me, lead me (19-24)",
                ],
                [
                    "Dieu me connaît (1-6)",
                    "Dieu est partout avec moi (7-12)",
                    "Dieu m’a formé (13-18)",
                    "Sonde-moi, conduis-moi (19-24)",
                ],
                numbered=True,
            ),
        ),
        slide(
            CONTENT,
            "Known and loved",
            "Connu et aimé",
            callout(
                "reflection",
                "Being fully known can frighten us. In Psalm 139 it becomes a reason for praise. What would "
                "change if you believed God knows you *and* delights in you?",
                "Être entièrement connu peut faire peur. Dans le Psaume 139, cela devient un motif de "
                "louange. Qu’est-ce qui changerait si vous croyiez que Dieu vous connaît *et* prend plaisir "
                "en vous ?",
                title_en="Think about it",
                title_fr="À méditer",
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="psalms-2-quiz",
            title_en="Psalm 139",
            title_fr="Psaume 139",
            passing_score_percentage=50,
            questions=(
                matching(
                    "Match each section of Psalm 139 with its theme.",
                    "Associez chaque partie du Psaume 139 à son thème.",
                    [
                        ("l1", "Verses 1-6", "Versets 1-6"),
                        ("l2", "Verses 7-12", "Versets 7-12"),
                        ("l3", "Verses 13-18", "Versets 13-18"),
                        ("l4", "Verses 19-24", "Versets 19-24"),
                    ],
                    [
                        ("r1", "God knows me", "Dieu me connaît"),
                        ("r2", "God is with me everywhere", "Dieu est partout avec moi"),
                        ("r3", "God made me", "Dieu m’a formé"),
                        ("r4", "Search me, lead me", "Sonde-moi, conduis-moi"),
                    ],
                    [("l1", "r1"), ("l2", "r2"), ("l3", "r3"), ("l4", "r4")],
                    points=2,
                ),
                fill_blank(
                    "“I will praise thee; for I am {{1}} and {{2}} made” (Psalm 139:14).",
                    "« Je te loue de ce que tu as fait de mon corps une oeuvre si {{1}} et si {{2}} » "
                    "(Psaume 139,14).",
                    [(["fearfully"], ["étonnante"]), (["wonderfully"], ["merveilleuse"])],
                    typo_tolerance=1,
                ),
                true_false(
                    "*Yada* (H3045) means knowing facts about someone rather than knowing them personally.",
                    "*Yada* (H3045) désigne le fait de savoir des choses sur quelqu’un plutôt que de le "
                    "connaître personnellement.",
                    False,
                ),
            ),
        ),
    ),
)

STEADFAST_LOVE = LessonSpec(
    slug="lament-trust-and-steadfast-love",
    title_en="Lament, trust and steadfast love",
    title_fr="Plainte, confiance et amour fidèle",
    description_en="From “How long?” to “Bless the LORD”: the range of prayer in the Psalms.",
    description_fr="De « Jusques à quand ? » à « Bénis l’Éternel » : toute la gamme de la prière des Psaumes.",
    estimated_minutes=30,
    slides=(
        title_slide(
            "Lament, trust and steadfast love",
            "Plainte, confiance et amour fidèle",
            "The whole range of prayer",
            "Toute la gamme de la prière",
        ),
        slide(
            TWO_COLUMN,
            "How long? … But I have trusted",
            "Jusques à quand ? … Pour moi, je me confie",
            verse(
                "Psalm 13:1-2",
                "How long wilt thou forget me, O LORD? for ever? how long wilt thou hide thy face from me?\n"
                "How long shall I take counsel in my soul, having sorrow in my heart daily? how long shall "
                "mine enemy be exalted over me?",
                "Au maître-chantre. — Psaume de David. Jusques à quand, ô Éternel, m'oublieras-tu sans "
                "cesse? Jusques à quand me cacheras-tu ta face?\n"
                "Jusques à quand aurai-je des soucis dans l'âme, Et le chagrin dans le coeur, tout le jour? "
                "Jusques à quand mon ennemi s'élèvera-t-il contre moi?",
            ),
            verse(
                "Psalm 13:5-6",
                "But I have trusted in thy mercy; my heart shall rejoice in thy salvation.\n"
                "I will sing unto the LORD, because he hath dealt bountifully with me.",
                "Pour moi, je me confie en ta bonté; Ton salut remplira mon coeur de joie.\n"
                "Je chanterai à la gloire de l'Éternel; car il m'a fait du bien!",
            ),
            notes=(
                "A third of the psalms are laments. Complaint is not a lack of faith: it is faith that "
                "still speaks to God.",
                "Un tiers des psaumes sont des plaintes. Se plaindre n’est pas manquer de foi : c’est une "
                "foi qui parle encore à Dieu.",
            ),
        ),
        slide(
            CONTENT,
            "His mercy endureth for ever",
            "Sa miséricorde dure éternellement",
            verse(
                "Psalm 136:1",
                "O give thanks unto the LORD; for he is good: for his mercy endureth for ever.",
                "Célébrez l'Éternel; car il est bon, Et sa miséricorde dure éternellement!",
            ),
            vocabulary(
                Word(
                    term="הָלַל",
                    transliteration="halal",
                    language="hebrew",
                    strongs="H1984",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to praise, to boast in; *hallelu-yah* is “praise Yah”",
                    definition_fr="louer, célébrer ; *hallelou-yah* signifie « louez Yah »",
                ),
                Word(
                    term="בָּרַךְ",
                    transliteration="barak",
                    language="hebrew",
                    strongs="H1288",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to bless; also to kneel",
                    definition_fr="bénir ; aussi s’agenouiller",
                ),
            ),
            callout(
                "quote",
                "The Psalter “might well be called a little Bible”, for it holds “most beautifully and "
                "briefly” everything in the whole Bible. — Martin Luther, preface to the Psalter (1528)",
                "Le Psautier « pourrait bien s’appeler une petite Bible », car il contient « de la manière "
                "la plus belle et la plus brève » tout ce qui est dans la Bible entière. — Martin Luther, "
                "préface au Psautier (1528)",
            ),
        ),
        slide(
            CONTENT,
            "Forget not all his benefits",
            "N’oublie aucun de ses bienfaits",
            verse(
                "Psalm 103:1-5",
                "Bless the LORD, O my soul: and all that is within me, bless his holy name.\n"
                "Bless the LORD, O my soul, and forget not all his benefits:\n"
                "Who forgiveth all thine iniquities; who healeth all thy diseases;\n"
                "Who redeemeth thy life from destruction; who crowneth thee with loving-kindness and tender "
                "mercies;\n"
                "Who satisfieth thy mouth with good things; so that thy youth is renewed like the eagle's.",
                "Psaume de David. Mon âme, bénis l'Éternel, Et que tout ce qui est en moi bénisse son saint "
                "nom!\n"
                "Mon âme, bénis l'Éternel, Et n'oublie aucun de ses bienfaits!\n"
                "C'est lui qui pardonne toutes tes iniquités. Qui guérit toutes tes infirmités,\n"
                "Qui arrache ta vie au tombeau. Qui te couronne de bonté et de miséricorde.\n"
                "C'est lui qui comble de biens ta vieillesse. Et qui renouvelle ta jeunesse comme celle de "
                "l'aigle.",
            ),
            bullets(
                ["He forgives", "He heals", "He redeems", "He crowns", "He satisfies"],
                ["Il pardonne", "Il guérit", "Il rachète", "Il couronne", "Il comble"],
            ),
        ),
        slide(
            BLANK,
            None,
            None,
            verse(
                "Psalm 150:6",
                "Let every thing that hath breath praise the LORD. Praise ye the LORD.",
                "Que tout ce qui respire loue l'Éternel! Louez l'Éternel!",
                style=KEY_VERSE_STYLE,
            ),
            divider("ornament"),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="psalms-3-quiz",
            title_en="Lament and praise",
            title_fr="Plainte et louange",
            time_limit_minutes=5,
            shuffle_options=True,
            questions=(
                short_answer(
                    "Which Hebrew word, translated “mercy” or “loving-kindness”, means the faithful love of "
                    "the covenant?",
                    "Quel mot hébreu, traduit par « miséricorde » ou « bonté », désigne l’amour fidèle de "
                    "l’alliance ?",
                    ["chesed", "hesed", "checed"],
                    ["hesed", "chesed", "héséd"],
                    typo_tolerance=1,
                    ignore_accents=True,
                    points=2,
                ),
                true_false(
                    "Psalm 13 begins in complaint and ends in trust.",
                    "Le Psaume 13 commence par une plainte et se termine dans la confiance.",
                    True,
                ),
                choice(
                    "Which benefits does Psalm 103:3-5 list? (Choose all that apply.)",
                    "Quels bienfaits le Psaume 103,3-5 énumère-t-il ? (Plusieurs réponses.)",
                    [
                        ("a", "Forgiveness", "Le pardon"),
                        ("b", "Healing", "La guérison"),
                        ("c", "Wealth", "La richesse"),
                        ("d", "Renewed youth", "Une jeunesse renouvelée"),
                    ],
                    ["a", "b", "d"],
                    multiple=True,
                    points=2,
                ),
            ),
        ),
    ),
)

COURSE = CourseSpec(
    slug="praying-the-psalms",
    teacher_email="etienne.laurent@demo.bibliology.org",
    title_en="Praying the Psalms",
    title_fr="Prier les Psaumes",
    description_en=(
        "The Psalms are the prayer book of the Bible. Learn to pray them: trust with Psalm 23, being "
        "known with Psalm 139, lament and praise with Psalms 13, 103 and 136 — with the Hebrew words "
        "that give them their colour."
    ),
    description_fr=(
        "Les Psaumes sont le livre de prière de la Bible. Apprenez à les prier : la confiance avec le "
        "Psaume 23, se savoir connu avec le Psaume 139, la plainte et la louange avec les Psaumes 13, 103 "
        "et 136 — avec les mots hébreux qui leur donnent leur couleur."
    ),
    category="Spiritual Formation",
    tags=("Psalms", "Prayer", "Hebrew", "Poetry"),
    difficulty="Beginner",
    estimated_hours=3,
    created_days_ago=85,
    published_days_ago=70,
    colour="#2e3a6b",
    cover=True,
    lessons=(SHEPHERD, SEARCHED_AND_KNOWN, STEADFAST_LOVE),
)
