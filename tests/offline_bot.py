"""An offline Bot API for unit tests, in python-telegram-bot's own testing pattern.

``OfflineBotApi`` is a ``telegram.request.BaseRequest``: pass it to
``ApplicationBuilder().request(...)`` (``build_application(..., request=api)``) and every
Bot API call is answered locally and recorded, so a test feeds updates with
``application.process_update(Update.de_json(...))`` and then reads ``api.sent``.
The update builders below make the JSON Telegram would send.
"""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

JSON = dict[str, Any]

TOKEN = "123456:OFFLINE-test-token"
BOT_ID = 123456
BOT_USERNAME = "bulletin_test_bot"


class OfflineBotApi(BaseRequest):
    """Answers getMe, sendMessage, getFile, file downloads…; records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, JSON]] = []
        self.files: dict[str, bytes] = {}  # file_id -> content, served by getFile + download
        self.failures: dict[str, tuple[int, str]] = {}  # method -> (status, description)
        self._message_ids = itertools.count(1000)

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def calls_to(self, method: str) -> list[JSON]:
        return [params for name, params in self.calls if name == method]

    @property
    def sent(self) -> list[JSON]:
        """The parameters of every sendMessage, oldest first."""
        return self.calls_to("sendMessage")

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return 200, self.files[url.rsplit("/", 1)[-1]]
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((api_method, dict(params)))
        if api_method in self.failures:
            status, description = self.failures.pop(api_method)
            return status, json.dumps({"ok": False, "error_code": status,
                                       "description": description}).encode()
        result = self.answer(api_method, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def answer(self, api_method: str, params: JSON) -> Any:
        if api_method == "getMe":
            return bot_user() | {"can_join_groups": True, "can_read_all_group_messages": False,
                                 "supports_inline_queries": False}
        if api_method == "sendMessage":
            return {"message_id": next(self._message_ids), "date": int(time.time()),
                    "chat": {"id": int(params["chat_id"]), "type": "private"},
                    "from": bot_user(), "text": params["text"]}
        if api_method == "getFile":
            file_id = str(params["file_id"])
            return {"file_id": file_id, "file_unique_id": file_id,
                    "file_size": len(self.files[file_id]), "file_path": f"documents/{file_id}"}
        return True


def bot_user() -> JSON:
    return {"id": BOT_ID, "is_bot": True, "first_name": "Bulletin", "username": BOT_USERNAME}


def user(user_id: int, name: str = "Ann") -> JSON:
    return {"id": user_id, "is_bot": False, "first_name": name}


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def message(chat: JSON, sender: JSON | None, text: str | None = None, **extra: Any) -> JSON:
    """A message; a leading /command gets its bot_command entity as Telegram adds it."""
    data: JSON = {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat}
    if sender is not None:
        data["from"] = sender
    if text is not None:
        data["text"] = text
        if text.startswith("/"):
            length = len(text.split()[0])
            data["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return data | extra


def update(kind: str, payload: JSON) -> JSON:
    return {"update_id": next(_update_ids), kind: payload}


def private_text(user_id: int, text: str, **extra: Any) -> JSON:
    chat = {"id": user_id, "type": "private", "first_name": "Ann"}
    return update("message", message(chat, user(user_id), text, **extra))


def group_chat(chat_id: int = -100123) -> JSON:
    return {"id": chat_id, "type": "supergroup", "title": "打假工作群"}


def group_text(user_id: int, text: str, chat_id: int = -100123, **extra: Any) -> JSON:
    return update("message", message(group_chat(chat_id), user(user_id), text, **extra))


def mention(text: str, target: str) -> list[JSON]:
    """The mention entity Telegram adds for ``target`` (e.g. "@bulletin_test_bot")."""
    offset = text.index(target)
    return [{"type": "mention", "offset": len(text[:offset].encode("utf-16-le")) // 2,
             "length": len(target)}]


def document(user_id: int, file_id: str, size: int, caption: str | None = None,
             chat: JSON | None = None, file_name: str = "bulletin.txt") -> JSON:
    chat = chat or {"id": user_id, "type": "private", "first_name": "Ann"}
    extra: JSON = {"document": {"file_id": file_id, "file_unique_id": file_id,
                                "file_name": file_name, "mime_type": "text/plain",
                                "file_size": size}}
    if caption is not None:
        extra["caption"] = caption
        if caption.startswith("/"):
            length = len(caption.split()[0])
            extra["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return update("message", message(chat, user(user_id), **extra))


async def feed(application: Any, data: JSON) -> None:
    """Process one update as if it had been polled (handlers run to completion)."""
    from telegram import Update

    await application.process_update(Update.de_json(data, application.bot))
