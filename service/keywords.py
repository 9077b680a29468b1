"""Subscriptions matched on jieba tokens, queued as outbox rows as a bulletin is stored.

``queue_notifications`` is the Engine's ``on_stored`` hook: it runs inside the transaction
that stores a bulletin, so a bulletin and its outbox rows are committed together (or not
at all), in whichever process stored it — the bot, the CLI or a cron job.

A daily subscription (``/subscribe 食品 daily 08:00``) queues its rows due at the next
digest time; ``service.delivery`` sends a chat's due digest rows as one message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from datetime import time as clock_time
from functools import lru_cache

from sqlmodel import Session

from retrieval.tokenizer import normalize, subwords, to_simplified, tokenize
from store import notifications as outbox
from store.models import Subscription, utcnow

MAX_WORDS = 10
MAX_WORD_CHARS = 20
DIGEST_ZONE = timezone(timedelta(hours=8), "CST")  # bulletins and readers are in China
DIGEST_WORDS = ("daily", "每日", "每天")
DEFAULT_DIGEST_AT = "08:00"
_DIGEST_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


# -- keywords ------------------------------------------------------------------------------


class KeywordError(ValueError):
    """Words a subscription cannot use; the message (Chinese) is shown to the user."""


@dataclass(frozen=True)
class Keywords:
    """Include words (all must match) and exclude words (none may), as plain words."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def stored(self) -> tuple[str, str]:
        return " ".join(self.include), " ".join(self.exclude)

    @classmethod
    def of(cls, subscription: Subscription) -> Keywords:
        return cls(tuple(subscription.include.split()), tuple(subscription.exclude.split()))


def parse_keywords(words: Iterable[str]) -> Keywords:
    """``食品 安全 -广告`` → include 食品, 安全; exclude 广告. Words are text, never patterns."""
    include: list[str] = []
    exclude: list[str] = []
    for raw in words:
        word = to_simplified(normalize(raw)).strip().lower()
        target = include
        if word.startswith("-"):
            word, target = word[1:].strip(), exclude
        if not word:
            continue
        if len(word) > MAX_WORD_CHARS:
            raise KeywordError(
                f"关键词“{word[:MAX_WORD_CHARS]}…”太长了（最多 {MAX_WORD_CHARS} 个字）。")
        if not tokenize(word):
            raise KeywordError(f"“{word}”不是可以匹配的词语。")
        if word not in target:
            target.append(word)
    if len(include) + len(exclude) > MAX_WORDS:
        raise KeywordError(f"关键词太多了（最多 {MAX_WORDS} 个）。")
    return Keywords(tuple(include), tuple(exclude))


def split_digest(words: list[str]) -> tuple[list[str], str | None]:
    """``食品 -广告 daily 08:00`` → the keyword words and "08:00" (None: post at once)."""
    lowered = [word.strip().lower() for word in words]
    for index, word in enumerate(lowered):
        if word not in DIGEST_WORDS:
            continue
        rest = lowered[index + 1:]
        if len(rest) > 1:
            break
        at = rest[0] if rest else DEFAULT_DIGEST_AT
        match = _DIGEST_TIME.match(at)
        if match is None:
            raise KeywordError(f"“{at}”不是时间，请写成 08:00 这样的格式。")
        return words[:index], f"{int(match.group(1)):02d}:{match.group(2)}"
    return words, None


def next_digest(at: str, now: datetime) -> datetime:
    """The next ``at`` (HH:MM, China time) after ``now``, in UTC."""
    hour, minute = (int(part) for part in at.split(":"))
    local = now.astimezone(DIGEST_ZONE)
    due = datetime.combine(local.date(), clock_time(hour, minute), DIGEST_ZONE)
    if due <= local:
        due += timedelta(days=1)
    return due.astimezone(UTC)


def bulletin_terms(tokens: Iterable[str]) -> frozenset[str]:
    """A bulletin's tokens plus the shorter words inside them (安全监管 → 安全, 监管)."""
    unique = set(tokens)
    terms = set(unique)
    for token in unique:
        terms.update(subwords(token))
    return frozenset(terms)


@lru_cache(maxsize=4096)
def _word_tokens(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((token, tuple(subwords(token))) for token in tokenize(word))


def word_matches(word: str, terms: frozenset[str]) -> bool:
    """Every token of the word occurs, whole or as all of its shorter words (食品安全 is
    found in text cut as 食品 / 安全监管)."""
    tokens = _word_tokens(word)
    return bool(tokens) and all(
        token in terms or (bool(parts) and all(part in terms for part in parts))
        for token, parts in tokens
    )


def matches(keywords: Keywords, terms: frozenset[str]) -> bool:
    if any(word_matches(word, terms) for word in keywords.exclude):
        return False
    return all(word_matches(word, terms) for word in keywords.include)


# -- the on_stored hook ----------------------------------------------------------------------


_SUBSCRIPTIONS = "bulletin-bot:active-subscriptions"


def queue_notifications(
    session: Session, bulletin_id: int, tokens: Callable[[], list[str]]
) -> None:
    """One outbox row per chat with a matching active subscription, in the storing
    transaction; a chat with several matching subscriptions still gets one post (at once
    if any of them is immediate, else in the earliest digest). ``tokens`` gives the
    bulletin's tokens, read only when a subscription has words to match."""
    # Read once per transaction: an ingest stores hundreds of bulletins in one.
    subscriptions = session.info.get(_SUBSCRIPTIONS)
    if subscriptions is None:
        subscriptions = session.info[_SUBSCRIPTIONS] = outbox.active_subscriptions(session)
    if not subscriptions:
        return
    now = utcnow()
    terms: frozenset[str] | None = None
    targets: dict[int, tuple[int, datetime | None]] = {}
    for subscription in subscriptions:
        chosen = targets.get(subscription.chat_id)
        if chosen is not None and chosen[1] is None:
            continue  # already posted at once
        keywords = Keywords.of(subscription)
        if keywords.include or keywords.exclude:
            terms = terms if terms is not None else bulletin_terms(tokens())
            if not matches(keywords, terms):
                continue
        assert subscription.id is not None
        due = next_digest(subscription.digest_at, now) if subscription.digest_at else None
        if chosen is None or due is None or (chosen[1] is not None and due < chosen[1]):
            targets[subscription.chat_id] = (subscription.id, due)
    outbox.queue(session, bulletin_id,
                 ((sub_id, chat, due) for chat, (sub_id, due) in targets.items()))
