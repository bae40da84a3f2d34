"""Shapes → blocks without a database: rich text, nesting, layouts, fallbacks."""

from __future__ import annotations

from bibliology.enums import ContentBlockType, SlideLayout
from bibliology.imports.mapping import image_fallback, plan_slide
from bibliology.imports.pptx_reader import Paragraph, Picture, RawSlide, Run, Table, TextShape, Unsupported
from bibliology.imports.text import inline, nest


def para(*runs: Run, level: int = 0, bullet: str | None = None) -> Paragraph:
    return Paragraph(runs=runs, level=level, bullet=bullet)  # type: ignore[arg-type]


def slide(*items: object, layout: str = "obj", title: str | None = "T") -> RawSlide:
    return RawSlide(number=1, layout_type=layout, layout_name="", title=title, notes=None, items=list(items))  # type: ignore[arg-type]


def test_runs_keep_bold_italic_and_links_and_escape_the_rest() -> None:
    warnings: list[str] = []
    paragraph = para(
        Run("Grace "), Run("alone", bold=True), Run(" and "), Run("faith", italic=True), Run(" "),
        Run("both ", bold=True, italic=True), Run("[see](x) *here*", link="https://example.org/a b(c)"),
    )  # fmt: skip
    assert inline(paragraph, warnings) == (
        "Grace **alone** and *faith* ***both*** [\\[see\\](x) \\*here\\*](https://example.org/a%20b%28c%29)"
    )
    assert warnings == []


def test_unsafe_links_are_dropped_with_a_warning() -> None:
    warnings: list[str] = []
    assert inline(para(Run("click", link="javascript:alert(1)")), warnings) == "click"
    assert len(warnings) == 1
    assert "javascript:alert(1)" in warnings[0]


def test_levels_nest_and_deep_or_jumping_levels_are_clamped() -> None:
    entries = [(0, "a"), (2, "b"), (1, "c"), (5, "d"), (6, "e"), (7, "f"), (8, "g"), (0, "h")]
    assert nest(entries) == [
        {
            "text": "a",
            "children": [
                {"text": "b"},
                # four levels at most: f and g join e at the fourth
                {
                    "text": "c",
                    "children": [{"text": "d", "children": [{"text": "e"}, {"text": "f"}, {"text": "g"}]}],
                },
            ],
        },
        {"text": "h"},
    ]


def test_a_body_placeholder_lists_and_a_text_box_writes_paragraphs() -> None:
    body = TextShape("Body", "body", (para(Run("one")), para(Run("two")), para(Run("three"), bullet="none")))
    box = TextShape(
        "Box", "text", (para(Run("first")), para(Run("second")), para(Run("item"), bullet="numbered"))
    )
    plan = plan_slide(slide(body, box), lang="en")
    assert [(b.type, b.content) for b in plan.blocks] == [
        (ContentBlockType.LIST, {"style": "bullet", "items": [{"text": "one"}, {"text": "two"}]}),
        (ContentBlockType.TEXT, {"text": "three"}),
        (ContentBlockType.TEXT, {"text": "first\n\nsecond"}),
        (ContentBlockType.LIST, {"style": "numbered", "items": [{"text": "item"}]}),
    ]


def test_a_list_longer_than_a_block_allows_is_split() -> None:
    body = TextShape("Body", "body", tuple(para(Run(f"item {n}")) for n in range(450)))
    plan = plan_slide(slide(body), lang="en")
    assert [len(b.content["items"]) for b in plan.blocks] == [200, 200, 50]


def test_layouts_follow_the_layout_type_and_the_content() -> None:
    picture = Picture("Picture 1", "A map", b"png", "image/png", "map.png")
    assert plan_slide(slide(layout="title"), lang="en").layout == SlideLayout.TITLE
    assert plan_slide(slide(layout="twoObj"), lang="en").layout == SlideLayout.TWO_COLUMN
    assert plan_slide(slide(picture, layout="blank", title=None), lang="en").layout == SlideLayout.IMAGE_FOCUS
    assert plan_slide(slide(layout="obj", title=None), lang="en").layout == SlideLayout.BLANK
    assert plan_slide(slide(TextShape("B", "text", (para(Run("x")),)), layout="blank"), lang="en").layout == (
        SlideLayout.CONTENT
    )


def test_unsupported_objects_become_notes_in_the_decks_language() -> None:
    items = (
        Unsupported("audio", "Sound 1"),
        Unsupported("chart", "Chart 3", "Attendance"),
        Unsupported("other", "Ink 2"),
    )
    english = plan_slide(slide(*items), lang="en")
    french = plan_slide(slide(*items), lang="fr")
    assert [b.content["text"] for b in english.blocks] == [
        "Audio: Sound 1 (not imported)", "Chart: Attendance (not imported)", "Object: Ink 2 (not imported)",
    ]  # fmt: skip
    assert [b.content["text"] for b in french.blocks] == [
        "Audio : Sound 1 (non importé)", "Graphique : Attendance (non importé)", "Objet : Ink 2 (non importé)",
    ]  # fmt: skip
    assert [s.what for s in english.report.skipped] == ["Sound 1", "Chart 3", "Ink 2"]


