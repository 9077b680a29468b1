"""The fake Bot API checks sendMessage as Telegram does (length after parsing, HTML parse
mode, replies) and records what the bot sent for tests to read."""

from __future__ import annotations

import httpx
import pytest
from telegram import Bot, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, EndPointNotFound

from tests.botapi.client import BotApiServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def ann_id(botapi: BotApiServer) -> int:
    return botapi.create_user("Ann", "ann").id


async def test_valid_html_becomes_plain_text_with_entities(
    botapi: BotApiServer, botapi_bot: Bot, ann_id: int
) -> None:
    html = '<b>3843宗</b> &lt;举报&gt; <a href="https://gxq.gov.cn/1">《通报》</a>'

    message = await botapi_bot.send_message(ann_id, html, parse_mode=ParseMode.HTML)

    assert message.text == "3843宗 <举报> 《通报》"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 5), ("text_link", 11, 4)
    ]
    assert message.from_user is not None and message.from_user.id == botapi_bot.id
    (sent,) = botapi.sent_messages(ann_id)
    assert (sent.raw_text, sent.parse_mode) == (html, "HTML")


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo"'),
        ("1 < 2", 'Character "<" must be escaped'),
        ("AT&T", 'Character "&" must be escaped'),
        ("<b>unclosed", "Can't find end tag"),
        ("<b>x</i>", "Unmatched end tag"),
        ("<span>x</span>", "tg-spoiler"),
        ("a<br/>b", 'Unsupported start tag "br"'),
    ],
)
async def test_malformed_html_is_rejected(
    botapi: BotApiServer, botapi_bot: Bot, ann_id: int, html: str, reason: str
) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities") as raised:
        await botapi_bot.send_message(ann_id, html, parse_mode=ParseMode.HTML)

    # BadRequest drops "Bad Request: " and capitalize()s the rest, lowering every other letter.
    assert reason.lower() in raised.value.message
    assert botapi.sent_messages(ann_id) == []


async def test_every_telegram_tag_is_accepted(botapi_bot: Bot, ann_id: int) -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        "<strike>k</strike><del>d</del><tg-spoiler>p</tg-spoiler>"
        '<span class="tg-spoiler">q</span><code>c</code>'
        '<pre><code class="language-python">x = 1</code></pre>'
        '<blockquote>quote</blockquote><blockquote expandable>more</blockquote>'
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><a href="tg://user?id=1">m</a>'
    )

    message = await botapi_bot.send_message(ann_id, html, parse_mode=ParseMode.HTML)

    pre = next(e for e in message.entities if e.type == "pre")
    assert pre.language == "python"
    assert len(message.entities) == 17


async def test_text_longer_than_4096_characters_after_parsing_is_rejected(
    botapi_bot: Bot, ann_id: int
) -> None:
    with pytest.raises(BadRequest, match="Message is too long"):
        await botapi_bot.send_message(ann_id, "举" * 4097)


async def test_markup_does_not_count_towards_the_limit(botapi_bot: Bot, ann_id: int) -> None:
    message = await botapi_bot.send_message(
        ann_id, "<b>" + "举" * 4096 + "</b>", parse_mode=ParseMode.HTML
    )

    assert message.text == "举" * 4096


async def test_empty_text_is_rejected(botapi_bot: Bot, ann_id: int) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await botapi_bot.send_message(ann_id, "<b> </b>", parse_mode=ParseMode.HTML)


async def test_unknown_chat_is_rejected(botapi_bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await botapi_bot.send_message(424242, "hi")


async def test_replies_and_link_preview_options_are_kept(
    botapi: BotApiServer, botapi_bot: Bot, ann_id: int
) -> None:
    question = botapi.send_private_text(ann_id, "多少宗?")["message"]

    message = await botapi_bot.send_message(
        ann_id, "3843宗",
        reply_parameters=ReplyParameters(question["message_id"]),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )

    assert message.reply_to_message is not None
    assert message.reply_to_message.text == "多少宗?"
    (sent,) = botapi.sent_messages(ann_id)
    assert sent.reply_to_message_id == question["message_id"]
    assert sent.link_preview_options == {"is_disabled": True}


async def test_a_reply_to_a_missing_message_is_rejected(botapi_bot: Bot, ann_id: int) -> None:
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await botapi_bot.send_message(ann_id, "x", reply_parameters=ReplyParameters(999))


async def test_edit_message_text_changes_the_recorded_message(
    botapi: BotApiServer, botapi_bot: Bot, ann_id: int
) -> None:
    message = await botapi_bot.send_message(ann_id, "正在查询…")

    await botapi_bot.edit_message_text("<i>3843宗</i>", ann_id, message.message_id,
                                       parse_mode=ParseMode.HTML)

    (sent,) = botapi.sent_messages(ann_id)
    assert (sent.text, sent.edits, sent.entities[0]["type"]) == ("3843宗", 1, "italic")
    with pytest.raises(BadRequest, match="Message is not modified"):
        await botapi_bot.edit_message_text("<i>3843宗</i>", ann_id, message.message_id,
                                           parse_mode=ParseMode.HTML)


async def test_wait_for_messages_returns_once_the_bot_has_sent_enough(
    botapi: BotApiServer, botapi_bot: Bot, ann_id: int
) -> None:
    await botapi_bot.send_message(ann_id, "one")
    await botapi_bot.send_message(ann_id, "two")

    sent = await botapi.wait_for_messages_async(ann_id, 2, timeout=5)

    assert [m.text for m in sent] == ["one", "two"]
    with pytest.raises(TimeoutError, match="bot sent 2 of 3"):
        botapi.wait_for_messages(ann_id, 3, timeout=0.2)


async def test_every_request_is_recorded_with_typed_parameters(
    botapi: BotApiServer, botapi_bot: Bot, ann_id: int
) -> None:
    await botapi_bot.send_chat_action(ann_id, "typing")

    (request,) = botapi.requests("sendChatAction")

    assert request.params == {"chat_id": ann_id, "action": "typing"}
    assert request.status == 200


async def test_unknown_method_answers_404_like_telegram(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    with pytest.raises(EndPointNotFound):
        await botapi_bot.do_api_request("sendTelepathy")

    response = httpx.post(f"{botapi.base_url}{botapi.token}/sendTelepathy")
    assert response.status_code == 404
    assert response.json() == {
        "ok": False, "error_code": 404, "description": "Not Found: method not found"
    }
