"""Who may do what to which object — the one place every service asks.

Rules: students read published content and their own records only; teachers manage only their own
courses; admins everything. An object the actor may not even see answers NotFound, so ids reveal
nothing; one they may see but not change answers Forbidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from bibliology.enums import LessonStatus, UserRole
from bibliology.errors import Conflict, Forbidden, NotFound, Unauthorized


@dataclass(frozen=True)
class Actor:
    """Who is asking. Anonymous visitors have no id and no role."""

    user_id: str | None = None
    role: UserRole | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_admin(self) -> bool:
        return self.role == UserRole.ADMIN

    @property
    def can_teach(self) -> bool:
        return self.role in (UserRole.TEACHER, UserRole.ADMIN)


ANONYMOUS = Actor()


class Denied(NotFound):
    """An object that exists but that the actor may not see. It answers exactly as NotFound (so ids
    reveal nothing) but lets the error handler audit the attempt as a permission denial."""


@dataclass(frozen=True)
class CourseFacts:
    """What the policy needs to know about a course (loaded by the caller in its own query)."""

    id: str
    teacher_id: str
    status: LessonStatus
    # Whether the actor has an enrollment (any status) in this course.
    actor_enrolled: bool = False


def require_login(actor: Actor) -> str:
    if actor.user_id is None:
        raise Unauthorized("log in to do this")
    return actor.user_id


def require_teacher(actor: Actor) -> str:
    user_id = require_login(actor)
    if not actor.can_teach:
        raise Forbidden("only teachers and admins can do this")
    return user_id


def require_admin(actor: Actor) -> str:
    user_id = require_login(actor)
    if not actor.is_admin:
        raise Forbidden("only admins can do this")
    return user_id


def owns_course(actor: Actor, course: CourseFacts) -> bool:
    return actor.is_admin or (actor.user_id is not None and actor.user_id == course.teacher_id)


def can_view_course(actor: Actor, course: CourseFacts) -> bool:
    """Published: everyone. Archived: its teacher, admins, and students enrolled in it (read-only).
    Draft: its teacher and admins."""
    if owns_course(actor, course):
        return True
    if course.status == LessonStatus.PUBLISHED:
        return True
    return course.status == LessonStatus.ARCHIVED and course.actor_enrolled


def can_view_lesson(actor: Actor, course: CourseFacts, lesson_status: LessonStatus) -> bool:
    """A student sees a lesson only when both it and its course are visible to them; draft lessons of
    a published course stay with the teacher."""
    if owns_course(actor, course):
        return True
    if not can_view_course(actor, course):
        return False
    if course.status == LessonStatus.ARCHIVED:
        return lesson_status != LessonStatus.DRAFT
    return lesson_status == LessonStatus.PUBLISHED


def ensure_can_view_course(actor: Actor, course: CourseFacts | None, *, what: str = "course") -> CourseFacts:
    if course is None:
        raise NotFound(f"no such {what}")
    if not can_view_course(actor, course):
        raise Denied(f"no such {what}")
    return course


def ensure_can_manage_course(
    actor: Actor, course: CourseFacts | None, *, what: str = "course"
) -> CourseFacts:
    """Authoring rights; a course the actor cannot see is 'not found', one they can see is 'forbidden'."""
    course = ensure_can_view_course(actor, course, what=what)
    if not owns_course(actor, course):
        raise Forbidden(f"only the course's teacher can change this {what}")
    return course


def ensure_self_or_admin(actor: Actor, user_id: str, *, what: str = "record") -> None:
    """A student's own records (progress, notes, submissions, account): theirs or an admin's."""
    if actor.user_id != user_id and not actor.is_admin:
        raise Denied(f"no such {what}")


def ensure_can_change_role(actor: Actor, target_user_id: str) -> str:
    """Admins change roles, never their own: the last admin cannot lock everyone out by mistake."""
    admin_id = require_admin(actor)
    if target_user_id == admin_id:
        raise Conflict("you cannot change your own role: ask another admin")
    return admin_id
