"""The slide editor's block forms: a block's content as form values and back.

Inputs are named after the content model's own error paths (`content_en.text`,
`content_fr.entries.0.definition`, `style_config.align`), so the errors the content model raises
(lessons.blocks → content.blocks) land beside the input they name. Language-neutral fields
(a heading's level, a verse's reference, a callout's variant…) have one input, under content_en,
copied into the French. A LIST is one textarea per language: one item a line, two spaces of
indentation a level; its items' errors name the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from bibliology.bible.references import InvalidReference, format_reference
from bibliology.enums import ContentBlockType

LANGS = ("en", "fr")
# Language-neutral fields: one input under content_en, copied into content_fr.
SHARED: dict[str, tuple[str, ...]] = {
    "HEADING": ("level",),
    "VERSE": ("reference",),
    "LIST": ("style",),
    "CALLOUT": ("variant",),
    "QUIZ": ("quiz_id",),
    "DIVIDER": ("style",),
}
# One input per language.
PER_LANGUAGE: dict[str, tuple[str, ...]] = {
    "HEADING": ("text",),
    "TEXT": ("text",),
    "IMAGE": ("url", "alt", "caption", "width", "height"),
    "VERSE": ("text", "translation"),
    "LIST": ("items",),
    "CALLOUT": ("title", "text"),
}
# Whether French exists is told by these fields (IMAGE: the French may reuse the English image).
FRENCH_MARKERS: dict[str, tuple[str, ...]] = {"IMAGE": ("url", "alt", "caption")}
# Nothing to translate, or translated by the reader's language itself (a verse's passage).
ALWAYS_FRENCH = frozenset({"QUIZ", "DIVIDER", "VERSE"})
ENTRY_SHARED = ("term", "transliteration", "language", "strongs")
ENTRY_PER_LANGUAGE = ("definition", "part_of_speech")
INTEGERS = frozenset({"level", "width", "height"})
STYLE = ("align", "emphasis", "color")
INDENT = "  "

Values = dict[str, str]


@dataclass
class Parsed:
    """A block form read back: the content to validate, and where each LIST item's line is."""

    content_en: dict[str, Any]
    content_fr: dict[str, Any] | None
    style_config: dict[str, Any] | None
    lines: dict[str, str] = field(default_factory=dict)  # "content_en.items.0.children.1" → "line 2"
    entry_rows: dict[str, list[int]] = field(default_factory=dict)  # kept entry → form row


def block_kind(value: str) -> str:
    return ContentBlockType(value.upper()).value


# --------------------------------------------------------------------------- stored → form


def to_values(kind: str, content_en: Any, content_fr: Any, style_config: Any) -> Values:
    """The form's values for a stored block."""
    en = content_en if isinstance(content_en, Mapping) else {}
    fr = content_fr if isinstance(content_fr, Mapping) else {}
    values: Values = {}
    for name in SHARED.get(kind, ()):
        if en.get(name) is not None:
            values[f"content_en.{name}"] = str(en[name])
    for lang, content in (("en", en), ("fr", fr)):
        for name in PER_LANGUAGE.get(kind, ()):
            value = content.get(name)
            if name == "items":
                values[f"content_{lang}.items"] = _list_text(value or [])
            elif value is not None:
                values[f"content_{lang}.{name}"] = str(value)
    if kind == "VERSE" and isinstance(en.get("reference"), str):
        with suppress(InvalidReference):  # stored as OSIS ("Rom.8.28"): shown as a teacher types it
            values["content_en.reference"] = format_reference(en["reference"], "en")
    if kind == "IMAGE" and fr and fr.get("url") == en.get("url"):
        for name in ("url", "width", "height"):  # the same image: the French fields stay blank
            values.pop(f"content_fr.{name}", None)
    if kind == "VOCABULARY":
        fr_entries = fr.get("entries") or []
        for index, entry in enumerate(en.get("entries") or []):
            for name in ENTRY_SHARED + ENTRY_PER_LANGUAGE:
                if entry.get(name) is not None:
                    values[f"content_en.entries.{index}.{name}"] = str(entry[name])
            if index < len(fr_entries):
                for name in ENTRY_PER_LANGUAGE:
                    if fr_entries[index].get(name) is not None:
                        values[f"content_fr.entries.{index}.{name}"] = str(fr_entries[index][name])
    for name in STYLE:
        if isinstance(style_config, Mapping) and style_config.get(name):
            values[f"style_config.{name}"] = str(style_config[name])
    return values


