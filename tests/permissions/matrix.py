"""The permission matrix: every endpoint × role × own/foreign object, with a leak check.

Each `tests/permissions/entries_<domain>.py` module defines `ENTRIES: list[Endpoint]`; test_matrix.py
collects them all, runs each entry once per role in ROLES (a fresh World per run), checks the
status code, and checks that the answer shows no other user's data. A later issue adds its
endpoints by adding its own entries module — test_matrix.py also fails while any /api/v1 route of
the OpenAPI document has no entry.

    ENTRIES = [
        Endpoint("GET", "/api/v1/courses/{course_id}", note="own draft",
                 params=lambda w, role: {"course_id": w.course("teacher", status=LessonStatus.DRAFT).id},
                 expect=expect(404, teacher=200, admin=200)),
    ]

Conventions: "own" objects belong to the acting role's user (`w.user(role)`); "foreign" ones to
OTHER_STUDENT (a student record) or to "other_teacher" / "teacher" (a course). Register text that
only its owner may read with `w.secret(owner, text)`: it then counts as a leak anywhere else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.enums import LessonStatus, UserRole
from tests import factories as f

Role = Literal["anonymous", "student", "teacher", "other_teacher", "admin"]
ROLES: tuple[Role, ...] = ("anonymous", "student", "teacher", "other_teacher", "admin")
# The owner of "foreign" student records; never the actor.
OTHER_STUDENT: Literal["other_student"] = "other_student"
Owner = Literal["student", "teacher", "other_teacher", "admin", "other_student"]
OWNERS: tuple[Owner, ...] = ("student", "teacher", "other_teacher", "admin", "other_student")

Status = int | frozenset[int]
Expect = Mapping[Role, Status]
T = TypeVar("T")


@dataclass
class World:
    """The users every entry can refer to, plus objects entries build on demand (memoised)."""

    session: Session
    users: dict[Owner, User]
    secrets: dict[Owner, set[str]] = field(default_factory=dict)
    cache: dict[object, Any] = field(default_factory=dict)

    def user(self, who: Role | Owner) -> User:
        """The user acting as `who`; anonymous entries usually act on the student's behalf."""
        return self.users["student" if who == "anonymous" else who]

    def remember(self, key: object, build: Callable[[World], T]) -> T:
        if key not in self.cache:
            self.cache[key] = build(self)
        value: T = self.cache[key]
        return value

    def secret(self, owner: Owner, text: str) -> str:
        self.secrets.setdefault(owner, set()).add(text)
        return text

    def markers(self, owner: Owner) -> set[str]:
        user = self.users[owner]
        return {user.email, user.name, *self.secrets.get(owner, set())}

    def course(self, owner: Owner, *, status: LessonStatus = LessonStatus.PUBLISHED) -> Course:
        def build(world: World) -> Course:
            return f.make_course(world.session, teacher=world.users[owner], status=status)

        return self.remember(("course", owner, status), build)


def build_world(session: Session) -> World:
    roles: dict[Owner, UserRole] = {
        "student": UserRole.STUDENT,
        "other_student": UserRole.STUDENT,
        "teacher": UserRole.TEACHER,
        "other_teacher": UserRole.TEACHER,
        "admin": UserRole.ADMIN,
    }
    users: dict[Owner, User] = {}
    for owner, role in roles.items():
        n = f._n()
        users[owner] = f.make_login_user(
            session,
            role=role,
            name=f"Matrix {owner} n{n}x",
            email=f"{owner.replace('_', '-')}-n{n}x@matrix.example",
        )
    return World(session=session, users=users)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    expect: Expect
    note: str = ""
    # Runs before the request: builds what the entry's leak check needs (others' records…).
    setup: Callable[[World, Role], None] | None = None
    params: Callable[[World, Role], Mapping[str, str]] | None = None
    query: Callable[[World, Role], Mapping[str, str]] | None = None
    json: Callable[[World, Role], Any] | None = None
    form: Callable[[World, Role], Mapping[str, str]] | None = None
    # Roles whose successful answers may show other users' data (admin lists, a login as someone).
    sees: frozenset[Role] = frozenset()

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}" + (f" [{self.note}]" if self.note else "")

    def allowed(self, role: Role) -> frozenset[int]:
        status = self.expect[role]
        return status if isinstance(status, frozenset) else frozenset({status})


def expect(default: Status, **per_role: Status) -> Expect:
    """One status for every role, with per-role exceptions: expect(403, anonymous=401, admin=200)."""
    unknown = set(per_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: per_role.get(role, default) for role in ROLES}


def anyone(status: Status) -> Expect:
    return expect(status)


def logged_in(status: Status) -> Expect:
    return expect(status, anonymous=401)


def admins_only(status: Status) -> Expect:
    return expect(403, anonymous=401, admin=status)


def teachers_only(status: Status) -> Expect:
    return expect(403, anonymous=401, teacher=status, other_teacher=status, admin=status)


def collect() -> list[Endpoint]:
    import tests.permissions as package

    entries: list[Endpoint] = []
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("entries_"):
            loaded = importlib.import_module(f"{package.__name__}.{module.name}")
            entries.extend(loaded.ENTRIES)
    return entries
