"""Settings from the environment; unsafe defaults are refused outside development."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("bibliology", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    environment: Literal["development", "test", "production"] = Field(
        default="development", validation_alias="BIBLIOLOGY_ENV"
    )
    # Unset: an embedded PostgreSQL cluster is started in data_dir.
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    redis_url: str | None = Field(default=None, validation_alias="REDIS_URL")
    data_dir: Path = Field(default_factory=_default_data_dir, validation_alias="BIBLIOLOGY_DATA_DIR")
    secret_key: str | None = Field(default=None, validation_alias="BIBLIOLOGY_SECRET_KEY")
    host: str = Field(default="127.0.0.1", validation_alias="BIBLIOLOGY_HOST")
    port: int = Field(default=8000, ge=1, le=65535, validation_alias="BIBLIOLOGY_PORT")
    # Bounded so a slow or dead Redis costs milliseconds, never a failed request.
    redis_timeout_seconds: float = Field(
        default=0.25, gt=0, le=5, validation_alias="BIBLIOLOGY_REDIS_TIMEOUT"
    )
    db_pool_size: int = Field(default=10, ge=1, le=100, validation_alias="BIBLIOLOGY_DB_POOL_SIZE")

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production" and (not self.secret_key or len(self.secret_key) < 32):
            raise ValueError("BIBLIOLOGY_SECRET_KEY of at least 32 characters is required in production")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
