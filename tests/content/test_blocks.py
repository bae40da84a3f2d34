from __future__ import annotations

from typing import Any

import pytest

from bibliology.content import (
    BlockType,
    ContentInvalid,
    quiz_block_target,
    table_to_block,
    validate_block,
    validate_block_pair,
    validate_style_config,
)
from bibliology.enums import ContentBlockType

VALID: list[tuple[BlockType, dict[str, Any]]] = [
    (BlockType.HEADING, {"text": "The *Gospel* of John", "level": 1}),
    (BlockType.HEADING, {"text": "L’Évangile selon « Jean »"}),
    (BlockType.TEXT, {"text": "In the beginning was the **Word**.\n\n- one\n  - two"}),
    (
        BlockType.TEXT,
        {"text": "Au commencement était la *Parole* — voir [la Bible](https://www.bible.com/fr)."},
    ),
    (BlockType.IMAGE, {"url": "https://cdn.example.org/maps/galilee.png", "alt": "Map of Galilee"}),
    (
        BlockType.IMAGE,
        {
            "url": "/media/cartes/galil%C3%A9e_nord-2.png",
            "alt": "Carte de la Galilée",
            "caption": "*Vers* l’an 30",
            "width": 800,
            "height": 600,
        },
    ),
    (
        BlockType.VERSE,
        {"reference": "John 3:16", "text": "For God so loved the world…", "translation": "KJV"},
    ),
    (
        BlockType.VERSE,
        {"reference": "Jean 3,16", "text": "Car Dieu a tant aimé le monde…", "translation": "LSG"},
    ),
    (BlockType.VERSE, {"reference": "Ps.23.1-Ps.23.6;John.10.11", "text": "L’Éternel est mon berger."}),
    (
        BlockType.VOCABULARY,
        {
            "entries": [
                {
                    "term": "πνεῦμα",
                    "transliteration": "pneuma",
                    "language": "greek",
                    "definition": "spirit, *breath*",
                    "strongs": "G4151",
                    "part_of_speech": "noun",
                },
                {"term": "רוּחַ", "language": "hebrew", "definition": "esprit, souffle", "strongs": "H7307"},
            ]
        },
    ),
    (BlockType.VOCABULARY, {"term": "grâce", "language": "french", "definition": "faveur imméritée"}),
    (
        BlockType.LIST,
        {
            "style": "numbered",
            "items": [
                {"text": "Création"},
                {
                    "text": "Chute",
                    "children": [
                        {
                            "text": "Genèse 3",
                            "children": [{"text": "v. 15", "children": [{"text": "la *promesse*"}]}],
                        }
                    ],
                },
            ],
        },
    ),
    (BlockType.LIST, {"items": [{"text": "one", "children": []}]}),
    (
        BlockType.CALLOUT,
        {"variant": "reflection", "title": "À méditer", "text": "« Que ta volonté soit faite »"},
    ),
    (BlockType.CALLOUT, {"text": "Remember the context."}),
    (BlockType.QUIZ, {"quiz_id": "clx9a8b7c6d5e4f3g2h1"}),
    (BlockType.DIVIDER, {}),
    (BlockType.DIVIDER, {"style": "ornament"}),
]


@pytest.mark.parametrize(("block_type", "content"), VALID)
def test_valid_blocks_round_trip(block_type: BlockType, content: dict[str, Any]) -> None:
    once = validate_block(block_type, content)
    assert validate_block(block_type, once) == once
    assert validate_block(block_type.value.lower(), once) == once


def test_normalisation() -> None:
    assert validate_block("HEADING", {"text": "  Intro  "}) == {"text": "Intro", "level": 2}
    assert validate_block("VERSE", {"reference": "Jean 3,16", "text": "x"})["reference"] == "John.3.16"
    assert validate_block("IMAGE", {"url": "HTTPS://x.org/a.png", "alt": "a"})["url"] == "https://x.org/a.png"
    vocabulary = validate_block(
        "VOCABULARY", {"term": "λόγος", "language": "greek", "definition": "word", "strongs": "g0003056"}
    )
    assert vocabulary == {
        "entries": [{"term": "λόγος", "language": "greek", "definition": "word", "strongs": "G3056"}]
    }
    assert validate_block("LIST", {"items": [{"text": "a", "children": []}]}) == {
        "style": "bullet",
        "items": [{"text": "a"}],
    }
    assert validate_block("DIVIDER", {}) == {"style": "line"}
    assert validate_block("TEXT", {"text": "a\r\nb"}) == {"text": "a\nb"}


