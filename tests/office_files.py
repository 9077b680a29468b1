"""Bulletin files made in the tests: PDF (reportlab), DOCX, XLSX, OFD and a scanned PDF.

Each holds a figure that only its table knows, so a test can tell table cells were read.
"""

from __future__ import annotations

import io
import zipfile

PDF_TABLE_TITLE = "2017年投诉举报受理情况"


def pdf_bytes(title: str, paragraphs: list[str], table: list[list[str]] | None = None,
              caption: str | None = None) -> bytes:
    """A text PDF in a built-in Chinese font, with a ruled table under its caption."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16,
                           wordWrap="CJK")
    flow: list = [Paragraph(title, style), Spacer(1, 8)]
    flow += [Paragraph(text, style) for text in paragraphs]
    if table:
        flow += [Spacer(1, 12), Paragraph(caption or "", style), Spacer(1, 4)]
        grid = PdfTable(table)
        grid.setStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
        flow.append(grid)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title).build(flow)
    return out.getvalue()


def scanned_pdf_bytes() -> bytes:
    """A PDF page with only a drawing on it: what a scan without OCR looks like."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.rect(100, 100, 300, 400, fill=1)
    page.showPage()
    page.save()
    return out.getvalue()


def docx_bytes(title: str, paragraphs: list[str], table: list[list[str]] | None = None,
               caption: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        if caption:
            document.add_paragraph(caption)
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(title: str, unit: str, table: list[list[object]]) -> bytes:
    """A sheet as offices make them: a title row, a unit row, a header, data, a SUM."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append([f"单位:{unit}"])
    for row in table:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ofd_bytes(lines: list[str]) -> bytes:
    """A minimal OFD: OFD.xml, Document.xml and one page whose TextObjects hold the lines."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    objects = "".join(
        f'<ofd:TextObject ID="{10 + i}" Boundary="20 {30 + 10 * i} 170 8" Font="1" Size="4">'
        f'<ofd:TextCode X="0" Y="6">{text}</ofd:TextCode></ofd:TextObject>'
        for i, text in enumerate(lines)
    )
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0">'
                   "<ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID></ofd:DocInfo>"
                   "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}>'
                              "<ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID>"
                              '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                              "</ofd:PageArea></ofd:CommonData><ofd:Pages>"
                              '<ofd:Page ID="2" BaseLoc="Pages/Page_0/Content.xml"/>'
                              "</ofd:Pages></ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?>'
                                          f"<ofd:Page {ns}><ofd:Content><ofd:Layer ID=\"3\">"
                                          f"{objects}</ofd:Layer></ofd:Content></ofd:Page>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text.encode("utf-8"))
    return out.getvalue()
