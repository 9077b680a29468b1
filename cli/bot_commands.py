"""The `run` and `chat` commands: the Telegram bot, and the same conversation in a terminal."""

from __future__ import annotations

import typer


def run() -> None:
    """Start the Telegram bot: long polling, or a webhook when WEBHOOK_URL is set."""
    from bot.runner import run as run_bot
    from service.settings import Settings

    code = run_bot(Settings())
    if code:
        raise typer.Exit(code)


def chat() -> None:
    """Talk to the bot in the terminal: questions, follow-ups, /latest, /search, /help."""
    from bot.terminal import chat as chat_loop
    from service.engine import Engine
    from service.settings import Settings

    engine = Engine.open(Settings())
    try:
        chat_loop(engine)
    finally:
        engine.close()


def register(app: typer.Typer) -> None:
    """Add the `run` and `chat` commands to ``app``."""
    app.command()(run)
    app.command()(chat)