def _nested(depth: int) -> dict[str, Any]:
    item: dict[str, Any] = {"text": "leaf"}
    for _ in range(depth - 1):
        item = {"text": "node", "children": [item]}
    return item


INVALID: list[tuple[str, object, str]] = [
    ("HEADING", {"text": "", "level": 1}, "text"),
    ("HEADING", {"text": "x" * 301}, "text"),
    ("HEADING", {"text": "two\nlines"}, "text"),
    ("HEADING", {"text": "Title", "level": 4}, "level"),
    ("HEADING", {"text": "Title", "level": "1"}, "level"),
    ("HEADING", {"text": "Title", "size": 3}, "size"),
    ("TEXT", {"text": "x" * 20_001}, "text"),
    ("TEXT", {"text": "[clic](javascript:alert(1))"}, "text"),
    ("TEXT", {"text": "  "}, "text"),
    ("TEXT", {}, "text"),
    ("TEXT", "just a string", ""),
    ("IMAGE", {"url": "http://x.org/a.png", "alt": "a"}, "url"),
    ("IMAGE", {"url": "javascript:alert(1)", "alt": "a"}, "url"),
    ("IMAGE", {"url": "/static/a.png", "alt": "a"}, "url"),
    ("IMAGE", {"url": "/media/../secret.png", "alt": "a"}, "url"),
    ("IMAGE", {"url": "https://user:pw@x.org/a.png", "alt": "a"}, "url"),
    ("IMAGE", {"url": "https://x.org/a.png"}, "alt"),
    ("IMAGE", {"url": "https://x.org/a.png", "alt": " "}, "alt"),
    ("IMAGE", {"url": "https://x.org/a.png", "alt": "a", "width": 0}, "width"),
    ("IMAGE", {"url": "https://x.org/a.png", "alt": "a", "caption": "[x](data:text/html,1)"}, "caption"),
    ("VERSE", {"reference": "Jean 3,99", "text": "x"}, "reference"),
    ("VERSE", {"reference": "Hezekiah 1:1", "text": "x"}, "reference"),
    ("VERSE", {"reference": "John.3.99", "text": "x"}, "reference"),
    ("VERSE", {"reference": "John 3:16", "text": " "}, "text"),  # absent is fine: docs/bible-texts.md
    ("VERSE", {"reference": "John 3:16", "text": "x", "translation": "K" * 61}, "translation"),
    ("VOCABULARY", {"entries": []}, "entries"),
    ("VOCABULARY", {"entries": [{"term": "a", "language": "english", "definition": "d"}] * 51}, "entries"),
    (
        "VOCABULARY",
        {"entries": [{"term": "λόγος", "language": "klingon", "definition": "d"}]},
        "entries.0.language",
    ),
    ("VOCABULARY", {"entries": [{"term": "λόγος", "language": "greek"}]}, "entries.0.definition"),
    (
        "VOCABULARY",
        {"entries": [{"term": "רוּחַ", "language": "hebrew", "definition": "d", "strongs": "G7307"}]},
        "entries.0.strongs",
    ),
    (
        "VOCABULARY",
        {"entries": [{"term": "λόγος", "language": "greek", "definition": "d", "strongs": "3056"}]},
        "entries.0.strongs",
    ),
    ("VOCABULARY", {"term": "x", "language": "greek", "definition": "d", "gender": "m"}, "entries.0.gender"),
    ("LIST", {"items": []}, "items"),
    ("LIST", {"style": "roman", "items": [{"text": "a"}]}, "style"),
    ("LIST", {"items": [{"text": "x" * 2_001}]}, "items.0.text"),
    ("LIST", {"items": [{"text": "ok"}, {"text": "[a](vbscript:x)"}]}, "items.1.text"),
    ("LIST", {"items": [_nested(5)]}, "items.0.children.0.children.0.children.0.children"),
    ("LIST", {"items": [{"text": "a", "children": [{"text": "b"}] * 200}]}, "items"),
    ("CALLOUT", {"variant": "danger", "text": "x"}, "variant"),
    ("CALLOUT", {"title": "a\nb", "text": "x"}, "title"),
    ("CALLOUT", {"title": "t"}, "text"),
    ("QUIZ", {"quiz_id": ""}, "quiz_id"),
    ("QUIZ", {"quiz_id": "../../admin"}, "quiz_id"),
    ("QUIZ", {"quiz_id": 42}, "quiz_id"),
    ("DIVIDER", {"style": "zigzag"}, "style"),
    ("DIVIDER", {"text": "x"}, "text"),
]


