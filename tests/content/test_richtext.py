from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bibliology.content.richtext import (
    escape_richtext,
    link_problem,
    render_html,
    to_plain_text,
    validate_richtext,
)

REL = 'rel="nofollow noopener"'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello **world**", "<p>Hello <strong>world</strong></p>"),
        ("*italic* and _italic_", "<p><em>italic</em> and <em>italic</em></p>"),
        ("***both***", "<p><strong><em>both</em></strong></p>"),
        ("**a *b* c**", "<p><strong>a <em>b</em> c</strong></p>"),
        ("snake_case_name stays", "<p>snake_case_name stays</p>"),
        ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
        ("**unclosed", "<p>**unclosed</p>"),
        (r"\*not italic\* and \\", r"<p>*not italic* and \</p>"),
        ("line one\nline two", "<p>line one<br>\nline two</p>"),
        ("para one\n\npara two", "<p>para one</p>\n<p>para two</p>"),
        ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
        ("- a\n  - b\n    - c\n- d", "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>"),
        ("1. un\n2. deux", "<ol><li>un</li><li>deux</li></ol>"),
        ("3. trois\n4. quatre", '<ol start="3"><li>trois</li><li>quatre</li></ol>'),
        ("- a\n  1. x\n  2. y", "<ul><li>a<ol><li>x</li><li>y</li></ol></li></ul>"),
        ("- item\n  continued", "<ul><li>item<br>\ncontinued</li></ul>"),
        ("Intro:\n- a\nAfter", "<p>Intro:</p>\n<ul><li>a</li></ul>\n<p>After</p>"),
        (r"\- not a list", "<p>- not a list</p>"),
        ("1\\. not a list", "<p>1. not a list</p>"),
        ("[Bible](https://example.org/a_b)", f'<p><a href="https://example.org/a_b" {REL}>Bible</a></p>'),
        (
            "[**bold** link](HTTPS://example.org)",
            f'<p><a href="https://example.org" {REL}><strong>bold</strong> link</a></p>',
        ),
        ("[mail](mailto:a@b.fr)", f'<p><a href="mailto:a@b.fr" {REL}>mail</a></p>'),
        ("[a](https://x.org?a=1&b=2)", f'<p><a href="https://x.org?a=1&amp;b=2" {REL}>a</a></p>'),
        (
            "[a [b](https://x.org) c](https://y.org)",
            f'<p>[a <a href="https://x.org" {REL}>b</a> c](https://y.org)</p>',
        ),
        ("« Car Dieu a tant aimé le monde »", "<p>« Car Dieu a tant aimé le monde »</p>"),
        ("", ""),
    ],
)
def test_render_html(source: str, expected: str) -> None:
    assert render_html(source) == expected


def test_inline_mode_ignores_block_markers() -> None:
    assert render_html("1. Introduction *générale*", inline=True) == "1. Introduction <em>générale</em>"
    assert render_html("a\r\nb", inline=True) == "a<br>\nb"


