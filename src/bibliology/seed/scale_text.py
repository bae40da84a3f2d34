"""Word lists and fixed texts for benchmark data, English and French side by side.

Each entry is an (English, French) pair, so a sentence assembled from the same picks reads the same
in both languages. Bible texts are public-domain translations (KJV, Louis Segond 1910).
"""

from __future__ import annotations

from typing import NamedTuple

Pair = tuple[str, str]

FIRST_NAMES_EN = (
    "James", "Mary", "John", "Sarah", "David", "Ruth", "Daniel", "Esther", "Samuel", "Hannah",
    "Michael", "Grace", "Thomas", "Lydia", "Andrew", "Rebecca", "Peter", "Abigail", "Matthew", "Naomi",
)  # fmt: skip
FIRST_NAMES_FR = (
    "Jean", "Marie", "Pierre", "Élise", "Luc", "Anne", "Paul", "Claire", "Étienne", "Sophie",
    "Matthieu", "Camille", "Joël", "Léa", "Philippe", "Chloé", "Simon", "Noémie", "André", "Salomé",
)  # fmt: skip
LAST_NAMES_EN = (
    "Smith", "Johnson", "Walker", "Carter", "Brooks", "Bennett", "Hughes", "Foster",
    "Morgan", "Reed", "Turner", "Parker", "Ellis", "Hayes", "Grant", "Wallace",
)  # fmt: skip
LAST_NAMES_FR = (
    "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux",
    "Fontaine", "Mercier", "Chevalier", "Rousseau", "Blanc", "Garnier", "Faure", "Lambert",
)  # fmt: skip

COURSE_TOPICS: tuple[Pair, ...] = (
    ("The Gospel of John", "L’Évangile de Jean"),
    ("The Book of Genesis", "Le livre de la Genèse"),
    ("The Psalms", "Les Psaumes"),
    ("The Letter to the Romans", "L’épître aux Romains"),
    ("The Prophets", "Les prophètes"),
    ("The Acts of the Apostles", "Les Actes des apôtres"),
    ("The Sermon on the Mount", "Le Sermon sur la montagne"),
    ("The Book of Exodus", "Le livre de l’Exode"),
    ("Wisdom Literature", "Les livres de sagesse"),
    ("The Letters of Paul", "Les lettres de Paul"),
    ("The Book of Isaiah", "Le livre d’Ésaïe"),
    ("The Parables of Jesus", "Les paraboles de Jésus"),
    ("The Letter to the Hebrews", "L’épître aux Hébreux"),
    ("The Book of Revelation", "L’Apocalypse"),
    ("The Holy Spirit", "Le Saint-Esprit"),
    ("Covenant Theology", "La théologie de l’alliance"),
    ("Biblical Greek", "Le grec biblique"),
    ("Biblical Hebrew", "L’hébreu biblique"),
    ("Church History", "L’histoire de l’Église"),
    ("The Minor Prophets", "Les petits prophètes"),
    ("The Gospel of Mark", "L’Évangile de Marc"),
    ("Ruth and Esther", "Ruth et Esther"),
    ("Prayer in Scripture", "La prière dans l’Écriture"),
    ("Christian Ethics", "L’éthique chrétienne"),
)
COURSE_SUBTITLES: tuple[Pair, ...] = (
    ("An Introduction", "Une introduction"),
    ("A Close Reading", "Une lecture attentive"),
    ("Themes and Structure", "Thèmes et structure"),
    ("History and Context", "Histoire et contexte"),
    ("For Small Groups", "Pour les petits groupes"),
    ("Foundations", "Les fondements"),
    ("Key Passages", "Passages clés"),
    ("A Study Guide", "Un guide d’étude"),
    ("Reading with the Church", "Lire avec l’Église"),
    ("Faith and Life", "Foi et vie"),
)
CATEGORIES = ("Biblical Studies", "Theology", "Languages", "Church History", "Spiritual Life")
DIFFICULTIES = ("Beginner", "Intermediate", "Advanced")
TAGS = (
    "Gospels", "Old Testament", "New Testament", "Prayer", "Holy Spirit", "Grace",
    "Covenant", "Wisdom", "Prophecy", "Greek", "Hebrew", "Ethics",
)  # fmt: skip