@pytest.mark.parametrize(("block_type", "content", "field"), INVALID)
def test_invalid_blocks_name_the_field(block_type: str, content: object, field: str) -> None:
    with pytest.raises(ContentInvalid) as caught:
        validate_block(block_type, content)
    assert field in [error["field"] for error in caught.value.errors]
    assert f"content.{field}:" in str(caught.value) if field else str(caught.value).startswith("content:")


def test_error_message_format() -> None:
    with pytest.raises(ContentInvalid) as caught:
        validate_block("LIST", {"items": [{"text": "x" * 20_001}]})
    assert str(caught.value) == "content.items.0.text: String should have at most 2000 characters"
    assert caught.value.as_fields() == [
        {"field": "content.items.0.text", "message": "String should have at most 2000 characters"}
    ]
    with pytest.raises(ContentInvalid, match=r"^block_type: unknown block type 'PARAGRAPH'"):
        validate_block("PARAGRAPH", {"text": "x"})


def test_verse_reference_error_is_the_parsers_message() -> None:
    with pytest.raises(ContentInvalid, match="36 verses"):
        validate_block("VERSE", {"reference": "Jean 3,99", "text": "x"})


def test_block_type_mirrors_the_database_enum() -> None:
    assert [member.value for member in BlockType] == [member.value for member in ContentBlockType]


def test_quiz_block_target() -> None:
    assert quiz_block_target({"quiz_id": "clxquiz1"}) == "clxquiz1"
    with pytest.raises(ContentInvalid):
        quiz_block_target({"quiz": "clxquiz1"})


# --------------------------------------------------------------------------- pairs


def test_pair_valid_and_fr_optional() -> None:
    en = {"reference": "John 3:16", "text": "For God so loved the world", "translation": "KJV"}
    fr = {"reference": "Jean 3,16", "text": "Car Dieu a tant aimé le monde", "translation": "LSG"}
    assert validate_block_pair("VERSE", content_en=en, content_fr=fr) == (
        {**en, "reference": "John.3.16"},
        {**fr, "reference": "John.3.16"},
    )
    assert validate_block_pair("TEXT", content_en={"text": "x"}, content_fr=None) == ({"text": "x"}, None)


def test_pair_allows_a_localised_image_and_a_different_list_shape() -> None:
    validate_block_pair(
        "IMAGE",
        content_en={"url": "/media/map-en.png", "alt": "Map"},
        content_fr={"url": "/media/carte-fr.png", "alt": "Carte"},
    )
    validate_block_pair(
        "LIST",
        content_en={"items": [{"text": "a"}, {"text": "b"}]},
        content_fr={"style": "numbered", "items": [{"text": "a et b"}]},
    )


