"""Resolution in the reader's language, with English fallback flagged, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from bibliology.translations.localize import both_languages, localize


@dataclass
class Row:
    title_en: str | None
    title_fr: str | None
    description_en: str | None = None
    description_fr: str | None = None


def test_french_present_is_used() -> None:
    found = localize("fr", Row("Grace", "Grâce", "About grace", "Sur la grâce"), ("title", "description"))
    assert found.values == {"title": "Grâce", "description": "Sur la grâce"}
    assert found.fallback == []


def test_missing_or_blank_french_falls_back_to_english_and_is_flagged() -> None:
    found = localize("fr", Row("Grace", None, "About grace", "   "), ("title", "description"))
    assert found.values == {"title": "Grace", "description": "About grace"}
    assert found.fallback == ["title", "description"]


def test_english_readers_never_see_fallback() -> None:
    found = localize("en", Row("Grace", None), ("title",))
    assert found.values == {"title": "Grace"}
    assert found.fallback == []


def test_nothing_to_fall_back_to_is_not_flagged() -> None:
    found = localize("fr", Row(None, None), ("title",))
    assert found.values == {"title": None}
    assert found.fallback == []


def test_json_content_falls_back_as_a_whole() -> None:
    @dataclass
    class Block:
        content_en: dict[str, str]
        content_fr: dict[str, str] | None

    assert localize("fr", Block({"text": "Word"}, None), ("content",)).fallback == ["content"]
    assert localize("fr", Block({"text": "Word"}, {"text": "Parole"}), ("content",)).values == {
        "content": {"text": "Parole"}
    }


def test_authoring_sees_both_languages() -> None:
    assert both_languages(Row("Grace", None), ("title",)) == {"title_en": "Grace", "title_fr": None}
