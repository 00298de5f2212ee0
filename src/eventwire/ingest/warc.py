"""WARC and WARC.gz files (warcio): every HTML page archived in them is an article.

A `response` (or `resource`) record with a 2xx status and an HTML content type
goes through the HTML reader; its URL is the page's canonical URL, else the
WARC-Target-URI, and its date the page's, else the WARC-Date. Other records
(requests, metadata, redirects, images, scripts, revisits) are passed over
silently. A record that is truncated, too large or has no main text is an
InputError; a damaged file ends with one InputError for the rest of it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from eventwire.errors import InputError
from eventwire.ingest.fetch import media_type
from eventwire.ingest.formats import WARC, is_warc, read_head
from eventwire.ingest.html_reader import HTML_TYPES, extract_page, page_article
from eventwire.model import Article

PAGE_RECORDS = frozenset({"response", "resource"})
MAX_RECORD_BYTES = 20_000_000
_DAMAGE = (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError)


def _header(headers: Any, name: str) -> str | None:
    if headers is None:
        return None
    value = headers.get_header(name)
    return str(value) if value else None


def _is_html_page(record: Any) -> bool:
    if record.rec_type not in PAGE_RECORDS:
        return False
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = str(record.http_headers.get_statuscode() or "")
        if not status.startswith("2"):
            return False
        kind, _ = media_type(_header(record.http_headers, "Content-Type"))
    else:
        kind, _ = media_type(_header(record.rec_headers, "Content-Type"))
    return kind in HTML_TYPES


def _record_article(
    record: Any, where: str, lang: str | None, max_bytes: int
) -> Article | InputError:
    uri = _header(record.rec_headers, "WARC-Target-URI")
    warc_date = _header(record.rec_headers, "WARC-Date")
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    _, charset = media_type(_header(headers, "Content-Type"))
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return InputError(f"{where}: page larger than {max_bytes} bytes; skipped")
    if getattr(record.raw_stream, "limit", 0):  # bytes the record declares but the file lacks
        return InputError(f"{where}: truncated record; skipped")
    try:
        page = extract_page(payload, origin=where, url=uri, charset=charset)
    except InputError as error:
        return error
    return page_article(
        page,
        article_id=page.url or uri or where,
        origin=where,
        source_format=WARC,
        lang=lang,
        date=warc_date[:10] if warc_date else None,
    )


def read_warc(
    path: Path, lang: str | None, *, max_bytes: int = MAX_RECORD_BYTES
) -> Iterator[Article | InputError]:
    """Articles from the HTML pages of a WARC file; problems as InputErrors."""
    origin = str(path)
    try:
        if not is_warc(read_head(path)):
            yield InputError(f"{origin}: not a WARC file (no WARC/ header); skipped")
            return
        handle = path.open("rb")
    except OSError as error:
        yield InputError(f"{origin}: cannot read ({error.strerror or error}); skipped")
        return
    with handle:
        yield from read_warc_stream(handle, origin, lang, max_bytes=max_bytes)


def read_warc_stream(
    stream: BinaryIO, origin: str, lang: str | None, *, max_bytes: int = MAX_RECORD_BYTES
) -> Iterator[Article | InputError]:
    """Articles from a WARC or WARC.gz byte stream (a file, standard input)."""
    records = iter(ArchiveIterator(stream))
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except _DAMAGE as error:
            yield InputError(
                f"{origin}: damaged after record {number} ({_first_line(error)}); "
                "rest of the file skipped"
            )
            return
        number += 1
        uri = _header(record.rec_headers, "WARC-Target-URI")
        where = f"{origin}#{number}" + (f" ({uri})" if uri else "")
        if record.format not in ("warc", "arc2warc"):
            yield InputError(f"{where}: not a WARC record; rest of the file skipped")
            return
        try:
            if _is_html_page(record):
                yield _record_article(record, where, lang, max_bytes)
        except _DAMAGE as error:
            yield InputError(f"{where}: bad record ({_first_line(error)}); skipped")


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
