"""Subscriptions matched on jieba tokens, queued as outbox rows as a bulletin is stored.

``queue_notifications`` is the Engine's ``on_stored`` hook: it runs inside the transaction
that stores a bulletin, so a bulletin and its outbox rows are committed together (or not
at all), in whichever process stored it — the bot, the CLI or a cron job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session

from retrieval.tokenizer import normalize, subwords, to_simplified, tokenize
from store import notifications as outbox
from store.models import Bulletin, Subscription

MAX_WORDS = 10
MAX_WORD_CHARS = 20


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
                f"关键词“{word[:MAX_WORD_CHARS]}…”太长了(最多 {MAX_WORD_CHARS} 个字)。")
        if not tokenize(word):
            raise KeywordError(f"“{word}”不是可以匹配的词语。")
        if word not in target:
            target.append(word)
    if len(include) + len(exclude) > MAX_WORDS:
        raise KeywordError(f"关键词太多了(最多 {MAX_WORDS} 个)。")
    return Keywords(tuple(include), tuple(exclude))


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


def queue_notifications(session: Session, bulletin: Bulletin, tokens: list[str]) -> None:
    """One outbox row per chat with a matching active subscription, in the storing
    transaction; a chat with several matching subscriptions still gets one post."""
    assert bulletin.id is not None
    subscriptions = outbox.active_subscriptions(session)
    if not subscriptions:
        return
    terms: frozenset[str] | None = None
    targets: dict[int, int] = {}
    for subscription in subscriptions:
        if subscription.chat_id in targets:
            continue
        keywords = Keywords.of(subscription)
        if keywords.include or keywords.exclude:
            terms = terms if terms is not None else bulletin_terms(tokens)
            if not matches(keywords, terms):
                continue
        assert subscription.id is not None
        targets[subscription.chat_id] = subscription.id
    outbox.queue(session, bulletin.id, ((sub_id, chat) for chat, sub_id in targets.items()))
