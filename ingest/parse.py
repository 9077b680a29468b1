"""A plain-text bulletin into title, paragraphs, issuer and the headline list kept apart.

The shape is the one government sites produce: a title line, body paragraphs, an
attribution like ``(高新区市场监管局 供稿)``, then headlines of other articles scraped from
the same page. Work reports scraped from Wikisource add a licence block and a source line.
Pages scraped from news sites add their furniture (controls, breadcrumbs, 来源/时间 lines,
photo credits); ``ingest.page`` drops it, so only the article's own lines become passages.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from ingest.page import clean_page, split_related
from ingest.verbatim import originals
from qa.regions import document_region
from retrieval.tokenizer import normalize

# The inner text may be long: a closing "(来源: <url> ，发布日期 …)" carries a full URL.
_ATTRIBUTION = re.compile(
    r"[(（]\s*(?P<inner>[^()（）]{0,400}?(?:供稿|来源[:：][^()（）]*))\s*[)）]\s*$"
)
_SOURCE_LINE = re.compile(r"^(?:来源|稿件来源|信息来源)[:：]\s*(?P<issuer>\S.{0,40})$")
_URL = re.compile(r"https?://\S+")
_LICENCE_START = re.compile(r"^本作品(?:是|在|来自)")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_FULL_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_ISO_DATE = re.compile(r"发布日期\s*(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
# The region is read from the title, else from the opening lines (a report's dateline
# "在云南省第十四届人民代表大会…上") and the page's source.
_REGION_HEAD_LINES = 8
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_WORD = re.compile(r"[^\W_]")


class EmptyBulletinError(ValueError):
    """The text has no title or no body to answer from."""


@dataclass
class Sentence:
    """A sentence normalised for tokens and matching (``text``), and as the bulletin
    wrote it (``original``; None when it could not be found back in the source)."""

    text: str
    paragraph: int
    section: str | None
    original: str | None = None


@dataclass
class ParsedBulletin:
    title: str
    paragraphs: list[str]
    issuer: str | None = None
    url: str | None = None
    published: date | None = None
    published_precision: str = "day"  # a date read from the text is whole (ingest.dates)
    year: int | None = None
    region: str | None = None
    related_titles: list[str] = field(default_factory=list)
    source: str = ""  # the text as read, before normalisation: where quotes come from

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        """Same title and body, same bulletin, wherever and however often it was found."""
        return hashlib.sha256(f"{self.title}\n{self.body}".encode()).hexdigest()

    def sentences(self) -> list[Sentence]:
        """Sentences to index; headings only set the section their sentences belong to."""
        out: list[Sentence] = []
        section: str | None = None
        for number, paragraph in enumerate(self.paragraphs):
            if _HEADING.match(paragraph) and len(paragraph) <= 40:
                section = paragraph
                continue
            for piece in _SENTENCE_END.split(paragraph):
                if _WORD.search(piece):
                    out.append(Sentence(piece.strip(), number, section))
                elif piece.strip() and out and out[-1].paragraph == number:
                    out[-1].text += piece.strip()  # "1?。": the 。 closes the sentence before
        for sentence, original in zip(out, originals(self.source, [s.text for s in out]),
                                      strict=True):
            sentence.original = original
        return out


def parse_bulletin(text: str) -> ParsedBulletin:
    """Parse one bulletin; raise ``EmptyBulletinError`` when nothing answerable is left."""
    lines = [line.strip() for line in normalize(text).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        raise EmptyBulletinError("no title and body: expected a title line and paragraphs")
    title, rest = lines[0], lines[1:]
    closing, issuer, url, related = _split_attribution(rest)
    article, more_related = split_related(closing)
    page = clean_page(article, title)
    body = page.lines
    if not body:
        raise EmptyBulletinError("the bulletin has a title but no body")
    issuer = issuer or page.source
    published = _published(body[:6]) or _published_in(rest[-3:])
    return ParsedBulletin(
        title=title,
        paragraphs=body,
        issuer=issuer,
        url=url,
        published=published,
        year=published.year if published else _first_year([title, *body[:3]]),
        region=document_region(
            title, body[:_REGION_HEAD_LINES], [s for s in (page.source, issuer) if s]
        ),
        related_titles=more_related + related,
        source=text,
    )


def insert_before_attribution(text: str, extra: str) -> str:
    """``extra`` (an article's attachments) inside the body: before the attribution line,
    since what follows that line is read as other articles' headlines."""
    lines = text.splitlines()
    for index in range(len(lines) - 1, -1, -1):
        line = normalize(lines[index]).strip()
        if _ATTRIBUTION.search(line) or _SOURCE_LINE.match(line):
            return "\n".join([*lines[:index], extra, *lines[index:]])
    return f"{text}\n{extra}"


def _split_attribution(lines: list[str]) -> tuple[list[str], str | None, str | None, list[str]]:
    """Find the closing attribution; what follows it is other articles' headlines.

    A bare "来源：解放日报" line counts only in the tail: at the head of a scraped page it is
    the page's metadata, and the article follows it."""
    total = sum(map(len, lines))
    after = 0
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        after += len(line)
        match = _ATTRIBUTION.search(line)
        source = _SOURCE_LINE.match(line) if after * 2 < total else None
        if not match and not source:
            continue
        if match:
            inner = match.group("inner")
            issuer = _issuer_from(inner)
            head = line[: match.start()].strip()
            body = lines[:index] + ([head] if head else [])
            url_match = _URL.search(inner)
            url = url_match.group(0) if url_match else None
        else:
            issuer, body, url = source.group("issuer").strip(), lines[:index], None  # type: ignore[union-attr]
        return _drop_licence(body), issuer, url, lines[index + 1 :]
    return _drop_licence(lines), None, None, []


def _issuer_from(inner: str) -> str | None:
    inner = _URL.sub("", inner)
    inner = re.sub(r"(?:供稿|[,，]?\s*来源[:：].*)$", "", inner).strip()
    issuer = inner.split()[0] if inner.split() else ""
    return issuer or None


def _drop_licence(lines: list[str]) -> list[str]:
    """Wikisource appends a licence notice after the text; it is never part of a bulletin."""
    for index, line in enumerate(lines):
        if _LICENCE_START.match(line):
            return lines[:index]
    return lines


def _published(lines: list[str]) -> date | None:
    for line in lines:
        match = _FULL_DATE.search(line)
        if match and len(line) <= 80:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


def _published_in(lines: list[str]) -> date | None:
    """The date in a closing attribution ("…，发布日期 2026-02-09；…")."""
    for line in lines:
        match = _ISO_DATE.search(line)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


def _first_year(lines: list[str]) -> int | None:
    for line in lines:
        match = _YEAR.search(line)
        if match:
            return int(match.group(1))
    return None
