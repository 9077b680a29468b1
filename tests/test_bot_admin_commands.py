"""Admin commands work for ADMIN_USER_IDS, refuse everyone else, and ingest uploads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from bot.app import build_application
from service.engine import Engine
from service.settings import Settings
from tests.offline_bot import TOKEN, OfflineBotApi, document, feed, group_chat, private_text

ADMIN = 42
STRANGER = 7
NEW_BULLETIN = """高新区开展2019年冷链食品专项检查

2019年,高新区市场监管局在冷链食品专项检查中共检查冷库217家,查扣问题冻品8642公斤。

(高新区市场监管局 供稿)
""".encode()


# A government page as it is served: GBK, a menu, the article, a footer.
ARTICLE_PAGE = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>高新区开展冷库专项检查</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a></div>
<article><h1>高新区开展冷库专项检查</h1>
<p>高新区市场监管局本月开展冷库专项检查,共检查冷库217家,责令整改12家。</p>
<p>检查重点是进口冷链食品的追溯信息和消毒证明。</p></article>
<div class="footer">版权所有</div></body></html>"""


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    # allow_private_addresses: the pages are served on 127.0.0.1
    return {"admin_user_ids": [ADMIN], "max_upload_bytes": 1000, "allow_private_addresses": True}


@pytest.mark.parametrize("command", ["/stats", "/reindex", "/unanswered",
                                     "/ingest https://example.org/a.html"])
async def test_others_get_a_polite_refusal_and_no_data(bot: Any, command: str) -> None:
    application, api = bot
    await feed(application, private_text(STRANGER, command))
    [sent] = api.sent
    assert "只对管理员开放" in sent["text"]


async def test_stats_for_an_admin(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(STRANGER, "高新区有多少只大熊猫?"))
    await feed(application, private_text(ADMIN, "/stats"))
    stats = api.sent[-1]["text"]
    assert "通报：1 篇" in stats
    assert "提问：1 次，未作答 1 次（100%）" in stats


async def test_unanswered_lists_abstained_questions(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(STRANGER, "高新区有多少只大熊猫?"))
    await feed(application, private_text(ADMIN, "/unanswered"))
    assert "高新区有多少只大熊猫?" in api.sent[-1]["text"]


async def test_reindex_reports_the_time_it_took(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(ADMIN, "/reindex"))
    assert "索引已重建，用时" in api.sent[-1]["text"]


async def test_admin_document_in_private_is_ingested_and_answerable(bot: Any) -> None:
    application, api = bot
    api.files["doc-1"] = NEW_BULLETIN
    await feed(application, document(ADMIN, "doc-1", len(NEW_BULLETIN)))
    assert "已收录《高新区开展2019年冷链食品专项检查》" in api.sent[-1]["text"]
    await feed(application, private_text(ADMIN, "2019年高新区检查了多少家冷库?"))
    assert "<b>217家</b>" in api.sent[-1]["text"]


async def test_document_with_ingest_caption_in_a_group(bot: Any) -> None:
    application, api = bot
    api.files["doc-2"] = NEW_BULLETIN
    await feed(application, document(ADMIN, "doc-2", len(NEW_BULLETIN), caption="/ingest",
                                     chat=group_chat()))
    assert "已收录" in api.sent[-1]["text"]


async def test_group_documents_without_the_caption_are_ignored(bot: Any) -> None:
    application, api = bot
    api.files["doc-3"] = NEW_BULLETIN
    await feed(application, document(ADMIN, "doc-3", len(NEW_BULLETIN), chat=group_chat()))
    assert api.sent == []


async def test_upload_over_the_limit_is_refused_before_downloading(bot: Any) -> None:
    application, api = bot
    await feed(application, document(ADMIN, "big", 5_000_000))
    assert "文件太大" in api.sent[-1]["text"]
    assert api.calls_to("getFile") == []


async def test_stranger_uploading_in_private_is_refused(bot: Any) -> None:
    application, api = bot
    api.files["doc-4"] = NEW_BULLETIN
    await feed(application, document(STRANGER, "doc-4", len(NEW_BULLETIN)))
    assert "只对管理员开放" in api.sent[-1]["text"]
    assert api.calls_to("getFile") == []


