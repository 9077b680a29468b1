"""Any bulletin file into plain text, the reader chosen by content (magic bytes), not name.

PDF (pdfplumber), DOCX (python-docx), XLSX (openpyxl, cached values only), OFD (its XML
text layer, standard library), DOC/WPS/XLS (an installed Debian converter), HTML
(trafilatura) and plain text. The result is the shape ``parse_bulletin`` reads: a
title line, then paragraphs, with each table cell as a line of its own (see
``ingest.tables``). Anything unreadable raises ``FormatError`` (a ``NotTextError``, so
callers that already report unreadable files report these too) naming the file.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ingest.decode import NotTextError, decode_bytes
from ingest.tables import Table, cell_lines, clean, expand_markdown_tables

MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # a zip bomb stops here
CONVERTER_TIMEOUT = 60.0
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_MAX_CHARS = 40


class FormatError(NotTextError):
    """The file's format is unknown, unsupported here, or the file holds no text."""


def to_text(raw: bytes, name: str, *, attachment: bool = False) -> str:
    """The text of the file ``name``; attachments' table cells also name the file."""
    source = Path(name).name if attachment else None
    kind = sniff(raw)
    if kind == "text":
        return decode_bytes(raw, name)
    readers = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "ofd": _ofd, "ole": _ole,
               "html": _html}
    if kind not in readers:
        raise FormatError(f"{name}: unsupported file type ({kind}); supported: PDF, DOC, "
                          "DOCX, XLS, XLSX, WPS, OFD, HTML and plain text")
    lines = [line for line in readers[kind](raw, name, source) if line.strip()]
    if not lines:
        raise FormatError(f"{name}: the {kind.upper()} file holds no text")
    return "\n".join(lines)


