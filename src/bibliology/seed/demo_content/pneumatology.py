"""Pneumatology: the Holy Spirit — a beginner course, fully bilingual (Dr. Miriam Okafor)."""

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
    heading,
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

RUACH = Word(
    term="רוּחַ",
    transliteration="ruach",
    transliteration_fr="rouah",
    language="hebrew",
    strongs="H7307",
    part_of_speech=("noun (feminine)", "nom (féminin)"),
    definition_en="wind, breath, spirit; the *Spirit of God* hovering over the waters in Genesis 1:2",
    definition_fr="vent, souffle, esprit ; l’*Esprit de Dieu* qui plane sur les eaux en Genèse 1,2",
)
PNEUMA = Word(
    term="πνεῦμα",
    transliteration="pneuma",
    language="greek",
    strongs="G4151",
    part_of_speech=("noun (neuter)", "nom (neutre)"),
    definition_en="wind, breath, spirit; the word the New Testament uses for the *Holy Spirit*",
    definition_fr="vent, souffle, esprit ; le mot du Nouveau Testament pour le *Saint-Esprit*",
)
PARAKLETOS = Word(
    term="παράκλητος",
    transliteration="paraklētos",
    language="greek",
    strongs="G3875",
    part_of_speech=("noun", "nom"),
    definition_en="one called alongside: a helper, advocate, counsellor, *Comforter* (John 14:16)",
    definition_fr="celui qu’on appelle à ses côtés : un aide, un avocat, un *Consolateur* (Jean 14,16)",
)

