"""The Bot API methods the fake answers, with Telegram's checks and error wording.

Each handler takes the World and one Call and returns the "result" value or raises
ApiError. `dispatch` adds what every call shares: method lookup (case-insensitive, as on
Telegram), injected failures, and the request log tests assert on.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from .entities import EntityParseError, parse_html, strip_text
from .params import Call
from .world import JSON, ApiError, Chat, Outgoing, Poll, StoredFile, World

Handler = Callable[[World, Call], Awaitable[Any]]
METHODS: dict[str, tuple[str, Handler]] = {}

MAX_TEXT = 4096
MAX_CAPTION = 1024
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}
ADMIN_RIGHTS = {
    "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
    "can_delete_messages": True, "can_manage_video_chats": True,
    "can_restrict_members": True, "can_promote_members": False, "can_change_info": True,
    "can_invite_users": True, "can_post_stories": True, "can_edit_stories": True,
    "can_delete_stories": True, "can_pin_messages": True,
}
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


def bot_method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name.lower()] = (name, handler)
        return handler

    return register


async def dispatch(world: World, call: Call) -> tuple[int, JSON]:
    """Answer one call as (HTTP status, body), logged in arrival order.

    The log entry exists from the start (status None while a long poll waits), so the log
    reads in the order the bot made its calls, not the order they finished.
    """
    name, handler = METHODS.get(call.method.lower(), (call.method, None))
    entry: JSON = {
        "method": name,
        "params": call.params,
        "files": {k: {"filename": f.filename, "size": len(f.data)} for k, f in call.files.items()},
        "status": None,
        "description": None,
        "time": time.time(),
    }
    world.log_request(entry)
    try:
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        failure = world.injected_failure(name, _chat_key(world, call.get("chat_id")))
        if failure is not None:
            raise failure
        status, body = 200, {"ok": True, "result": await handler(world, call)}
    except ApiError as error:
        status, body = error.code, error.to_json()
    entry.update(status=status, description=body.get("description"))
    world.changed()
    return status, body


def _chat_key(world: World, chat_id: Any) -> int | None:
    """The numeric chat id a call targets, for matching injected failures."""
    if chat_id is None:
        return None
    try:
        return world.find_chat(chat_id).id
    except ApiError:
        return chat_id if isinstance(chat_id, int) else None


def target_chat(world: World, call: Call) -> Chat:
    """The chat a call acts in; a bot that left it may not."""
    chat = world.find_chat(call.require("chat_id"))
    if chat.bot_left:
        raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")
    return chat


def formatted(call: Call, text_field: str, entities_field: str, limit: int) -> tuple[str, JSON]:
    """Plain text plus the entities field, after parse_mode, with Telegram's limits."""
    raw = call.get(text_field) or ""
    mode = (call.get("parse_mode") or "").lower()
    if mode == "html":
        try:
            text, entities = parse_html(raw)
        except EntityParseError as error:
            raise ApiError(400, f"Bad Request: can't parse entities: {error}") from error
    elif mode in ("", "markdown", "markdownv2"):
        text, entities = strip_text(raw, call.get(entities_field) or [])
    else:
        raise ApiError(400, f"Bad Request: unsupported parse_mode {call.get('parse_mode')!r}")
    if len(text) > limit:
        kind = "message" if text_field == "text" else "message caption"
        raise ApiError(400, f"Bad Request: {kind} is too long")
    fields: JSON = {text_field: text} if text else {}
    if entities:
        fields[entities_field] = entities
    return text, fields


def replied_message(world: World, chat: Chat, call: Call) -> JSON | None:
    """The message a send replies to, from reply_parameters or the old reply_to_message_id."""
    reply = call.get("reply_parameters")
    if reply is None and call.get("reply_to_message_id") is not None:
        reply = {"message_id": call.get("reply_to_message_id"),
                 "allow_sending_without_reply": call.get("allow_sending_without_reply")}
    if not reply:
        return None
    reply_chat = world.find_chat(reply["chat_id"]) if "chat_id" in reply else chat
    quoted = world.quoted(reply_chat.id, int(reply.get("message_id", 0)))
    if quoted is None and not reply.get("allow_sending_without_reply"):
        raise ApiError(400, "Bad Request: message to be replied not found")
    return quoted


def send(world: World, chat: Chat, call: Call, content: JSON, raw_text: str | None) -> JSON:
    """Store a message from the bot and put it in the outbox tests read."""
    quoted = replied_message(world, chat, call)
    if quoted is not None:
        content["reply_to_message"] = quoted
    markup = call.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        content["reply_markup"] = markup
    message = world.new_message(chat, content, world.bot)
    world.record_outgoing(
        Outgoing(call.method, message, raw_text, call.get("parse_mode"), call.params)
    )
    return message


# -- the bot itself ----------------------------------------------------------------------


