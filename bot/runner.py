"""``bulletin-bot run``: long polling, or a webhook when WEBHOOK_URL is set.

Returns an exit code instead of raising, so the CLI can say what went wrong plainly.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import urlparse

from telegram import Update
from telegram.error import InvalidToken

from bot.app import build_application
from bot.state import app_state
from service.settings import Settings

log = logging.getLogger(__name__)

POLL_TIMEOUT_SECONDS = 10

NO_TOKEN = """TELEGRAM_BOT_TOKEN is not set.
Get a token from @BotFather (https://t.me/BotFather): send /newbot, choose a name and a
username ending in "bot", and copy the token it gives you. Then put it in .env:

    TELEGRAM_BOT_TOKEN=123456789:AA...

or export it in the environment, and run `bulletin-bot run` again."""

BAD_TOKEN = """Telegram rejected TELEGRAM_BOT_TOKEN ({reason}).
Check the token with @BotFather (/mybots → your bot → API Token) and update .env."""


def configure_logging(level: str) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        level=level.upper())
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def run(settings: Settings) -> int:
    configure_logging(settings.log_level)
    if not settings.telegram_bot_token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from service.engine import Engine

    application = build_application(settings, Engine.open(settings))
    try:
        if settings.webhook_url:
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlparse(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret_token or None,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            application.run_polling(timeout=POLL_TIMEOUT_SECONDS, allowed_updates=Update.ALL_TYPES)
    except InvalidToken as error:
        print(BAD_TOKEN.format(reason=error.message), file=sys.stderr)
        return 1
    conflict = app_state(application).conflict
    if conflict:
        print(f"bulletin-bot run stopped: {conflict}", file=sys.stderr)
        return 1
    return 0
