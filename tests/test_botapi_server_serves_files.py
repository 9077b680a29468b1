"""Documents move both ways through the fake Bot API: a user's upload downloads through
getFile and the file route, and a document the bot sends can be read back by the test."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest

from tests.botapi.client import BotApiServer

pytestmark = pytest.mark.e2e

BULLETIN = "高新区2017年打假工作总结\n共受理举报投诉3843宗。\n".encode()


async def test_an_uploaded_document_downloads_through_get_file(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    ann = botapi.create_user("Ann")
    botapi.send_document(None, ann, "通报.txt", BULLETIN, mime_type="text/plain", caption="新通报")

    (update,) = await botapi_bot.get_updates(timeout=0)
    assert update.message is not None and update.message.document is not None
    document = update.message.document
    file = await botapi_bot.get_file(document.file_id)

    assert (document.file_name, document.mime_type, update.message.caption) == (
        "通报.txt", "text/plain", "新通报"
    )
    assert bytes(await file.download_as_bytearray()) == BULLETIN


async def test_get_file_rejects_an_unknown_file_id(botapi_bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await botapi_bot.get_file("no-such-file")


async def test_a_document_the_bot_sends_is_stored_for_the_test(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    group = botapi.create_chat("group")

    message = await botapi_bot.send_document(
        group.id, BULLETIN, filename="answer.txt", caption="<b>出处</b>", parse_mode="HTML"
    )

    (sent,) = botapi.sent_messages(group)
    assert sent.document is not None and message.document is not None
    assert (sent.method, sent.text, sent.document["file_name"]) == (
        "sendDocument", "出处", "answer.txt"
    )
    assert botapi.file_bytes(message.document.file_id) == BULLETIN
    (request,) = botapi.requests("sendDocument")
    assert request.files["document"]["size"] == len(BULLETIN)
