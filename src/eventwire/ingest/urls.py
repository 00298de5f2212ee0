"""A URL given as an input: a page (HTML or plain text) or a feed, told apart by content."""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.errors import InputError
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.fetch import Fetcher, Page
from eventwire.ingest.formats import FEED, HTML, TEXT, URL, is_feed, is_html
from eventwire.ingest.html_reader import HTML_TYPES, extract_page, page_article
from eventwire.model import Article


def page_kind(page: Page) -> str | None:
    """FEED, HTML or TEXT from the content (servers mislabel feeds) and the content type."""
    head = page.body[:2048]
    if is_feed(head):
        return FEED
    if page.content_type in HTML_TYPES:
        return HTML
    if page.content_type == "text/plain":
        return TEXT
    if not page.content_type and is_html(head):
        return HTML
    return None


def read_url(url: str, lang: str | None, *, fetcher: Fetcher) -> Iterator[Article | InputError]:
    try:
        page = fetcher.fetch(url)
    except InputError as error:
        yield error
        return
    kind = page_kind(page)
    if kind == FEED:
        yield from read_feed(page.body, url, lang, fetcher=fetcher, base_url=page.url)
        return
    if kind == HTML:
        try:
            html = extract_page(page.body, origin=url, url=page.url, charset=page.charset)
        except InputError as error:
            yield error
            return
        yield page_article(
            html, article_id=html.url or page.url, origin=url, source_format=URL, lang=lang
        )
        return
    if kind == TEXT:
        try:
            text = page.body.decode(page.charset or "utf-8")
        except (UnicodeDecodeError, LookupError):
            yield InputError(f"{url}: text not in {page.charset or 'UTF-8'}; skipped")
            return
        if not text.strip():
            yield InputError(f"{url}: empty page; skipped")
            return
        yield Article(
            id=page.url, text=text, url=page.url, lang=lang, source_format=URL, origin=url
        )
        return
    shown = page.content_type or "none"
    yield InputError(f"{url}: not HTML, a feed or text (content type {shown}); skipped")
