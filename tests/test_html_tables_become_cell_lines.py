"""Data tables in a page become one line per cell, named by caption, row and column, with
the unit of the caption or header; layout tables (long cells, nested tables) stay."""

from __future__ import annotations

from ingest.html_tables import tables_to_paragraphs
from ingest.tables import Table, cell_lines


def test_a_data_table_with_a_caption_and_merged_header_becomes_cell_lines() -> None:
    page = ("<html><body><table><caption>2022年各区财政收入(单位:亿元)</caption>"
            "<tr><th>区域</th><th colspan='2'>一般公共预算收入</th></tr>"
            "<tr><td></td><td>总额</td><td>税收</td></tr>"
            "<tr><td>高新区</td><td>58.3</td><td>47.1</td></tr></table></body></html>")
    out = tables_to_paragraphs(page)
    assert "<table" not in out
    assert "<p>表《2022年各区财政收入》 高新区 · 一般公共预算收入 总额 · 58.3亿元。</p>" in out
    assert "<p>表《2022年各区财政收入》 高新区 · 一般公共预算收入 税收 · 47.1亿元。</p>" in out
    assert out.count("<p>") == 2


def test_layout_tables_are_left_alone() -> None:
    prose = "这是一段很长的正文," * 10
    long_cells = f"<table><tr><td>导航</td><td>{prose}</td></tr><tr><td>a</td><td>b</td></tr></table>"
    nested = "<table><tr><td><table><tr><td>1</td></tr></table></td><td>x</td></tr></table>"
    for page in (long_cells, nested):
        assert tables_to_paragraphs(f"<html><body>{page}</body></html>").count("<table") >= 1


def test_a_header_unit_wins_over_the_caption_and_text_cells_keep_no_unit() -> None:
    rows = [["项目", "金额(万元)", "备注"], ["道路维修", "120", "已完工"]]
    assert cell_lines(Table(rows, "2023年重点项目(单位:元)")) == [
        "表《2023年重点项目》 道路维修 · 金额 · 120万元。",
        "表《2023年重点项目》 道路维修 · 备注 · 已完工。",
    ]