LESSON_TOPICS: tuple[Pair, ...] = (
    ("Historical context", "Le contexte historique"),
    ("Author and audience", "L’auteur et ses destinataires"),
    ("Structure and outline", "Structure et plan"),
    ("Key themes", "Les thèmes principaux"),
    ("Reading the text closely", "Lire le texte de près"),
    ("Covenant and promise", "Alliance et promesse"),
    ("Prayer and worship", "Prière et adoration"),
    ("Grace and faith", "La grâce et la foi"),
    ("Law and freedom", "La loi et la liberté"),
    ("The kingdom of God", "Le royaume de Dieu"),
    ("Signs and wonders", "Signes et prodiges"),
    ("Suffering and hope", "Souffrance et espérance"),
    ("Wisdom for daily life", "La sagesse au quotidien"),
    ("Creation and new creation", "Création et nouvelle création"),
    ("The people of God", "Le peuple de Dieu"),
    ("Sin and forgiveness", "Le péché et le pardon"),
    ("Justice and mercy", "Justice et miséricorde"),
    ("The names of God", "Les noms de Dieu"),
    ("Discipleship", "Être disciple"),
    ("Mission to the nations", "La mission auprès des nations"),
    ("Prophecy and fulfilment", "Prophétie et accomplissement"),
    ("Parables and their meaning", "Les paraboles et leur sens"),
    ("Word studies", "Études de mots"),
    ("Poetry and imagery", "Poésie et images"),
    ("Leadership and service", "Autorité et service"),
    ("The resurrection", "La résurrection"),
    ("Community and fellowship", "Communauté et communion"),
    ("Temptation and testing", "Tentation et épreuve"),
    ("Worship in the temple", "Le culte au temple"),
    ("Living it out today", "Le vivre aujourd’hui"),
    ("Review and reflection", "Révision et méditation"),
    ("Exile and return", "L’exil et le retour"),
)
SLIDE_TITLES: tuple[Pair, ...] = (
    ("Opening question", "Question d’ouverture"),
    ("Background", "Arrière-plan"),
    ("Reading", "Lecture"),
    ("Key verse", "Verset clé"),
    ("Word study", "Étude de mot"),
    ("Observation", "Observation"),
    ("Interpretation", "Interprétation"),
    ("Application", "Application"),
    ("Discussion", "Discussion"),
    ("Summary", "Résumé"),
    ("Going deeper", "Pour aller plus loin"),
    ("Map and timeline", "Carte et chronologie"),
    ("Reflection", "Méditation"),
    ("Cross references", "Références croisées"),
)
QUIZ_SLIDE_TITLE: Pair = ("Check your understanding", "Vérifiez votre compréhension")

