"""Lessons, slides and blocks keep dense 0-based orders through inserts, moves and deletes."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.enums import UserRole
from bibliology.lessons import ordering
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from tests import factories as f
from tests.courses.authoring import (
    assert_problem,
    create_block,
    create_course,
    create_lesson,
    create_slide,
    teacher,
)


def _order(session: Session, model: Any, parent: Any, order: Any, parent_id: str) -> list[str]:
    rows = session.execute(select(model.id, order).where(parent == parent_id).order_by(order)).all()
    assert [position for _, position in rows] == list(range(len(rows))), "orders are dense from 0"
    return [row_id for row_id, _ in rows]


def lesson_order(session: Session, course_id: str) -> list[str]:
    return _order(session, Lesson, Lesson.course_id, Lesson.lesson_order, course_id)


def slide_order(session: Session, lesson_id: str) -> list[str]:
    return _order(session, Slide, Slide.lesson_id, Slide.slide_order, lesson_id)


def block_order(session: Session, slide_id: str) -> list[str]:
    return _order(session, ContentBlock, ContentBlock.slide_id, ContentBlock.block_order, slide_id)


def test_lessons_insert_move_and_delete_keep_orders_dense(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    a = create_lesson(client, headers, course["id"], title_en="A")
    b = create_lesson(client, headers, course["id"], title_en="B")
    c = create_lesson(client, headers, course["id"], title_en="C", position=0)
    d = create_lesson(client, headers, course["id"], title_en="D", position=2)
    assert lesson_order(session, course["id"]) == [c["id"], a["id"], d["id"], b["id"]]
    moved = client.post(f"/api/v1/lessons/{c['id']}/move", json={"position": 3}, headers=headers)
    assert moved.json()["position"] == 3
    assert lesson_order(session, course["id"]) == [a["id"], d["id"], b["id"], c["id"]]
    client.post(f"/api/v1/lessons/{b['id']}/move", json={"position": 0}, headers=headers)
    assert lesson_order(session, course["id"]) == [b["id"], a["id"], d["id"], c["id"]]
    assert client.delete(f"/api/v1/lessons/{a['id']}", headers=headers).status_code == 204
    assert lesson_order(session, course["id"]) == [b["id"], d["id"], c["id"]]
    outline = client.get(f"/api/v1/courses/{course['id']}/authoring", headers=headers).json()["lessons"]
    assert [(lesson["id"], lesson["position"]) for lesson in outline] == [
        (b["id"], 0),
        (d["id"], 1),
        (c["id"], 2),
    ]


def test_positions_out_of_range_are_refused(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    body = assert_problem(
        client.post(
            f"/api/v1/courses/{course['id']}/lessons", json={"title_en": "x", "position": 2}, headers=headers
        ),
        422,
    )
    assert body["errors"] == [{"field": "position", "message": "must be between 0 and 1"}]
    body = assert_problem(
        client.post(f"/api/v1/lessons/{lesson['id']}/move", json={"position": 1}, headers=headers), 422
    )
    assert body["errors"][0]["field"] == "position"
    assert_problem(
        client.post(f"/api/v1/lessons/{lesson['id']}/move", json={"position": -1}, headers=headers), 422
    )
    assert_problem(client.post(f"/api/v1/lessons/{lesson['id']}/move", json={}, headers=headers), 422)
    assert lesson_order(session, course["id"]) == [lesson["id"]]


def test_slides_and_blocks_move_within_their_parent(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    slides = [create_slide(client, headers, lesson["id"], title_en=f"S{i}") for i in range(4)]
    blocks = [create_block(client, headers, slides[0]["id"], content_en={"text": f"B{i}"}) for i in range(3)]
    assert (
        client.post(
            f"/api/v1/slides/{slides[3]['id']}/move", json={"position": 1}, headers=headers
        ).status_code
        == 200
    )
    assert slide_order(session, lesson["id"]) == [slides[i]["id"] for i in (0, 3, 1, 2)]
    moved = client.post(
        f"/api/v1/blocks/{blocks[0]['id']}/move", json={"position": 2}, headers=headers
    ).json()
    assert moved["position"] == 2
    assert block_order(session, slides[0]["id"]) == [blocks[i]["id"] for i in (1, 2, 0)]
    inserted = create_block(client, headers, slides[0]["id"], position=1)
    assert block_order(session, slides[0]["id"]) == [
        blocks[1]["id"],
        inserted["id"],
        blocks[2]["id"],
        blocks[0]["id"],
    ]
    assert client.delete(f"/api/v1/blocks/{blocks[2]['id']}", headers=headers).status_code == 204
    assert block_order(session, slides[0]["id"]) == [blocks[1]["id"], inserted["id"], blocks[0]["id"]]
    assert client.delete(f"/api/v1/slides/{slides[3]['id']}", headers=headers).status_code == 204
    assert slide_order(session, lesson["id"]) == [slides[i]["id"] for i in (0, 1, 2)]
    tree = client.get(f"/api/v1/lessons/{lesson['id']}/authoring", headers=headers).json()
    assert [s["position"] for s in tree["slides"]] == [0, 1, 2]
    assert [b["position"] for b in tree["slides"][0]["blocks"]] == [0, 1, 2]


def test_orders_with_gaps_written_elsewhere_become_dense(session: Session) -> None:
    """Rows written by other clients (an import, the design's client) may leave gaps: the next
    change renumbers them 0..n-1, without ever colliding on the unique constraint."""
    lesson = f.make_lesson(session)
    slides = [f.make_slide(session, lesson=lesson, slide_order=order) for order in (5, 9, 10, 40)]
    ordering.move(session, ordering.SLIDES, lesson.id, slides[3].id, 0)
    assert slide_order(session, lesson.id) == [slides[i].id for i in (3, 0, 1, 2)]
    assert slides[3].slide_order == 0  # objects in the session see the new order


def test_a_foreign_parent_cannot_receive_children(client: TestClient, session: Session) -> None:
    _, owner = teacher(session)
    _, stranger = teacher(session)
    course = create_course(client, owner)
    lesson = create_lesson(client, owner, course["id"])
    slide = create_slide(client, owner, lesson["id"])
    assert_problem(
        client.post(f"/api/v1/courses/{course['id']}/lessons", json={"title_en": "x"}, headers=stranger), 404
    )
    assert_problem(client.post(f"/api/v1/lessons/{lesson['id']}/slides", json={}, headers=stranger), 404)
    assert_problem(
        client.post(
            f"/api/v1/slides/{slide['id']}/blocks",
            json={"block_type": "DIVIDER", "content_en": {}},
            headers=stranger,
        ),
        404,
    )
    admin = f.make_user(session, role=UserRole.ADMIN)
    from tests.courses.authoring import bearer

    assert (
        client.post(
            f"/api/v1/lessons/{lesson['id']}/slides", json={}, headers=bearer(session, admin)
        ).status_code
        == 201
    )


def test_inserting_at_the_front_again_and_again(session: Session) -> None:
    """An inserted slot makes the last final position n: the offset range must start above it too
    (a regression: rows updated in heap order collided on the unique constraint)."""
    slide = f.make_slide(session)
    for _ in range(25):
        position = ordering.open_slot(session, ordering.BLOCKS, slide.id, 0)
        f.make_block(session, slide=slide, block_order=position)
    assert len(block_order(session, slide.id)) == 25
