"""The bot's two jobs on the JobQueue: poll due sources, deliver the outbox.

See service.delivery for the claim → send → mark protocol and its one repeat window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.sender import telegram_sender
from bot.state import BotApplication, BotContext, app_state
from service.delivery import Deliverer, DeliveryLimits
from service.polling import Poller

log = logging.getLogger(__name__)

NOTIFIER_KEY = "notifier"


@dataclass
class Notifier:
    """The application's poller and deliverer, kept in bot_data for the jobs (and tests)."""

    poller: Poller
    deliverer: Deliverer


def notifier(application: BotApplication) -> Notifier:
    found: Notifier = application.bot_data[NOTIFIER_KEY]
    return found


async def poll_job(context: BotContext) -> None:
    try:
        for report in await notifier(context.bot_application).poller.poll_due():
            if report.added:
                log.info("source %s: %d new bulletin(s)", report.url, len(report.added))
    except Exception:
        log.exception("polling sources failed")


async def deliver_job(context: BotContext) -> None:
    try:
        report = await notifier(context.bot_application).deliverer.run_once()
    except Exception:
        log.exception("delivering notifications failed")
        return
    if report.sent or report.dropped:
        log.info("notifications: %d sent, %d retried later, %d dropped",
                 report.sent, report.retried, report.dropped)


def schedule(application: BotApplication) -> None:
    """Make the poller and the deliverer, and run both jobs on the application's JobQueue."""
    state = app_state(application)
    settings = state.settings
    limits = DeliveryLimits(per_chat_per_minute=settings.notify_per_chat_per_minute,
                            lease_seconds=settings.notify_lease_seconds)
    application.bot_data[NOTIFIER_KEY] = Notifier(
        Poller(state.engine),
        Deliverer(state.engine.db, telegram_sender(application), limits),
    )
    jobs = application.job_queue
    if jobs is None:
        log.warning("no JobQueue (install python-telegram-bot[job-queue]): "
                    "sources are not polled and notifications are not sent")
        return
    jobs.run_repeating(deliver_job, interval=settings.delivery_interval_seconds,
                       first=settings.delivery_interval_seconds, name="deliver-notifications")
    jobs.run_repeating(poll_job, interval=settings.source_check_seconds,
                       first=settings.source_check_seconds, name="poll-sources")
