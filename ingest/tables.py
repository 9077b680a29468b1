"""A table into one line per data cell, each naming its table, row and column.

Figures in government bulletins often live only in tables. A cell such as ``3843`` is
unanswerable alone; written as ``表《2017年投诉举报受理情况》 高新区 · 受理投诉 · 3843宗`` it
is a passage (one sentence, ended by 。) that retrieval finds by its row and column
words, that figure extraction reads like a sentence, and that shows the reader where the
number came from. A unit
given in the caption or a header (单位:万元, 金额(万元)) is written after bare numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_UNIT_NOTE = re.compile(r"[(（]?\s*单位\s*[:：]\s*(?P<unit>[^\s()（）,，;；]{1,8})\s*[)）]?")
_HEADER_UNIT = re.compile(r"[(（]\s*(?P<unit>[^()（）\d]{1,6})\s*[)）]\s*$")
_BARE_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
_SPACES = re.compile(r"\s+")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")
MAX_CAPTION_CHARS = 60


@dataclass
class Table:
    """Rows of cell texts as found, with what stands above the table."""

    rows: list[list[str]]
    caption: str | None = None
    page: int | None = None  # 1-based, for fixed-layout files
    notes: list[str] = field(default_factory=list)  # e.g. a 单位 line under the caption


def clean(value: object) -> str:
    """A cell's text on one line; numbers without a spurious ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip()


def cell_lines(table: Table, source: str | None = None) -> list[str]:
    """One line per data cell; a table with no header row or column gives its rows joined."""
    rows = [[clean(cell) for cell in row] for row in table.rows]
    rows = [row for row in rows if any(row)]
    caption, notes, rows = _leading_titles(table, rows)
    unit = _unit(" ".join([caption or "", *notes]))
    where = _where(caption, table.page, source)
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return [f"{where} {' '.join(cell for cell in row if cell)}。" for row in rows]
    header, body = _header_rows(rows)
    lines = []
    row_label = ""
    for row in body:
        row_label = row[0] or row_label  # a merged row header covers the rows below it
        for column, value in enumerate(row[1:], start=1):
            if not value or column >= len(header):
                continue
            column_label, column_unit = _header(header[column])
            shown = value + (column_unit or unit or "") if _BARE_NUMBER.match(value) else value
            # The full stop ends the line as a sentence: parsing never joins it to the next.
            lines.append(f"{where} {row_label} · {column_label} · {shown}。")
    return lines


def expand_markdown_tables(text: str, source: str | None = None) -> str:
    """Tables trafilatura wrote as ``| a | b |`` lines (pages and HTML files), each
    replaced by its cell lines; the short line above a table is its caption."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        if not lines[index].lstrip().startswith("|"):
            out.append(lines[index])
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].lstrip().startswith("|"):
            end += 1
        rows = [_markdown_cells(line) for line in lines[index:end]]
        rows = [row for row in rows if not all(_RULE_CELL.match(cell) for cell in row if cell)]
        caption, notes = _caption_above(out)
        out += cell_lines(Table(rows, caption, notes=notes), source)
        index = end
    return "\n".join(out)


def _markdown_cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.strip().split("|")]
    return cells[1:-1] if len(cells) >= 2 else cells


def _caption_above(lines: list[str]) -> tuple[str | None, list[str]]:
    """The short line before a table (and a 单位 line between them)."""
    notes: list[str] = []
    for line in reversed(lines[-2:]):
        text = line.strip()
        if _UNIT_NOTE.search(text) and len(text) <= 20:
            notes.append(text)
            continue
        return (text if text and len(text) <= MAX_CAPTION_CHARS else None), notes
    return None, notes


def _leading_titles(table: Table,
                    rows: list[list[str]]) -> tuple[str | None, list[str], list[list[str]]]:
    """Rows with a single filled cell at the top are the title and unit lines."""
    caption, notes = table.caption, list(table.notes)
    while rows and sum(1 for cell in rows[0] if cell) == 1 and len(rows) > 2:
        text = next(cell for cell in rows[0] if cell)
        if _UNIT_NOTE.search(text) or caption:
            notes.append(text)
        else:
            caption = text
        rows = rows[1:]
    if caption:
        match = _UNIT_NOTE.search(caption)
        if match:
            notes.append(match.group(0))
            caption = (caption[: match.start()] + caption[match.end():]).strip() or caption
    return caption, notes, rows


def _unit(text: str) -> str | None:
    match = _UNIT_NOTE.search(text)
    return match.group("unit") if match else None


def _header(label: str) -> tuple[str, str | None]:
    """``受理投诉(宗)`` into the label and its unit."""
    match = _HEADER_UNIT.search(label)
    if not match:
        return label, None
    return label[: match.start()].strip() or label, match.group("unit")


def _header_rows(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The header, with a second header row (empty first cell, no numbers) merged in:
    ``一般公共预算收入`` over ``总额 | 税收`` labels the columns ``一般公共预算收入 总额``…"""
    header = _filled(rows[0])
    body = rows[1:]
    while len(body) > 1 and not body[0][0] and not any(_BARE_NUMBER.match(c) for c in body[0]):
        sub = body[0]
        header = [f"{top} {sub[i]}" if i < len(sub) and sub[i] and sub[i] != top else top
                  for i, top in enumerate(header)]
        body = body[1:]
    return header, body


def _filled(header: list[str]) -> list[str]:
    """Merged header cells come back empty after the first; they share its label."""
    out, last = [], ""
    for cell in header:
        last = cell or last
        out.append(last)
    return out


def _where(caption: str | None, page: int | None, source: str | None) -> str:
    parts = []
    if source:
        parts.append(f"附件《{source}》")
    if page:
        parts.append(f"第{page}页")
    if caption:
        parts.append(f"表《{caption[:MAX_CAPTION_CHARS]}》")
    else:
        parts.append("表格")
    return "".join(parts)
