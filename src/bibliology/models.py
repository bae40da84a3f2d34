"""Every table, imported once so the metadata is complete (Alembic, schema checks, tests)."""

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.certificates.models import Certificate
from bibliology.courses.models import Course
from bibliology.db import Base
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.progress.models import Enrollment, LessonProgress, StudentNote
from bibliology.quizzes.models import Question, QuestionAnswer, Quiz, QuizSubmission

__all__ = [
    "ActivityLog",
    "Base",
    "Certificate",
    "ContentBlock",
    "Course",
    "Enrollment",
    "Lesson",
    "LessonProgress",
    "Question",
    "QuestionAnswer",
    "Quiz",
    "QuizSubmission",
    "Slide",
    "StudentNote",
    "User",
]

from bibliology import schema_extras

schema_extras.attach(Base.metadata)
