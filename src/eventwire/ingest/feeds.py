"""RSS and Atom feeds (feedparser): one article per item, read from the page it links to.

Each item's link is fetched (robots.txt, timeouts and limits of `Fetcher`) and
read by the HTML reader. When the page cannot be fetched or has no main text,
the item's own content or summary is the article's text (a warning is
logged); when the item has neither, the fetch problem is the InputError.
Title, byline, date and outlet come from the page, else from the item and
the feed.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from eventwire.errors import InputError
from eventwire.ingest.fetch import Fetcher
from eventwire.ingest.formats import FEED, is_url
from eventwire.ingest.html_reader import (
    HTML_TYPES,
    HtmlPage,
    extract_page,
    language_code,
    page_article,
)
from eventwire.model import Article

LOG = logging.getLogger(__name__)
_BLOCKS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
_SPACES = re.compile(r"[ \t\u00a0]+")


def _str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), one line per block."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml.etree.ParserError):
        return fragment.strip()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in str(root.text_content()).splitlines())
    return "\n".join(line for line in lines if line)


def _item_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None


def _item_text(entry: Any) -> str:
    """The item's fullest own text: content (Atom, content:encoded), else summary."""
    for content in entry.get("content") or ():
        value = _str(content.get("value"))
        if value:
            text = html_to_text(value)
            if text:
                return text
    summary = _str(entry.get("summary"))
    return html_to_text(summary) if summary else ""


def _fetch_page(link: str, fetcher: Fetcher) -> HtmlPage:
    page = fetcher.fetch(link)
    if page.content_type and page.content_type not in HTML_TYPES:
        raise InputError(f"{link}: not HTML ({page.content_type}); skipped")
    return extract_page(page.body, origin=link, url=page.url, charset=page.charset)


def _item_article(
    entry: Any,
    number: int,
    *,
    origin: str,
    feed_title: str | None,
    fetcher: Fetcher,
    lang: str | None,
) -> Article | InputError:
    link = _str(entry.get("link"))
    guid = _str(entry.get("id"))
    where = f"{origin}#{number}"
    title = _str(entry.get("title"))
    date = _item_date(entry)
    author = _str(entry.get("author"))
    problem: InputError | None = None
    if link and is_url(link):
        try:
            page = _fetch_page(link, fetcher)
        except InputError as error:
            problem = error
        else:
            return page_article(
                page,
                article_id=page.url or link,
                origin=where,
                source_format=FEED,
                lang=lang,
                date=date,
                title=title,
                author=author,
                outlet=feed_title,
            )
    text = _item_text(entry)
    if not text:
        if problem is not None:
            return InputError(f"{where}: {problem.message}")
        return InputError(f"{where}: item without a fetchable link or any text; skipped")
    if problem is not None:
        reason = problem.message.removesuffix("; skipped")
        LOG.warning("%s: the item's own text stands in for its page: %s", where, reason)
    return Article(
        id=link or guid or where,
        text=text,
        title=title,
        url=link,
        outlet=feed_title,
        date=date,
        lang=lang,
        author=author,
        source_format=FEED,
        origin=where,
    )


def read_feed(
    data: bytes,
    origin: str,
    lang: str | None,
    *,
    fetcher: Fetcher,
    base_url: str | None = None,
) -> Iterator[Article | InputError]:
    """Articles from the items of an RSS/Atom document (bytes, never a URL to parse)."""
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            error = str(parsed.get("bozo_exception") or "no RSS or Atom root element")
            reason = error.removeprefix("<unknown>:").splitlines()[0]
            yield InputError(f"{origin}: not a readable RSS/Atom feed ({reason}); skipped")
        else:
            yield InputError(f"{origin}: the feed has no items; skipped")
        return
    feed_title = _str((parsed.get("feed") or {}).get("title"))
    feed_lang = (parsed.get("feed") or {}).get("language")
    item_lang = (language_code(feed_lang) if isinstance(feed_lang, str) else None) or lang
    for number, entry in enumerate(entries, 1):
        yield _item_article(
            entry, number, origin=origin, feed_title=feed_title, fetcher=fetcher, lang=item_lang
        )
