"""Which paragraphs are Scripture (VERSE blocks) and which stay prose."""

from __future__ import annotations

import pytest

from bibliology.imports.verses import attribution, detect, unquote


@pytest.mark.parametrize(
    ("text", "reference", "quote", "translation"),
    [
        ("Love, joy, peace — Galatians 5:22", "Gal.5.22", "Love, joy, peace", None),
        ("Jean 3,16", "John.3.16", None, None),
        ("Jean 3,16 (LSG)", "John.3.16", None, "LSG"),
        ("Ps 23; Jn 10:11", "Ps.23;John.10.11", None, None),
        ("« Car Dieu a tant aimé le monde » (Jean 3,16)", "John.3.16", "Car Dieu a tant aimé le monde", None),
        ('"Love is patient." 1 Cor 13:4', "1Cor.13.4", "Love is patient.", None),
        ("Romans 8:28.", "Rom.8.28", None, None),
        ("The well-known verse - John 3:16", "John.3.16", "The well-known verse", None),
        ("— Galatians 5:22-23 (ESV)", "Gal.5.22-Gal.5.23", None, "ESV"),
    ],
)
def test_quotations_and_lone_references(
    text: str, reference: str, quote: str | None, translation: str | None
) -> None:
    match = detect(text)
    assert match is not None
    assert (match.reference.osis, match.quote, match.translation) == (reference, quote, translation)


@pytest.mark.parametrize(
    "text",
    [
        "Read Galatians 5:22 today",
        "See Romans 8:28",
        "Jesus wept (John 11:35)",  # prose with a citation: the teacher's words, not the wording
        "In the beginning — Genesis 1:1 and more",
        "Chapter 3",
        "Is 53",  # an everyday word followed by a number
        "",
    ],
)
def test_prose_stays_prose(text: str) -> None:
    assert detect(text) is None


def test_an_attribution_line_names_the_paragraph_above() -> None:
    match = attribution("— Galates 5,22")
    assert match is not None
    assert match.reference.osis == "Gal.5.22"
    assert attribution("Galatians 5:22") is None  # no dash: a lone reference, not an attribution
    assert attribution("— see Galatians 5:22") is None
    assert unquote("“But the fruit of the Spirit is love…”") == "But the fruit of the Spirit is love…"
    assert unquote("« la paix ».") == "la paix"
