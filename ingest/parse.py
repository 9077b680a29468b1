"""A plain-text bulletin into title, paragraphs, issuer and the headline list kept apart.

The shape is the one government sites produce: a title line, body paragraphs, an
attribution like ``(高新区市场监管局 供稿)``, then headlines of other articles scraped from
the same page. Work reports scraped from Wikisource add a licence block and a source line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from retrieval.tokenizer import normalize

_ATTRIBUTION = re.compile(
    r"[(（]\s*(?P<inner>[^()（）]{1,80}?(?:供稿|来源[:：][^()（）]*))\s*[)）]\s*$"
)
_SOURCE_LINE = re.compile(r"^(?:来源|稿件来源|信息来源)[:：]\s*(?P<issuer>\S.{0,40})$")
_URL = re.compile(r"https?://\S+")
_LICENCE_START = re.compile(r"^本作品(?:是|在|来自)")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_FULL_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_REGION = re.compile(
    r"(?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?[\u4e00-\u9fff]{2,3}?市(?:[\u4e00-\u9fff]{2,3}?[区县])?"
)
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


class EmptyBulletinError(ValueError):
    """The text has no title or no body to answer from."""


@dataclass
class Sentence:
    text: str
    paragraph: int
    section: str | None


@dataclass
class ParsedBulletin:
    title: str
    paragraphs: list[str]
    issuer: str | None = None
    url: str | None = None
    published: date | None = None
    year: int | None = None
    region: str | None = None
    related_titles: list[str] = field(default_factory=list)

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
                if piece.strip():
                    out.append(Sentence(piece.strip(), number, section))
        return out


def parse_bulletin(text: str) -> ParsedBulletin:
    """Parse one bulletin; raise ``EmptyBulletinError`` when nothing answerable is left."""
    lines = [line.strip() for line in normalize(text).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        raise EmptyBulletinError("no title and body: expected a title line and paragraphs")
    title, rest = lines[0], lines[1:]
    body, issuer, url, related = _split_attribution(rest)
    body = [line for line in body if line != title]
    if not body:
        raise EmptyBulletinError("the bulletin has a title but no body")
    published = _published(body[:6])
    return ParsedBulletin(
        title=title,
        paragraphs=body,
        issuer=issuer,
        url=url,
        published=published,
        year=published.year if published else _first_year([title, *body[:3]]),
        region=_region([title, *body[:2]]),
        related_titles=related,
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
    """Find the attribution; what follows it is other articles' headlines."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        match = _ATTRIBUTION.search(line)
        source = _SOURCE_LINE.match(line)
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


def _first_year(lines: list[str]) -> int | None:
    for line in lines:
        match = _YEAR.search(line)
        if match:
            return int(match.group(1))
    return None


def _region(lines: list[str]) -> str | None:
    for line in lines:
        match = _REGION.search(line)
        if match:
            return match.group(0)
    return None
