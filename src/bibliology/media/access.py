"""Who may read a media file, decided by what uses its URL — in one statement per request.

A file is **public** when a published course uses it (thumbnail, cover) or an IMAGE block of a
published lesson of a published course shows it. Otherwise it is private: readable by admins, its
uploader, the teacher of any course that uses it (in any lesson, any status), a student enrolled in
an archived course where it appears in that course's thumbnail or cover or in a lesson that is not
a draft (policy.can_view_lesson), and, for an avatar, the user it belongs to and the teachers of
the courses that user is enrolled in (the roster shows it). Everyone else is told it does not exist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.media.storage import InvalidKey, check_key
from bibliology.policy import Actor


@dataclass(frozen=True)
class ServedMedia:
    id: str
    sha256: str
    storage_key: str
    content_type: str
    byte_size: int
    public: bool  # used by published content: anyone, cached as immutable
    readable: bool  # public, or readable by this actor


# Every place a media URL is stored, as (course, teacher, course status, lesson status) rows; the
# lesson status is NULL for a course's own pictures. content_blocks is probed through its
# jsonb_path_ops indexes (@>; only IMAGE blocks have a "url", so no block_type test, which would
# tempt the planner into its block_type index), the course columns through their hash indexes.
_STATEMENT = text(
    """
    WITH file AS (
        SELECT id, sha256, storage_key, content_type, byte_size, owner_id
        FROM media_files WHERE storage_key = :key
    ),
    uses AS (
        SELECT c.id AS course_id, c.teacher_id, c.status::text AS course_status, NULL::text AS lesson_status
        FROM courses c
        WHERE c.thumbnail_url = :url OR c.cover_image_url = :url
        UNION ALL
        SELECT c.id, c.teacher_id, c.status::text, l.status::text
        FROM content_blocks b
        JOIN slides s ON s.id = b.slide_id
        JOIN lessons l ON l.id = s.lesson_id
        JOIN courses c ON c.id = l.course_id
        WHERE b.content_en @> CAST(:probe AS jsonb) OR b.content_fr @> CAST(:probe AS jsonb)
    )
    SELECT file.id, file.sha256, file.storage_key, file.content_type, file.byte_size,
        EXISTS (
            SELECT 1 FROM uses
            WHERE course_status = 'PUBLISHED' AND coalesce(lesson_status, 'PUBLISHED') = 'PUBLISHED'
        ) AS public,
        CAST(:uid AS text) IS NOT NULL AND (
            CAST(:admin AS boolean)
            OR file.owner_id = :uid
            OR EXISTS (SELECT 1 FROM uses WHERE teacher_id = :uid)
            OR EXISTS (
                SELECT 1 FROM uses u
                JOIN enrollments e ON e.course_id = u.course_id AND e.student_id = :uid
                WHERE u.course_status = 'ARCHIVED' AND coalesce(u.lesson_status, '') <> 'DRAFT'
            )
            OR EXISTS (
                SELECT 1 FROM users a
                WHERE a.avatar_url = :url
                  AND (a.id = :uid OR EXISTS (
                      SELECT 1 FROM enrollments e JOIN courses c ON c.id = e.course_id
                      WHERE e.student_id = a.id AND c.teacher_id = :uid
                  ))
            )
        ) AS readable
    FROM file
    """
)


def lookup(session: Session, *, storage_key: str, actor: Actor) -> ServedMedia | None:
    """The file at /media/<storage_key> and whether `actor` may read it; None when there is no such
    file (or the key is not one of ours)."""
    try:
        check_key(storage_key)
    except InvalidKey:
        return None
    url = f"/media/{storage_key}"
    row = session.execute(
        _STATEMENT,
        {
            "key": storage_key,
            "url": url,
            "probe": json.dumps({"url": url}),
            "uid": actor.user_id,
            "admin": actor.is_admin,
        },
    ).one_or_none()
    if row is None:
        return None
    return ServedMedia(
        id=row.id,
        sha256=row.sha256,
        storage_key=row.storage_key,
        content_type=row.content_type,
        byte_size=row.byte_size,
        public=row.public,
        readable=row.public or bool(row.readable),
    )
