"""Build the one Telegram ``Application``: defaults, flood control, handlers, lifecycle.

Other modules plug in through ``INSTALLERS``: each is ``install(application)`` and may add
handlers, jobs (``application.job_queue``) and ``MenuEntry`` rows to ``BotState.menu``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot import admin, errors, handlers, notify
from bot.menus import set_menus
from bot.state import STATE_KEY, BotState, app_state
from service.limits import SlidingWindowLimit
from service.settings import Settings

if TYPE_CHECKING:
    from service.engine import Engine

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
Installer = Callable[[AnyApplication], None]

# Order matters only within a handler group: earlier handlers win.
INSTALLERS: list[Installer] = [handlers.install, admin.install, notify.install]

FLOOD_RETRIES = 3  # AIORateLimiter's default 0 gives up on the first 429
CONCURRENT_UPDATES = 64  # a slow question must not hold up other chats


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    installers: Sequence[Installer] = INSTALLERS,
) -> AnyApplication:
    """The configured Application; ``request`` lets tests answer the Bot API offline."""
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(AIORateLimiter(max_retries=FLOOD_RETRIES))
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    limiter = SlidingWindowLimit(settings.questions_per_user_per_minute)
    application.bot_data[STATE_KEY] = BotState(settings, engine, limiter)
    for install in installers:
        install(application)
    handlers.install_fallback(application)
    application.add_error_handler(errors.on_error)
    return application


async def post_init(application: AnyApplication) -> None:
    """Command menus per scope, and the moment polling starts (see bot.errors)."""
    state = app_state(application)
    await set_menus(application.bot, state.menu, state.settings.admin_user_ids)
    state.started_at = time.monotonic()


async def post_shutdown(application: AnyApplication) -> None:
    app_state(application).engine.close()