def test_an_empty_table_is_skipped_and_a_long_one_split() -> None:
    empty = Table("Table 1", (("", ""), ("", "")), header=True)
    long = Table("Table 2", (("Book", "Chapters"), *((f"Book {n}", str(n)) for n in range(250))), header=True)
    plan = plan_slide(slide(empty, long), lang="en")
    assert [s.what for s in plan.report.skipped] == ["Table 1"]
    assert [len(b.content["items"]) for b in plan.blocks] == [100, 100, 50]
    assert plan.blocks[0].content["items"][0] == {"text": "**Book:** Book 0 — **Chapters:** 0"}
    assert "the table “Table 2” was split into 3 blocks" in plan.report.warnings


def test_titles_are_one_line_and_notes_are_bounded() -> None:
    raw = slide(title="A\ttitle " + "x" * 300)
    raw.notes = "line one\nline two\x07"
    plan = plan_slide(raw, lang="en")
    assert plan.title is not None
    assert len(plan.title) == 200
    assert plan.title.startswith("A title x")
    assert plan.notes == "line one\nline two"
    assert plan.report.warnings == ["the title was cut to 200 characters"]


def test_one_picture_and_one_text_make_an_image_focus_slide_with_a_caption() -> None:
    picture = Picture("Picture 2", "A map", b"png", "image/png", "map.png")
    caption = TextShape(
        "TextBox 3", "text", (para(Run("Paul's "), Run("second", italic=True), Run(" journey")),)
    )
    for items in ((picture, caption), (caption, picture)):
        plan = plan_slide(slide(*items, layout="titleOnly"), lang="en")
        assert plan.layout == SlideLayout.IMAGE_FOCUS
        assert [(b.type, b.content) for b in plan.blocks] == [
            (ContentBlockType.IMAGE, {"alt": "A map", "caption": "Paul's *second* journey"})
        ]
        assert plan.report.created == ["IMAGE “A map” with its caption"]
    # Without a title, or on a Picture with Caption layout, the same.
    assert plan_slide(slide(picture, caption, layout="blank", title=None), lang="en").signature == (
        SlideLayout.IMAGE_FOCUS, (ContentBlockType.IMAGE,),
    )  # fmt: skip
    assert plan_slide(slide(picture, caption, layout="picTx"), lang="en").signature == (
        SlideLayout.IMAGE_FOCUS, (ContentBlockType.IMAGE,),
    )  # fmt: skip


def test_a_picture_among_several_blocks_stays_content() -> None:
    picture = Picture("Picture 2", "A map", b"png", "image/png", "map.png")
    text = TextShape("TextBox 3", "text", (para(Run("one")),))
    bullets = TextShape("Body", "body", (para(Run("a")), para(Run("b"))))
    long_text = TextShape("TextBox 4", "text", (para(Run("x" * 2_001)),))
    metafile = Picture("Picture 5", "A chart", b"emf", "image/x-emf", "chart.emf")
    cases = {
        (picture, text, text): (SlideLayout.CONTENT, ("IMAGE", "TEXT", "TEXT")),
        (picture, picture, text): (SlideLayout.CONTENT, ("IMAGE", "IMAGE", "TEXT")),
        (bullets, picture): (SlideLayout.CONTENT, ("LIST", "IMAGE")),
        (picture, long_text): (SlideLayout.CONTENT, ("IMAGE", "TEXT")),  # too long for a caption
        (metafile, text): (SlideLayout.CONTENT, ("CALLOUT", "TEXT")),  # not an image a browser shows
    }
    for items, (layout, types) in cases.items():
        plan = plan_slide(slide(*items, layout="titleOnly"), lang="en")
        assert (plan.layout, tuple(b.type.value for b in plan.blocks)) == (layout, types)
    two_columns = plan_slide(slide(text, picture, layout="twoObj"), lang="en")
    assert two_columns.signature == (SlideLayout.TWO_COLUMN, (ContentBlockType.TEXT, ContentBlockType.IMAGE))


def test_a_refused_picture_keeps_its_caption_in_the_note() -> None:
    picture = Picture("Picture 2", "A map", b"not a png", "image/png", "map.png")
    caption = TextShape("TextBox 3", "text", (para(Run("The map")),))
    (block,) = plan_slide(slide(picture, caption, layout="titleOnly"), lang="en").blocks
    fallback = image_fallback(block, lang="en")
    assert fallback.content == {
        "variant": "warning",
        "text": "Picture: A map (PNG, kept as a file: convert it to PNG to show it)\n\nThe map",
    }