# Sentence parts: "<subject> <verb> <object> <complement>." agrees in both languages.
SUBJECTS: tuple[Pair, ...] = (
    ("The apostle Paul", "L’apôtre Paul"),
    ("The prophet Isaiah", "Le prophète Ésaïe"),
    ("Jesus", "Jésus"),
    ("The early church", "L’Église primitive"),
    ("Moses", "Moïse"),
    ("King David", "Le roi David"),
    ("The psalmist", "Le psalmiste"),
    ("Peter", "Pierre"),
    ("The author of Hebrews", "L’auteur de l’épître aux Hébreux"),
    ("The evangelist Luke", "L’évangéliste Luc"),
)
VERBS: tuple[Pair, ...] = (
    ("teaches", "enseigne"),
    ("announces", "annonce"),
    ("reminds us of", "nous rappelle"),
    ("describes", "décrit"),
    ("celebrates", "célèbre"),
    ("explains", "explique"),
    ("proclaims", "proclame"),
    ("bears witness to", "rend témoignage à"),
)
OBJECTS: tuple[Pair, ...] = (
    ("the grace of God", "la grâce de Dieu"),
    ("the kingdom of heaven", "le royaume des cieux"),
    ("the covenant with Abraham", "l’alliance avec Abraham"),
    ("the faithfulness of the Lord", "la fidélité du Seigneur"),
    ("the hope of the resurrection", "l’espérance de la résurrection"),
    ("the call to holiness", "l’appel à la sainteté"),
    ("the love of neighbour", "l’amour du prochain"),
    ("the promise of the Spirit", "la promesse de l’Esprit"),
    ("the law given at Sinai", "la loi donnée au Sinaï"),
    ("the mercy shown to Israel", "la miséricorde envers Israël"),
    ("the new creation", "la nouvelle création"),
    ("the gift of salvation", "le don du salut"),
)
COMPLEMENTS: tuple[Pair, ...] = (
    ("in the Gospel of John", "dans l’Évangile de Jean"),
    ("to the believers in Rome", "aux croyants de Rome"),
    ("throughout the Psalms", "tout au long des Psaumes"),
    ("in the wilderness", "dans le désert"),
    ("in Jerusalem", "à Jérusalem"),
    ("before the exile", "avant l’exil"),
    ("with great clarity", "avec une grande clarté"),
    ("in a time of trial", "dans un temps d’épreuve"),
    ("to every generation", "à chaque génération"),
    ("through many images", "à travers de nombreuses images"),
)
# Sentences around one object: "{}" is replaced by an OBJECTS entry.
FRAMES: tuple[Pair, ...] = (
    ("This passage shows {}.", "Ce passage montre {}."),
    ("Read the text slowly and notice {}.", "Lisez le texte lentement et remarquez {}."),
    ("The whole chapter is about {}.", "Tout le chapitre parle de {}."),
    ("Early readers heard here {}.", "Les premiers lecteurs entendaient ici {}."),
)
REFLECTIONS: tuple[Pair, ...] = (
    ("What does {} change in your prayer this week?", "Qu’est-ce que {} change dans votre prière cette semaine ?"),
    ("Where have you seen {} at work?", "Où avez-vous vu {} à l’œuvre ?"),
    ("How would you explain {} to a friend?", "Comment expliqueriez-vous {} à un ami ?"),
)  # fmt: skip
NOTE_FRAMES: tuple[Pair, ...] = (
    ("Remember: {}.", "À retenir : {}."),
    ("Ask the group about {}.", "Demander au groupe ce qu’il pense de {}."),
    ("Compare with last week: {}.", "Comparer avec la semaine dernière : {}."),
)
CALLOUT_TITLES: dict[str, Pair] = {
    "info": ("Did you know?", "Le saviez-vous ?"),
    "tip": ("Study tip", "Conseil d’étude"),
    "warning": ("A common misunderstanding", "Un malentendu fréquent"),
    "reflection": ("Think about it", "À méditer"),
}
QUOTES: tuple[Pair, ...] = (
    (
        "You have made us for yourself, and our heart is restless until it rests in you. (Augustine)",
        "Tu nous as faits pour toi, et notre cœur est sans repos tant qu’il ne repose en toi. (Augustin)",
    ),
    (
        "Faith is a living, daring confidence in God’s grace. (Martin Luther)",
        "La foi est une confiance vivante et hardie en la grâce de Dieu. (Martin Luther)",
    ),
    (
        "Scripture is the school of the Holy Spirit. (John Calvin)",
        "L’Écriture est l’école du Saint-Esprit. (Jean Calvin)",
    ),
)


class Verse(NamedTuple):
    osis: str
    en: str  # KJV
    fr: str  # Louis Segond 1910