def _list_text(items: list[Any], depth: int = 0) -> str:
    lines = []
    for item in items:
        if isinstance(item, Mapping):
            lines.append(INDENT * depth + str(item.get("text", "")))
            if item.get("children"):
                lines.append(_list_text(item["children"], depth + 1))
    return "\n".join(line for line in lines if line)


def entry_rows(values: Mapping[str, str], *, spare: int = 1) -> int:
    """How many vocabulary rows the form shows: those with values, plus `spare` empty ones."""
    found = [int(m.group(1)) for key in values if (m := re.match(r"content_en\.entries\.(\d+)\.", key))]
    return (max(found) + 1 if found else 0) + spare


# --------------------------------------------------------------------------- form → content


def form_values(form: Mapping[str, Any]) -> Values:
    """The block's fields of a submitted form (strings only: file inputs are read apart)."""
    prefixes = ("content_en.", "content_fr.", "style_config.")
    return {k: v for k, v in form.items() if isinstance(v, str) and k.startswith(prefixes)}


def _value(name: str, raw: str) -> Any:
    text = raw.strip()
    if name in INTEGERS and re.fullmatch(r"[0-9]{1,9}", text):
        return int(text)
    return text


def from_form(kind: str, values: Mapping[str, str]) -> Parsed:
    """The content a block form says, blanks left out (so a required field left blank is missing)."""
    get = {key: value for key, value in values.items() if value.strip()}
    parsed = Parsed(content_en={}, content_fr=None, style_config=None)
    shared = {
        name: _value(name, get[f"content_en.{name}"])
        for name in SHARED.get(kind, ())
        if f"content_en.{name}" in get
    }
    contents: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        content: dict[str, Any] = dict(shared)
        for name in PER_LANGUAGE.get(kind, ()):
            key = f"content_{lang}.{name}"
            if key not in get:
                continue
            if name == "items":
                content["items"] = _parse_list(get[key], f"content_{lang}.items", parsed.lines)
            else:
                content[name] = _value(name, get[key])
        contents[lang] = content
    if kind == "VOCABULARY":
        _entries(get, contents, parsed)
    parsed.content_en = contents["en"]
    markers = FRENCH_MARKERS.get(kind, PER_LANGUAGE.get(kind, ()))
    has_french = any(f"content_fr.{name}" in get for name in markers)
    if kind == "VOCABULARY":
        has_french = any(re.match(r"content_fr\.entries\.\d+\.", key) for key in get)
    if has_french or kind in ALWAYS_FRENCH:
        french = contents["fr"]
        if kind == "IMAGE" and "url" not in french:
            for name in ("url", "width", "height"):
                if name in contents["en"]:
                    french[name] = contents["en"][name]
        parsed.content_fr = french
    style = {name: get[f"style_config.{name}"] for name in STYLE if f"style_config.{name}" in get}
    parsed.style_config = style or None
    return parsed


def _entries(get: Mapping[str, str], contents: dict[str, dict[str, Any]], parsed: Parsed) -> None:
    rows = sorted(
        {int(m.group(1)) for key in get if (m := re.match(r"content_(?:en|fr)\.entries\.(\d+)\.", key))}
    )
    en_entries, fr_entries = [], []
    for row in rows:
        en = {
            name: get[key]
            for name in ENTRY_SHARED + ENTRY_PER_LANGUAGE
            if (key := f"content_en.entries.{row}.{name}") in get
        }
        fr = {
            name: get[key]
            for name in ENTRY_PER_LANGUAGE
            if (key := f"content_fr.entries.{row}.{name}") in get
        }
        fr.update({name: en[name] for name in ENTRY_SHARED if name in en})
        en_entries.append({k: v.strip() for k, v in en.items()})
        fr_entries.append({k: v.strip() for k, v in fr.items()})
    parsed.entry_rows["entries"] = rows
    if en_entries:
        contents["en"]["entries"] = en_entries
    if any(set(entry) & set(ENTRY_PER_LANGUAGE) for entry in fr_entries):
        contents["fr"]["entries"] = fr_entries