@bot_method("getMe")
async def get_me(world: World, call: Call) -> JSON:
    return {
        **world.bot.to_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@bot_method("logOut")
async def log_out(world: World, call: Call) -> bool:
    return True


@bot_method("close")
async def close(world: World, call: Call) -> bool:
    return True


@bot_method("getUpdates")
async def get_updates(world: World, call: Call) -> list[JSON]:
    """Long polling: wait up to `timeout` seconds, answer as soon as an update is queued.

    A newer getUpdates ends a waiting one with 409, as Telegram does when two instances of a
    bot poll; a caller that hangs up stops waiting at once.
    """
    if world.webhook["url"]:
        raise ApiError(409, WEBHOOK_CONFLICT)
    if call.get("allowed_updates") is not None:
        world.allowed_updates = list(call.get("allowed_updates"))
    world.confirm(int(call.get("offset") or 0))
    limit = min(max(int(call.get("limit") or 100), 1), 100)
    if world.poll is not None:
        world.poll.terminated = True
    poll = world.poll = Poll()
    world.changed()
    stop_watch = _watch_disconnect(world, call, poll)
    try:
        await world.wait_until(
            lambda: poll.terminated or poll.abandoned or bool(world.pending()),
            max(float(call.get("timeout") or 0), 0),
        )
    finally:
        stop_watch()
        if world.poll is poll:
            world.poll = None
    if poll.terminated:
        raise ApiError(409, CONFLICT)
    return world.pending()[:limit]


def _watch_disconnect(world: World, call: Call, poll: Poll) -> Callable[[], None]:
    """Mark the poll abandoned when the HTTP client goes away; returns the un-watcher."""

    async def watch() -> None:
        await call.disconnected.wait()
        poll.abandoned = True
        world.changed()

    task = asyncio.get_running_loop().create_task(watch())

    def unwatch() -> None:
        task.cancel()

    return unwatch


@bot_method("setWebhook")
async def set_webhook(world: World, call: Call) -> bool:
    url = call.get("url") or ""
    if url and not url.startswith("https://"):
        raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    world.webhook = {"url": url}
    if call.get("allowed_updates") is not None:
        world.allowed_updates = list(call.get("allowed_updates"))
    if call.get("drop_pending_updates"):
        world.updates.clear()
    return True


@bot_method("deleteWebhook")
async def delete_webhook(world: World, call: Call) -> bool:
    world.webhook = {"url": ""}
    if call.get("drop_pending_updates"):
        world.updates.clear()
    return True


@bot_method("getWebhookInfo")
async def get_webhook_info(world: World, call: Call) -> JSON:
    info: JSON = {
        "url": world.webhook["url"],
        "has_custom_certificate": False,
        "pending_update_count": len(world.pending()),
    }
    if world.allowed_updates:
        info["allowed_updates"] = world.allowed_updates
    return info


# -- command lists -----------------------------------------------------------------------


def _scope_key(call: Call) -> tuple[str, str]:
    """Commands are stored per (scope, language); chat ids in a scope may come as strings."""
    scope = dict(call.get("scope") or {"type": "default"})
    if isinstance(scope.get("chat_id"), str) and scope["chat_id"].lstrip("-").isdigit():
        scope["chat_id"] = int(scope["chat_id"])
    language = call.get("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise ApiError(400, "Bad Request: invalid language code specified")
    return json.dumps(scope, sort_keys=True), language


@bot_method("setMyCommands")
async def set_my_commands(world: World, call: Call) -> bool:
    commands = call.require("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError(400, "Bad Request: commands must be a list of at most 100 BotCommand")
    for command in commands:
        if not COMMAND_NAME.match(str(command.get("command", ""))):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    world.commands[_scope_key(call)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


@bot_method("getMyCommands")
async def get_my_commands(world: World, call: Call) -> list[JSON]:
    return world.commands.get(_scope_key(call), [])


@bot_method("deleteMyCommands")
async def delete_my_commands(world: World, call: Call) -> bool:
    world.commands.pop(_scope_key(call), None)
    return True


# -- chats ---------------------------------------------------------------------------------


@bot_method("getChat")
async def get_chat(world: World, call: Call) -> JSON:
    chat = target_chat(world, call)
    return {
        **chat.to_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
            "premium_subscription": False, "gifts_from_channels": False,
        },
    }


def member(world: World, chat: Chat, user_id: int) -> JSON:
    """A ChatMember object in the shape its status calls for."""
    user = world.bot if user_id == world.bot.id else world.users.get(user_id)
    if user is None:
        raise ApiError(400, "Bad Request: user not found")
    status = chat.status_of(user_id, world.bot.id)
    data: JSON = {"status": status, "user": user.to_json()}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update(ADMIN_RIGHTS)
        if chat.type == "channel":
            data.update(can_post_messages=True, can_edit_messages=True)
    return data


@bot_method("getChatMember")
async def get_chat_member(world: World, call: Call) -> JSON:
    chat = target_chat(world, call)
    return member(world, chat, int(call.require("user_id")))


@bot_method("getChatAdministrators")
async def get_chat_administrators(world: World, call: Call) -> list[JSON]:
    chat = target_chat(world, call)
    if chat.type == "private":
        raise ApiError(400, "Bad Request: there are no administrators in the private chat")
    ids = [chat.creator] if chat.creator is not None else []
    ids += sorted(chat.administrators)
    if chat.bot_is_admin:
        ids.append(world.bot.id)
    return [member(world, chat, user_id) for user_id in ids]


@bot_method("leaveChat")
async def leave_chat(world: World, call: Call) -> bool:
    chat = target_chat(world, call)
    if chat.type == "private":
        raise ApiError(400, "Bad Request: chat member status can't be changed in private chats")
    chat.bot_left = True
    return True


@bot_method("sendChatAction")
async def send_chat_action(world: World, call: Call) -> bool:
    target_chat(world, call)
    if call.get("action") not in CHAT_ACTIONS:
        raise ApiError(400, "Bad Request: wrong parameter action in request")
    return True


# -- messages ------------------------------------------------------------------------------


@bot_method("sendMessage")
async def send_message(world: World, call: Call) -> JSON:
    chat = target_chat(world, call)
    text, content = formatted(call, "text", "entities", MAX_TEXT)
    if not text:
        raise ApiError(400, "Bad Request: message text is empty")
    return send(world, chat, call, content, call.get("text"))


@bot_method("editMessageText")
async def edit_message_text(world: World, call: Call) -> JSON | bool:
    if call.get("inline_message_id"):
        formatted(call, "text", "entities", MAX_TEXT)
        return True
    chat = target_chat(world, call)
    message_id = int(call.require("message_id"))
    outgoing = next((o for o in world.sent_to(chat.id) if o.message["message_id"] == message_id),
                    None)
    if outgoing is None:
        found = world.message(chat.id, message_id)
        raise ApiError(400, "Bad Request: message can't be edited" if found
                       else "Bad Request: message to edit not found")
    text, content = formatted(call, "text", "entities", MAX_TEXT)
    if not text:
        raise ApiError(400, "Bad Request: message text is empty")
    message = outgoing.message
    markup = call.get("reply_markup")
    if (text == message.get("text") and content.get("entities") == message.get("entities")
            and markup == message.get("reply_markup")):
        raise ApiError(400, "Bad Request: message is not modified: specified new message content"
                       " and reply markup are exactly the same as a current content and reply"
                       " markup of the message")
    message.pop("entities", None)
    message.update(content, edit_date=int(time.time()))
    if isinstance(markup, dict):
        message["reply_markup"] = markup
    outgoing.raw_text, outgoing.parse_mode = call.get("text"), call.get("parse_mode")
    outgoing.edits += 1
    world.changed()
    return message


@bot_method("sendDocument")
async def send_document(world: World, call: Call) -> JSON:
    chat = target_chat(world, call)
    stored, name, mime = _document(world, call)
    _, content = formatted(call, "caption", "caption_entities", MAX_CAPTION)
    content["document"] = {
        "file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
        "file_name": name, "mime_type": mime, "file_size": len(stored.data),
    }
    return send(world, chat, call, content, call.get("caption"))


MAX_PHOTO_BYTES = 10 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@bot_method("sendPhoto")
async def send_photo(world: World, call: Call) -> JSON:
    """An uploaded PNG (what the bot draws) with an optional caption; the message carries
    one PhotoSize with the image's own width and height, read from its header."""
    chat = target_chat(world, call)
    value = call.get("photo")
    field = value[len("attach://"):] if isinstance(value, str) and value.startswith(
        "attach://") else "photo"
    upload = call.files.get(field)
    if upload is None:
        raise ApiError(400, "Bad Request: there is no photo in the request")
    if len(upload.data) > MAX_PHOTO_BYTES:
        raise ApiError(400, "Bad Request: PHOTO_SAVE_FILE_INVALID")
    width, height = _png_size(upload.data)
    _, content = formatted(call, "caption", "caption_entities", MAX_CAPTION)
    stored = world.store_file(upload.data, "photos", upload.filename or "photo.png")
    content["photo"] = [{
        "file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
        "width": width, "height": height, "file_size": len(stored.data),
    }]
    return send(world, chat, call, content, call.get("caption"))


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; anything else is refused as Telegram
    refuses a file it cannot process as an image."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _document(world: World, call: Call) -> tuple[StoredFile, str, str]:
    """The uploaded or re-sent file of a sendDocument call."""
    value = call.get("document")
    field = value[len("attach://"):] if isinstance(value, str) and value.startswith(
        "attach://") else "document"
    upload = call.files.get(field)
    if upload is not None:
        stored = world.store_file(upload.data, "documents", upload.filename)
        return stored, upload.filename, upload.content_type or "application/octet-stream"
    if isinstance(value, str) and value in world.files:
        return world.files[value], value, "application/octet-stream"
    raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")


@bot_method("getFile")
async def get_file(world: World, call: Call) -> JSON:
    stored = world.files.get(call.require("file_id"))
    if stored is None:
        raise ApiError(400, "Bad Request: invalid file_id")
    return stored.to_json()


@bot_method("answerCallbackQuery")
async def answer_callback_query(world: World, call: Call) -> bool:
    query = world.callback_queries.get(str(call.require("callback_query_id")))
    if query is None or query.get("answered"):
        raise ApiError(400, "Bad Request: query is too old and response timeout expired or"
                       " query ID is invalid")
    query["answered"] = {k: call.get(k) for k in ("text", "show_alert", "url", "cache_time")}
    return True
