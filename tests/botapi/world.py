"""Everything the fake Telegram remembers: users, chats, messages, the update queue.

One instance lives in the server's event loop and is touched only from there, so it needs
no locks. Waiting (long polling, tests waiting for the bot's replies) is done with one
"something changed" event that every mutation pulses.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

JSON = dict[str, Any]
T = TypeVar("T")

DEFAULT_TOKEN = "123456789:TEST-bulletin-bot-token"
GROUP_TYPES = ("group", "supergroup")
CHAT_TYPES = ("private", *GROUP_TYPES, "channel")
# What Telegram sends when allowed_updates is empty: everything but these three.
OPT_IN_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}


class ApiError(Exception):
    """A Bot API failure, answered as {"ok": false, ...} with error_code as the HTTP status."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def now() -> int:
    """Telegram dates are Unix seconds, never milliseconds."""
    return int(time.time())


@dataclass
class User:
    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    creator: int | None = None
    administrators: set[int] = field(default_factory=set)
    members: set[int] = field(default_factory=set)
    bot_is_admin: bool = False
    bot_left: bool = False
    next_message_id: int = 1

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    def status_of(self, user_id: int, bot_id: int) -> str:
        """Chat member status as getChatMember reports it."""
        if user_id == self.creator:
            return "creator"
        if user_id in self.administrators or (user_id == bot_id and self.bot_is_admin):
            return "administrator"
        if user_id == bot_id:
            return "left" if self.bot_left else "member"
        if user_id in self.members or (self.type == "private" and user_id == self.id):
            return "member"
        return "left"


@dataclass
class Outgoing:
    """A message the bot sent, with what it asked for, so tests can assert on both."""

    method: str
    message: JSON
    raw_text: str | None
    parse_mode: str | None
    params: JSON
    edits: int = 0

    def to_json(self) -> JSON:
        reply = self.message.get("reply_to_message")
        return {
            "method": self.method,
            "chat_id": self.message["chat"]["id"],
            "message_id": self.message["message_id"],
            "text": self.message.get("text", self.message.get("caption")),
            "raw_text": self.raw_text,
            "parse_mode": self.parse_mode,
            "entities": self.message.get("entities", self.message.get("caption_entities", [])),
            "reply_to_message_id": reply["message_id"] if reply else None,
            "link_preview_options": self.params.get("link_preview_options"),
            "reply_markup": self.params.get("reply_markup"),
            "document": self.message.get("document"),
            "edits": self.edits,
            "message": self.message,
        }