def _parse_list(text: str, path: str, lines: dict[str, str]) -> list[dict[str, Any]]:
    """Lines to nested items: two spaces (or a tab) of indentation a level below the line above."""
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]], str]] = [(-1, root, path)]
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        expanded = raw.replace("\t", INDENT)
        depth = (len(expanded) - len(expanded.lstrip(" "))) // len(INDENT)
        while len(stack) > 1 and stack[-1][0] >= depth:
            stack.pop()
        _, siblings, parent_path = stack[-1]
        item: dict[str, Any] = {"text": expanded.strip().removeprefix("- ").strip() or expanded.strip()}
        item_path = f"{parent_path}.{len(siblings)}"
        lines[item_path] = str(number)
        siblings.append(item)
        children: list[dict[str, Any]] = item.setdefault("children", [])
        stack.append((depth, children, f"{item_path}.children"))
    _prune(root)
    return root


def _prune(items: list[dict[str, Any]]) -> None:
    for item in items:
        if item.get("children"):
            _prune(item["children"])
        else:
            item.pop("children", None)


# --------------------------------------------------------------------------- errors → fields


def known_names(kind: str, values: Mapping[str, str]) -> set[str]:
    """The inputs a block form of `kind` shows (templates/lessons/teach/_block_fields.html)."""
    names = {f"content_en.{name}" for name in SHARED.get(kind, ())}
    names |= {f"content_{lang}.{name}" for lang in LANGS for name in PER_LANGUAGE.get(kind, ())}
    names |= {f"style_config.{name}" for name in STYLE}
    if kind == "VOCABULARY":
        names.add("content_en.entries")
        names.add("content_fr.entries")
        for row in range(entry_rows(values)):
            names |= {f"content_en.entries.{row}.{name}" for name in ENTRY_SHARED + ENTRY_PER_LANGUAGE}
            names |= {f"content_fr.entries.{row}.{name}" for name in ENTRY_PER_LANGUAGE}
    return names


def place_errors(errors: Mapping[str, str], parsed: Parsed | None, known: set[str]) -> dict[str, str]:
    """Each error under the input that shows it: a LIST item's under its textarea ("line 3: …"), a
    vocabulary entry's under its row's input; what names no input under "__block__"."""
    placed: dict[str, str] = {}
    for name, message in errors.items():
        target, text = name, message
        list_item = re.match(r"(content_(?:en|fr)\.items)((?:\.\d+(?:\.children)?)*)", name)
        if list_item and parsed is not None:
            path = re.sub(r"\.(text|children)$", "", name)
            line = parsed.lines.get(path)
            target = list_item.group(1)
            text = f"line {line}: {message}" if line else message
        entry = re.match(r"(content_(?:en|fr))\.entries\.(\d+)\.(\w+)$", name)
        if entry and parsed is not None:
            rows = parsed.entry_rows.get("entries", [])
            index = int(entry.group(2))
            row = rows[index] if index < len(rows) else index
            field_name = entry.group(3)
            prefix = entry.group(1) if field_name in ENTRY_PER_LANGUAGE else "content_en"
            target = f"{prefix}.entries.{row}.{field_name}"
        if name.startswith("content_fr.") and target not in known:
            shared = "content_en." + name.removeprefix("content_fr.")
            target = shared if shared in known else target
        if target not in known:
            target, text = "__block__", f"{name}: {message}"
        placed.setdefault(target, text)
    return placed
