"""Typed settings, read once from the environment and ``.env``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_data_dir() -> Path:
    return Path(user_data_dir("bulletin-bot", appauthor=False))


class Settings(BaseSettings):
    """Everything a deployment can change; ``.env.example`` lists the same names."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""
    seeds_dir: Path | None = None  # None: the seed bulletins shipped in the package
    load_seeds: bool = True

    telegram_bot_token: str = ""
    admin_user_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret_token: str = ""

    index_refresh_seconds: float = 2.0
    # How often the index counts its rows against the store's, to catch passages that
    # another writer committed late under ids below the newest indexed.
    index_audit_seconds: float = 60.0
    questions_per_user_per_minute: int = 10
    source_poll_seconds: float = 900.0  # each source's default interval
    source_check_seconds: float = 30.0  # how often the bot looks for sources that are due
    source_timeout_seconds: float = 20.0
    source_max_backoff_seconds: float = 6 * 3600.0
    source_host_delay_seconds: float = 1.0  # pause between two requests to one host
    column_backfill_pages: int = 10  # pages of a column read on its first poll
    column_poll_pages: int = 1  # pages read on later polls (new articles come first)
    delivery_interval_seconds: float = 5.0
    notify_per_chat_per_minute: int = 20  # Telegram allows about 20 a minute in a group
    notify_lease_seconds: float = 600.0  # a claimed post is retried by others after this
    max_upload_bytes: int = 10 * 1024 * 1024
    # Off: URLs that are, resolve or redirect to loopback/private/link-local addresses are
    # refused. On only for an intranet deployment whose bulletins live on internal hosts.
    allow_private_addresses: bool = False
    log_level: str = "INFO"

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        """Accept ``123,456`` as well as a JSON list, since .env files are written by hand."""
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @property
    def resolved_database_url(self) -> str:
        """The configured database, or the embedded SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'bulletin.db'}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"