VERSES: tuple[Verse, ...] = (
    Verse("Gen.1.1", "In the beginning God created the heaven and the earth.",
          "Au commencement, Dieu créa les cieux et la terre."),
    Verse("Ps.23.1", "The LORD is my shepherd; I shall not want.",
          "L’Éternel est mon berger : je ne manquerai de rien."),
    Verse("John.1.1", "In the beginning was the Word, and the Word was with God, and the Word was God.",
          "Au commencement était la Parole, et la Parole était avec Dieu, et la Parole était Dieu."),
    Verse("John.3.16",
          "For God so loved the world, that he gave his only begotten Son, that whosoever believeth in "
          "him should not perish, but have everlasting life.",
          "Car Dieu a tant aimé le monde qu’il a donné son Fils unique, afin que quiconque croit en lui "
          "ne périsse point, mais qu’il ait la vie éternelle."),
    Verse("Rom.8.28",
          "And we know that all things work together for good to them that love God, to them who are "
          "the called according to his purpose.",
          "Nous savons, du reste, que toutes choses concourent au bien de ceux qui aiment Dieu, de ceux "
          "qui sont appelés selon son dessein."),
    Verse("Prov.3.5-Prov.3.6",
          "Trust in the LORD with all thine heart; and lean not unto thine own understanding. In all "
          "thy ways acknowledge him, and he shall direct thy paths.",
          "Confie-toi en l’Éternel de tout ton cœur, et ne t’appuie pas sur ta sagesse ; reconnais-le "
          "dans toutes tes voies, et il aplanira tes sentiers."),
    Verse("Matt.5.9", "Blessed are the peacemakers: for they shall be called the children of God.",
          "Heureux ceux qui procurent la paix, car ils seront appelés fils de Dieu !"),
    Verse("Eph.2.8",
          "For by grace are ye saved through faith; and that not of yourselves: it is the gift of God.",
          "Car c’est par la grâce que vous êtes sauvés, par le moyen de la foi. Et cela ne vient pas de "
          "vous, c’est le don de Dieu."),
    Verse("Isa.40.31",
          "But they that wait upon the LORD shall renew their strength; they shall mount up with wings "
          "as eagles; they shall run, and not be weary; and they shall walk, and not faint.",
          "Mais ceux qui se confient en l’Éternel renouvellent leur force. Ils prennent le vol comme les "
          "aigles ; ils courent, et ne se lassent point, ils marchent, et ne se fatiguent point."),
    Verse("Heb.11.1", "Now faith is the substance of things hoped for, the evidence of things not seen.",
          "Or la foi est une ferme assurance des choses qu’on espère, une démonstration de celles qu’on "
          "ne voit pas."),
    Verse("Phil.4.13", "I can do all things through Christ which strengtheneth me.",
          "Je puis tout par celui qui me fortifie."),
    Verse("1John.4.8", "He that loveth not knoweth not God; for God is love.",
          "Celui qui n’aime pas n’a pas connu Dieu, car Dieu est amour."),
    Verse("Mic.6.8",
          "He hath shewed thee, O man, what is good; and what doth the LORD require of thee, but to do "
          "justly, and to love mercy, and to walk humbly with thy God?",
          "On t’a fait connaître, ô homme, ce qui est bien ; et ce que l’Éternel demande de toi, c’est "
          "que tu pratiques la justice, que tu aimes la miséricorde, et que tu marches humblement avec "
          "ton Dieu."),
    Verse("Ps.119.105", "Thy word is a lamp unto my feet, and a light unto my path.",
          "Ta parole est une lampe à mes pieds, et une lumière sur mon sentier."),
    Verse("Gal.5.22-Gal.5.23",
          "But the fruit of the Spirit is love, joy, peace, longsuffering, gentleness, goodness, faith, "
          "meekness, temperance: against such there is no law.",
          "Mais le fruit de l’Esprit, c’est l’amour, la joie, la paix, la patience, la bonté, la "
          "bénignité, la fidélité, la douceur, la tempérance ; la loi n’est pas contre ces choses."),
)  # fmt: skip


