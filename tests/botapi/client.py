"""Start the fake Bot API server in its own process and drive it from tests.

    with BotApiServer() as telegram:
        app = (ApplicationBuilder().token(telegram.token)
               .base_url(telegram.base_url).base_file_url(telegram.base_file_url).build())
        ann = telegram.create_user("Ann")
        telegram.send_private_text(ann, "/ask 2017年高新区受理了多少举报投诉?")
        [reply] = await telegram.wait_for_messages_async(ann.id, 1)

Injection and queries are quick synchronous calls, safe inside async tests (the server is
another process). Only the waits block, so a test whose bot runs on its own event loop
uses the *_async waits.
"""

from __future__ import annotations

import base64
import os
import select
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from .world import DEFAULT_TOKEN

JSON = dict[str, Any]
PACKAGE = __package__ or "tests.botapi"
# The directory the package is importable from, whichever name it was imported under.
IMPORT_ROOT = Path(__file__).resolve().parents[len(PACKAGE.split("."))]


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    username: str | None = None


@dataclass(frozen=True)
class Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent: what Telegram shows, and what the bot asked for."""

    chat_id: int
    message_id: int
    method: str
    text: str | None
    raw_text: str | None
    parse_mode: str | None
    entities: list[JSON]
    reply_to_message_id: int | None
    link_preview_options: JSON | None
    reply_markup: JSON | None
    document: JSON | None
    edits: int
    message: JSON

    @classmethod
    def from_json(cls, data: JSON) -> SentMessage:
        return cls(**data)


@dataclass(frozen=True)
class RecordedRequest:
    """One Bot API call as the server saw it, parameters already typed.

    status is None while the call is still being answered (a waiting long poll); time is
    when it arrived.
    """

    method: str
    params: JSON
    files: JSON
    status: int | None
    description: str | None
    time: float

    @classmethod
    def from_json(cls, data: JSON) -> RecordedRequest:
        return cls(**data)


def _id(item: User | Chat | int) -> int:
    return item if isinstance(item, int) else item.id


class BotApiServer:
    """The fake Telegram as a subprocess, with a typed client for its control API."""

    def __init__(self, token: str = DEFAULT_TOKEN, bot_username: str = "bulletin_test_bot",
                 bot_name: str = "Bulletin Test Bot", startup_timeout: float = 20.0) -> None:
        self.token = token
        self.bot_id = int(token.split(":")[0])
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.startup_timeout = startup_timeout
        self.url = ""
        self._process: subprocess.Popen[str] | None = None
        self._http: httpx.Client | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> BotApiServer:
        command = [sys.executable, "-m", f"{PACKAGE}.server", "--port", "0", "--token",
                   self.token, "--bot-username", self.bot_username, "--bot-name", self.bot_name]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(IMPORT_ROOT), os.environ.get("PYTHONPATH")]))}
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                                         cwd=IMPORT_ROOT, env=env)
        self.url = self._read_ready_line(self._process)
        self._http = httpx.Client(base_url=self.url, timeout=30.0)
        return self

    def _read_ready_line(self, process: subprocess.Popen[str]) -> str:
        """The server prints 'READY <url>' once it listens; anything else is a failed start."""
        assert process.stdout is not None
        readable, _, _ = select.select([process.stdout], [], [], self.startup_timeout)
        line = process.stdout.readline() if readable else ""
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"fake Bot API server did not start (said {line!r})")
        return line.split()[1]

    def stop(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None

    def __enter__(self) -> BotApiServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url(...) / Bot(base_url=...): PTB appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # -- plumbing -------------------------------------------------------------------------------

    def _control(self, action: str, wait: float = 0, **body: Any) -> Any:
        """POST one control action; `wait` is how long the server may hold the answer."""
        if self._http is None:
            raise RuntimeError("the fake Bot API server is not running; use start() or `with`")
        response = self._http.post(f"/_test/{action}", json=body, timeout=wait + 30)
        return _result(response)

    async def _control_async(self, action: str, wait: float, **body: Any) -> Any:
        async with httpx.AsyncClient(base_url=self.url, timeout=wait + 30) as http:
            return _result(await http.post(f"/_test/{action}", json=body))

    # -- the world --------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget users, chats, messages, updates, failures and the request log."""
        self._control("reset")

    def create_user(self, first_name: str = "Test User", username: str | None = None,
                    user_id: int | None = None, language_code: str | None = None,
                    started: bool = True) -> User:
        """A user; unless `started` is False they have pressed Start, so the bot may write
        to them (otherwise Telegram's 403 "bot can't initiate conversation")."""
        data = self._control("users", first_name=first_name, username=username, id=user_id,
                             language_code=language_code, started=started)
        return User(data["id"], data["first_name"], data.get("username"))

    def create_chat(self, type: str = "group", title: str | None = None,
                    chat_id: int | None = None, username: str | None = None,
                    creator: User | int | None = None,
                    administrators: tuple[User | int, ...] = (),
                    bot_is_admin: bool = False) -> Chat:
        """A group, supergroup or channel (private chats come with their user)."""
        data = self._control(
            "chats", type=type, title=title, id=chat_id, username=username,
            creator=None if creator is None else _id(creator),
            administrators=[_id(a) for a in administrators], bot_is_admin=bot_is_admin,
        )
        return Chat(data["id"], data["type"], data.get("title"), data.get("username"))

    def set_admins(self, chat: Chat | int, creator: User | int | None = None,
                   administrators: tuple[User | int, ...] | None = None,
                   bot_is_admin: bool | None = None) -> None:
        """Change who getChatMember / getChatAdministrators report as creator and admins."""
        body: JSON = {"chat_id": _id(chat)}
        if creator is not None:
            body["creator"] = _id(creator)
        if administrators is not None:
            body["administrators"] = [_id(a) for a in administrators]
        if bot_is_admin is not None:
            body["bot_is_admin"] = bot_is_admin
        self._control("admins", **body)

    # -- what users do (each returns the queued update) ---------------------------------------

    def send_private_text(self, user: User | int, text: str,
                          entities: list[JSON] | None = None,
                          reply_to: int | None = None) -> JSON:
        """A private message; /commands, @mentions and links get entities unless given."""
        return self._control("message", user_id=_id(user), text=text, entities=entities,
                             reply_to_message_id=reply_to)

    def send_group_text(self, chat: Chat | int, user: User | int, text: str,
                        entities: list[JSON] | None = None,
                        reply_to: int | None = None) -> JSON:
        """A group message, optionally a reply to message `reply_to` (e.g. the bot's)."""
        return self._control("message", chat_id=_id(chat), user_id=_id(user), text=text,
                             entities=entities, reply_to_message_id=reply_to)

    def send_document(self, chat: Chat | int | None, user: User | int, filename: str,
                      data: bytes, mime_type: str | None = None,
                      caption: str | None = None) -> JSON:
        """A file upload (chat None: the user's private chat); getFile then serves it."""
        return self._control(
            "document", chat_id=None if chat is None else _id(chat), user_id=_id(user),
            filename=filename, data=base64.b64encode(data).decode(), mime_type=mime_type,
            caption=caption,
        )

    def channel_post(self, chat: Chat | int, text: str,
                     entities: list[JSON] | None = None) -> JSON:
        """A post in a channel: update field channel_post, sender_chat, no from."""
        return self._control("channel_post", chat_id=_id(chat), text=text, entities=entities)

    def press_button(self, chat: Chat | int, user: User | int, message_id: int,
                     data: str) -> JSON:
        """A callback_query for an inline button under message_id."""
        return self._control("callback_query", chat_id=_id(chat), user_id=_id(user),
                             message_id=message_id, data=data)

    def inject_update(self, kind: str, payload: JSON) -> JSON:
        """Any other update, e.g. inject_update("my_chat_member", {...})."""
        update: JSON = self._control("update", 0, **{kind: payload})
        return update

    # -- what the bot did ---------------------------------------------------------------------

    def sent_messages(self, chat_id: Chat | int | None = None) -> list[SentMessage]:
        """The bot's messages (one chat, or all), oldest first, as edited since."""
        return self.wait_for_messages(chat_id, 0, 0)

    def wait_for_messages(self, chat_id: Chat | int | None, count: int,
                          timeout: float = 5.0) -> list[SentMessage]:
        """Block until the bot has sent `count` messages there; TimeoutError otherwise."""
        body = self._control("sent", timeout, chat_id=_optional_id(chat_id), count=count,
                             timeout=timeout)
        return _messages(body, count, timeout)

    async def wait_for_messages_async(self, chat_id: Chat | int | None, count: int,
                                      timeout: float = 5.0) -> list[SentMessage]:
        """wait_for_messages without blocking the event loop the bot runs on."""
        body = await self._control_async("sent", timeout, chat_id=_optional_id(chat_id),
                                         count=count, timeout=timeout)
        return _messages(body, count, timeout)

    def requests(self, method: str | None = None) -> list[RecordedRequest]:
        """Every Bot API call so far (or one method's), in arrival order.

        Method names are matched case-insensitively, as Telegram routes them."""
        return self.wait_for_requests(method, 0, 0)

    def wait_for_requests(self, method: str | None, count: int,
                          timeout: float = 5.0) -> list[RecordedRequest]:
        """Block until `count` calls of `method` (None: any) have arrived."""
        body = self._control("requests", timeout, method=method, count=count, timeout=timeout)
        return _requests(body, count, timeout)

    async def wait_for_requests_async(self, method: str | None, count: int,
                                      timeout: float = 5.0) -> list[RecordedRequest]:
        body = await self._control_async("requests", timeout, method=method, count=count,
                                         timeout=timeout)
        return _requests(body, count, timeout)

    def wait_for_polling(self, active: bool = True, timeout: float = 5.0) -> None:
        """Block until a getUpdates long poll is waiting (or, active=False, none is)."""
        if not self._control("polling", timeout, active=active, timeout=timeout):
            raise TimeoutError(f"no getUpdates poll became {'active' if active else 'idle'}")

    async def wait_for_polling_async(self, active: bool = True, timeout: float = 5.0) -> None:
        if not await self._control_async("polling", timeout, active=active, timeout=timeout):
            raise TimeoutError(f"no getUpdates poll became {'active' if active else 'idle'}")

    def file_bytes(self, file_id: str) -> bytes:
        """Content of a stored file, e.g. a document the bot sent."""
        return base64.b64decode(self._control("file", file_id=file_id)["data"])

    def commands(self) -> list[JSON]:
        """Every command list set: [{"scope": {...}, "language_code": "", "commands": [...]}]."""
        result: list[JSON] = self._control("commands")
        return result

    # -- failures ---------------------------------------------------------------------------------

    def fail_next(self, chat_id: Chat | int | None, code: int, retry_after: int | None = None,
                  count: int | None = 1, method: str | None = "sendMessage",
                  description: str | None = None) -> None:
        """The next `count` calls of `method` to chat_id (None: any) fail with `code`.

        count=None fails them for ever; method=None fails every method. A 429 needs
        retry_after and reads "Too Many Requests: retry after N" unless described.
        """
        self._control("fail", chat_id=_optional_id(chat_id), code=code,
                      retry_after=retry_after, count=count, method=method,
                      description=description)

    def forbid(self, chat_id: Chat | int) -> None:
        """From now on every call aimed at this chat gets Telegram's 403 for a kicked bot."""
        self._control("forbid", chat_id=_id(chat_id))


def _optional_id(item: User | Chat | int | None) -> int | None:
    return None if item is None else _id(item)


def _result(response: httpx.Response) -> Any:
    body = response.json()
    if not body.get("ok"):
        raise RuntimeError(f"fake Bot API control call failed: {body.get('description')}")
    return body["result"]


def _messages(body: JSON, count: int, timeout: float) -> list[SentMessage]:
    messages = [SentMessage.from_json(m) for m in body["messages"]]
    if not body["complete"]:
        texts = [m.text for m in messages]
        raise TimeoutError(f"bot sent {len(messages)} of {count} messages in {timeout}s: {texts}")
    return messages


def _requests(body: JSON, count: int, timeout: float) -> list[RecordedRequest]:
    found = [RecordedRequest.from_json(r) for r in body["requests"]]
    if not body["complete"]:
        raise TimeoutError(f"saw {len(found)} of {count} requests in {timeout}s")
    return found
