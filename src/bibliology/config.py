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

    # Operations (docs/operations.md). A streaming replica for the read-only pool: used while its
    # replay is at most replica_max_lag_bytes of WAL behind the primary, else reads go to the primary.
    database_replica_url: str | None = Field(default=None, validation_alias="DATABASE_REPLICA_URL")
    replica_max_lag_bytes: int = Field(
        default=8 * 1024 * 1024, ge=0, validation_alias="BIBLIOLOGY_REPLICA_MAX_LAG_BYTES"
    )
    replica_check_seconds: float = Field(
        default=1.0, gt=0, le=60, validation_alias="BIBLIOLOGY_REPLICA_CHECK_SECONDS"
    )
    # /metrics: with a token, `Authorization: Bearer <token>` from anywhere; without, loopback only.
    metrics_token: str | None = Field(
        default=None, min_length=16, validation_alias="BIBLIOLOGY_METRICS_TOKEN"
    )
    log_format: Literal["json", "text"] = Field(default="json", validation_alias="BIBLIOLOGY_LOG_FORMAT")

    # Accounts and sessions.
    session_lifetime_hours: int = Field(
        default=14 * 24, ge=1, le=90 * 24, validation_alias="BIBLIOLOGY_SESSION_HOURS"
    )
    # None: Secure cookies exactly when the request came over https (behind a proxy, run uvicorn
    # with --proxy-headers); True forces them, e.g. behind a proxy that hides the scheme.
    cookie_secure: bool | None = Field(default=None, validation_alias="BIBLIOLOGY_COOKIE_SECURE")
    # Links in e-mails. Unset (development only): taken from the request, whose Host header a
    # client controls — production refuses that.
    base_url: str | None = Field(default=None, validation_alias="BIBLIOLOGY_BASE_URL")

    # Outgoing mail: SMTP when a host is set, else one .eml file per message in data_dir/outbox.
    smtp_host: str | None = Field(default=None, validation_alias="BIBLIOLOGY_SMTP_HOST")
    smtp_port: int = Field(default=587, ge=1, le=65535, validation_alias="BIBLIOLOGY_SMTP_PORT")
    smtp_username: str | None = Field(default=None, validation_alias="BIBLIOLOGY_SMTP_USERNAME")
    smtp_password: str | None = Field(default=None, validation_alias="BIBLIOLOGY_SMTP_PASSWORD")
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        default="starttls", validation_alias="BIBLIOLOGY_SMTP_SECURITY"
    )
    smtp_timeout_seconds: float = Field(default=10, gt=0, le=120, validation_alias="BIBLIOLOGY_SMTP_TIMEOUT")
    mail_from: str = Field(default="Bibliology <no-reply@localhost>", validation_alias="BIBLIOLOGY_MAIL_FROM")

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production" and (not self.secret_key or len(self.secret_key) < 32):
            raise ValueError("BIBLIOLOGY_SECRET_KEY of at least 32 characters is required in production")
        if self.environment == "production" and not self.base_url:
            raise ValueError(
                "BIBLIOLOGY_BASE_URL (e.g. https://bibliology.example.org) is required in production"
            )
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            raise ValueError("BIBLIOLOGY_BASE_URL must start with http:// or https://")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
