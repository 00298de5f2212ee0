"""HTML pages: main text and metadata through trafilatura.

`extract_page` gives the main text (no navigation, footers or comments), the
title, byline, publication date, site name, canonical URL and the language
the page declares. The date comes only from the page's metadata (meta tags,
JSON-LD, <time>, the URL): trafilatura's extensive date search is off, as it
takes copyright years for publication dates, so a caller's fallback (the
WARC-Date, a feed item's date) can apply instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from trafilatura import bare_extraction, load_html
from trafilatura.settings import Document, set_date_params

from eventwire.errors import InputError
from eventwire.model import Article

BINARY_SAMPLE = 4096
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})  # media types we read as pages
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]|$)")
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlPage:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    site: str | None = None  # the site name the page declares (og:site_name, JSON-LD)
    host: str | None = None
    url: str | None = None  # canonical URL when the page declares one, else the URL given
    lang: str | None = None  # primary language subtag the page declares


def language_code(value: str | None) -> str | None:
    """ "nl" from "nl-NL", "es" from "es_ES"; None for "und" or anything else."""
    match = _LANG.match((value or "").strip())
    if not match or match.group(1).lower() in _NOT_LANGUAGES:
        return None
    return match.group(1).lower()


def declared_language(tree: Any) -> str | None:
    """<html lang>, xml:lang, Content-Language or og:locale, in that order."""
    root = tree.getroottree().getroot()
    candidates: list[str | None] = [root.get("lang"), root.get(_XML_LANG), root.get("xml:lang")]
    for meta in root.iter("meta"):
        name = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
        if name in ("content-language", "language", "dc.language", "og:locale"):
            candidates.append(meta.get("content"))
    for candidate in candidates:
        code = language_code(candidate)
        if code:
            return code
    return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _decode(data: bytes | str, charset: str | None) -> bytes | str:
    if isinstance(data, str) or not charset:
        return data
    try:
        return data.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name: let trafilatura guess
        return data


def extract_page(
    data: bytes | str, *, origin: str, url: str | None = None, charset: str | None = None
) -> HtmlPage:
    """Main text and metadata of one HTML page; InputError when there is none."""
    raw = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    if not raw.strip():
        raise InputError(f"{origin}: empty HTML; skipped")
    if b"\x00" in raw[:BINARY_SAMPLE] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{origin}: binary data, not HTML; skipped")
    # one bad page must not stop a batch: whatever the parser raises is this input's problem
    try:
        tree = load_html(_decode(data, charset))
        if tree is None:
            raise InputError(f"{origin}: not an HTML document; skipped")
        document = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=set_date_params(False),
        )
    except InputError:
        raise
    except Exception as error:
        raise InputError(f"{origin}: cannot parse the HTML ({error}); skipped") from error
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise InputError(f"{origin}: no main text found in the HTML; skipped")
    host = _clean(document.hostname)
    site = _clean(document.sitename)
    return HtmlPage(
        text=document.text or "",
        title=_clean(document.title),
        author=_clean(document.author),
        date=_clean(document.date),
        site=site if site != host else None,  # trafilatura falls back to the host name
        host=host,
        url=_clean(document.url) or url,
        lang=declared_language(tree),
    )


def page_article(
    page: HtmlPage,
    *,
    article_id: str,
    origin: str,
    source_format: str,
    lang: str | None = None,
    date: str | None = None,
    title: str | None = None,
    author: str | None = None,
    outlet: str | None = None,
) -> Article:
    """An Article from a page; the keyword values fill what the page lacks."""
    return Article(
        id=article_id,
        text=page.text,
        title=page.title or title,
        url=page.url,
        outlet=page.site or outlet or page.host,
        date=page.date or date,
        lang=page.lang or lang,
        author=page.author or author,
        source_format=source_format,
        origin=origin,
    )
