"""What every handler needs besides the update: the Engine, settings, limiter, menus.

Kept in ``application.bot_data`` under one key, so handlers in any module (user, admin,
notifications) reach it the same typed way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.menus import MenuEntry
from service.limits import SlidingWindowLimit
from service.settings import Settings

if TYPE_CHECKING:
    from telegram.ext import Application, CallbackContext

    from service.engine import Engine

STATE_KEY = "bulletin_bot"


@dataclass
class BotState:
    settings: Settings
    engine: Engine
    limiter: SlidingWindowLimit
    menu: list[MenuEntry] = field(default_factory=list)
    started_at: float = 0.0  # time.monotonic() when polling began; see bot.errors
    conflict: str | None = None  # why the application stopped itself, if it did

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_user_ids


def app_state(application: Application[Any, Any, Any, Any, Any, Any]) -> BotState:
    state: BotState = application.bot_data[STATE_KEY]
    return state


def state_of(context: CallbackContext[Any, Any, Any, Any]) -> BotState:
    return app_state(context.application)