@dataclass
class Failure:
    """An injected error for the next `remaining` matching calls (None: for ever)."""

    method: str | None
    chat_id: int | None
    error: ApiError
    remaining: int | None

    def matches(self, method: str, chat_id: int | None) -> bool:
        method_ok = self.method is None or self.method.lower() == method.lower()
        return method_ok and (self.chat_id is None or self.chat_id == chat_id)


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes

    def to_json(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class Poll:
    """One waiting getUpdates call; a newer call or a disconnect ends it."""

    terminated: bool = False
    abandoned: bool = False


class World:
    """The fake Telegram's memory for one bot token."""

    def __init__(self, token: str, bot_username: str, bot_name: str) -> None:
        self.token = token
        self.bot = User(int(token.split(":")[0]), bot_name, bot_username, is_bot=True)
        self._update_ids = itertools.count(1)
        self._changed = asyncio.Event()
        self.reset()

    def reset(self) -> None:
        """Forget everything but the bot itself; wake every waiter so it can give up."""
        waiting: Poll | None = getattr(self, "poll", None)
        if waiting is not None:
            waiting.abandoned = True
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], JSON] = {}
        self.outbox: list[Outgoing] = []
        self.updates: list[JSON] = []
        self.allowed_updates: list[str] = []
        self.webhook: JSON = {"url": ""}
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.files: dict[str, StoredFile] = {}
        self.failures: list[Failure] = []
        self.requests: list[JSON] = []
        self.callback_queries: dict[str, JSON] = {}
        self.poll: Poll | None = None
        self._user_ids = itertools.count(1001)
        self._group_ids = itertools.count(1001)
        self._file_ids = itertools.count(1)
        self.changed()

    # -- waiting -------------------------------------------------------------------------

    def changed(self) -> None:
        """Wake everyone waiting for a condition; each re-checks its own."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_until(self, check: Callable[[], T], timeout: float) -> T:
        """Return check()'s first truthy value, or its last value when the timeout runs out."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not (result := check()):
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                break
        return result

    # -- people and chats ------------------------------------------------------------------

    def add_user(self, first_name: str, username: str | None = None, user_id: int | None = None,
                 language_code: str | None = None, started: bool = True) -> User:
        """A Telegram user; one who `started` the bot has a private chat the bot may use."""
        user = User(user_id or next(self._user_ids), first_name, username,
                    language_code=language_code)
        self.users[user.id] = user
        if started:
            self.private_chat(user)
        return user

    def add_chat(self, chat_type: str, title: str | None = None, chat_id: int | None = None,
                 username: str | None = None) -> Chat:
        if chat_type not in CHAT_TYPES or chat_type == "private":
            raise ValueError(f"chat type must be one of {CHAT_TYPES[1:]}, not {chat_type!r}")
        if chat_id is None:
            serial = next(self._group_ids)
            chat_id = -serial if chat_type == "group" else -1_000_000_000_000 - serial
        chat = Chat(chat_id, chat_type, title=title or f"{chat_type} {abs(chat_id)}",
                    username=username)
        self.chats[chat.id] = chat
        return chat

    def user(self, user_id: int) -> User:
        if user_id not in self.users:
            raise ValueError(f"no user {user_id}; create it first")
        return self.users[user_id]

    def private_chat(self, user: User) -> Chat:
        """A user's private chat with the bot has the user's id, as on Telegram."""
        if user.id not in self.chats:
            self.chats[user.id] = Chat(user.id, "private", username=user.username,
                                       first_name=user.first_name)
        return self.chats[user.id]

    def find_chat(self, chat_id: Any) -> Chat:
        """Resolve a chat_id parameter (a number or @username) or answer 'chat not found'."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == chat_id[1:].lower():
                    return chat
        elif isinstance(chat_id, int) and chat_id in self.chats:
            return self.chats[chat_id]
        elif isinstance(chat_id, int) and chat_id in self.users:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        raise ApiError(400, "Bad Request: chat not found")

    # -- messages and updates ----------------------------------------------------------------

    def new_message(self, chat: Chat, content: JSON, sender: User | None) -> JSON:
        """Store a message in a chat; channel posts carry sender_chat instead of from."""
        message: JSON = {"message_id": chat.next_message_id, "date": now(),
                         "chat": chat.to_json()}
        chat.next_message_id += 1
        if chat.type == "channel":
            message["sender_chat"] = chat.to_json()
        elif sender is not None:
            message["from"] = sender.to_json()
            if sender.id != self.bot.id:
                chat.members.add(sender.id)
        message.update(content)
        self.messages[(chat.id, message["message_id"])] = message
        return message

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        return self.messages.get((chat_id, message_id))

    def quoted(self, chat_id: int, message_id: int) -> JSON | None:
        """A message as it appears in reply_to_message: without its own reply."""
        found = self.message(chat_id, message_id)
        if found is None:
            return None
        return {k: v for k, v in found.items() if k != "reply_to_message"}

    def push_update(self, kind: str, payload: JSON) -> JSON:
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self.changed()
        return update

    def record_outgoing(self, outgoing: Outgoing) -> None:
        self.outbox.append(outgoing)
        self.changed()

    def sent_to(self, chat_id: int | None) -> list[Outgoing]:
        return [o for o in self.outbox if chat_id is None or o.message["chat"]["id"] == chat_id]

    def store_file(self, data: bytes, folder: str, filename: str) -> StoredFile:
        serial = next(self._file_ids)
        suffix = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
        stored = StoredFile(f"FILE{serial:06d}", f"U{serial:06d}",
                            f"{folder}/file_{serial}.{suffix}", data)
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    # -- failures and the request log ---------------------------------------------------------

    def injected_failure(self, method: str, chat_id: int | None) -> ApiError | None:
        """The first injected failure for this call, used up if it is counted."""
        for failure in self.failures:
            if failure.matches(method, chat_id):
                if failure.remaining is not None:
                    failure.remaining -= 1
                    if failure.remaining <= 0:
                        self.failures.remove(failure)
                return failure.error
        return None

    def log_request(self, entry: JSON) -> None:
        self.requests.append(entry)
        self.changed()

    def pending(self) -> list[JSON]:
        """Queued updates the bot may receive; the others are dropped, as Telegram does."""
        self.updates = [update for update in self.updates if self._wanted(update)]
        return self.updates

    def confirm(self, offset: int) -> None:
        """getUpdates' offset forgets older updates; a negative one keeps only the last few."""
        if offset < 0:
            self.updates = self.updates[offset:]
        elif offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def _wanted(self, update: JSON) -> bool:
        kind = next(key for key in update if key != "update_id")
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in OPT_IN_UPDATES
