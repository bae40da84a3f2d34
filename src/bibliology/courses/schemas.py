"""Course request bodies and answers. Reads come resolved in one language (`CourseRead`: English
where French is missing, named in `fallback`) or, for the course's authors, in both (`CourseAuthoring`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, field_validator

from bibliology.content import check_plain_line
from bibliology.courses import vocabulary
from bibliology.courses.fields import Description, ImageUrl, Input, Title, not_null
from bibliology.enums import LessonStatus

Category = Annotated[str, AfterValidator(lambda v: vocabulary.check("category", v))]
Difficulty = Annotated[str, AfterValidator(lambda v: vocabulary.check("difficulty", v))]
Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
    AfterValidator(check_plain_line),
]
MAX_TAGS = 20


def _distinct_tags(tags: list[str] | None) -> list[str] | None:
    """Case-insensitive duplicates collapse to their first spelling; order is kept."""
    if tags is None:
        return None
    seen: set[str] = set()
    kept = []
    for tag in (" ".join(t.split()) for t in tags):
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return kept


Tags = Annotated[list[Tag], Field(max_length=MAX_TAGS), AfterValidator(_distinct_tags)]
Hours = Annotated[int, Field(ge=0, le=10_000)]
# A slug a teacher chooses on the new-course page (the API makes it from the English title).
Slug = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"
    ),
]


class CourseCreate(Input):
    title_en: Title
    title_fr: Title | None = None
    description_en: Description
    description_fr: Description | None = None
    category: Category | None = None
    difficulty: Difficulty | None = None
    tags: Tags = Field(default_factory=list)
    estimated_hours: Hours | None = None
    thumbnail_url: ImageUrl | None = None
    cover_image_url: ImageUrl | None = None


class CourseUpdate(Input):
    """Only what is sent changes; `null` clears an optional field. The slug stays (links keep working)."""

    title_en: Title | None = None
    title_fr: Title | None = None
    description_en: Description | None = None
    description_fr: Description | None = None
    category: Category | None = None
    difficulty: Difficulty | None = None
    tags: Tags | None = None
    estimated_hours: Hours | None = None
    thumbnail_url: ImageUrl | None = None
    cover_image_url: ImageUrl | None = None

    _english_required = field_validator("title_en", "description_en", "tags")(not_null)


class TeacherAssign(Input):
    teacher_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class TermRead(BaseModel):
    value: str
    label: str


class VocabularyTerm(BaseModel):
    value: str
    label: str
    label_en: str
    label_fr: str


class VocabularyRead(BaseModel):
    lang: str
    categories: list[VocabularyTerm]
    difficulties: list[VocabularyTerm]


class LessonOutline(BaseModel):
    id: str
    slug: str
    position: int
    status: LessonStatus
    title: str
    description: str | None
    estimated_minutes: int | None
    fallback: list[str]


class CourseSummary(BaseModel):
    id: str
    slug: str
    status: LessonStatus
    title: str
    description: str
    fallback: list[str]
    category: TermRead | None
    difficulty: TermRead | None
    tags: list[str]
    estimated_hours: int | None
    thumbnail_url: str | None
    published_at: dt.datetime | None


class CourseRead(CourseSummary):
    lang: str
    cover_image_url: str | None
    # Names and e-mails of users are not public: a page that shows the teacher asks accounts.
    teacher_id: str
    enrolled: bool
    # Archived: enrolled students still read it; nobody changes it until it is restored.
    read_only: bool
    lessons: list[LessonOutline]


class LessonAuthoringOutline(BaseModel):
    id: str
    slug: str
    position: int
    status: LessonStatus
    title_en: str
    title_fr: str | None
    description_en: str | None
    description_fr: str | None
    estimated_minutes: int | None
    published_at: dt.datetime | None
    updated_at: dt.datetime


class CourseAuthoring(BaseModel):
    id: str
    slug: str
    teacher_id: str
    status: LessonStatus
    title_en: str
    title_fr: str | None
    description_en: str
    description_fr: str | None
    category: str | None
    difficulty: str | None
    tags: list[str]
    estimated_hours: int | None
    thumbnail_url: str | None
    cover_image_url: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    published_at: dt.datetime | None
    lessons: list[LessonAuthoringOutline]

    @classmethod
    def build(cls, course: Any, lessons: list[LessonAuthoringOutline]) -> CourseAuthoring:
        fields = {name: getattr(course, name) for name in cls.model_fields if name != "lessons"}
        return cls(**fields, lessons=lessons)
