"""The test-only control API (/_test/<action>): build the world, play users, read the outbox.

Everything a real user or admin would do in a Telegram client is an action here, and each
one queues the update Telegram would deliver to the bot. Waiting actions (sent, requests)
long-poll so tests never sleep in a loop.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from typing import Any

from .entities import detect_entities
from .methods import get_me
from .params import Call
from .world import JSON, ApiError, Chat, Failure, User, World

Action = Callable[[World, JSON], Awaitable[Any]]
ACTIONS: dict[str, Action] = {}
DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    403: "Forbidden: injected failure",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
KICKED = {
    "private": "Forbidden: bot was blocked by the user",
    "group": "Forbidden: bot was kicked from the group chat",
    "supergroup": "Forbidden: bot was kicked from the supergroup chat",
    "channel": "Forbidden: bot is not a member of the channel chat",
}


def action(name: str) -> Callable[[Action], Action]:
    def register(handler: Action) -> Action:
        ACTIONS[name] = handler
        return handler

    return register


class ControlError(ValueError):
    """A test asked for something impossible; answered with 400 and the reason."""


def _int(body: JSON, name: str, default: int | None = None) -> int:
    value = body.get(name, default)
    if value is None:
        raise ControlError(f"{name} is required")
    return int(value)


def _sender_and_chat(world: World, body: JSON) -> tuple[User, Chat]:
    """The user acting and the chat they act in; no chat_id means their private chat."""
    user = world.user(_int(body, "user_id"))
    if body.get("chat_id") is None:
        return user, world.private_chat(user)
    return user, world.find_chat(_int(body, "chat_id"))


def _text_content(body: JSON, field: str = "text") -> JSON:
    """Text with the entities a client would attach (given ones, or detected ones)."""
    text = body.get(field) or ""
    entities = body.get("entities")
    if entities is None:
        entities = detect_entities(text)
    entities_field = "entities" if field == "text" else "caption_entities"
    content: JSON = {field: text} if text else {}
    if entities:
        content[entities_field] = entities
    return content


def _reply(world: World, chat: Chat, body: JSON) -> JSON:
    if body.get("reply_to_message_id") is None:
        return {}
    quoted = world.quoted(chat.id, _int(body, "reply_to_message_id"))
    if quoted is None:
        raise ControlError(f"no message {body['reply_to_message_id']} in chat {chat.id}")
    return {"reply_to_message": quoted}


@action("health")
async def health(world: World, body: JSON) -> JSON:
    return {"token": world.token, "bot": await get_me(world, Call("getMe", {}))}


@action("reset")
async def reset(world: World, body: JSON) -> bool:
    world.reset()
    return True


@action("users")
async def create_user(world: World, body: JSON) -> JSON:
    user = world.add_user(body.get("first_name") or "Test User", body.get("username"),
                          body.get("id"), body.get("language_code"),
                          bool(body.get("started", True)))
    return user.to_json()


@action("chats")
async def create_chat(world: World, body: JSON) -> JSON:
    chat = world.add_chat(body.get("type", "group"), body.get("title"), body.get("id"),
                          body.get("username"))
    await set_admins(world, {**body, "chat_id": chat.id})
    return chat.to_json()


@action("admins")
async def set_admins(world: World, body: JSON) -> JSON:
    """Who runs a chat: its creator, its administrators, and whether the bot is one."""
    chat = world.find_chat(_int(body, "chat_id"))
    if "creator" in body:
        chat.creator = body["creator"]
    if "administrators" in body:
        chat.administrators = {int(i) for i in body["administrators"]}
    if "bot_is_admin" in body:
        chat.bot_is_admin = bool(body["bot_is_admin"])
    chat.members.update(int(i) for i in body.get("members", []))
    return chat.to_json()


@action("message")
async def user_message(world: World, body: JSON) -> JSON:
    """A user writes in a private chat or a group; entities are detected unless given."""
    user, chat = _sender_and_chat(world, body)
    if chat.type == "channel":
        raise ControlError("users do not write in channels; use channel_post")
    content = {**_text_content(body), **_reply(world, chat, body)}
    return world.push_update("message", world.new_message(chat, content, user))


@action("channel_post")
async def channel_post(world: World, body: JSON) -> JSON:
    chat = world.find_chat(_int(body, "chat_id"))
    if chat.type != "channel":
        raise ControlError(f"chat {chat.id} is a {chat.type}, not a channel")
    content = _text_content(body)
    return world.push_update("channel_post", world.new_message(chat, content, None))


@action("document")
async def user_document(world: World, body: JSON) -> JSON:
    """A user uploads a file; its bytes are kept for getFile and the download route."""
    user, chat = _sender_and_chat(world, body)
    filename = body.get("filename") or "document.bin"
    stored = world.store_file(base64.b64decode(body.get("data", "")), "documents", filename)
    content = {
        "document": {
            "file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
            "file_name": filename, "mime_type": body.get("mime_type") or "application/octet-stream",
            "file_size": len(stored.data),
        },
        **_text_content(body, "caption"),
    }
    kind = "channel_post" if chat.type == "channel" else "message"
    return world.push_update(kind, world.new_message(chat, content, user))


@action("callback_query")
async def callback_query(world: World, body: JSON) -> JSON:
    """A user presses an inline button under one of the bot's messages."""
    user, chat = _sender_and_chat(world, body)
    message = world.message(chat.id, _int(body, "message_id"))
    if message is None:
        raise ControlError(f"no message {body['message_id']} in chat {chat.id}")
    query_id = f"{user.id}-{len(world.callback_queries) + 1}"
    query = {"id": query_id, "from": user.to_json(), "message": message,
             "chat_instance": str(chat.id), "data": body.get("data", "")}
    world.callback_queries[query_id] = query
    return world.push_update("callback_query", query)


