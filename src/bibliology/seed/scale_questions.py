"""Quiz questions of benchmark data: a bank of bilingual questions of all five types.

Each quiz takes two questions of each type from the bank, so grading a submission needs only the
(lesson, question) indices: no per-question state is kept while millions of answers stream out.
`answer_given` has the shapes the quiz engine grades: {"selected": [ids]}, {"value": bool},
{"text": str}, {"blanks": {id: str}}, {"pairs": {left id: right id}}. A wrong answer is wholly wrong
(no partial credit), so its points are 0 whatever the quiz's partial-credit policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bibliology.bible.references import format_reference
from bibliology.enums import QuestionType
from bibliology.seed.scale_copy import JsonText, json_text
from bibliology.seed.scale_plan import QUESTIONS_PER_QUIZ
from bibliology.seed.scale_text import VERSES, VOCABULARY, Pair

_TYPES = tuple(QuestionType)
_MATCH = {"ignore_case": True, "ignore_accents": False, "normalize_apostrophes": True}
_MATCH_DEFAULTS = {"normalize_ligatures": True, "collapse_whitespace_punctuation": True}


def _dumps(value: Any) -> JsonText | None:
    return None if value is None else json_text(value)


def _doc(text: str) -> dict[str, str]:
    return {"text": text}


@dataclass(eq=False)
class QuestionTemplate:
    type: QuestionType
    points: int
    text: Pair
    options: tuple[Any, Any] | None  # (en, fr)
    correct: dict[str, Any]
    explanation: Pair | None
    right: tuple[dict[str, Any], dict[str, Any]]  # answer_given of a right answer, per language
    wrong: tuple[dict[str, Any], dict[str, Any]]
    # JSON text, computed once: templates are few, their rows many.
    _columns: dict[bool, tuple[JsonText | None, ...]] = field(init=False, repr=False)
    _answers: dict[tuple[bool, bool], JsonText] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        opts = self.options or (None, None)
        expl = self.explanation or (None, None)
        self._columns = {}
        for french in (False, True):
            self._columns[french] = tuple(
                _dumps(value)
                for value in (
                    _doc(self.text[0]),
                    _doc(self.text[1]) if french else None,
                    opts[0],
                    opts[1] if french else None,
                    self.correct,
                    None if expl[0] is None else _doc(expl[0]),
                    None if expl[1] is None or not french else _doc(expl[1]),
                )
            )
        self._answers = {
            (right, french): json_text((self.right if right else self.wrong)[french])
            for right in (False, True)
            for french in (False, True)
        }

    def columns(self, *, french: bool) -> tuple[JsonText | None, ...]:
        """question_text_en, question_text_fr, options_en, options_fr, correct_answers,
        explanation_en, explanation_fr, as JSON text."""
        return self._columns[french]

    def answer(self, *, right: bool, french: bool) -> JsonText:
        """answer_given (JSON text) of a right or wrong answer typed in French or English."""
        return self._answers[(right, french)]


# --------------------------------------------------------------------------- multiple choice

# (question, options, indices of the correct options); several correct ones make it "multiple".
_CHOICES: tuple[tuple[Pair, tuple[Pair, ...], tuple[int, ...]], ...] = (
    (("Who wrote most of the letters of the New Testament?",
      "Qui a écrit la plupart des lettres du Nouveau Testament ?"),
     (("Peter", "Pierre"), ("Paul", "Paul"), ("John", "Jean"), ("James", "Jacques")), (1,)),
    (("In which town was Jesus born?", "Dans quelle ville Jésus est-il né ?"),
     (("Nazareth", "Nazareth"), ("Bethlehem", "Bethléem"), ("Capernaum", "Capharnaüm"),
      ("Jerusalem", "Jérusalem")), (1,)),
    (("Who led Israel out of Egypt?", "Qui a conduit Israël hors d’Égypte ?"),
     (("Abraham", "Abraham"), ("Moses", "Moïse"), ("Joshua", "Josué"), ("David", "David")), (1,)),
    (("How many books are in the Protestant Old Testament?",
      "Combien de livres compte l’Ancien Testament protestant ?"),
     (("27", "27"), ("39", "39"), ("46", "46"), ("66", "66")), (1,)),
    (("Who was thrown into the lions’ den?", "Qui a été jeté dans la fosse aux lions ?"),
     (("Daniel", "Daniel"), ("Jonah", "Jonas"), ("Elijah", "Élie"), ("Jeremiah", "Jérémie")), (0,)),
    (("In which language was most of the New Testament written?",
      "Dans quelle langue la plus grande partie du Nouveau Testament a-t-elle été écrite ?"),
     (("Hebrew", "Hébreu"), ("Aramaic", "Araméen"), ("Greek", "Grec"), ("Latin", "Latin")), (2,)),
    (("Which of these are part of the fruit of the Spirit? (several answers)",
      "Lesquels font partie du fruit de l’Esprit ? (plusieurs réponses)"),
     (("Love", "L’amour"), ("Joy", "La joie"), ("Wealth", "La richesse"), ("Patience", "La patience")),
     (0, 1, 3)),
    (("Who built the first temple in Jerusalem?", "Qui a bâti le premier temple de Jérusalem ?"),
     (("David", "David"), ("Solomon", "Salomon"), ("Saul", "Saül"), ("Hezekiah", "Ézéchias")), (1,)),
)  # fmt: skip


def _choice(
    text: Pair, options: tuple[Pair, ...], correct: tuple[int, ...], explanation: Pair | None
) -> QuestionTemplate:
    ids = "abcdefghij"
    opts = tuple(
        [{"id": ids[n], "text": option[lang]} for n, option in enumerate(options)] for lang in (0, 1)
    )
    right = [ids[n] for n in correct]
    wrong = [ids[next(n for n in range(len(options)) if n not in correct)]]
    multiple = len(correct) > 1
    return QuestionTemplate(
        type=QuestionType.MULTIPLE_CHOICE,
        points=2 if multiple else 1,
        text=text,
        options=(opts[0], opts[1]),
        correct={"multiple": multiple, "correct": right},
        explanation=explanation,
        right=({"selected": right}, {"selected": right}),
        wrong=({"selected": wrong}, {"selected": wrong}),
    )


def _reference_choice(n: int) -> QuestionTemplate:
    """ "Which reference is this?" for verse n, the others drawn from the verse list."""
    picks = [VERSES[(n + step) % len(VERSES)] for step in (0, 4, 7, 11)]
    order = sorted(range(4), key=lambda k: (k * 7 + n) % 4)  # the right answer moves around
    options = tuple(
        (format_reference(picks[k].osis, "en"), format_reference(picks[k].osis, "fr")) for k in order
    )
    verse = VERSES[n]
    opening = (" ".join(verse.en.split()[:7]), " ".join(verse.fr.split()[:7]))
    text = (
        f"Which reference is this? “{opening[0]}…”",
        f"Quelle est la référence de ce passage ? « {opening[1]}… »",
    )
    explanation = (f"See {options[order.index(0)][0]}.", f"Voir {options[order.index(0)][1]}.")
    return _choice(text, options, (order.index(0),), explanation)


# --------------------------------------------------------------------------- true / false

_STATEMENTS: tuple[tuple[Pair, bool], ...] = (
    (("Paul wrote the letter to the Romans.", "Paul a écrit l’épître aux Romains."), True),
    (("The book of Psalms is in the New Testament.", "Le livre des Psaumes se trouve dans le Nouveau Testament."), False),
    (("Jonah was swallowed by a great fish.", "Jonas a été englouti par un grand poisson."), True),
    (("Moses led the people into the promised land.", "Moïse a fait entrer le peuple dans la terre promise."), False),
    (("The Gospel of Luke is addressed to Theophilus.", "L’Évangile de Luc est adressé à Théophile."), True),
    (("Abraham was born in Egypt.", "Abraham est né en Égypte."), False),
    (("The word “gospel” means “good news”.", "Le mot « évangile » signifie « bonne nouvelle »."), True),
    (("David was the first king of Israel.", "David fut le premier roi d’Israël."), False),
    (("Jesus was baptised in the Jordan.", "Jésus a été baptisé dans le Jourdain."), True),
    (("The Ten Commandments were given at Mount Sinai.", "Les dix commandements ont été donnés au mont Sinaï."), True),
)  # fmt: skip


def _true_false(text: Pair, value: bool) -> QuestionTemplate:
    return QuestionTemplate(
        type=QuestionType.TRUE_FALSE,
        points=1,
        text=text,
        options=None,
        correct={"value": value},
        explanation=None,
        right=({"value": value}, {"value": value}),
        wrong=({"value": not value}, {"value": not value}),
    )


# --------------------------------------------------------------------------- typed answers

# (question, accepted English, accepted French, a wrong answer, typo tolerance)
_SHORT: tuple[tuple[Pair, tuple[str, ...], tuple[str, ...], Pair, int], ...] = (
    (("Who denied Jesus three times?", "Qui a renié Jésus trois fois ?"),
     ("Peter", "Simon Peter"), ("Pierre", "Simon-Pierre"), ("Judas", "Judas"), 1),
    (("What is the first book of the Bible?", "Quel est le premier livre de la Bible ?"),
     ("Genesis",), ("Genèse", "La Genèse"), ("Exodus", "Exode"), 1),
    (("Who was the mother of Samuel?", "Qui était la mère de Samuel ?"),
     ("Hannah",), ("Anne",), ("Sarah", "Sara"), 0),
    (("In which river was Jesus baptised?", "Dans quel fleuve Jésus a-t-il été baptisé ?"),
     ("Jordan", "the Jordan"), ("Jourdain", "le Jourdain"), ("Nile", "Nil"), 1),
    (("Who was sold into slavery by his brothers?", "Qui a été vendu comme esclave par ses frères ?"),
     ("Joseph",), ("Joseph",), ("Benjamin", "Benjamin"), 0),
    (("On which mountain did Moses receive the law?", "Sur quelle montagne Moïse a-t-il reçu la loi ?"),
     ("Sinai", "Mount Sinai"), ("Sinaï", "le mont Sinaï"), ("Carmel", "Carmel"), 1),
    (("Who wrote the book of Acts?", "Qui a écrit le livre des Actes ?"),
     ("Luke",), ("Luc",), ("Paul", "Paul"), 0),
)  # fmt: skip


def _match(typo: int) -> dict[str, Any]:
    return _MATCH | _MATCH_DEFAULTS | {"typo_tolerance": typo}


def _short(text: Pair, en: tuple[str, ...], fr: tuple[str, ...], wrong: Pair, typo: int) -> QuestionTemplate:
    return QuestionTemplate(
        type=QuestionType.SHORT_ANSWER,
        points=2,
        text=text,
        options=None,
        correct={"accepted": {"en": list(en), "fr": list(fr)}, "match": _match(typo)},
        explanation=None,
        right=({"text": en[0]}, {"text": fr[0]}),
        wrong=({"text": wrong[0]}, {"text": wrong[1]}),
    )


# (text with blanks, [(accepted en, accepted fr, wrong en, wrong fr) per blank], OSIS of the verse)
_BLANKS: tuple[tuple[Pair, tuple[tuple[str, str, str, str], ...], str], ...] = (
    (("For God so loved the {{1}}, that he gave his only begotten {{2}}.",
      "Car Dieu a tant aimé le {{1}} qu’il a donné son {{2}} unique."),
     (("world", "monde", "earth", "ciel"), ("Son", "Fils", "Word", "Esprit")), "John.3.16"),
    (("In the beginning was the {{1}}.", "Au commencement était la {{1}}."),
     (("Word", "Parole", "Light", "Lumière"),), "John.1.1"),
    (("The LORD is my {{1}}; I shall not want.", "L’Éternel est mon {{1}} : je ne manquerai de rien."),
     (("shepherd", "berger", "king", "roi"),), "Ps.23.1"),
    (("Thy word is a {{1}} unto my feet, and a {{2}} unto my path.",
      "Ta parole est une {{1}} à mes pieds, et une {{2}} sur mon sentier."),
     (("lamp", "lampe", "rock", "pierre"), ("light", "lumière", "shade", "ombre")), "Ps.119.105"),
    (("Now {{1}} is the substance of things hoped for.", "Or la {{1}} est une ferme assurance des choses qu’on espère."),
     (("faith", "foi", "hope", "patience"),), "Heb.11.1"),
    (("He that loveth not knoweth not God; for God is {{1}}.",
      "Celui qui n’aime pas n’a pas connu Dieu, car Dieu est {{1}}."),
     (("love", "amour", "light", "lumière"),), "1John.4.8"),
)  # fmt: skip


def _typed(ids: list[str], blanks: tuple[tuple[str, str, str, str], ...], column: int) -> dict[str, Any]:
    return {"blanks": {i: blank[column] for i, blank in zip(ids, blanks, strict=True)}}


def _fill_blank(text: Pair, blanks: tuple[tuple[str, str, str, str], ...], source: str) -> QuestionTemplate:
    ids = [str(n + 1) for n in range(len(blanks))]
    return QuestionTemplate(
        type=QuestionType.FILL_BLANK,
        points=len(blanks),
        text=text,
        options=None,
        correct={
            "blanks": [
                {"id": i, "accepted": {"en": [b[0]], "fr": [b[1]]}} for i, b in zip(ids, blanks, strict=True)
            ],
            "match": _match(0),
        },
        explanation=(
            f"See {format_reference(source, 'en')} (KJV).",
            f"Voir {format_reference(source, 'fr')} (Segond).",
        ),
        right=(_typed(ids, blanks, 0), _typed(ids, blanks, 1)),
        wrong=(_typed(ids, blanks, 2), _typed(ids, blanks, 3)),
    )


# --------------------------------------------------------------------------- matching

# (question, left items, right items: one per left item in order, then a distractor)
_PAIRS: tuple[tuple[Pair, tuple[Pair, ...], tuple[Pair, ...]], ...] = (
    (("Match each book with an event it tells.", "Associez chaque livre à un événement qu’il raconte."),
     (("Genesis", "Genèse"), ("Exodus", "Exode"), ("Acts", "Actes")),
     (("Creation", "La création"), ("Crossing the Red Sea", "Le passage de la mer Rouge"),
      ("Pentecost", "La Pentecôte"), ("The exile", "L’exil"))),
    (("Match each person with what they are known for.", "Associez chaque personnage à ce qui le rend célèbre."),
     (("David", "David"), ("Solomon", "Salomon"), ("Elijah", "Élie")),
     (("Goliath", "Goliath"), ("The temple", "Le temple"), ("Mount Carmel", "Le mont Carmel"),
      ("The ark", "L’arche"))),
    (("Match each Gospel writer with a description.", "Associez chaque évangéliste à une description."),
     (("Matthew", "Matthieu"), ("Mark", "Marc"), ("Luke", "Luc"), ("John", "Jean")),
     (("A tax collector", "Un collecteur d’impôts"), ("A companion of Peter", "Un compagnon de Pierre"),
      ("A physician", "Un médecin"), ("The beloved disciple", "Le disciple bien-aimé"),
      ("A tentmaker", "Un fabricant de tentes"))),
)  # fmt: skip


def _word_pairs(first: int) -> tuple[Pair, tuple[Pair, ...], tuple[Pair, ...]]:
    words = [VOCABULARY[(first + k) % len(VOCABULARY)] for k in range(4)]
    left = tuple((w.term, w.term) for w in words[:3])
    right = tuple(
        (w.definition[0].replace("*", ""), w.definition[1].replace("*", "")) for w in words
    )  # the fourth is the distractor
    return (("Match each word with its meaning.", "Associez chaque mot à son sens."), left, right)


def _matching(text: Pair, left: tuple[Pair, ...], right: tuple[Pair, ...]) -> QuestionTemplate:
    def side(prefix: str, items: tuple[Pair, ...], lang: int) -> list[dict[str, str]]:
        return [{"id": f"{prefix}{n + 1}", "text": item[lang]} for n, item in enumerate(items)]

    count = len(left)
    right_ids = {f"l{n + 1}": f"r{n + 1}" for n in range(count)}
    shifted = {f"l{n + 1}": f"r{(n + 1) % count + 1}" for n in range(count)}  # every pair wrong
    options = tuple({"left": side("l", left, lang), "right": side("r", right, lang)} for lang in (0, 1))
    return QuestionTemplate(
        type=QuestionType.MATCHING,
        points=3,
        text=text,
        options=(options[0], options[1]),
        correct={"pairs": [[left_id, right_id] for left_id, right_id in right_ids.items()]},
        explanation=None,
        right=({"pairs": right_ids}, {"pairs": right_ids}),
        wrong=({"pairs": shifted}, {"pairs": shifted}),
    )


# --------------------------------------------------------------------------- the bank


@cache
def question_bank() -> dict[QuestionType, tuple[QuestionTemplate, ...]]:
    choices = [_choice(text, options, correct, None) for text, options, correct in _CHOICES]
    choices += [_reference_choice(n) for n in range(len(VERSES))]
    matching = [_matching(*entry) for entry in _PAIRS]
    matching += [_matching(*_word_pairs(first)) for first in range(0, len(VOCABULARY), 2)]
    return {
        QuestionType.MULTIPLE_CHOICE: tuple(choices),
        QuestionType.TRUE_FALSE: tuple(_true_false(*entry) for entry in _STATEMENTS),
        QuestionType.SHORT_ANSWER: tuple(_short(*entry) for entry in _SHORT),
        QuestionType.FILL_BLANK: tuple(_fill_blank(*entry) for entry in _BLANKS),
        QuestionType.MATCHING: tuple(matching),
    }


def question_for(lesson: int, order: int) -> QuestionTemplate:
    """Question `order` of the quiz of lesson `lesson`: two of each type, never the same one twice."""
    kind = _TYPES[(lesson + order) % len(_TYPES)]
    templates = question_bank()[kind]
    return templates[(lesson * 7 + order // len(_TYPES)) % len(templates)]


def passing_score(lesson: int) -> int:
    return (70, 80, 70, 60)[lesson % 4]


def grade(lesson: int, correct: list[bool], *, passed: bool) -> tuple[int, int]:
    """Adjust `correct` (per question, in order) so that the submission passes or fails as planned;
    returns (points earned, total points). Passing means 100 × earned ≥ passing score × total."""
    points = [question_for(lesson, k).points for k in range(QUESTIONS_PER_QUIZ)]
    total = sum(points)
    earned = sum(p for p, right in zip(points, correct, strict=True) if right)
    for k in range(QUESTIONS_PER_QUIZ):
        if (100 * earned >= passing_score(lesson) * total) == passed:
            break
        if correct[k] != passed:  # a wrong answer made right, or a right one made wrong
            correct[k] = passed
            earned += points[k] if passed else -points[k]
    return earned, total
