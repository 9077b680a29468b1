"""``bulletin-bot run``: long polling, or a webhook when WEBHOOK_URL is set.

Returns an exit code instead of raising, so the CLI can say what went wrong plainly.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from urllib.parse import urlparse

from telegram import Bot, Update
from telegram.error import InvalidToken, TelegramError

from bot.app import build_application
from bot.state import app_state
from service.settings import Settings

log = logging.getLogger(__name__)

POLL_TIMEOUT_SECONDS = 10
MAX_RETRY_SECONDS = 60.0  # the longest wait between attempts to reach Telegram
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

NO_TOKEN = """TELEGRAM_BOT_TOKEN is not set.
Get a token from @BotFather (https://t.me/BotFather): send /newbot, choose a name and a
username ending in "bot", and copy the token it gives you. Then put it in .env:

    TELEGRAM_BOT_TOKEN=123456789:AA...

or export it in the environment, and run `bulletin-bot run` again."""

BAD_TOKEN = """Telegram rejected TELEGRAM_BOT_TOKEN.
Check the token with @BotFather (/mybots → your bot → API Token) and update .env."""

NO_SECRET = """WEBHOOK_URL is set but WEBHOOK_SECRET_TOKEN is not.
Without it anyone who can reach WEBHOOK_PORT can post forged updates (an admin's
/ingest included). Set WEBHOOK_SECRET_TOKEN to a long random string (1-256 characters
of A-Z, a-z, 0-9, _ and -), the same on every replica, e.g.

    WEBHOOK_SECRET_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"""


class Redacting(logging.Formatter):
    """Formats as usual, then blanks the token: python-telegram-bot puts it in messages
    and tracebacks (InvalidToken quotes it, file URLs contain it)."""

    def __init__(self, fmt: str, secret: str) -> None:
        super().__init__(fmt)
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self.secret, "<TELEGRAM_BOT_TOKEN>") if self.secret else text


def configure_logging(level: str, token: str = "") -> None:
    logging.basicConfig(format=LOG_FORMAT, level=level.upper())
    for handler in logging.getLogger().handlers:
        handler.setFormatter(Redacting(LOG_FORMAT, token))
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


async def wait_for_telegram(settings: Settings, *, first_delay: float = 1.0) -> None:
    """Return once the Bot API answers getMe; while it cannot be reached, log one line per
    attempt and try again, doubling the wait up to a ceiling. A rejected token raises
    ``InvalidToken`` at once: retrying cannot fix it."""
    delay = first_delay
    server = urlparse(settings.telegram_api_base_url).netloc or settings.telegram_api_base_url
    while True:
        bot = Bot(settings.telegram_bot_token, base_url=settings.telegram_api_base_url,
                  base_file_url=settings.telegram_api_base_file_url)
        try:
            async with bot:
                return
        except InvalidToken:
            raise
        except TelegramError as error:
            log.warning("Telegram is unreachable at %s (%s: %s); retrying in %.0f s",
                        server, type(error).__name__, error, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, MAX_RETRY_SECONDS)


def run(settings: Settings) -> int:
    configure_logging(settings.log_level, settings.telegram_bot_token)
    if not settings.telegram_bot_token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    if settings.webhook_url and not settings.webhook_secret_token:
        # Not generated here: replicas would each register their own and lock the others out.
        print(NO_SECRET, file=sys.stderr)
        return 2
    try:
        asyncio.run(wait_for_telegram(settings))
    except InvalidToken:
        print(BAD_TOKEN, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    from service.engine import Engine

    application = build_application(settings, Engine.open(settings))
    try:
        if settings.webhook_url:
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlparse(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret_token,
                allowed_updates=Update.ALL_TYPES,
                bootstrap_retries=-1,
            )
        else:
            application.run_polling(timeout=POLL_TIMEOUT_SECONDS, allowed_updates=Update.ALL_TYPES,
                                    bootstrap_retries=-1)
    except InvalidToken:
        # The exception's message quotes the token itself; it never reaches a terminal or log.
        print(BAD_TOKEN, file=sys.stderr)
        return 1
    conflict = app_state(application).conflict
    if conflict:
        print(f"bulletin-bot run stopped: {conflict}", file=sys.stderr)
        return 1
    return 0
