"""Subscriptions and sources in Telegram: the six commands wired, the two jobs scheduled.

The parts live beside it, one job each: ``bot.posts`` (the post's text), ``bot.sender``
(sending it), ``bot.permissions`` (who may manage a chat), ``bot.subscription_commands``
(the commands, through ``service.sources``) and ``bot.jobs`` (polling and delivery).
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CommandHandler, filters

from bot import jobs
from bot.state import app_state
from bot.subscription_commands import (
    MENU,
    addsource,
    delsource,
    sources,
    subscribe,
    subscriptions,
    unsubscribe,
)

# Channels post commands as channel_post updates, with no sender user.
COMMANDS = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST


def install(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    for name, callback in {"subscribe": subscribe, "unsubscribe": unsubscribe,
                           "subscriptions": subscriptions, "addsource": addsource,
                           "sources": sources, "delsource": delsource}.items():
        application.add_handler(CommandHandler(name, callback, filters=COMMANDS))
    app_state(application).menu.extend(MENU)
    jobs.schedule(application)
