"""The teacher's course pages: "My courses", a new course, a course's metadata, images and status,
and its lessons (order, new lesson, status). They call the services the JSON API calls; each status
change has a confirmation page, and a service's refusal is shown in words on the page it came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from bibliology.courses import access, lifecycle, service, teaching, vocabulary
from bibliology.courses.schemas import CourseCreate, CourseUpdate, Slug
from bibliology.deps import SessionDep
from bibliology.enums import LessonStatus
from bibliology.errors import DomainError, NotFound
from bibliology.lessons import lifecycle as lesson_lifecycle
from bibliology.lessons import service as lessons
from bibliology.lessons.schemas import LessonCreate, MoveTo
from bibliology.media import service as media
from bibliology.media.storage import storage_for
from bibliology.pages import FieldErrors, MaybeAuth, domain_field_errors, field_errors, page_actor, see_other
from bibliology.policy import Actor
from bibliology.web import N_, LazyText, html, page_language

router = APIRouter(include_in_schema=False)

Change = Literal["publish", "archive", "restore"]
CHANGES: tuple[Change, ...] = ("publish", "archive", "restore")
# Which changes a status offers (publishing an archived course is refused: restore it first).
OFFERED: dict[LessonStatus, tuple[Change, ...]] = {
    LessonStatus.DRAFT: ("publish", "archive"),
    LessonStatus.PUBLISHED: ("archive",),
    LessonStatus.ARCHIVED: ("restore",),
}
FORM_FIELDS = (
    "slug",
    "title_en",
    "title_fr",
    "description_en",
    "description_fr",
    "category",
    "difficulty",
    "tags",
    "estimated_hours",
)
SLUG: TypeAdapter[str] = TypeAdapter(Slug)
Done = Annotated[str | None, Query(max_length=20, pattern=r"^[a-z]+$")]
Form_ = dict[str, str]


async def course_form(request: Request) -> Form_:
    """The metadata form's fields as typed (missing ones empty), read once for a sync handler."""
    form = await request.form()
    return {name: value if isinstance(value := form.get(name), str) else "" for name in FORM_FIELDS}


CourseForm = Annotated[Form_, Depends(course_form)]


def _actor(request: Request, auth: Any) -> Actor | Response:
    return page_actor(request, auth, teacher=True)


def _course_values(form: Form_) -> tuple[dict[str, Any], FieldErrors]:
    """The form as the API's body: blank optional fields are null, tags split at commas, hours a
    number (a word there is this form's own error; everything else is the schema's)."""
    errors: FieldErrors = {}
    values: dict[str, Any] = {
        "title_en": form["title_en"],
        "title_fr": form["title_fr"].strip() or None,
        "description_en": form["description_en"],
        "description_fr": form["description_fr"].strip() or None,
        "category": form["category"] or None,
        "difficulty": form["difficulty"] or None,
        "tags": [tag.strip() for tag in form["tags"].split(",") if tag.strip()],
        "estimated_hours": None,
    }
    hours = form["estimated_hours"].strip()
    if hours:
        try:
            values["estimated_hours"] = int(hours)
        except ValueError:
            errors["estimated_hours"] = LazyText(N_("Give a whole number of hours, e.g. 6."))
    return values, errors


def _schema_errors(error: ValidationError) -> FieldErrors:
    """The schema's refusal per field (a tag's error, "tags.2", belongs to the one tags field); a
    blank required text says so rather than "at least 1 characters"."""
    found: FieldErrors = {}
    for name, message in field_errors(error).items():
        found.setdefault(name.split(".")[0], message)
    for item in error.errors():
        if item["type"] == "string_too_short" and item["loc"] and not str(item.get("input", "")).strip():
            found[str(item["loc"][0])] = LazyText(N_("Required."))
    return found


def _form_of(course: Any) -> Form_:
    return {
        "slug": course.slug,
        "title_en": course.title_en,
        "title_fr": course.title_fr or "",
        "description_en": course.description_en,
        "description_fr": course.description_fr or "",
        "category": course.category or "",
        "difficulty": course.difficulty or "",
        "tags": ", ".join(course.tags),
        "estimated_hours": "" if course.estimated_hours is None else str(course.estimated_hours),
    }


