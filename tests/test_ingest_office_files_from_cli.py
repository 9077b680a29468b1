"""`bulletin-bot ingest` reads PDF, DOCX, XLSX, OFD and HTML files by their content: it
stores their text and table cells, never their markup or syntax, and names what it cannot
read (a scanned PDF, an image) with a non-zero exit for the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests import office_files

runner = CliRunner()
TABLE = [["区域", "受理投诉(宗)", "挽回损失(万元)"], ["高新区", "3843", "650"],
         ["经开区", "1200", "80"]]


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LOAD_SEEDS", "false")
    monkeypatch.setenv("COLUMNS", "500")  # rich would wrap the long failure lines
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)


def write_batch(folder: Path) -> None:
    """Names that lie about the content: the reader is chosen by magic bytes."""
    folder.mkdir()
    (folder / "a-report").write_bytes(office_files.pdf_bytes(
        "高新区2017年投诉举报工作情况", ["全区各部门认真受理投诉举报,全年情况见下表。"],
        TABLE, "2017年投诉举报受理情况"))
    (folder / "b-notice.docx").write_bytes(office_files.docx_bytes(
        "关于2019年春季农资打假的通报", ["2019年,全县开展春季农资打假,共检查农资门店137家次。"]))
    (folder / "c-sheet.xlsx").write_bytes(office_files.xlsx_bytes(
        "2018年各区农资检查情况", "户",
        [["区域", "检查商户", "立案"], ["高新区", 215, 3], ["经开区", 90, 1]]))
    (folder / "d-order.ofd").write_bytes(office_files.ofd_bytes(
        ["关于开展食品安全检查的通知", "2018年3月1日", "全区共检查食品经营户512户。"]))
    (folder / "e-page.html").write_text(
        "<!DOCTYPE html><html><head><title>关于餐饮检查的通报</title></head><body>"
        "<div class='nav'><a href='/'>首页</a></div><article><h1>关于餐饮检查的通报</h1>"
        "<p>2019年5月3日</p><p>2019年,全市共检查餐饮单位300户,发现问题12个,均已整改到位。</p>"
        "<p>2019年各街道餐饮检查情况</p><p>单位:户</p><table><tr><th>街道</th><th>检查餐饮单位</th>"
        "<th>责令整改</th></tr><tr><td>东湖街道</td><td>176</td><td>7</td></tr>"
        "<tr><td>西湖街道</td><td>124</td><td>5</td></tr></table>"
        "</article></body></html>", encoding="utf-8")


def test_office_files_store_text_and_tables_never_markup(tmp_path: Path) -> None:
    write_batch(tmp_path / "batch")
    result = runner.invoke(app, ["ingest", str(tmp_path / "batch")])
    assert result.exit_code == 0, result.output
    assert "5 added, 0 duplicate, 0 failed" in result.output
    latest = runner.invoke(app, ["latest"]).output
    for title in ("高新区2017年投诉举报工作情况", "关于2019年春季农资打假的通报",
                  "2018年各区农资检查情况", "关于开展食品安全检查的通知", "关于餐饮检查的通报"):
        assert title in latest
    for markup in ("%PDF", "<html", "<!DOCTYPE", "<p>", "obj", "PK"):
        assert markup not in latest
    searched = runner.invoke(app, ["search", "餐饮单位 检查"]).output
    assert "300户" in searched and "<p>" not in searched
    assert "| 东湖街道 |" not in searched and "<td>" not in searched


@pytest.mark.parametrize(("question", "value", "sentence"), [
    ("2017年高新区受理投诉多少宗?", 3843, "高新区 · 受理投诉 · 3843宗"),
    ("2018年高新区检查商户多少户?", 215, "高新区 · 检查商户 · 215户"),
    ("全区共检查食品经营户多少户?", 512, "全区共检查食品经营户512户"),
    ("2019年东湖街道检查餐饮单位多少户?", 176,
     "表《2019年各街道餐饮检查情况》 东湖街道 · 检查餐饮单位 · 176户"),
])
def test_figures_from_tables_and_fixed_layout_files_are_answered(
    tmp_path: Path, question: str, value: int, sentence: str
) -> None:
    write_batch(tmp_path / "batch")
    assert runner.invoke(app, ["ingest", str(tmp_path / "batch")]).exit_code == 0
    result = runner.invoke(app, ["ask", "--json", question])
    answer = json.loads(result.output)
    assert answer["value"] == value, answer
    assert sentence in answer["sentence"]


def test_scanned_pdf_and_unknown_type_fail_clearly_and_the_batch_exits_non_zero(
    tmp_path: Path,
) -> None:
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(office_files.scanned_pdf_bytes())
    image = tmp_path / "photo.pdf"  # named PDF, holds a PNG
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    good = tmp_path / "good.docx"
    good.write_bytes(office_files.docx_bytes("某市发布通报", ["2019年,某市共检查餐饮单位88家。"]))
    result = runner.invoke(app, ["ingest", str(scanned), str(image), str(good)])
    assert result.exit_code == 1, result.output
    assert "1 added, 0 duplicate, 2 failed" in result.output
    assert "scan.pdf: a scanned PDF with no text layer" in result.output
    assert "photo.pdf: unsupported file type" in result.output