def test_list_depth_is_clamped() -> None:
    deep = "\n".join("  " * level + f"- {level}" for level in range(50))
    assert render_html(deep).count("<ul>") == 6


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><script>alert(1)</script>',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](\x01javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](//evil.example/)",
        "[x](/relative/path)",
        '[x](https://ok.org/"onmouseover="alert(1))',
        "[x](https://ok.org/<script>)",
    ],
)
def test_xss_payloads_are_inert(source: str) -> None:
    out = render_html(source)
    assert "<script" not in out.lower()
    assert "<img" not in out
    assert "href" not in out
    assert 'onmouseover="' not in out


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("[x](javascript:alert(1))", "javascript: scheme is not allowed"),
        ("[x](JaVaScRiPt:alert(1))", "javascript: scheme is not allowed"),
        ("[x]( javascript:alert(1))", "spaces or control characters"),
        ("[x](java&#x09;script:alert(1))", "only absolute"),
        ("[x](data:text/html,hi)", "data: scheme is not allowed"),
        ("[x](vbscript:msgbox)", "vbscript: scheme is not allowed"),
        ("[x](/media/a.png)", "only absolute"),
        ("[x](https:evil)", "needs a host"),
        ("[x](mailto:)", "needs an address"),
        ("[x](https://fr.wikipedia.org/wiki/Jean_(apôtre))", "%28"),
        ("[](https://example.org)", "has no text"),
        ("- item with [x](javascript:void)", "javascript: scheme"),
        ("nul \x00 byte", "U+0000"),
    ],
)
def test_validate_refuses(source: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        validate_richtext(source)


def test_validate_accepts_and_normalises_line_endings() -> None:
    text = "« Bonjour » *à tous*\r\n\r\n- [Bible](https://www.bible.com)\r\n<b>shown as text</b>"
    assert validate_richtext(text) == text.replace("\r\n", "\n")
    assert validate_richtext(validate_richtext(text)) == validate_richtext(text)


def test_escaped_link_is_not_a_link() -> None:
    assert validate_richtext(r"\[x](javascript:alert(1))")
    assert "href" not in render_html(r"\[x](javascript:alert(1))")


def test_link_problem() -> None:
    assert link_problem("https://example.org/path?q=1#top") is None
    assert link_problem("mailto:pasteur@eglise.fr") is None
    assert link_problem("ftp://example.org") is not None


def test_to_plain_text() -> None:
    source = "**Jean** 3,16 : [lire](https://x.org)\n\n- un\n  - deux\n1. trois"
    assert to_plain_text(source) == "Jean 3,16 : lire\n\nun\ndeux\n\ntrois"
    assert to_plain_text("*a* [b](javascript:x)", inline=True) == "a b"


def test_escape_richtext() -> None:
    raw = "- 2 * 3 = 6 [sic] _x_ \\"
    assert to_plain_text(escape_richtext(raw)) == raw
    assert render_html(escape_richtext("12. x")) == "<p>12. x</p>"


# --------------------------------------------------------------------------- properties

_FRAGMENTS = [
    *["*", "**", "_", "[", "]", "(", ")", "](", "\\", "a", "é", "«", "<", ">", '"', "'", "&", "&#x09;"],
    *["//", "x.org", "<script>", "alert(1)", "{{1}}", "\n", "\n\n", " ", "  ", "\t", "\x00", "- ", "1. "],
    *["javascript:", "JaVaScRiPt:", "data:", "vbscript:", "http://", "https://", "mailto:"],
]
_rich_texts = st.one_of(st.text(), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join))
_ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li"}
_VOID = {"br"}


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in _ALLOWED_TAGS, tag
        if tag == "a":
            assert dict(attrs)["rel"] == "nofollow noopener"
            self.hrefs.append(dict(attrs)["href"] or "")
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag


@settings(max_examples=400)
@given(_rich_texts, st.booleans())
def test_render_is_total_safe_and_well_formed(source: str, inline: bool) -> None:
    out = render_html(source, inline=inline)
    assert "<script" not in out.lower()
    for href in re.findall(r'href="([^"]*)"', out):
        assert href.startswith(("http://", "https://", "mailto:"))
    checker = _TagChecker()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    for href in checker.hrefs:  # after entity decoding, as a browser sees it
        assert href.startswith(("http://", "https://", "mailto:"))
    assert isinstance(to_plain_text(source, inline=inline), str)


@given(_rich_texts)
def test_validate_raises_only_value_error_and_is_idempotent(source: str) -> None:
    try:
        once = validate_richtext(source)
    except ValueError:
        return
    assert validate_richtext(once) == once


@given(st.text().map(lambda s: s.replace("\r", "")))
def test_escape_round_trips_to_the_same_plain_text(raw: str) -> None:
    assert to_plain_text(escape_richtext(raw), inline=True) == raw