def _vocabulary(lang: str) -> dict[str, Any]:
    return {
        "categories": [(t.value, t.label(lang)) for t in vocabulary.CATEGORIES],
        "difficulties": [(t.value, t.label(lang)) for t in vocabulary.DIFFICULTIES],
    }


# --------------------------------------------------------------------------- My courses


@router.get("/teach", response_class=HTMLResponse)
def my_courses(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    status: Annotated[LessonStatus | None, Query()] = None,
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    rows = teaching.managed_courses(session, actor=actor, status=status)
    groups = [(s, [row for row in rows if row.course.status == s]) for s in LessonStatus]
    return html(
        request,
        "courses/teach/courses.html",
        {"groups": groups, "status": status, "total": len(rows), "is_admin": actor.is_admin},
    )


# --------------------------------------------------------------------------- a new course


def _new_page(request: Request, form: Form_, errors: FieldErrors, status_code: int = 200) -> Response:
    context = {"form": form, "errors": errors, **_vocabulary(page_language(request))}
    return html(request, "courses/teach/new.html", context, status_code=status_code)


@router.get("/teach/courses/new", response_class=HTMLResponse)
def new_course(request: Request, auth: MaybeAuth) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    return _new_page(request, dict.fromkeys(FORM_FIELDS, ""), {})


@router.post("/teach/courses/new")
def create_course(request: Request, session: SessionDep, auth: MaybeAuth, form: CourseForm) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    values, errors = _course_values(form)
    slug = None
    if form["slug"].strip():
        try:
            slug = SLUG.validate_python(form["slug"])
        except ValidationError:
            errors["slug"] = LazyText(
                N_("Use lower-case letters, digits and hyphens only, e.g. gospel-of-john.")
            )
    try:
        data = CourseCreate.model_validate(values)
    except ValidationError as error:
        return _new_page(request, form, _schema_errors(error) | errors, 422)
    if errors:
        return _new_page(request, form, errors, 422)
    try:
        course = service.create(session, actor=actor, data=data, slug=slug, request=request)
    except DomainError as error:
        if error.status == 403:
            raise
        session.rollback()
        return _new_page(request, form, domain_field_errors(error), 422)
    return see_other(f"/teach/courses/{course.id}", done="created")


# --------------------------------------------------------------------------- the course page


def _course_page(
    request: Request,
    session: Session,
    actor: Actor,
    course_id: str,
    *,
    form: Form_ | None = None,
    errors: FieldErrors | None = None,
    refusal: str | None = None,
    done: str | None = None,
    status_code: int = 200,
) -> Response:
    course = service.read_authoring(session, actor=actor, course_id=course_id)
    context = {
        "course": course,
        "form": form or _form_of(course),
        "errors": errors or {},
        "refusal": refusal,
        "done": done,
        "offered": OFFERED[course.status],
        "published_lessons": sum(1 for lesson in course.lessons if lesson.status == LessonStatus.PUBLISHED),
        **_vocabulary(page_language(request)),
    }
    return html(request, "courses/teach/course.html", context, status_code=status_code)


@router.get("/teach/courses/{course_id}", response_class=HTMLResponse)
def course_page(
    request: Request, session: SessionDep, auth: MaybeAuth, course_id: str, done: Done = None
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    return _course_page(request, session, actor, course_id, done=done)


@router.post("/teach/courses/{course_id}")
def update_course(
    request: Request, session: SessionDep, auth: MaybeAuth, course_id: str, form: CourseForm
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    values, errors = _course_values(form)
    try:
        data = CourseUpdate.model_validate(values)
    except ValidationError as error:
        errors = _schema_errors(error) | errors
    if errors:
        return _course_page(request, session, actor, course_id, form=form, errors=errors, status_code=422)
    try:
        service.update(session, actor=actor, course_id=course_id, data=data, request=request)
    except DomainError as error:
        if error.status in (401, 403, 404):
            raise
        session.rollback()
        found = domain_field_errors(error)
        refusal = found.pop("__all__", None)
        return _course_page(
            request,
            session,
            actor,
            course_id,
            form=form,
            errors=found,
            refusal=refusal,
            status_code=error.status,
        )
    return see_other(f"/teach/courses/{course_id}", done="saved")


@router.post("/teach/uploads/courses/{course_id}/images")
def upload_images(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    course_id: str,
    thumbnail: Annotated[UploadFile | None, File()] = None,
    cover: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """The thumbnail and/or cover image, stored by the media service (its checks and limits)."""
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    access.manageable(session, actor, course_id)  # nothing is stored for a course not yours
    storage = storage_for(request.app.state.settings)
    changes: dict[str, str] = {}
    errors: FieldErrors = {}
    for name, upload, target in (
        ("thumbnail", thumbnail, "thumbnail_url"),
        ("cover", cover, "cover_image_url"),
    ):
        data = upload.file.read() if upload is not None else b""
        if not data:
            continue
        assert upload is not None
        try:
            stored = media.store_upload(
                session,
                data=data,
                filename=upload.filename or "",
                owner_id=actor.user_id,
                kind="image",
                storage=storage,
            )
        except media.MediaRejected as error:
            errors[name] = str(error)
            continue
        changes[target] = media.media_url(stored)
    if not changes and not errors:
        return see_other(f"/teach/courses/{course_id}", done="noimage")
    if not errors:
        try:
            service.update(
                session,
                actor=actor,
                course_id=course_id,
                data=CourseUpdate.model_validate(changes),
                request=request,
            )
        except DomainError as error:
            if error.status in (401, 403, 404):
                raise
            session.rollback()
            return _course_page(
                request, session, actor, course_id, refusal=str(error), status_code=error.status
            )
        return see_other(f"/teach/courses/{course_id}", done="images")
    session.rollback()  # nothing stored when one of the two is refused
    return _course_page(request, session, actor, course_id, errors=errors, status_code=422)


def _course_confirm(change: Change) -> Callable[..., Response]:
    def confirm(request: Request, session: SessionDep, auth: MaybeAuth, course_id: str) -> Response:
        actor = _actor(request, auth)
        if isinstance(actor, Response):
            return actor
        course = service.read_authoring(session, actor=actor, course_id=course_id)
        published = sum(1 for lesson in course.lessons if lesson.status == LessonStatus.PUBLISHED)
        context = {
            "change": change,
            "kind": "course",
            "course": course,
            "title": course.title_en,
            "action": f"/teach/courses/{course_id}/{change}",
            "back": f"/teach/courses/{course_id}",
            "published_lessons": published,
        }
        return html(request, "courses/teach/confirm.html", context)

    return confirm


def _course_change(change: Change) -> Callable[..., Response]:
    def apply(request: Request, session: SessionDep, auth: MaybeAuth, course_id: str) -> Response:
        actor = _actor(request, auth)
        if isinstance(actor, Response):
            return actor
        try:
            lifecycle.change_status(session, actor=actor, course_id=course_id, change=change, request=request)
        except DomainError as error:
            if error.status in (401, 403, 404):
                raise
            session.rollback()
            return _course_page(
                request, session, actor, course_id, refusal=str(error), status_code=error.status
            )
        return see_other(f"/teach/courses/{course_id}", done=change)

    return apply


for _change in CHANGES:
    router.add_api_route(
        f"/teach/courses/{{course_id}}/{_change}",
        _course_confirm(_change),
        methods=["GET"],
        response_class=HTMLResponse,
        name=f"confirm_course_{_change}",
    )
    router.add_api_route(
        f"/teach/courses/{{course_id}}/{_change}",
        _course_change(_change),
        methods=["POST"],
        name=f"course_{_change}",
    )


# --------------------------------------------------------------------------- the course's lessons


def _lessons_page(
    request: Request,
    session: Session,
    actor: Actor,
    course_id: str,
    *,
    new: Form_ | None = None,
    errors: FieldErrors | None = None,
    refusal: str | None = None,
    done: str | None = None,
    status_code: int = 200,
) -> Response:
    course, rows = teaching.course_lessons(session, actor=actor, course_id=course_id)
    context = {
        "course": course,
        "rows": rows,
        "offered": OFFERED,
        "new": new or {"title_en": "", "title_fr": ""},
        "errors": errors or {},
        "refusal": refusal,
        "done": done,
    }
    return html(request, "courses/teach/lessons.html", context, status_code=status_code)


@router.get("/teach/courses/{course_id}/lessons", response_class=HTMLResponse)
def lessons_page(
    request: Request, session: SessionDep, auth: MaybeAuth, course_id: str, done: Done = None
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    return _lessons_page(request, session, actor, course_id, done=done)


@router.post("/teach/courses/{course_id}/lessons")
def create_lesson(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    course_id: str,
    title_en: Annotated[str, Form(max_length=1000)] = "",
    title_fr: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    typed = {"title_en": title_en, "title_fr": title_fr}
    try:
        data = LessonCreate.model_validate({"title_en": title_en, "title_fr": title_fr.strip() or None})
    except ValidationError as error:
        return _lessons_page(
            request, session, actor, course_id, new=typed, errors=field_errors(error), status_code=422
        )
    try:
        lesson = lessons.create(session, actor=actor, course_id=course_id, data=data, request=request)
    except DomainError as error:
        if error.status in (401, 403, 404):
            raise
        session.rollback()
        found = domain_field_errors(error)
        refusal = found.pop("__all__", None)
        return _lessons_page(
            request,
            session,
            actor,
            course_id,
            new=typed,
            errors=found,
            refusal=refusal,
            status_code=error.status,
        )
    return see_other(f"/teach/lessons/{lesson.id}")


def _own_lesson(session: Session, actor: Actor, course_id: str, lesson_id: str) -> teaching.ManagedLesson:
    """The lesson of this course (managed by the actor), else 404."""
    _, rows = teaching.course_lessons(session, actor=actor, course_id=course_id)
    for row in rows:
        if row.lesson.id == lesson_id:
            return row
    raise NotFound("no such lesson in this course")


@router.post("/teach/courses/{course_id}/lessons/{lesson_id}/move")
def move_lesson(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    course_id: str,
    lesson_id: str,
    position: Annotated[int, Form()],
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    _own_lesson(session, actor, course_id, lesson_id)
    try:
        data = MoveTo.model_validate({"position": position})
        lessons.move(session, actor=actor, lesson_id=lesson_id, position=data.position, request=request)
    except ValidationError as error:
        return _lessons_page(
            request,
            session,
            actor,
            course_id,
            refusal=next(iter(field_errors(error).values())),
            status_code=422,
        )
    except DomainError as error:
        if error.status in (401, 403, 404):
            raise
        session.rollback()
        return _lessons_page(request, session, actor, course_id, refusal=str(error), status_code=error.status)
    return RedirectResponse(
        f"/teach/courses/{course_id}/lessons?done=moved#lesson-{lesson_id}", status_code=303
    )


def _lesson_confirm(change: Change) -> Callable[..., Response]:
    def confirm(
        request: Request, session: SessionDep, auth: MaybeAuth, course_id: str, lesson_id: str
    ) -> Response:
        actor = _actor(request, auth)
        if isinstance(actor, Response):
            return actor
        row = _own_lesson(session, actor, course_id, lesson_id)
        course = service.read_authoring(session, actor=actor, course_id=course_id)
        context = {
            "change": change,
            "kind": "lesson",
            "course": course,
            "title": row.lesson.title_en,
            "action": f"/teach/courses/{course_id}/lessons/{lesson_id}/{change}",
            "back": f"/teach/courses/{course_id}/lessons",
            "slides": row.slides,
        }
        return html(request, "courses/teach/confirm.html", context)

    return confirm


def _lesson_change(change: Change) -> Callable[..., Response]:
    def apply(
        request: Request, session: SessionDep, auth: MaybeAuth, course_id: str, lesson_id: str
    ) -> Response:
        actor = _actor(request, auth)
        if isinstance(actor, Response):
            return actor
        _own_lesson(session, actor, course_id, lesson_id)
        try:
            lesson_lifecycle.change_status(
                session, actor=actor, lesson_id=lesson_id, change=change, request=request
            )
        except DomainError as error:
            if error.status in (401, 403, 404):
                raise
            session.rollback()
            return _lessons_page(
                request, session, actor, course_id, refusal=str(error), status_code=error.status
            )
        return see_other(f"/teach/courses/{course_id}/lessons", done=f"lesson{change}")

    return apply


for _change in CHANGES:
    router.add_api_route(
        f"/teach/courses/{{course_id}}/lessons/{{lesson_id}}/{_change}",
        _lesson_confirm(_change),
        methods=["GET"],
        response_class=HTMLResponse,
        name=f"confirm_lesson_{_change}",
    )
    router.add_api_route(
        f"/teach/courses/{{course_id}}/lessons/{{lesson_id}}/{_change}",
        _lesson_change(_change),
        methods=["POST"],
        name=f"lesson_{_change}",
    )
