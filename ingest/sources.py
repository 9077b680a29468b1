"""Sources on the web: fetch a feed or page politely, and turn what it holds into text.

Fetching is conditional (ETag / Last-Modified), bounded in time and size, and reports
failures as ``FetchError`` so one source's trouble stays its own. Feeds are read with
feedparser; article pages with trafilatura (text, title, date), after the bytes are
decoded the way local files are (UTF-8, then GBK/GB18030), so GB2312 sites read right.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

import feedparser
import httpcore
import httpx
import trafilatura

from ingest.dates import DAY, Precision, precision_of
from ingest.decode import NotTextError, decode_bytes
from ingest.html_tables import tables_to_paragraphs
from ingest.http import MAX_REDIRECTS, USER_AGENT, BlockedAddress, allowed_addresses
from ingest.tables import expand_markdown_tables

ROBOTS_AGENT = "bulletin-bot"  # the token robots.txt rules name
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_FEED_TYPES = ("rss", "atom", "xml")


class FetchError(Exception):
    """A fetch that did not give usable content; the message says why, for logs and /sources."""


class TooLarge(FetchError):
    """A body over the limit, stopped while streaming; sizes kept for a user-facing reply."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"too large ({size} bytes, the limit is {limit})")
        self.size, self.limit = size, limit


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    published: date | None
    author: str | None
    text: str  # the entry's own content or summary, as plain text; a fallback for the page


@dataclass(frozen=True)
class Article:
    """An article as plain text plus what the page says about it."""

    title: str
    text: str
    published: date | None = None
    issuer: str | None = None
    published_precision: Precision = DAY

    def as_text(self) -> str:
        """A title line and paragraphs: the shape ``parse_bulletin`` reads."""
        return f"{self.title}\n{self.text}"


async def fetch(client: httpx.AsyncClient, url: str, *, limit: int, etag: str | None = None,
                last_modified: str | None = None) -> Fetched:
    """GET with validators; a 304 comes back as ``Fetched.not_modified`` with no content.
    ``limit`` has no default: every caller passes MAX_UPLOAD_BYTES, the one size cap.

    Redirects are followed here, hop by hop, and each hop's host is checked before it is
    asked (``ingest.http``); a ``GuardedClient`` checks again at connect time. Any other
    client is held to public addresses.
    """
    allow_private = bool(getattr(client, "allow_private", False))
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        for _ in range(MAX_REDIRECTS + 1):
            await _check(url, allow_private)
            request = client.build_request("GET", url, headers=headers)
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                if response.is_redirect and "location" in response.headers:
                    url = str(response.url.join(response.headers["location"]))
                    continue
                return await _read(response, limit)
            finally:
                await response.aclose()
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except BlockedAddress as error:
        raise FetchError(str(error)) from error
    except httpx.TimeoutException as error:
        raise FetchError(f"timed out ({type(error).__name__})") from error
    except httpx.HTTPError as error:
        raise FetchError(_http_error(error)) from error


async def _check(url: str, allow_private: bool) -> None:
    """Refuse a hop by scheme or by its host's addresses before any byte is sent."""
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError("only http:// and https:// addresses are fetched")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        await allowed_addresses(parsed.host, port, allow_private)
    except httpcore.ConnectError as error:
        raise FetchError("could not resolve the host name") from error


async def _read(response: httpx.Response, limit: int) -> Fetched:
    """The body, stopped as soon as it passes ``limit`` whatever the headers declare."""
    if response.status_code == 304:
        return _fetched(response, b"")
    if response.status_code >= 400:
        raise FetchError(f"HTTP {response.status_code}")
    declared = int(response.headers.get("content-length") or 0)
    if declared > limit:
        raise TooLarge(declared, limit)
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            raise TooLarge(len(body), limit)
    return _fetched(response, bytes(body))


def _http_error(error: httpx.HTTPError) -> str:
    """What went wrong, without the errno text: "connection refused" on one port and
    "timed out" on another would map an intranet for whoever reads /sources."""
    if isinstance(error, httpx.ConnectError):
        return "could not connect"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "only http:// and https:// addresses are fetched"
    if isinstance(error, httpx.TooManyRedirects):
        return f"more than {MAX_REDIRECTS} redirects"
    return f"{type(error).__name__}"


def _fetched(response: httpx.Response, content: bytes) -> Fetched:
    return Fetched(url=str(response.url), status=response.status_code, content=content,
                   content_type=response.headers.get("content-type", ""),
                   etag=response.headers.get("etag"),
                   last_modified=response.headers.get("last-modified"))


def decode_page(raw: bytes, content_type: str, name: str) -> str:
    """The charset the server declares when it fits, else the same detection as files."""
    declared = _CHARSET.search(content_type)
    if declared:
        try:
            return raw.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(raw, name)


def is_feed(fetched: Fetched) -> bool:
    """By Content-Type, or by the document itself when the server says text/plain or html."""
    kind = fetched.content_type.split(";")[0].strip().lower()
    if any(word in kind for word in _FEED_TYPES):
        return True
    head = fetched.content[:512].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed"))


def parse_feed(raw: bytes, base_url: str,
               content_type: str = "application/xml") -> tuple[str | None, list[FeedEntry]]:
    """The feed's title and its entries with links, newest first as the feed lists them.

    feedparser reads the XML declaration's encoding itself (GB2312 feeds included).
    """
    headers = {"content-location": base_url, "content-type": content_type}
    parsed = feedparser.parse(raw, response_headers=headers)
    if not parsed.version and not parsed.entries:
        raise FetchError(f"not a feed ({type(parsed.bozo_exception).__name__})")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        entries.append(FeedEntry(
            url=link, title=(entry.get("title") or "").strip(),
            published=_entry_date(entry), author=entry.get("author"),
            text=trafilatura.html2txt(html) if html else "",
        ))
    return parsed.feed.get("title"), entries


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), UTC).date()


def extract_article(fetched: Fetched, fallback: FeedEntry | None = None) -> Article:
    """Title, text and date of an article page; the feed entry fills what the page lacks."""
    try:
        html = decode_page(fetched.content, fetched.content_type, fetched.url)
    except NotTextError as error:
        raise FetchError(str(error)) from error
    found = trafilatura.bare_extraction(tables_to_paragraphs(html), url=fetched.url,
                                        with_metadata=True,
                                        include_comments=False, include_tables=True)
    title = (getattr(found, "title", None) or "").strip()
    text = expand_markdown_tables((getattr(found, "text", None) or "").strip())
    published = _iso_date(getattr(found, "date", None))
    issuer = getattr(found, "author", None)
    if fallback is not None:
        title = fallback.title or title
        text = text or fallback.text
        issuer = issuer or fallback.author
    if not title or not text:
        raise FetchError("no article text found on the page")
    precision = precision_of(published, f"{title}\n{text}") if published else DAY
    if published is None and fallback is not None:
        published = fallback.published  # a feed's timestamp: a whole date
    return Article(title=title, text=text, published=published, issuer=issuer,
                   published_precision=precision)


def looks_like_html(raw: bytes) -> bool:
    """A page rather than a plain-text bulletin: admins paste article URLs to /ingest."""
    head = raw[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def page_article(url: str, raw: bytes) -> Article:
    """An article from a page fetched outside a source (``/ingest URL``)."""
    return extract_article(Fetched(url, 200, raw, "", None, None))


def entry_article(entry: FeedEntry) -> Article | None:
    """An article from the feed entry alone, when its page cannot be fetched or read."""
    if not entry.title or not entry.text.strip():
        return None
    return Article(entry.title, entry.text.strip(), entry.published, entry.author, DAY)


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
