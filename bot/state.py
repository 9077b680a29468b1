"""What every handler needs besides the update: the Engine, settings, limiter, menus.

Kept in ``application.bot_data`` under one key, so handlers in any module (user, admin,
notifications) reach it the same typed way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.menus import MenuEntry
from service.limits import SlidingWindowLimit
from service.settings import Settings

if TYPE_CHECKING:
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


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The context every handler and job receives (``CONTEXT_TYPES``): the bot's state is
    a typed attribute, ``context.state``, rather than a lookup each handler repeats."""

    @property
    def state(self) -> BotState:
        return app_state(self.application)

    @property
    def bot_application(self) -> BotApplication:
        """``application`` with this context's types (PTB types it generically)."""
        return cast("BotApplication", self.application)

    @property
    def jobs(self) -> JobQueue[BotContext] | None:
        """``job_queue`` typed for callbacks that take a ``BotContext``."""
        return cast("JobQueue[BotContext] | None", self.job_queue)


# The bot's ExtBot carries AIORateLimiter's per-request arguments, hence ExtBot[Any].
BotApplication = Application[ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any],
                             dict[Any, Any], JobQueue[BotContext]]
CONTEXT_TYPES = ContextTypes(context=BotContext)


def app_state(application: Application[Any, Any, Any, Any, Any, Any]) -> BotState:
    """The state outside a handler (post_init, job set-up, tests)."""
    state: BotState = application.bot_data[STATE_KEY]
    return state
