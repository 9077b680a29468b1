"""Bot API parameters as the methods see them, whatever body format carried them.

python-telegram-bot 22 never sends a JSON body: it posts form fields whose values are
already strings (str values as they are, everything else json.dumps'ed: 123, true,
{"message_id": 5}), or multipart when a file is uploaded. Telegram coerces each field by
its declared type, and so does this module, so the methods and the request log see the
same typed values whether a test sent JSON, a form or a query string.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from .world import ApiError

JSON_FIELDS = {
    "allowed_updates", "caption_entities", "commands", "entities", "link_preview_options",
    "reply_markup", "reply_parameters", "scope", "media",
}
INT_FIELDS = {
    "chat_id", "from_chat_id", "user_id", "message_id", "message_thread_id",
    "reply_to_message_id", "offset", "limit", "cache_time", "max_connections",
}
FLOAT_FIELDS = {"timeout"}
BOOL_FIELDS = {
    "allow_sending_without_reply", "disable_content_type_detection", "disable_notification",
    "disable_web_page_preview", "drop_pending_updates", "protect_content", "show_alert",
    "allow_paid_broadcast",
}


@dataclass
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Call:
    """One Bot API call: typed parameters, uploaded files, and whether the caller hung up."""

    method: str
    params: dict[str, Any]
    files: dict[str, Upload] = field(default_factory=dict)
    disconnected: asyncio.Event = field(default_factory=asyncio.Event)

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    def require(self, name: str) -> Any:
        """A mandatory parameter, or Telegram's '<name> is empty' error."""
        value = self.params.get(name)
        if value is None or value == "":
            raise ApiError(400, f"Bad Request: {name} is empty")
        return value


def coerce(name: str, value: Any) -> Any:
    """One field's value in its Bot API type; strings that do not parse are left for
    the method to reject."""
    if not isinstance(value, str):
        return value
    try:
        if name in JSON_FIELDS:
            return json.loads(value)
        if name in INT_FIELDS and not value.startswith("@"):
            return int(value)
        if name in FLOAT_FIELDS:
            number = float(value)
            return int(number) if number.is_integer() else number
    except ValueError:
        return value
    if name in BOOL_FIELDS:
        return value.lower() in ("true", "1")
    return value


def normalize(raw: dict[str, Any]) -> dict[str, Any]:
    return {name: coerce(name, value) for name, value in raw.items()}