def sniff(raw: bytes) -> str:
    """pdf, docx, xlsx, ofd, zip, ole, html, text or binary: from the bytes alone."""
    if raw.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return _zip_kind(raw)
    if raw.startswith(_OLE):
        return "ole"
    head = raw[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    try:
        decode_bytes(raw, "probe")
    except NotTextError:
        return "binary"
    return "text"


def _zip_kind(raw: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except zipfile.BadZipFile:
        return "binary"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


# -- PDF ------------------------------------------------------------------------------


def _pdf(raw: bytes, name: str, source: str | None) -> list[str]:
    """Text outside tables, page by page, then each table's cells with its caption."""
    import pdfplumber  # import on use: it is heavy, and most ingests are text

    lines: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            title = (pdf.metadata or {}).get("Title")
            for number, page in enumerate(pdf.pages, start=1):
                lines += _pdf_page(page, number, source)
    except Exception as error:  # pdfminer raises many types for a damaged file
        raise FormatError(f"{name}: cannot read the PDF ({type(error).__name__})") from error
    if not any(line.strip() for line in lines):
        raise FormatError(f"{name}: a scanned PDF with no text layer; text recognition "
                          "(OCR) is not supported yet")
    if isinstance(title, str) and title.strip() and title.strip() not in lines[:3]:
        lines.insert(0, title.strip())
    return lines


def _pdf_page(page: Any, number: int, source: str | None) -> list[str]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        return not any(x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"]
                       and obj["bottom"] <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside)
    lines = (text_page.extract_text() or "").splitlines()
    for table, box in zip(tables, boxes, strict=True):
        top = box[1]
        above = (text_page.crop((0, 0, page.width, top)).extract_text() or "").splitlines()
        caption, notes = _caption(above)
        rows = [[clean(cell) for cell in row] for row in table.extract()]
        lines += cell_lines(Table(rows, caption, page=number, notes=notes), source)
    return lines


def _caption(above: list[str]) -> tuple[str | None, list[str]]:
    """The last short line above a table names it; a 单位 line there is a note."""
    notes: list[str] = []
    for line in reversed([line.strip() for line in above if line.strip()]):
        if "单位" in line and len(line) <= 20:
            notes.append(line)
            continue
        return (line if len(line) <= _HEADING_MAX_CHARS else None), notes
    return None, notes


# -- DOCX -----------------------------------------------------------------------------


def _docx(raw: bytes, name: str, source: str | None) -> list[str]:
    """Paragraphs and tables in document order; a table takes the paragraph before it."""
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as error:
        raise FormatError(f"{name}: cannot read the DOCX ({type(error).__name__})") from error
    lines: list[str] = []
    title = document.core_properties.title
    if title and title.strip():
        lines.append(title.strip())
    previous: list[str] = []
    for block in document.iter_inner_content():
        if not isinstance(block, DocxTable):
            text = block.text.strip()
            if text:
                lines.append(text)
                previous.append(text)
            continue
        rows = [[cell.text for cell in row.cells] for row in block.rows]
        caption, notes = _caption(previous[-2:])
        lines += cell_lines(Table(rows, caption, notes=notes), source)
        previous = []
    return lines


# -- XLSX -----------------------------------------------------------------------------


def _xlsx(raw: bytes, name: str, source: str | None) -> list[str]:
    """Every sheet as a table: cached values (what the author saw), never formulas."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:
        raise FormatError(f"{name}: cannot read the XLSX ({type(error).__name__})") from error
    lines: list[str] = []
    title: str | None = None
    try:
        for sheet in book.worksheets:
            rows = [[clean(value) for value in row] for row in sheet.iter_rows(values_only=True)]
            caption = sheet.title if len(book.worksheets) > 1 else None
            lines += cell_lines(Table(rows, caption), source)
            if len(lines) == 0 or not rows:
                continue
            first = [value for value in rows[0] if value]
            title = title or (first[0] if len(first) == 1 else None)
    finally:
        book.close()
    return [title or Path(name).stem, *lines]


# -- OFD ------------------------------------------------------------------------------


def _ofd(raw: bytes, name: str, source: str | None) -> list[str]:
    """The text layer of each page (TextCode elements), lines grouped by position."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        lines: list[str] = []
        for content in _ofd_pages(archive):
            lines += _ofd_page_lines(content)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise FormatError(f"{name}: cannot read the OFD ({type(error).__name__})") from error
    return lines


def _ofd_pages(archive: zipfile.ZipFile) -> Iterator[bytes]:
    root = ElementTree.fromstring(_read_member(archive, "OFD.xml"))
    for doc_root in root.iterfind(".//{*}DocRoot"):
        doc_path = (doc_root.text or "").strip().lstrip("/")
        base = doc_path.rsplit("/", 1)[0] if "/" in doc_path else ""
        document = ElementTree.fromstring(_read_member(archive, doc_path))
        for page in document.iterfind(".//{*}Page"):
            location = page.get("BaseLoc", "").lstrip("/")
            path = location if location.startswith(base + "/") else f"{base}/{location}"
            yield _read_member(archive, path.lstrip("/"))


def _ofd_page_lines(content: bytes) -> list[str]:
    rows: dict[float, list[tuple[float, str]]] = {}
    for text_object in ElementTree.fromstring(content).iterfind(".//{*}TextObject"):
        box = [float(v) for v in (text_object.get("Boundary") or "0 0 0 0").split()[:4]]
        for code in text_object.iterfind(".//{*}TextCode"):
            y = round(box[1] + float(code.get("Y") or 0), 0)
            x = box[0] + float(code.get("X") or 0)
            rows.setdefault(y, []).append((x, code.text or ""))
    return ["".join(text for _, text in sorted(rows[y])) for y in sorted(rows)]


def _read_member(archive: zipfile.ZipFile, path: str) -> bytes:
    if archive.getinfo(path).file_size > MAX_UNZIPPED_BYTES:
        raise FormatError(f"{path}: too large once unzipped")
    return archive.read(path)


# -- DOC / WPS / XLS (OLE) ------------------------------------------------------------

_CONVERTERS = {
    "word": [("antiword", ["antiword", "-m", "UTF-8.txt"]),
             ("catdoc", ["catdoc", "-d", "utf-8", "-w"])],
    "excel": [("catdoc", ["xls2csv", "-d", "utf-8"])],
}


def _ole(raw: bytes, name: str, source: str | None) -> list[str]:
    """Old binary Office and WPS files, through antiword/catdoc when installed."""
    kind = "excel" if "Workbook".encode("utf-16-le") in raw[:65536] or \
        "Book".encode("utf-16-le") in raw[:65536] else "word"
    for _, command in _CONVERTERS[kind]:
        if shutil.which(command[0]):
            return _convert(command, raw, name).splitlines()
    label = "XLS" if kind == "excel" else "DOC/WPS"
    packages = " or ".join(sorted({package for package, _ in _CONVERTERS[kind]}))
    raise FormatError(f"{name}: a {label} file needs a converter; install the Debian "
                      f"package {packages} (apt-get install {packages.split()[0]})")


def _convert(command: list[str], raw: bytes, name: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".bin") as handle:
        handle.write(raw)
        handle.flush()
        try:
            done = subprocess.run([*command, handle.name], capture_output=True,
                                  timeout=CONVERTER_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as error:
            raise FormatError(f"{name}: {command[0]} timed out") from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[:200]
        raise FormatError(f"{name}: {command[0]} could not read it ({detail})")
    return done.stdout.decode("utf-8", "replace")


# -- HTML -----------------------------------------------------------------------------


def _html(raw: bytes, name: str, source: str | None) -> list[str]:
    """The article in a saved page: its title and text, never its markup."""
    # Imported here: a plain-text bulletin (and a question) should not pay for trafilatura.
    import trafilatura

    from ingest.html_tables import tables_to_paragraphs

    html = decode_bytes(raw, name)
    found = trafilatura.bare_extraction(tables_to_paragraphs(html, source), with_metadata=True,
                                        include_comments=False, include_tables=True)
    title = (getattr(found, "title", None) or "").strip()
    text = expand_markdown_tables((getattr(found, "text", None) or "").strip(), source)
    if not text:
        raise FormatError(f"{name}: no article text found in the HTML file")
    # Not trafilatura's date: for a page without one it guesses, and a wrong year would
    # mislead every figure; parse_bulletin reads the date line the text itself has.
    return [title or Path(name).stem, *text.splitlines()]
