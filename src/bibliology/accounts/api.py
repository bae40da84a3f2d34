"""The accounts API (discovered by create_app): /api/v1/auth, /api/v1/me, /api/v1/admin/users."""

from __future__ import annotations

from fastapi import APIRouter

from bibliology.accounts import admin_api, auth_api, me_api

router = APIRouter()
router.include_router(auth_api.router)
router.include_router(me_api.router)
router.include_router(admin_api.router)
