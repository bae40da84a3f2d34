"""The one rich-text format: a small Markdown subset, parsed here (no Markdown library) and rendered safely.

Syntax (docs/content-model.md has the full reference):

- ``**bold**``, ``*italic*`` or ``_italic_``, ``[label](https://…)``; ``\\`` escapes ASCII punctuation;
- paragraphs are separated by blank lines; any other newline is a hard line break;
- ``- item`` bullet lists and ``1. item`` numbered lists, nested by two-space indentation; an indented
  line that is not an item continues the previous item.

"Inline" text (headings, options, list items) uses the same inline syntax without paragraphs or lists.

Safety: every character of user text goes through ``html.escape``; the only tags emitted are the ones
this module writes. Links are emitted only for absolute http(s)/mailto addresses. The parser is total
(any ``str`` renders) and roughly linear, because every text field is rendered on every page view.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = [
    "MAX_LIST_DEPTH",
    "MAX_URL_LENGTH",
    "check_plain_line",
    "escape_richtext",
    "link_problem",
    "render_html",
    "to_plain_text",
    "validate_richtext",
]

MAX_URL_LENGTH = 2048
# Deeper indentation is clamped to this depth: it bounds the renderer's recursion on hostile input.
MAX_LIST_DEPTH = 6
LINK_REL = "nofollow noopener"

_ESCAPABLE = frozenset(string.punctuation)
_SPECIAL = re.compile(r"[\\*_\[\]]")
_ITEM = re.compile(r"(-|(\d{1,9})\.)[ \t]+(.*)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_ALLOWED_SCHEMES = ("http", "https", "mailto")
# Quotes, angle brackets and backslashes have no business in a link address and are classic
# attribute-breaking or parser-confusion characters, so they are refused rather than escaped.
_URL_FORBIDDEN = frozenset("<>\"'`\\")
_EMPHASIS_TAGS = {"**": "strong", "*": "em", "_": "em"}


# --------------------------------------------------------------------------- inline level


@dataclass(slots=True)
class _Tok:
    kind: str  # "text", one of the delimiters "*" "**" "_", "[" (link open) or "]" (link close)
    text: str  # the literal text shown when the token stays unpaired
    url: str = ""
    can_open: bool = False
    can_close: bool = False
    mate: int = -1
    opener: bool = False


def _tokenize(s: str) -> list[_Tok]:
    toks: list[_Tok] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            toks.append(_Tok("text", "".join(buf)))
            buf.clear()

    i, n = 0, len(s)
    while i < n:
        m = _SPECIAL.search(s, i)
        if m is None:
            buf.append(s[i:])
            break
        j = m.start()
        buf.append(s[i:j])
        ch = s[j]
        if ch == "\\":
            if j + 1 < n and s[j + 1] in _ESCAPABLE:
                buf.append(s[j + 1])
                i = j + 2
            else:
                buf.append(ch)
                i = j + 1
        elif ch in "*_":
            k = j
            while k < n and s[k] == ch:
                k += 1
            prev = s[j - 1] if j > 0 else " "
            nxt = s[k] if k < n else " "
            can_open, can_close = not nxt.isspace(), not prev.isspace()
            if ch == "_":
                # snake_case and URLs-in-text keep their underscores: no intraword "_" emphasis.
                can_open = can_open and not prev.isalnum()
                can_close = can_close and not nxt.isalnum()
                pieces = ["_"] if k - j == 1 else []
            else:
                pieces = {1: ["*"], 2: ["**"], 3: ["**", "*"]}.get(k - j, [])
            if not pieces or not (can_open or can_close):
                buf.append(s[j:k])
            else:
                flush()
                if can_close:  # "***" closes inner "*" first, then "**"
                    pieces.reverse()
                toks.extend(_Tok(p, p, can_open=can_open, can_close=can_close) for p in pieces)
            i = k
        elif ch == "[":
            flush()
            toks.append(_Tok("[", "["))
            i = j + 1
        else:  # "]": a link close only when "(url)" follows on the same line
            close = s.find(")", j + 2, j + 3 + MAX_URL_LENGTH) if s.startswith("(", j + 1) else -1
            url = s[j + 2 : close] if close != -1 else ""
            if close == -1 or "\n" in url:
                buf.append(ch)
                i = j + 1
            else:
                flush()
                toks.append(_Tok("]", s[j : close + 1], url=url))
                i = close + 1
    flush()
    _match(toks)
    return toks


def _match(toks: list[_Tok]) -> None:
    """Pair openers with closers; anything left unpaired is shown literally.

    A closer pairs with the nearest opener of its kind, and every opener between them is dropped: pairs
    are therefore always properly nested, so emitting tags in token order gives well-formed HTML.
    Each opener is pushed and popped once, which keeps this linear.
    """
    openers: dict[str, list[int]] = {"*": [], "**": [], "_": [], "[": []}

    def pair(opener: int, closer: int) -> None:
        toks[opener].mate, toks[opener].opener = closer, True
        toks[closer].mate = opener
        for stack in openers.values():
            while stack and stack[-1] >= opener:
                stack.pop()

    for idx, tok in enumerate(toks):
        if tok.kind == "[":
            openers["["].append(idx)
        elif tok.kind == "]":
            if openers["["]:
                pair(openers["["][-1], idx)
                openers["["].clear()  # links cannot contain links
        elif tok.kind != "text":
            if tok.can_close and openers[tok.kind]:
                pair(openers[tok.kind][-1], idx)
            elif tok.can_open:
                openers[tok.kind].append(idx)


def link_problem(url: str) -> str | None:
    """Why ``url`` may not be a link target, or None when it is an absolute http, https or mailto URL."""
    if not url:
        return "the link address is empty"
    if len(url) > MAX_URL_LENGTH:
        return f"the link address is longer than {MAX_URL_LENGTH} characters"
    # Browsers strip spaces and control characters before reading the scheme (" javascript:"),
    # so none are allowed anywhere; real spaces must be written %20.
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return "a link address cannot contain spaces or control characters"
    scheme_match = _SCHEME.match(url)
    if scheme_match is None:
        return "only absolute http://, https:// or mailto: links are allowed"
    scheme = scheme_match.group(1).lower()
    if scheme not in _ALLOWED_SCHEMES:
        return f"the {scheme}: scheme is not allowed, only http, https and mailto"
    if any(ch in _URL_FORBIDDEN for ch in url):
        return "a link address cannot contain < > \" ' ` or \\"
    if "(" in url:
        return "write parentheses in a link address as %28 and %29"
    rest = url[scheme_match.end() :]
    if scheme == "mailto":
        return None if rest else "a mailto: link needs an address"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    if not rest.startswith("//") or not host:
        return f"an {scheme}: link needs a host, as in {scheme}://example.org/"
    return None


def _href(url: str) -> str | None:
    if link_problem(url) is not None:
        return None
    scheme = url.split(":", 1)[0]
    return scheme.lower() + url[len(scheme) :]


def _inline_html(s: str) -> str:
    toks = _tokenize(s)
    out: list[str] = []
    for tok in toks:
        if tok.kind == "text" or tok.mate < 0:
            out.append(html.escape(tok.text).replace("\n", "<br>\n"))
        elif tok.kind in _EMPHASIS_TAGS:
            tag = _EMPHASIS_TAGS[tok.kind]
            out.append(f"<{tag}>" if tok.opener else f"</{tag}>")
        else:
            closer = toks[tok.mate] if tok.opener else tok
            href = _href(closer.url)
            if href is None:  # refused address: keep the label, drop the link
                continue
            out.append(f'<a href="{html.escape(href)}" rel="{LINK_REL}">' if tok.opener else "</a>")
    return "".join(out)


def _inline_plain(toks: list[_Tok], start: int = 0, stop: int | None = None) -> str:
    return "".join(t.text for t in toks[start:stop] if t.kind == "text" or t.mate < 0)


def _inline_problems(s: str) -> list[str]:
    problems: list[str] = []
    toks = _tokenize(s)
    for idx, tok in enumerate(toks):
        if tok.kind != "]" or tok.mate < 0:
            continue
        problem = link_problem(tok.url)
        if problem is not None:
            problems.append(f"link to {tok.url!r} refused: {problem}")
        elif not _inline_plain(toks, tok.mate + 1, idx).strip():
            problems.append(f"link to {tok.url!r} has no text")
    return problems


# --------------------------------------------------------------------------- block level


@dataclass(slots=True)
class _Item:
    lines: list[str]
    children: list[_List] = field(default_factory=list)


@dataclass(slots=True)
class _List:
    ordered: bool
    start: int
    items: list[_Item] = field(default_factory=list)


@dataclass(slots=True)
class _Paragraph:
    lines: list[str]


class _ListBuilder:
    """Builds nested lists from (indent, marker) lines; ``stack[d]`` is the open list at depth d."""

    def __init__(self) -> None:
        self.roots: list[_List] = []
        self.stack: list[_List] = []

    def add(self, *, indent: int, ordered: bool, start: int, text: str) -> None:
        # An item can go at most one level deeper than the current one.
        level = min(indent // 2, len(self.stack), MAX_LIST_DEPTH - 1)
        del self.stack[level + 1 :]
        if level < len(self.stack) and self.stack[level].ordered == ordered:
            target = self.stack[level]
        else:  # a new list, or a sibling list when the marker kind changes
            target = _List(ordered=ordered, start=start)
            siblings = self.roots if level == 0 else self.stack[level - 1].items[-1].children
            siblings.append(target)
            if level < len(self.stack):
                self.stack[level] = target
            else:
                self.stack.append(target)
        target.items.append(_Item([text]))

    def continue_item(self, text: str) -> None:
        self.stack[-1].items[-1].lines.append(text)


def _split_indent(line: str) -> tuple[int, str]:
    body = line.lstrip(" \t")
    prefix = line[: len(line) - len(body)]
    return len(prefix) + prefix.count("\t"), body  # a tab counts as two spaces


def _parse_blocks(text: str) -> list[_Paragraph | _List]:
    blocks: list[_Paragraph | _List] = []
    para: list[str] = []
    lists: _ListBuilder | None = None

    def end_paragraph() -> None:
        if para:
            blocks.append(_Paragraph(para.copy()))
            para.clear()

    def end_lists() -> None:
        nonlocal lists
        if lists is not None:
            blocks.extend(lists.roots)
            lists = None

    for line in _normalize_newlines(text).split("\n"):
        indent, body = _split_indent(line)
        item = _ITEM.fullmatch(body.rstrip())
        if not body.strip():
            end_paragraph()
            end_lists()
        elif item is not None:
            end_paragraph()
            lists = lists or _ListBuilder()
            number = item.group(2)
            lists.add(indent=indent, ordered=number is not None, start=int(number or 1), text=item.group(3))
        elif lists is not None and indent >= 2:
            lists.continue_item(body.strip())
        else:
            end_lists()
            para.append(body.strip())
    end_paragraph()
    end_lists()
    return blocks


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _render_list(lst: _List, out: list[str]) -> None:
    tag = "ol" if lst.ordered else "ul"
    start = f' start="{lst.start}"' if lst.ordered and lst.start != 1 else ""
    out.append(f"<{tag}{start}>")
    for item in lst.items:
        out.append("<li>" + _inline_html("\n".join(item.lines)))
        for child in item.children:
            _render_list(child, out)
        out.append("</li>")
    out.append(f"</{tag}>")


def _items(lst: _List) -> Iterator[_Item]:
    """Every item of a list and of its sublists, in document order."""
    for item in lst.items:
        yield item
        for child in item.children:
            yield from _items(child)


def _inline_runs(text: str, *, inline: bool) -> list[str]:
    """The inline runs of ``text`` (paragraphs and list items), in document order."""
    if inline:
        return [_normalize_newlines(text)]
    runs: list[str] = []
    for block in _parse_blocks(text):
        if isinstance(block, _Paragraph):
            runs.append("\n".join(block.lines))
        else:
            runs.extend("\n".join(item.lines) for item in _items(block))
    return runs


# --------------------------------------------------------------------------- public API


def render_html(text: str, *, inline: bool = False) -> str:
    """Safe HTML for rich text; never raises on a str, and refused links are rendered as plain labels."""
    if inline:
        return _inline_html(_normalize_newlines(text))
    out: list[str] = []
    for block in _parse_blocks(text):
        if isinstance(block, _Paragraph):
            out.append("<p>" + _inline_html("\n".join(block.lines)) + "</p>")
        else:
            parts: list[str] = []
            _render_list(block, parts)
            out.append("".join(parts))
    return "\n".join(out)


def to_plain_text(text: str, *, inline: bool = False) -> str:
    """The words without markup, for search and snippets: paragraphs separated by a blank line, one line
    per list item, link labels without their addresses."""
    if inline:
        return _inline_plain(_tokenize(_normalize_newlines(text)))
    out: list[str] = []
    for block in _parse_blocks(text):
        if isinstance(block, _Paragraph):
            out.append(_inline_plain(_tokenize("\n".join(block.lines))))
        else:
            out.append("\n".join(_inline_plain(_tokenize("\n".join(item.lines))) for item in _items(block)))
    return "\n\n".join(out)


def _control_problem(text: str, *, allow_newlines: bool) -> str | None:
    allowed = "\n\t" if allow_newlines else "\t"
    for pos, ch in enumerate(text):
        # PostgreSQL jsonb cannot store U+0000; other controls are invisible garbage from copy-paste.
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            what = "a line break" if ch == "\n" else f"the control character U+{ord(ch):04X}"
            return f"contains {what} at position {pos}"
    return None


def validate_richtext(text: str, *, inline: bool = False) -> str:
    """Return ``text`` with normalised line endings, or raise ValueError naming every problem.

    Refused: links whose address is not an absolute http/https/mailto URL (``javascript:`` and friends,
    relative paths, addresses with spaces or control characters), links without text, control characters.
    Raw HTML is *not* refused: it is shown as text by ``render_html``.
    """
    if not isinstance(text, str):
        raise ValueError("rich text must be a string")
    text = _normalize_newlines(text)
    problems: list[str] = []
    control = _control_problem(text, allow_newlines=True)
    if control is not None:
        problems.append(f"text {control}")
    for run in _inline_runs(text, inline=inline):
        problems.extend(_inline_problems(run))
    if problems:
        raise ValueError("; ".join(problems))
    return text


def check_plain_line(text: str) -> str:
    """A single line of plain text (terms, names, answers): no control characters, no line breaks."""
    problem = _control_problem(text, allow_newlines=False)
    if problem is not None:
        raise ValueError(f"must be a single line of text: it {problem}")
    return text


_LINE_START_MARKER = re.compile(r"^([ \t]*)(-|\d{1,9}(?=\.))", re.MULTILINE)


def escape_richtext(text: str) -> str:
    """Rich text that renders exactly as the plain ``text`` (for imported plain strings)."""
    escaped = re.sub(r"([\\*_\[\]])", r"\\\1", _normalize_newlines(text))

    # "- x" or "3. x" at a line start would become a list item.
    def protect(m: re.Match[str]) -> str:
        return m.group(1) + ("\\-" if m.group(2) == "-" else m.group(2) + "\\")

    return _LINE_START_MARKER.sub(protect, escaped)
