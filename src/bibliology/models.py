"""Every table, imported once so the metadata is complete (Alembic, schema checks, tests)."""

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.bible.models import BibleChapter, BibleTranslation, BibleVerse
from bibliology.certificates.models import Certificate
from bibliology.courses.models import Course
from bibliology.db import Base
from bibliology.imports.models import PptxImport
from bibliology.jobs.models import BackgroundJob
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.media.models import MediaFile
from bibliology.progress.models import Enrollment, LessonProgress, ProgressEvent, SlideView, StudentNote
from bibliology.quizzes.models import Question, QuestionAnswer, Quiz, QuizSubmission
from bibliology.search.models import SearchDocument, SearchPassage
from bibliology.translations.models import TranslationRevision

__all__ = [
    "ActivityLog",
    "BackgroundJob",
    "Base",
    "BibleChapter",
    "BibleTranslation",
    "BibleVerse",
    "Certificate",
    "ContentBlock",
    "Course",
    "Enrollment",
    "Lesson",
    "LessonProgress",
    "MediaFile",
    "PptxImport",
    "ProgressEvent",
    "Question",
    "QuestionAnswer",
    "Quiz",
    "QuizSubmission",
    "SearchDocument",
    "SearchPassage",
    "Slide",
    "SlideView",
    "StudentNote",
    "TranslationRevision",
    "User",
]

from bibliology import schema_extras

schema_extras.attach(Base.metadata)
