"""Reading a government site for the poller: a column's article links across its pages,
and an article page with its attachments as one document.

An attachment (PDF, DOCX, XLSX, OFD, DOC/WPS…) is part of its bulletin: its text and
table cells are appended under a ``附件:文件名`` line, so a figure found in it cites the
bulletin, and the cell's own line names the file, table, row and column. An attachment
that cannot be fetched or read is logged and left out; the article still counts.
"""

from __future__ import annotations

import logging

import lxml.html

from ingest.columns import article_links, attachments, next_pages
from ingest.decode import NotTextError
from ingest.formats import to_text
from ingest.parse import insert_before_attribution
from ingest.polite import PoliteFetcher
from ingest.sources import Article, FeedEntry, Fetched, FetchError, decode_page, extract_article
from service.ingestion import Document

log = logging.getLogger(__name__)

MAX_ATTACHMENTS = 10  # per article


def page_html(fetched: Fetched) -> str:
    try:
        return decode_page(fetched.content, fetched.content_type, fetched.url)
    except NotTextError as error:
        raise FetchError(str(error)) from error


def page_title(html: str) -> str | None:
    try:
        title = lxml.html.fromstring(html).findtext(".//title")
    except (ValueError, lxml.etree.ParserError):
        return None
    return title.strip() if title and title.strip() else None


class SiteReader:
    """Fetches through the poller's ``PoliteFetcher``; sizes capped by ``attachment_limit``."""

    def __init__(self, fetcher: PoliteFetcher, attachment_limit: int) -> None:
        self.fetcher = fetcher
        self.attachment_limit = attachment_limit

    async def column_links(self, first: Fetched, html: str, max_pages: int,
                           selector: str | None = None) -> list[str]:
        """Article links from the column's first ``max_pages`` pages, in page order."""
        links = article_links(html, first.url, selector)
        seen_pages = {first.url}
        queue = next_pages(html, first.url)
        while queue and len(seen_pages) < max_pages:
            url = queue.pop(0)
            if url in seen_pages:
                continue
            seen_pages.add(url)
            try:
                page = await self.fetcher.fetch(url)
            except FetchError as error:
                log.warning("column page %s skipped: %s", url, error)
                continue
            more = page_html(page)
            links += article_links(more, page.url, selector)
            queue += [link for link in next_pages(more, page.url) if link not in seen_pages]
        return list(dict.fromkeys(links))

    async def article_document(self, url: str, fetched: Fetched | None = None,
                               fallback: FeedEntry | None = None) -> Document:
        """The article at ``url`` (fetched now unless given) with its attachments' text."""
        if fetched is None:
            fetched = await self.fetcher.fetch(url)
        article = extract_article(fetched, fallback)
        parts = []
        for attachment in attachments(page_html(fetched), fetched.url)[:MAX_ATTACHMENTS]:
            text = await self._attachment_text(attachment.url, attachment.name)
            if text:
                parts.append(f"附件:{attachment.name}:\n{text}")  # ends a paragraph
        text = article.as_text()
        if parts:
            text = insert_before_attribution(text, "\n".join(parts))
        return document(url, article, text)

    async def _attachment_text(self, url: str, name: str) -> str | None:
        try:
            fetched = await self.fetcher.fetch(url, limit=self.attachment_limit)
            return to_text(fetched.content, name, attachment=True)
        except (FetchError, NotTextError) as error:
            log.warning("attachment %s (%s) left out: %s", name, url, error)
            return None


def document(url: str, article: Article, text: str | None = None) -> Document:
    """What the store takes: the text, and what the page said about date and issuer."""
    body = text if text is not None else article.as_text()
    return Document(origin=url, raw=body.encode("utf-8"), url=url,
                    published=article.published, issuer=article.issuer,
                    published_precision=article.published_precision)
