"""Data tables in an HTML page rewritten as one paragraph per cell, before extraction.

trafilatura renders a table as ``| a | b |`` lines on some pages and as one cell per line
on others, and either way a number loses its row and column. Replacing each data table
by the cell lines of ``ingest.tables`` first means the article text carries them in
place, whatever the extractor does. Layout tables (nested tables, long cells, a single
column) are left alone.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ingest.tables import MAX_CAPTION_CHARS, Table, cell_lines

MAX_CELL_CHARS = 60  # longer cells are prose: a layout table
_UNIT_LINE = re.compile(r"单位\s*[:：]")
_SPACES = re.compile(r"\s+")


def tables_to_paragraphs(html: str, source: str | None = None) -> str:
    """``html`` with each data table replaced by ``<p>`` cell lines (unchanged if none)."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    changed = False
    for table in list(root.iter("table")):
        rows = _rows(table)
        if rows is None:
            continue
        caption, notes = _caption(table)
        block = lxml.html.Element("div")
        for line in cell_lines(Table(rows, caption, notes=notes), source):
            paragraph = lxml.etree.SubElement(block, "p")
            paragraph.text = line
        block.tail = table.tail
        table.getparent().replace(table, block)
        changed = True
    return lxml.html.tostring(root, encoding="unicode") if changed else html


def _text(element: lxml.html.HtmlElement) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def _rows(table: lxml.html.HtmlElement) -> list[list[str]] | None:
    """The table's cells, colspans repeated so headers line up; None for layout tables."""
    if table.find(".//table") is not None:
        return None
    rows = []
    for tr in table.iter("tr"):
        row: list[str] = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            text = _text(cell)
            if len(text) > MAX_CELL_CHARS:
                return None
            span = int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1
            row += [text] * max(1, min(span, 20))
        if any(row):
            rows.append(row)
    wide = sum(1 for row in rows if len(row) >= 2)
    return rows if len(rows) >= 2 and wide >= len(rows) - 1 else None


def _caption(table: lxml.html.HtmlElement) -> tuple[str | None, list[str]]:
    """``<caption>``, else the short text just before the table (a 单位 line is a note)."""
    caption = table.find("caption")
    if caption is not None and _text(caption):
        return _text(caption)[:MAX_CAPTION_CHARS], []
    notes: list[str] = []
    previous = table.getprevious()
    for _ in range(2):
        if previous is None:
            break
        text = _text(previous)
        if _UNIT_LINE.search(text) and len(text) <= 20:
            notes.append(text)
            previous = previous.getprevious()
            continue
        return (text if text and len(text) <= MAX_CAPTION_CHARS else None), notes
    return None, notes
