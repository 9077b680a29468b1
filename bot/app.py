"""Build the one Telegram ``Application``: defaults, flood control, handlers, lifecycle.

Every handler is added in ``add_handlers``, in order, as python-telegram-bot's examples do;
the command menus and the two jobs are set up beside it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CommandHandler,
    Defaults,
    MessageHandler,
)
from telegram.request import BaseRequest

from bot import admin, errors, handlers, jobs, subscription_commands, trend
from bot.handlers import NEW_MESSAGES
from bot.menus import set_menus
from bot.state import CONTEXT_TYPES, STATE_KEY, BotApplication, BotState, app_state
from service.limits import SlidingWindowLimit
from service.settings import Settings

if TYPE_CHECKING:
    from service.engine import Engine


FLOOD_RETRIES = 3  # AIORateLimiter's default 0 gives up on the first 429
CONCURRENT_UPDATES = 64  # a slow question must not hold up other chats


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> BotApplication:
    """The configured Application; ``request`` lets tests answer the Bot API offline."""
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_file_url)
        .context_types(CONTEXT_TYPES)
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
    # The builder types the JobQueue and the bot before context_types applies: one cast.
    application = cast(BotApplication, builder.build())
    limiter = SlidingWindowLimit(settings.questions_per_user_per_minute)
    menu = [*handlers.MENU, *trend.MENU, *admin.MENU, *subscription_commands.MENU]
    application.bot_data[STATE_KEY] = BotState(settings, engine, limiter, menu)
    add_handlers(application)
    jobs.schedule(application)
    return application


def add_handlers(application: BotApplication) -> None:
    """Every handler of the bot, here and in this order. python-telegram-bot tries the
    handlers of a group in the order they were added and runs the first that matches."""
    application.add_handler(CommandHandler("start", handlers.start, filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("help", handlers.help_command, filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("ask", handlers.ask_command, filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("latest", handlers.latest, filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("search", handlers.search, filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("trend", trend.trend_command, filters=NEW_MESSAGES))
    # Plain text (never a command, see the filters) is a question: always in a private
    # chat, in a group only when it is addressed to the bot.
    application.add_handler(MessageHandler(handlers.PRIVATE_TEXT, handlers.private_text))
    application.add_handler(MessageHandler(handlers.GROUP_TEXT, handlers.group_text))

    application.add_handler(CommandHandler("stats", admin.stats, filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("reindex", admin.reindex, filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("unanswered", admin.unanswered,
                                           filters=NEW_MESSAGES))
    application.add_handler(CommandHandler("ingest", admin.ingest_url, filters=NEW_MESSAGES))
    application.add_handler(MessageHandler(admin.UPLOAD, admin.ingest_upload))

    # Subscriptions are also managed from channels, whose commands come as channel posts.
    channel_too = subscription_commands.COMMANDS
    application.add_handler(CommandHandler("subscribe", subscription_commands.subscribe,
                                           filters=channel_too))
    application.add_handler(CommandHandler("unsubscribe", subscription_commands.unsubscribe,
                                           filters=channel_too))
    application.add_handler(CommandHandler("subscriptions", subscription_commands.subscriptions,
                                           filters=channel_too))
    application.add_handler(CommandHandler("addsource", subscription_commands.addsource,
                                           filters=channel_too))
    application.add_handler(CommandHandler("sources", subscription_commands.sources,
                                           filters=channel_too))
    application.add_handler(CommandHandler("delsource", subscription_commands.delsource,
                                           filters=channel_too))

    # Last: a command nothing above took gets a hint (in private chats only).
    application.add_handler(MessageHandler(handlers.UNKNOWN_COMMAND, handlers.unknown_command))
    application.add_error_handler(errors.on_error)


async def post_init(application: BotApplication) -> None:
    """Command menus per scope, and the moment polling starts (see bot.errors)."""
    state = app_state(application)
    await set_menus(application.bot, state.menu, state.settings.admin_user_ids)
    state.started_at = time.monotonic()


async def post_shutdown(application: BotApplication) -> None:
    app_state(application).engine.close()