@action("update")
async def raw_update(world: World, body: JSON) -> JSON:
    """Any other update, given as {"<kind>": {...}}; the update_id is added."""
    if len(body) != 1:
        raise ControlError('give exactly one update field, e.g. {"my_chat_member": {...}}')
    ((kind, payload),) = body.items()
    return world.push_update(kind, payload)


@action("sent")
async def sent(world: World, body: JSON) -> JSON:
    """The bot's messages (in one chat, or all); waits until there are at least `count`."""
    chat_id = None if body.get("chat_id") is None else _int(body, "chat_id")
    count = _int(body, "count", 0)
    found = await world.wait_until(
        lambda: len(world.sent_to(chat_id)) >= count, float(body.get("timeout") or 0)
    )
    return {"complete": found, "messages": [o.to_json() for o in world.sent_to(chat_id)]}


@action("requests")
async def requests(world: World, body: JSON) -> JSON:
    """The Bot API request log, optionally for one method; waits for `count` of them."""
    method = (body.get("method") or "").lower()

    def matching() -> list[JSON]:
        return [r for r in world.requests if not method or r["method"].lower() == method]

    count = _int(body, "count", 0)
    found = await world.wait_until(lambda: len(matching()) >= count,
                                   float(body.get("timeout") or 0))
    return {"complete": found, "requests": matching()}


@action("polling")
async def polling(world: World, body: JSON) -> bool:
    """Wait until a getUpdates call is (active=true) or is not (false) waiting."""
    active = str(body.get("active", True)).lower() in ("true", "1")
    return await world.wait_until(lambda: (world.poll is not None) == active,
                                  float(body.get("timeout") or 0))


@action("fail")
async def fail(world: World, body: JSON) -> bool:
    """The next `count` matching calls (all of them if count is null) fail as asked."""
    code = _int(body, "code")
    retry_after = body.get("retry_after")
    if code == 429 and retry_after is None:
        raise ControlError("a 429 needs retry_after")
    template = body.get("description") or DEFAULT_DESCRIPTIONS.get(code, f"Error {code}")
    error = ApiError(code, template.format(retry_after=retry_after), retry_after)
    chat_id = None if body.get("chat_id") is None else _int(body, "chat_id")
    method = body.get("method", "sendMessage")
    world.failures.append(Failure(method, chat_id, error, body.get("count", 1)))
    return True


@action("forbid")
async def forbid(world: World, body: JSON) -> bool:
    """Every later call aimed at this chat gets the 403 Telegram gives a kicked bot."""
    chat = world.find_chat(_int(body, "chat_id"))
    error = ApiError(403, body.get("description") or KICKED[chat.type])
    world.failures.append(Failure(None, chat.id, error, None))
    return True


@action("file")
async def file_content(world: World, body: JSON) -> JSON:
    """Bytes of a stored file (a test's upload or the bot's sendDocument), base64-encoded."""
    stored = world.files.get(body.get("file_id") or "")
    if stored is None:
        raise ControlError(f"no file {body.get('file_id')!r}")
    return {**stored.to_json(), "data": base64.b64encode(stored.data).decode()}


@action("commands")
async def commands(world: World, body: JSON) -> list[JSON]:
    return [{"scope": json.loads(scope), "language_code": language, "commands": listed}
            for (scope, language), listed in world.commands.items()]


async def run_action(world: World, name: str, body: JSON) -> tuple[int, JSON]:
    """Answer one control request as (HTTP status, body)."""
    handler = ACTIONS.get(name)
    if handler is None:
        return 404, {"ok": False, "description": f"no control action {name!r}"}
    try:
        return 200, {"ok": True, "result": await handler(world, body)}
    except (ControlError, ApiError, ValueError, KeyError, TypeError) as error:
        return 400, {"ok": False, "description": str(error)}
