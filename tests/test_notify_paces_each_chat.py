"""At most NOTIFY_PER_CHAT_PER_MINUTE posts to one chat in any minute (Telegram allows
about 20 in a group): the rest wait their turn, other chats are not held up."""

from __future__ import annotations

from datetime import timedelta

from service.delivery import Deliverer, DeliveryLimits, Outcome, Post, Sent
from service.engine import Engine
from service.limits import SlidingWindowLimit
from store.models import utcnow
from tests.notify_harness import bulletin, outbox, subscribe


def test_the_budget_allows_twenty_a_minute_per_chat() -> None:
    now = [1000.0]
    budget = SlidingWindowLimit(20, clock=lambda: now[0])
    assert [budget.take(-1) for _ in range(20)] == [0.0] * 20
    assert 59.9 < budget.take(-1) <= 60.0
    assert budget.take(-2) == 0.0
    now[0] += 60
    assert budget.take(-1) == 0.0


async def test_two_workers_share_one_budget_per_chat(engine: Engine) -> None:
    """Two replicas' deliverers on one store: together at most 20 posts a minute to the
    group, not 20 each."""
    group = -100
    subscribe(engine, group)
    engine.ingest_documents([bulletin(f"通报{n}", f"高新区检查商户{n}户。") for n in range(30)])
    sent: list[int] = []

    async def record(post: Post) -> Outcome:
        sent.append(post.chat_id)
        return Sent(len(sent))

    small = DeliveryLimits(per_chat_per_minute=20, batch=12)
    first = Deliverer(engine.db, record, small, owner="replica-1")
    second = Deliverer(engine.db, record, small, owner="replica-2")
    reports = [await first.run_once(), await second.run_once(), await first.run_once()]

    assert len(sent) == 20
    assert sum(r.sent for r in reports) == 20
    assert sum(r.paced for r in reports) >= 10
    waiting = [row for row in outbox(engine, group) if row.status == "pending"]
    assert len(waiting) == 10
    assert all(row.due_at > utcnow() + timedelta(seconds=50) for row in waiting)


async def test_a_busy_chat_is_paced_and_the_others_are_not(engine: Engine) -> None:
    busy, quiet = -100, -200
    subscribe(engine, busy)
    subscribe(engine, quiet, include="冻品")
    engine.ingest_documents([bulletin(f"通报{n}", f"高新区检查商户{n}户。") for n in range(22)]
                            + [bulletin("冷链通报", "高新区查扣问题冻品8642公斤。")])
    sent: list[int] = []

    async def record(post: Post) -> Outcome:
        sent.append(post.chat_id)
        return Sent(len(sent))

    deliverer = Deliverer(engine.db, record, DeliveryLimits(per_chat_per_minute=20))
    report = await deliverer.run_once()

    assert (report.sent, report.paced) == (21, 3)
    assert (sent.count(busy), sent.count(quiet)) == (20, 1)
    waiting = [row for row in outbox(engine, busy) if row.status == "pending"]
    assert len(waiting) == 3
    assert all(row.attempts == 0 and row.claimed_by is None for row in waiting)
    assert all(row.due_at > utcnow() + timedelta(seconds=50) for row in waiting)
    assert (await deliverer.run_once()).sent == 0