async def test_binary_upload_gets_a_clear_reason(bot: Any) -> None:
    application, api = bot
    api.files["doc-5"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    await feed(application, document(ADMIN, "doc-5", 16, file_name="photo.png"))
    assert "无法读取" in api.sent[-1]["text"]


@pytest.fixture
def web_page() -> Iterator[str]:
    """A local web server serving the new bulletin in GBK, as many government sites do."""
    body = NEW_BULLETIN.decode().encode("gbk")

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/article.html":
                return self._send(ARTICLE_PAGE.encode("gbk"), "text/html")
            self._send(b"x" * 5_000 if self.path == "/big" else body, "text/plain; charset=gbk")

        def _send(self, payload: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_ingest_url_fetches_decodes_and_cites_the_link(bot: Any, web_page: str) -> None:
    application, api = bot
    await feed(application, private_text(ADMIN, f"/ingest {web_page}/cold-chain"))
    assert "已收录《高新区开展2019年冷链食品专项检查》" in api.sent[-1]["text"]
    await feed(application, private_text(ADMIN, "2019年高新区查扣了多少问题冻品?"))
    answer = api.sent[-1]["text"]
    assert "<b>8642公斤</b>" in answer
    assert f'<a href="{web_page}/cold-chain">查看原文</a>' in answer


async def test_ingest_url_of_a_gbk_web_page_keeps_the_article_not_the_menus(
    bot: Any, web_page: str
) -> None:
    application, api = bot
    await feed(application, private_text(ADMIN, f"/ingest {web_page}/article.html"))
    assert "已收录《高新区开展冷库专项检查》" in api.sent[-1]["text"]
    await feed(application, private_text(ADMIN, "高新区检查了多少家冷库?"))
    answer = api.sent[-1]["text"]
    assert "<b>217家</b>" in answer
    assert "首页" not in answer and "&lt;" not in answer


async def test_ingest_url_over_the_limit_is_refused(bot: Any, web_page: str) -> None:
    application, api = bot
    await feed(application, private_text(ADMIN, f"/ingest {web_page}/big"))
    assert "文件太大" in api.sent[-1]["text"]


async def test_help_lists_admin_commands_only_for_admins(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(STRANGER, "/help"))
    await feed(application, private_text(ADMIN, "/help"))
    stranger_help, admin_help = (sent["text"] for sent in api.sent)
    assert "/reindex" not in stranger_help
    assert "/reindex" in admin_help


class UnsizedFiles(OfflineBotApi):
    """A Bot API whose getFile, like the message, declares no size."""

    def answer(self, api_method: str, params: Any) -> Any:
        answered = super().answer(api_method, params)
        if api_method == "getFile":
            answered.pop("file_size")
        return answered


@pytest.fixture
def endless_file_server() -> Iterator[str]:
    """A file server that sends a body with no Content-Length, far past any limit."""

    class Files(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            sent = 0
            try:
                while sent < 50_000_000:
                    self.wfile.write(b"x" * 65536)
                    sent += 65536
            except OSError:
                pass  # the bot hung up at its limit

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Files)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/file/bot"
    server.shutdown()
    server.server_close()


async def test_an_upload_of_undeclared_size_is_cut_off_while_streaming(
    settings: Settings, engine: Engine, endless_file_server: str
) -> None:
    api = UnsizedFiles()
    api.files["unsized"] = b""
    configured = settings.model_copy(update={
        "telegram_bot_token": TOKEN, "admin_user_ids": [ADMIN], "max_upload_bytes": 100_000,
        "telegram_api_base_file_url": endless_file_server})
    application = build_application(configured, engine, request=api,
                                    get_updates_request=OfflineBotApi())
    async with application:
        upload = document(ADMIN, "unsized", 0)
        upload["message"]["document"].pop("file_size")
        await feed(application, upload)
    assert "文件太大" in api.sent[-1]["text"]
    assert TOKEN not in api.sent[-1]["text"]


async def test_unanswered_cannot_be_flooded_with_long_junk(bot: Any, engine: Engine) -> None:
    application, api = bot
    await feed(application, private_text(8, "高新区有多少只大熊猫?"))
    junk = "无关内容" * 1000
    for n in range(20):
        await feed(application, private_text(STRANGER, f"{n}{junk}"))
    for _ in range(5):
        await feed(application, private_text(9, "垃圾问题"))
    await feed(application, private_text(ADMIN, "/unanswered"))
    shown = api.sent[-1]["text"]
    assert "高新区有多少只大熊猫?" in shown
    assert shown.count("无关内容") <= 3 * 20 and shown.count("垃圾问题") == 1
    assert len(shown) < 1500
    stored = engine.unanswered(100)
    assert max(len(log.question) for log in stored) <= 300
