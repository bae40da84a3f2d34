"""The quiz engine's JSON routes (found by app.py): authoring, attempts, teachers' tools."""

from __future__ import annotations

from fastapi import APIRouter

from bibliology.quizzes.api_attempts import router as attempts_router
from bibliology.quizzes.api_authoring import router as authoring_router
from bibliology.quizzes.api_teacher import router as teacher_router

router = APIRouter()
router.include_router(authoring_router)
router.include_router(attempts_router)
router.include_router(teacher_router)