PAIR_INVALID: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    (
        "VERSE",
        {"reference": "John 3:16", "text": "x"},
        {"reference": "Jean 3,17", "text": "x"},
        "content_fr.reference",
    ),
    ("QUIZ", {"quiz_id": "q1"}, {"quiz_id": "q2"}, "content_fr.quiz_id"),
    ("HEADING", {"text": "A", "level": 1}, {"text": "A", "level": 2}, "content_fr.level"),
    ("CALLOUT", {"variant": "tip", "text": "x"}, {"variant": "warning", "text": "x"}, "content_fr.variant"),
    ("TEXT", {"text": "x"}, {"text": ""}, "content_fr.text"),
    ("TEXT", {"text": ""}, {"text": "x"}, "content_en.text"),
    (
        "VOCABULARY",
        {"entries": [{"term": "λόγος", "language": "greek", "definition": "word"}] * 2},
        {"entries": [{"term": "λόγος", "language": "greek", "definition": "parole"}]},
        "content_fr.entries",
    ),
    (
        "VOCABULARY",
        {"entries": [{"term": "λόγος", "language": "greek", "definition": "word", "strongs": "G3056"}]},
        {"entries": [{"term": "λογος", "language": "greek", "definition": "parole", "strongs": "G3056"}]},
        "content_fr.entries.0.term",
    ),
]


@pytest.mark.parametrize(("block_type", "en", "fr", "field"), PAIR_INVALID)
def test_pair_invalid(block_type: str, en: dict[str, Any], fr: dict[str, Any], field: str) -> None:
    with pytest.raises(ContentInvalid) as caught:
        validate_block_pair(block_type, content_en=en, content_fr=fr)
    assert field in [error["field"] for error in caught.value.errors]
    assert f"{field}:" in str(caught.value)


def test_pair_translated_vocabulary_terms_may_differ() -> None:
    en = {"entries": [{"term": "atonement", "language": "english", "definition": "reconciliation"}]}
    fr = {"entries": [{"term": "expiation", "language": "french", "definition": "réconciliation"}]}
    assert validate_block_pair("VOCABULARY", content_en=en, content_fr=fr)[1] == fr


# --------------------------------------------------------------------------- style config


def test_style_config() -> None:
    assert validate_style_config(None) is None
    assert validate_style_config({}) is None
    config = {"align": "center", "emphasis": "subtle", "color": "gold"}
    assert validate_style_config(config) == config
    assert validate_style_config(validate_style_config(config)) == config


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"align": "justify"}, "align"),
        ({"color": "#ff0000"}, "color"),
        ({"emphasis": "loud"}, "emphasis"),
        ({"font": "Comic Sans"}, "font"),
    ],
)
def test_style_config_invalid(config: dict[str, str], field: str) -> None:
    with pytest.raises(ContentInvalid, match=rf"^style_config\.{field}:"):
        validate_style_config(config)


# --------------------------------------------------------------------------- PowerPoint tables


def test_table_with_header_becomes_a_labelled_list() -> None:
    rows = [["Grec", "Sens"], ["λόγος", "parole"], ["", ""], ["πνεῦμα", "esprit *souffle*"]]
    assert table_to_block(rows, header=True) == (
        BlockType.LIST,
        {
            "style": "bullet",
            "items": [
                {"text": "**Grec:** λόγος — **Sens:** parole"},
                {"text": "**Grec:** πνεῦμα — **Sens:** esprit \\*souffle\\*"},
            ],
        },
    )


def test_table_without_header_and_single_column() -> None:
    block_type, content = table_to_block([["a", "b\vc"], ["- d", ""]], header=False)
    assert (block_type, content) == (
        BlockType.LIST,
        {"style": "bullet", "items": [{"text": "a — b c"}, {"text": "\\- d"}]},
    )
    block_type, content = table_to_block([["Livres"], ["Genèse"], ["Exode"]], header=True)
    assert content["items"] == [{"text": "**Livres**"}, {"text": "Genèse"}, {"text": "Exode"}]


def test_table_single_row_or_too_many_rows_becomes_text() -> None:
    assert table_to_block([["Alpha", "Oméga"]], header=False) == (BlockType.TEXT, {"text": "Alpha — Oméga"})
    block_type, content = table_to_block([[f"row {n}"] for n in range(250)], header=False)
    assert block_type == BlockType.TEXT
    assert str(content["text"]).splitlines()[:2] == ["row 0", "row 1"]


def test_table_that_cannot_fit_is_refused() -> None:
    with pytest.raises(ValueError, match="no text"):
        table_to_block([["", " "]], header=False)
    with pytest.raises(ValueError, match="too large"):
        table_to_block([["x" * 1_000] for _ in range(300)], header=False)
