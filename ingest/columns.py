"""Column pages (栏目页): the article links a list page holds, its next pages, and the
attachments an article page links to.

Government sites rarely offer feeds; a column page lists articles, newest first, with
pagination (a 下一页 link, or the ``createPageHTML(总页数, 当前页, "index", "html")``
script that TRS-built sites use for ``index_1.html``…). Links are filtered with courlan's
heuristics (navigation, login and feed pages, media files) and kept only on the same
site and when they look like articles: an ``.html``-like page whose path carries an id or
a date, the way CMSs name articles (``/202405/t20240506_123456.html``, ``/art/123.html``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import courlan
import cssselect
import lxml.cssselect
import lxml.etree
import lxml.html
from courlan import filters

ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd", ".et")
_ARTICLE_SUFFIX = re.compile(r"\.(?:s?html?|jhtml|jsp|php|aspx?)$", re.IGNORECASE)
_ARTICLE_ID = re.compile(r"\d{3,}")
_LIST_PAGE = re.compile(r"(?:^|/)(?:index|list|default)(?:_\d+)?\.\w+$", re.IGNORECASE)
_NEXT_TEXT = re.compile(r"^\s*(?:下一页|下页|后一页|next\s*page|next|›|»|>)\s*$", re.IGNORECASE)
_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"](\w+)['\"]\s*,"
    r"\s*['\"](\w+)['\"]"
)
MIN_COLUMN_LINKS = 4  # a page listing fewer article links is read as an article…
MIN_PAGED_COLUMN_LINKS = 2  # …unless it has pagination (下一页, createPageHTML)
COLUMN_LINK_SHARE = 0.4  # …and article-link text must make this share of the page's text


@dataclass(frozen=True)
class Attachment:
    url: str
    name: str  # the link's text when it names a file, else the URL's file name


def _document(html: str, base_url: str) -> lxml.html.HtmlElement:
    root = lxml.html.fromstring(html)
    root.make_links_absolute(base_url, resolve_base_href=True)
    return root


def _anchors(root: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """(absolute URL without fragment, link text) for every http(s) link, in page order."""
    return _anchors_of(root.iter("a"))


def _anchors_of(anchors: Iterable[lxml.html.HtmlElement]) -> list[tuple[str, str]]:
    found = []
    for anchor in anchors:
        href = (anchor.get("href") or "").strip()
        if not href.startswith(("http://", "https://")):
            continue
        found.append((urldefrag(href)[0], anchor.text_content().strip()))
    return found


def is_article_url(url: str, base_url: str) -> bool:
    """Same site, not navigation, an id or date in an .html-like path."""
    if courlan.is_external(url, base_url, ignore_suffix=True):
        return False
    if urlsplit(url).netloc != urlsplit(base_url).netloc:
        return False  # another port or subdomain is another site here
    if not (filters.basic_filter(url) and filters.extension_filter(url)
            and filters.type_filter(url, strict=False, with_nav=False)):
        return False
    if filters.is_not_crawlable(url) or filters.is_navigation_page(url):
        return False
    path = urlsplit(url).path
    if _LIST_PAGE.search(path) or not _ARTICLE_SUFFIX.search(path):
        return False
    return bool(_ARTICLE_ID.search(path))


def article_links(html: str, base_url: str, selector: str | None = None) -> list[str]:
    """The article URLs a column page lists, in page order (newest first on most sites).

    With a CSS selector (set per source), the links are those it selects, or those
    inside what it selects, on the same site: the admin's choice replaces the heuristic.
    """
    root = _document(html, base_url)
    if selector:
        chosen = [a for element in root.cssselect(selector)
                  for a in ([element] if element.tag == "a" else element.iter("a"))]
        links = [url for url, _ in _anchors_of(chosen)
                 if urlsplit(url).netloc == urlsplit(base_url).netloc]
    else:
        links = [url for url, _ in _anchors(root)
                 if url != base_url and is_article_url(url, base_url)]
    return list(dict.fromkeys(links))


def valid_selector(selector: str) -> bool:
    """Whether ``selector`` parses as CSS (checked when an admin sets it)."""
    try:
        lxml.cssselect.CSSSelector(selector)
    except (cssselect.SelectorError, ValueError):
        return False
    return True


def looks_like_column(html: str, base_url: str) -> bool:
    """Many article links whose text is much of the page: a list, not an article."""
    root = _document(html, base_url)
    texts = [text for url, text in _anchors(root) if is_article_url(url, base_url)]
    wanted = MIN_PAGED_COLUMN_LINKS if next_pages(html, base_url) else MIN_COLUMN_LINKS
    if len(set(texts)) < wanted:
        return False
    lxml.etree.strip_elements(root, "script", "style", with_tail=False)
    body = root.find("body")
    page_text = re.sub(r"\s+", "", (body if body is not None else root).text_content())
    link_text = sum(len(re.sub(r"\s+", "", text)) for text in texts)
    return link_text >= COLUMN_LINK_SHARE * max(1, len(page_text))


def next_pages(html: str, base_url: str) -> list[str]:
    """The pages after this one: a 下一页/rel=next link, or what createPageHTML would build."""
    root = _document(html, base_url)
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        is_next = anchor.get("rel") == "next" or _NEXT_TEXT.match(anchor.text_content())
        if is_next and href.startswith(("http://", "https://")) and href != base_url:
            return [urldefrag(href)[0]]
    script = _CREATE_PAGE.search(html)
    if script:
        total, current, stem, suffix = script.groups()
        following = range(int(current) + 1, int(total))
        return [urljoin(base_url, f"{stem}_{number}.{suffix}") for number in following]
    return []


def attachments(html: str, base_url: str) -> list[Attachment]:
    """Links to PDF, DOC(X), XLS(X), WPS and OFD files on the page, once each."""
    found: dict[str, Attachment] = {}
    for url, text in _anchors(_document(html, base_url)):
        path = unquote(urlsplit(url).path)
        named = text.lower().endswith(ATTACHMENT_SUFFIXES)
        if not (path.lower().endswith(ATTACHMENT_SUFFIXES) or named):
            continue
        name = text if named else PurePosixPath(path).name or text or url
        found.setdefault(url, Attachment(url, name))
    return list(found.values())
