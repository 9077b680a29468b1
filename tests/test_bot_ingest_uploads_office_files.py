"""An admin's /ingest upload is read by content like the CLI's files: a DOCX's table
figure is answerable from its cell, and a scanned PDF or a DOC without a converter gets
a reason that says what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import office_files
from tests.offline_bot import document, feed, private_text

ADMIN = 42


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"admin_user_ids": [ADMIN]}


async def test_a_docx_upload_answers_from_its_table(bot: Any) -> None:
    application, api = bot
    raw = office_files.docx_bytes(
        "关于2020年各区电梯检查情况的通报", ["2020年,全市开展电梯安全检查,各区情况如下。"],
        [["区域", "检查电梯(台)", "整改隐患(处)"], ["高新区", "1532", "87"],
         ["经开区", "904", "41"]], "2020年各区电梯检查情况")
    api.files["docx-1"] = raw
    await feed(application, document(ADMIN, "docx-1", len(raw), file_name="通报.docx"))
    assert "已收录《关于2020年各区电梯检查情况的通报》" in api.sent[-1]["text"]
    await feed(application, private_text(ADMIN, "2020年高新区检查电梯多少台?"))
    answer = api.sent[-1]["text"]
    assert "<b>1532台</b>" in answer
    assert "表《2020年各区电梯检查情况》 高新区 · 检查电梯 · 1532台" in answer
    await feed(application, document(ADMIN, "docx-1", len(raw), file_name="通报.docx"))
    assert "已经收录过了" in api.sent[-1]["text"]


async def test_a_scanned_pdf_and_a_doc_without_converter_say_why(
    bot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    application, api = bot
    scanned = office_files.scanned_pdf_bytes()
    api.files["scan"] = scanned
    await feed(application, document(ADMIN, "scan", len(scanned), file_name="扫描件.pdf"))
    assert "scanned PDF with no text layer" in api.sent[-1]["text"]

    monkeypatch.setenv("PATH", str(tmp_path))  # no antiword, no catdoc
    word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(512)
    api.files["doc"] = word
    await feed(application, document(ADMIN, "doc", len(word), file_name="通知.doc"))
    assert "install the Debian package antiword or catdoc" in api.sent[-1]["text"]