class Word(NamedTuple):
    term: str
    language: str
    strongs: str
    transliteration: Pair
    definition: Pair
    part_of_speech: Pair


VOCABULARY: tuple[Word, ...] = (
    Word("λόγος", "greek", "G3056", ("logos", "logos"), ("word, speech, *reason*", "parole, discours, *raison*"), ("noun", "nom")),
    Word("πνεῦμα", "greek", "G4151", ("pneuma", "pneuma"), ("spirit, wind, *breath*", "esprit, vent, *souffle*"), ("noun", "nom")),
    Word("ἀγάπη", "greek", "G26", ("agapē", "agapè"), ("self-giving **love**", "**amour** qui se donne"), ("noun", "nom")),
    Word("χάρις", "greek", "G5485", ("charis", "charis"), ("grace, undeserved favour", "grâce, faveur imméritée"), ("noun", "nom")),
    Word("πίστις", "greek", "G4102", ("pistis", "pistis"), ("faith, trust, faithfulness", "foi, confiance, fidélité"), ("noun", "nom")),
    Word("ἐκκλησία", "greek", "G1577", ("ekklēsia", "ekklèsia"), ("assembly, church", "assemblée, Église"), ("noun", "nom")),
    Word("εὐαγγέλιον", "greek", "G2098", ("euangelion", "euangelion"), ("good news, gospel", "bonne nouvelle, Évangile"), ("noun", "nom")),
    Word("רוּחַ", "hebrew", "H7307", ("ruach", "rouah"), ("spirit, wind, breath", "esprit, vent, souffle"), ("noun", "nom")),
    Word("שָׁלוֹם", "hebrew", "H7965", ("shalom", "shalom"), ("peace, wholeness", "paix, plénitude"), ("noun", "nom")),
    Word("חֶסֶד", "hebrew", "H2617", ("chesed", "hèsèd"), ("steadfast love, kindness", "bonté, amour fidèle"), ("noun", "nom")),
    Word("תּוֹרָה", "hebrew", "H8451", ("torah", "torah"), ("instruction, law", "instruction, loi"), ("noun", "nom")),
    Word("בְּרִית", "hebrew", "H1285", ("berit", "berit"), ("covenant", "alliance"), ("noun", "nom")),
)  # fmt: skip


class Image(NamedTuple):
    url_en: str
    url_fr: str
    alt: Pair
    caption: Pair
    width: int
    height: int


IMAGES: tuple[Image, ...] = (
    Image("/media/maps/galilee-en.png", "/media/maps/galilee-fr.png",
          ("Map of Galilee in Jesus’ time", "Carte de la Galilée au temps de Jésus"),
          ("Galilee, *c.* AD 30", "La Galilée *vers* l’an 30"), 800, 600),
    Image("/media/maps/exodus-route.png", "/media/maps/exodus-route.png",
          ("A possible route of the Exodus", "Un itinéraire possible de l’Exode"),
          ("The wilderness journey", "La traversée du désert"), 1200, 800),
    Image("https://images.example.org/bible/jerusalem-temple.jpg",
          "https://images.example.org/bible/jerusalem-temple.jpg",
          ("Model of the second temple in Jerusalem", "Maquette du second temple de Jérusalem"),
          ("The temple as Herod rebuilt it", "Le temple rebâti par Hérode"), 1600, 900),
    Image("/media/timelines/kings-of-israel.png", "/media/timelines/rois-d-israel.png",
          ("Timeline of the kings of Israel and Judah", "Chronologie des rois d’Israël et de Juda"),
          ("From Saul to the exile", "De Saül à l’exil"), 1400, 500),
    Image("/media/manuscripts/papyrus-52.jpg", "/media/manuscripts/papyrus-52.jpg",
          ("Papyrus fragment of the Gospel of John", "Fragment de papyrus de l’Évangile de Jean"),
          ("One of the oldest New Testament fragments", "L’un des plus anciens fragments du Nouveau Testament"),
          640, 720),
)  # fmt: skip