WHO_IS_THE_SPIRIT = LessonSpec(
    slug="who-is-the-holy-spirit",
    title_en="Who is the Holy Spirit?",
    title_fr="Qui est le Saint-Esprit ?",
    description_en="Breath, wind and Comforter: what the Bible's own words tell us about the Spirit.",
    description_fr="Souffle, vent et Consolateur : ce que les mots mêmes de la Bible disent de l’Esprit.",
    estimated_minutes=25,
    slides=(
        title_slide(
            "Who is the Holy Spirit?",
            "Qui est le Saint-Esprit ?",
            "Breath, wind and Comforter: meeting the third person of the Trinity",
            "Souffle, vent et Consolateur : à la rencontre de la troisième personne de la Trinité",
            notes=(
                "Before showing the next slide, ask the group which words they associate with the Holy "
                "Spirit. Write them down: we will come back to them at the end.",
                "Avant la diapositive suivante, demandez au groupe quels mots il associe au Saint-Esprit. "
                "Notez-les : nous y reviendrons à la fin.",
            ),
        ),
        slide(
            CONTENT,
            "Breath and wind",
            "Souffle et vent",
            text(
                "In both Hebrew and Greek, one word means **wind**, **breath** and **spirit**. The Bible "
                "describes the Spirit with images of something invisible, yet whose effects you can feel "
                "and hear.",
                "En hébreu comme en grec, un seul mot signifie **vent**, **souffle** et **esprit**. La "
                "Bible décrit l’Esprit par les images d’une réalité invisible, dont on sent et entend "
                "pourtant les effets.",
            ),
            vocabulary(RUACH, PNEUMA),
            verse(
                "John 3:8",
                "The wind bloweth where it listeth, and thou hearest the sound thereof, but canst not tell "
                "whence it cometh, and whither it goeth: so is every one that is born of the Spirit.",
                "Le vent souffle où il veut, et tu en entends le bruit; mais tu ne sais ni d'où il vient, "
                "ni où il va. Il en est de même de tout homme qui est né de l'Esprit.",
            ),
            notes=(
                "In John 3:8 Jesus plays on the double meaning of *pneuma*: the same word is translated "
                "“wind” and “Spirit” in one sentence.",
                "En Jean 3,8, Jésus joue sur le double sens de *pneuma* : le même mot est traduit « vent » "
                "et « Esprit » dans une seule phrase.",
            ),
        ),
        slide(
            TWO_COLUMN,
            "Present everywhere",
            "Présent partout",
            verse(
                "Psalm 139:7-10",
                "Whither shall I go from thy spirit? or whither shall I flee from thy presence?\n"
                "If I ascend up into heaven, thou art there: if I make my bed in hell, behold, thou art "
                "there.\n"
                "If I take the wings of the morning, and dwell in the uttermost parts of the sea;\n"
                "Even there shall thy hand lead me, and thy right hand shall hold me.",
                "Où irais-je loin de ton Esprit, Où fuirais-je loin de ta face?\n"
                "Si je monte aux cieux, tu y es; Si je me couche dans le Sépulcre, t'y voilà!\n"
                "Si je prenais les ailes de l'aurore. Et si j'allais demeurer à l'extrémité de la mer,\n"
                "Là même, ta main me conduirait. Ta main droite me saisirait!",
            ),
            callout(
                "reflection",
                "The psalmist cannot escape the Spirit, and discovers that he does not need to: the same "
                "presence that searches him also *leads* and *holds* him. Where have you sensed God's "
                "presence this week?",
                "Le psalmiste ne peut échapper à l’Esprit, et découvre qu’il n’en a pas besoin : la même "
                "présence qui le sonde le *conduit* et le *saisit*. Où avez-vous perçu la présence de Dieu "
                "cette semaine ?",
                title_en="Think about it",
                title_fr="À méditer",
            ),
        ),
        slide(
            CONTENT,
            "Another Comforter",
            "Un autre Consolateur",
            verse(
                "John 14:16-17",
                "And I will pray the Father, and he shall give you another Comforter, that he may abide "
                "with you for ever; Even the Spirit of truth; whom the world cannot receive, because it "
                "seeth him not, neither knoweth him: but ye know him; for he dwelleth with you, and shall "
                "be in you.",
                "Et je prierai le Père, qui vous donnera un autre Consolateur, afin qu'il soit "
                "éternellement avec vous, l'Esprit de vérité, que le monde ne peut recevoir, parce qu'il ne "
                "le voit pas et ne le connaît pas; mais vous, vous le connaissez, parce qu'il demeure avec "
                "vous, et il sera en vous.",
            ),
            vocabulary(PARAKLETOS),
            bullets(
                [
                    "He **teaches** and reminds (John 14:26)",
                    "He **testifies** about Jesus (John 15:26)",
                    "He **convicts** the world (John 16:8)",
                    "He **guides** into all truth (John 16:13)",
                ],
                [
                    "Il **enseigne** et rappelle (Jean 14,26)",
                    "Il **rend témoignage** de Jésus (Jean 15,26)",
                    "Il **convainc** le monde (Jean 16,8)",
                    "Il **conduit** dans toute la vérité (Jean 16,13)",
                ],
            ),
            notes=(
                "“Another” (*allos*) means another of the same kind: the Spirit continues the presence of "
                "Jesus with his disciples.",
                "« Autre » (*allos*) signifie un autre de même nature : l’Esprit prolonge la présence de "
                "Jésus auprès de ses disciples.",
            ),
        ),
        slide(
            QUIZ,
            "Check your understanding",
            "Vérifiez vos connaissances",
            heading("Three quick questions", "Trois questions rapides"),
            quiz_block("pneuma-1-check"),
        ),
        slide(
            BLANK,
            None,
            None,
            divider("ornament"),
            verse(
                "Psalm 51:10-11",
                "Create in me a clean heart, O God; and renew a right spirit within me.\n"
                "Cast me not away from thy presence; and take not thy holy spirit from me.",
                "Dieu, crée en moi un coeur pur. Et renouvelle en moi un esprit bien disposé!\n"
                "Ne me rejette pas loin de ta face, Et ne me retire pas ton esprit saint!",
                style=KEY_VERSE_STYLE,
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="pneuma-1-check",
            title_en="Breath, wind and Comforter",
            title_fr="Souffle, vent et Consolateur",
            on_slide=4,
            passing_score_percentage=60,
            questions=(
                choice(
                    "Which Hebrew word means both *spirit* and *wind*?",
                    "Quel mot hébreu signifie à la fois *esprit* et *vent* ?",
                    [
                        ("a", "ruach", "rouah"),
                        ("b", "chesed", "hesed"),
                        ("c", "shalom", "shalom"),
                        ("d", "torah", "torah"),
                    ],
                    ["a"],
                    explain=(
                        "*Ruach* (H7307) is the wind, the breath and the Spirit of God.",
                        "*Rouah* (H7307) désigne le vent, le souffle et l’Esprit de Dieu.",
                    ),
                ),
                true_false(
                    "In John 14:16 Jesus calls the Spirit *another* Comforter, implying that Jesus himself "
                    "was the first.",
                    "En Jean 14,16, Jésus appelle l’Esprit un *autre* Consolateur : Jésus lui-même était donc "
                    "le premier.",
                    True,
                    explain=(
                        "1 John 2:1 even calls Jesus our *paraklētos* (“advocate”) with the Father.",
                        "1 Jean 2,1 appelle d’ailleurs Jésus notre *paraklētos* (« avocat ») auprès du Père.",
                    ),
                ),
                short_answer(
                    "Which Greek word does John use for the Comforter? (Transliterate it.)",
                    "Quel mot grec Jean emploie-t-il pour le Consolateur ? (Translittérez-le.)",
                    ["parakletos", "paraklētos", "paraclete"],
                    ["paraklêtos", "parakletos", "Paraclet"],
                    ignore_accents=True,
                    explain=("*Paraklētos*, G3875.", "*Paraklētos*, G3875."),
                ),
            ),
        ),
    ),
)

PENTECOST = LessonSpec(
    slug="pentecost",
    title_en="Pentecost: the Spirit poured out",
    title_fr="La Pentecôte : l’Esprit répandu",
    description_en="Wind, fire and languages: what happened in Jerusalem fifty days after Passover.",
    description_fr="Vent, feu et langues : ce qui s’est passé à Jérusalem cinquante jours après la Pâque.",
    estimated_minutes=30,
    slides=(
        title_slide(
            "Pentecost",
            "La Pentecôte",
            "Fifty days after Passover, the promise of the Father arrives",
            "Cinquante jours après la Pâque, la promesse du Père s’accomplit",
        ),
        slide(
            IMAGE_FOCUS,
            "In one place",
            "Dans le même lieu",
            image(
                "/media/demo/pneumatology/pentecost-upper-room.jpg",
                alt_en="The disciples gathered in a room in Jerusalem, with flames resting above each of them",
                alt_fr="Les disciples réunis dans une salle de Jérusalem, une flamme posée sur chacun d’eux",
                caption_en="“They were all with one accord in one place” (Acts 2:1)",
                caption_fr="« Ils étaient tous ensemble dans le même lieu » (Actes 2,1)",
                size=(1600, 900),
            ),
        ),
        slide(
            CONTENT,
            "Wind, fire and tongues",
            "Vent, feu et langues",
            verse(
                "Acts 2:1-4",
                "And when the day of Pentecost was fully come, they were all with one accord in one place. "
                "And suddenly there came a sound from heaven as of a rushing mighty wind, and it filled all "
                "the house where they were sitting. And there appeared unto them cloven tongues like as of "
                "fire, and it sat upon each of them. And they were all filled with the Holy Ghost, and "
                "began to speak with other tongues, as the Spirit gave them utterance.",
                "Quand fut arrivé le jour de la Pentecôte, ils étaient tous ensemble dans le même lieu. "
                "Tout à coup, il vint du ciel un bruit pareil à celui d'un vent qui souffle avec "
                "impétuosité, et il remplit toute la maison où ils étaient assis. Alors ils virent paraître "
                "des langues séparées les unes des autres, qui étaient comme des langues de feu, et qui se "
                "posèrent sur chacun d'eux. Ils furent tous remplis du Saint-Esprit, et ils commencèrent à "
                "parler en des langues étrangères, selon que l'Esprit leur donnait de s'exprimer.",
            ),
            bullets(
                [
                    ("**Wind**: a sound you hear", ["the *ruach* of Genesis 1 and Ezekiel 37"]),
                    ("**Fire**: a sight you see", ["God's presence at Sinai and in the burning bush"]),
                    ("**Tongues**: words others understand", ["Babel reversed (Genesis 11)"]),
                ],
                [
                    ("**Vent** : un bruit qu’on entend", ["le *rouah* de Genèse 1 et d’Ézéchiel 37"]),
                    ("**Feu** : une vision", ["la présence de Dieu au Sinaï et dans le buisson ardent"]),
                    ("**Langues** : des paroles que d’autres comprennent", ["Babel renversée (Genèse 11)"]),
                ],
            ),
        ),
        slide(
            TWO_COLUMN,
            "Promise and fulfilment",
            "Promesse et accomplissement",
            verse(
                "Acts 1:8",
                "But ye shall receive power, after that the Holy Ghost is come upon you: and ye shall be "
                "witnesses unto me both in Jerusalem, and in all Judaea, and in Samaria, and unto the "
                "uttermost part of the earth.",
                "Mais vous recevrez la vertu du Saint-Esprit, qui descendra sur vous; et vous serez mes "
                "témoins, tant à Jérusalem que dans toute la Judée et la Samarie, et jusqu'aux extrémités de "
                "la terre.",
            ),
            verse(
                "Acts 2:38",
                "Then Peter said unto them, Repent, and be baptized every one of you in the name of Jesus "
                "Christ for the remission of sins, and ye shall receive the gift of the Holy Ghost.",
                "Pierre leur répondit: Convertissez-vous, et que chacun de vous soit baptisé au nom de "
                "Jésus-Christ pour obtenir la rémission de ses péchés; et vous recevrez le don du "
                "Saint-Esprit.",
            ),
            notes=(
                "Acts 1:8 is also the outline of the whole book: Jerusalem (1–7), Judaea and Samaria (8–12), "
                "the ends of the earth (13–28).",
                "Actes 1,8 est aussi le plan du livre : Jérusalem (1–7), la Judée et la Samarie (8–12), les "
                "extrémités de la terre (13–28).",
            ),
        ),
        slide(
            CONTENT,
            "Background: the feast of weeks",
            "Contexte : la fête des semaines",
            text(
                "Pentecost was already a Jewish feast: *Shavuot*, the feast of weeks, celebrated fifty days "
                "after Passover to give thanks for the wheat harvest (Leviticus 23:15-21). Pilgrims from "
                "every nation were in Jerusalem, which is why so many heard the apostles “in their own "
                "language”.",
                "La Pentecôte était déjà une fête juive : *Chavouot*, la fête des semaines, célébrée "
                "cinquante jours après la Pâque pour rendre grâce pour la moisson du blé (Lévitique "
                "23,15-21). Des pèlerins de toutes les nations se trouvaient à Jérusalem : voilà pourquoi "
                "tant d’entre eux entendirent les apôtres « dans leur propre langue ».",
            ),
            vocabulary(
                Word(
                    term="πεντηκοστή",
                    transliteration="pentēkostē",
                    language="greek",
                    strongs="G4005",
                    part_of_speech=("adjective used as a noun", "adjectif substantivé"),
                    definition_en="*fiftieth* (day): the feast fifty days after Passover",
                    definition_fr="*cinquantième* (jour) : la fête cinquante jours après la Pâque",
                )
            ),
            callout(
                "info",
                "The first harvest feast becomes the first harvest of the church: about three thousand "
                "people were baptised that day (Acts 2:41).",
                "La fête de la première moisson devient la première moisson de l’Église : environ trois "
                "mille personnes furent baptisées ce jour-là (Actes 2,41).",
                title_en="A harvest",
                title_fr="Une moisson",
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="pneuma-2-quiz",
            title_en="Pentecost quiz",
            title_fr="Quiz sur la Pentecôte",
            passing_score_percentage=70,
            time_limit_minutes=10,
            shuffle_questions=True,
            shuffle_options=True,
            max_attempts=3,
            questions=(
                choice(
                    "Which signs accompanied the Spirit's coming in Acts 2:1-4? (Choose all that apply.)",
                    "Quels signes ont accompagné la venue de l’Esprit en Actes 2,1-4 ? (Plusieurs réponses.)",
                    [
                        (
                            "a",
                            "A sound like a rushing mighty wind",
                            "Un bruit comme celui d’un vent impétueux",
                        ),
                        ("b", "Tongues like as of fire", "Des langues comme de feu"),
                        ("c", "An earthquake", "Un tremblement de terre"),
                        ("d", "Speaking in other tongues", "Parler en d’autres langues"),
                        ("e", "A dove descending", "Une colombe qui descend"),
                    ],
                    ["a", "b", "d"],
                    multiple=True,
                    points=2,
                    explain=(
                        "The dove belongs to Jesus' baptism (Luke 3:22), the earthquake to Acts 4:31.",
                        "La colombe appartient au baptême de Jésus (Luc 3,22), le tremblement de terre à "
                        "Actes 4,31.",
                    ),
                ),
                fill_blank(
                    "“But ye shall receive {{1}}, after that the Holy Ghost is come upon you: and ye shall be "
                    "{{2}} unto me” (Acts 1:8).",
                    "« Mais vous recevrez la {{1}} du Saint-Esprit, qui descendra sur vous; et vous serez mes "
                    "{{2}} » (Actes 1,8).",
                    [(["power"], ["vertu", "puissance"]), (["witnesses"], ["témoins"])],
                ),
                true_false(
                    "Pentecost was originally a Jewish harvest feast, fifty days after Passover.",
                    "La Pentecôte était à l’origine une fête juive de la moisson, cinquante jours après la "
                    "Pâque.",
                    True,
                ),
                matching(
                    "Match each verse with what it says.",
                    "Associez chaque verset à ce qu’il dit.",
                    [
                        ("l1", "Acts 1:8", "Actes 1,8"),
                        ("l2", "Acts 2:4", "Actes 2,4"),
                        ("l3", "Acts 2:38", "Actes 2,38"),
                    ],
                    [
                        (
                            "r1",
                            "The promise of power to be witnesses",
                            "La promesse d’une force pour témoigner",
                        ),
                        (
                            "r2",
                            "They began to speak with other tongues",
                            "Ils se mirent à parler d’autres langues",
                        ),
                        (
                            "r3",
                            "The gift of the Spirit offered to all who repent",
                            "Le don de l’Esprit offert à qui se convertit",
                        ),
                        ("r4", "The Spirit descends like a dove", "L’Esprit descend comme une colombe"),
                    ],
                    [("l1", "r1"), ("l2", "r2"), ("l3", "r3")],
                    points=3,
                ),
            ),
        ),
    ),
)

FRUIT = Word(
    term="καρπός",
    transliteration="karpos",
    language="greek",
    strongs="G2590",
    part_of_speech=("noun", "nom"),
    definition_en="fruit, harvest; what a life produces",
    definition_fr="fruit, récolte ; ce que produit une vie",
)
AGAPE = Word(
    term="ἀγάπη",
    transliteration="agapē",
    language="greek",
    strongs="G26",
    part_of_speech=("noun", "nom"),
    definition_en="love that gives itself for the good of the other",
    definition_fr="amour qui se donne pour le bien de l’autre",
)
CHARA = Word(
    term="χαρά",
    transliteration="chara",
    language="greek",
    strongs="G5479",
    part_of_speech=("noun", "nom"),
    definition_en="joy, gladness",
    definition_fr="joie, allégresse",
)
EIRENE = Word(
    term="εἰρήνη",
    transliteration="eirēnē",
    language="greek",
    strongs="G1515",
    part_of_speech=("noun", "nom"),
    definition_en="peace, wholeness; the Greek for the Hebrew *shalom*",
    definition_fr="paix, plénitude ; le grec de l’hébreu *shalom*",
)

FRUIT_OF_THE_SPIRIT = LessonSpec(
    slug="fruit-of-the-spirit",
    title_en="The fruit of the Spirit",
    title_fr="Le fruit de l’Esprit",
    description_en="One harvest, nine flavours: Galatians 5:22-23 word by word.",
    description_fr="Une seule récolte, neuf saveurs : Galates 5,22-23 mot à mot.",
    estimated_minutes=25,
    slides=(
        title_slide(
            "The fruit of the Spirit",
            "Le fruit de l’Esprit",
            "What grows in a life led by the Spirit",
            "Ce qui pousse dans une vie conduite par l’Esprit",
        ),
        slide(
            CONTENT,
            "Galatians 5:22-23",
            "Galates 5,22-23",
            verse(
                "Galatians 5:22-23",
                "But the fruit of the Spirit is love, joy, peace, longsuffering, gentleness, goodness, "
                "faith, Meekness, temperance: against such there is no law.",
                "Mais le fruit de l'Esprit, c'est l'amour, la joie, la paix, la patience, la bienveillance, "
                "la bonté, la fidélité, la douceur, la tempérance; la loi n'est pas contre de telles choses!",
            ),
            text(
                "Notice the singular: *fruit*, not fruits. Paul does not describe nine gifts to choose from "
                "but one harvest with nine flavours, grown together by the Spirit — in contrast with the "
                "“works of the flesh” listed just before (Galatians 5:19-21).",
                "Remarquez le singulier : *le fruit*, non les fruits. Paul ne décrit pas neuf dons parmi "
                "lesquels choisir, mais une seule récolte aux neuf saveurs, que l’Esprit fait mûrir "
                "ensemble — à l’opposé des « œuvres de la chair » énumérées juste avant (Galates 5,19-21).",
            ),
        ),
        slide(
            TWO_COLUMN,
            "Nine in one",
            "Neuf en un",
            bullets(
                [
                    "Love",
                    "Joy",
                    "Peace",
                    "Longsuffering (patience)",
                    "Gentleness (kindness)",
                    "Goodness",
                    "Faith (faithfulness)",
                    "Meekness (gentleness)",
                    "Temperance (self-control)",
                ],
                [
                    "L’amour",
                    "La joie",
                    "La paix",
                    "La patience",
                    "La bienveillance",
                    "La bonté",
                    "La fidélité",
                    "La douceur",
                    "La tempérance (maîtrise de soi)",
                ],
                numbered=True,
            ),
            vocabulary(FRUIT, AGAPE, CHARA, EIRENE),
        ),
        slide(
            IMAGE_FOCUS,
            "Abide in the vine",
            "Demeurer dans le cep",
            image(
                "/media/demo/pneumatology/vine-and-branches.jpg",
                alt_en="A grapevine heavy with ripe clusters on an old stone terrace",
                alt_fr="Une vigne chargée de grappes mûres sur une vieille terrasse de pierre",
                caption_en="Fruit is grown, not manufactured (John 15:5).",
                caption_fr="Le fruit mûrit, il ne se fabrique pas (Jean 15,5).",
                size=(1600, 1067),
            ),
        ),
        slide(
            QUIZ,
            "Greek words of the fruit",
            "Les mots grecs du fruit",
            quiz_block("pneuma-3-match"),
        ),
        slide(
            BLANK,
            None,
            None,
            verse(
                "Galatians 5:25",
                "If we live in the Spirit, let us also walk in the Spirit.",
                "Si nous vivons par l'Esprit, marchons aussi selon l'Esprit.",
                style=KEY_VERSE_STYLE,
            ),
            divider("space"),
            notes=(
                "End in silence: invite everyone to pick one flavour of the fruit to pray for this week.",
                "Terminez en silence : invitez chacun à choisir une saveur du fruit pour laquelle prier "
                "cette semaine.",
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="pneuma-3-match",
            title_en="Greek words of the fruit",
            title_fr="Les mots grecs du fruit",
            on_slide=4,
            passing_score_percentage=80,
            show_correct_answers=False,
            questions=(
                matching(
                    "Match each Greek word with its meaning.",
                    "Associez chaque mot grec à son sens.",
                    [
                        ("l1", "ἀγάπη (agapē)", "ἀγάπη (agapē)"),
                        ("l2", "χαρά (chara)", "χαρά (chara)"),
                        ("l3", "εἰρήνη (eirēnē)", "εἰρήνη (eirēnē)"),
                        ("l4", "καρπός (karpos)", "καρπός (karpos)"),
                    ],
                    [
                        ("r1", "love", "amour"),
                        ("r2", "joy", "joie"),
                        ("r3", "peace", "paix"),
                        ("r4", "fruit", "fruit"),
                        ("r5", "faith", "foi"),
                    ],
                    [("l1", "r1"), ("l2", "r2"), ("l3", "r3"), ("l4", "r4")],
                    points=4,
                ),
                true_false(
                    "Paul lists nine separate “fruits of the Spirit”.",
                    "Paul énumère neuf « fruits de l’Esprit » distincts.",
                    False,
                    explain=(
                        "The word is singular: one fruit with nine aspects.",
                        "Le mot est au singulier : un seul fruit aux neuf aspects.",
                    ),
                ),
            ),
        ),
    ),
)

ABBA = Word(
    term="ἀββά",
    transliteration="abba",
    language="greek",
    strongs="G5",
    part_of_speech=("noun (from Aramaic)", "nom (de l’araméen)"),
    definition_en="*Father*: the Aramaic word of a child to a father, kept untranslated in Greek",
    definition_fr="*Père* : le mot araméen d’un enfant à son père, gardé tel quel en grec",
)

THE_SPIRIT_HELPS_US_PRAY = LessonSpec(
    slug="the-spirit-helps-us-pray",
    title_en="The Spirit who helps us pray",
    title_fr="L’Esprit qui nous aide à prier",
    description_en="Romans 8: when we do not know what to pray, the Spirit intercedes.",
    description_fr="Romains 8 : quand nous ne savons pas que demander, l’Esprit intercède.",
    estimated_minutes=20,
    slides=(
        title_slide(
            "The Spirit who helps us pray",
            "L’Esprit qui nous aide à prier",
            "Romans 8:14-27",
            "Romains 8,14-27",
        ),
        slide(
            CONTENT,
            "Groanings which cannot be uttered",
            "Des soupirs inexprimables",
            verse(
                "Romans 8:26-27",
                "Likewise the Spirit also helpeth our infirmities: for we know not what we should pray for "
                "as we ought: but the Spirit itself maketh intercession for us with groanings which cannot "
                "be uttered. And he that searcheth the hearts knoweth what is the mind of the Spirit, "
                "because he maketh intercession for the saints according to the will of God.",
                "De même aussi, l'Esprit vient en aide à notre faiblesse. Car nous ne savons pas ce que nous "
                "devons demander, pour prier comme il faut; mais l'Esprit lui-même intercède pour nous par "
                "des soupirs inexprimables. Et Celui qui sonde les coeurs sait quelle est la pensée de "
                "l'Esprit, parce que c'est selon Dieu qu'il intercède en faveur des saints.",
            ),
            vocabulary(
                Word(
                    term="συναντιλαμβάνομαι",
                    transliteration="synantilambanomai",
                    language="greek",
                    strongs="G4878",
                    part_of_speech=("verb", "verbe"),
                    definition_en="to take hold *together with*: to lend a hand with a load (“helpeth”)",
                    definition_fr="saisir *avec* : prêter main-forte pour porter une charge (« vient en aide »)",
                ),
                Word(
                    term="στεναγμός",
                    transliteration="stenagmos",
                    language="greek",
                    strongs="G4726",
                    part_of_speech=("noun", "nom"),
                    definition_en="a groaning, a sigh",
                    definition_fr="un gémissement, un soupir",
                ),
            ),
        ),
        slide(
            CONTENT,
            "The Spirit of adoption",
            "L’Esprit d’adoption",
            verse(
                "Romans 8:14-16",
                "For as many as are led by the Spirit of God, they are the sons of God. For ye have not "
                "received the spirit of bondage again to fear; but ye have received the Spirit of adoption, "
                "whereby we cry, Abba, Father. The Spirit itself beareth witness with our spirit, that we "
                "are the children of God:",
                "Car tous ceux qui sont conduits par l'Esprit de Dieu, sont fils de Dieu. Aussi bien, vous "
                "n'avez pas reçu un esprit de servitude pour être encore dans la crainte; mais vous avez reçu "
                "l'esprit d'adoption, par lequel nous crions: Abba, c'est-à-dire: Père! L'Esprit lui-même "
                "rend témoignage à notre esprit que nous sommes enfants de Dieu.",
            ),
            vocabulary(ABBA),
            callout(
                "info",
                "Jesus prayed “Abba, Father” in Gethsemane (Mark 14:36). The Spirit gives us the same words "
                "to pray.",
                "Jésus a prié « Abba, Père » à Gethsémané (Marc 14,36). L’Esprit nous donne les mêmes mots "
                "pour prier.",
            ),
        ),
        slide(
            TWO_COLUMN,
            "Praying with the Spirit",
            "Prier avec l’Esprit",
            bullets(
                [
                    "Begin with silence: let the Spirit set the agenda",
                    "Pray a psalm slowly, line by line",
                    "Say “Abba” when words run out",
                    "Pray *with* others: the Spirit builds a body",
                ],
                [
                    "Commencer par le silence : laisser l’Esprit fixer l’ordre du jour",
                    "Prier un psaume lentement, ligne après ligne",
                    "Dire « Abba » quand les mots manquent",
                    "Prier *avec* d’autres : l’Esprit construit un corps",
                ],
            ),
            callout(
                "tip",
                "Try the same practice every day this week, at the same time, for five minutes.",
                "Essayez la même pratique chaque jour cette semaine, à la même heure, pendant cinq minutes.",
                title_en="This week",
                title_fr="Cette semaine",
            ),
        ),
        slide(
            BLANK,
            None,
            None,
            divider("ornament"),
            callout(
                "reflection",
                "Spend two minutes in silence. You do not need the right words: “the Spirit itself maketh "
                "intercession for us”.",
                "Restez deux minutes en silence. Vous n’avez pas besoin des bons mots : « l’Esprit lui-même "
                "intercède pour nous ».",
                title_en="Pause and pray",
                title_fr="Pause et prière",
                style={"align": "center"},
            ),
        ),
    ),
    quizzes=(
        QuizSpec(
            key="pneuma-4-review",
            title_en="Course review: the Holy Spirit",
            title_fr="Révision du cours : le Saint-Esprit",
            passing_score_percentage=75,
            time_limit_minutes=20,
            shuffle_questions=True,
            allow_review=False,
            show_correct_answers=False,
            max_attempts=2,
            questions=(
                choice(
                    "According to Romans 8:26, how does the Spirit intercede for us?",
                    "D’après Romains 8,26, comment l’Esprit intercède-t-il pour nous ?",
                    [
                        ("a", "With groanings which cannot be uttered", "Par des soupirs inexprimables"),
                        ("b", "With loud cries in the temple", "Par de grands cris dans le temple"),
                        ("c", "Only through written prayers", "Seulement par des prières écrites"),
                    ],
                    ["a"],
                ),
                true_false(
                    "Romans 8:15 contrasts a spirit of bondage with the Spirit of adoption.",
                    "Romains 8,15 oppose un esprit de servitude à l’esprit d’adoption.",
                    True,
                ),
                short_answer(
                    "Which Aramaic word for “Father” appears in Romans 8:15?",
                    "Quel mot araméen pour « Père » apparaît en Romains 8,15 ?",
                    ["Abba"],
                    ["Abba"],
                ),
                choice(
                    "Which of these is *not* part of the fruit of the Spirit in Galatians 5:22-23?",
                    "Lequel de ces éléments ne fait *pas* partie du fruit de l’Esprit en Galates 5,22-23 ?",
                    [
                        ("a", "Temperance", "La tempérance"),
                        ("b", "Wisdom", "La sagesse"),
                        ("c", "Meekness", "La douceur"),
                        ("d", "Longsuffering", "La patience"),
                    ],
                    ["b"],
                    points=2,
                    explain=(
                        "Wisdom is a gift of the Spirit (1 Corinthians 12:8), not in the list of Galatians 5.",
                        "La sagesse est un don de l’Esprit (1 Corinthiens 12,8), absent de la liste de "
                        "Galates 5.",
                    ),
                ),
            ),
        ),
    ),
)

COURSE = CourseSpec(
    slug="pneumatology-the-holy-spirit",
    teacher_email="miriam.okafor@demo.bibliology.org",
    title_en="Pneumatology: the Holy Spirit",
    title_fr="Pneumatologie : le Saint-Esprit",
    description_en=(
        "Who is the Holy Spirit, and what does he do? Follow the Spirit from the breath of creation to "
        "Pentecost, learn the Hebrew and Greek words behind our Bibles, and discover how the Spirit bears "
        "fruit in us and helps us pray."
    ),
    description_fr=(
        "Qui est le Saint-Esprit, et que fait-il ? Suivez l’Esprit du souffle de la création jusqu’à la "
        "Pentecôte, découvrez les mots hébreux et grecs derrière nos Bibles, et voyez comment l’Esprit "
        "porte du fruit en nous et nous aide à prier."
    ),
    category="Theology",
    tags=("Pneumatology", "Holy Spirit", "Acts", "Galatians", "Romans"),
    difficulty="Beginner",
    estimated_hours=4,
    created_days_ago=89,
    published_days_ago=82,
    colour="#8a3b2e",
    cover=True,
    lessons=(WHO_IS_THE_SPIRIT, PENTECOST, FRUIT_OF_THE_SPIRIT, THE_SPIRIT_HELPS_US_PRAY),
)
