"""Read articles from everything a user brings: `read_inputs` is the entry point.

Inputs are files, folders (walked recursively, sorted), http(s) URLs and "-"
for standard input. Each goes to one reader, chosen by URL scheme, file
suffix, then content (`ingest/formats.py`):

| format   | inputs                                   | reader                  |
|----------|------------------------------------------|-------------------------|
| text     | .txt .text, other files, stdin           | here                    |
| markdown | .md .markdown                            | here                    |
| jsonl    | .jsonl .ndjson, stdin starting with "{"  | here                    |
| html     | .html .htm .xhtml, stdin HTML            | `html_reader.py`        |
| csv      | .csv .tsv                                | `csv_reader.py`         |
| warc     | .warc .warc.gz                           | `warc.py`               |
| feed     | .rss .atom, .xml with a feed root        | `feeds.py`              |
| url      | http://… https://…                       | `urls.py` (`fetch.py`)  |

Every problem with one input (binary data, empty file, wrong encoding, a bad
JSON line or CSV row, HTML without text, a bad WARC record, an HTTP error, a
robots.txt disallow) becomes an `InputError` in the stream, so the caller
reports it and goes on with the rest of the batch.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest import formats
from eventwire.ingest.csv_reader import read_csv
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.fetch import Fetcher
from eventwire.ingest.html_reader import extract_page, page_article
from eventwire.ingest.urls import read_url
from eventwire.ingest.warc import read_warc, read_warc_stream
from eventwire.model import Article

BINARY_SAMPLE = 4096
STDIN = "-"


def expand(inputs: Iterable[str]) -> Iterator[str | Path]:
    """Files and folders (recursively, sorted); URLs and "-" (standard input) as given."""
    for item in inputs:
        if item == STDIN or formats.is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and formats.is_known_file(p)
            )
        else:
            yield path


def check_bytes(data: bytes, origin: str) -> None:
    if not data.strip():
        raise InputError(f"{origin}: empty file; skipped")
    if b"\x00" in data[:BINARY_SAMPLE]:
        raise InputError(f"{origin}: binary data, not text; skipped")


def decode(data: bytes, origin: str) -> str:
    check_bytes(data, origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{origin}: not UTF-8 (byte {error.start}); convert it with iconv -t UTF-8; skipped"
        ) from error


def _field(record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def article_from_record(
    record: object, origin: str, lang: str | None, *, text_column: str = "text"
) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"{origin}: a JSON object is expected; skipped")
    text = record.get(text_column)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{origin}: no {text_column!r}; skipped")
    return Article(
        id=str(record.get("id") or origin),
        text=text,
        title=_field(record, "title"),
        url=_field(record, "url"),
        outlet=_field(record, "outlet"),
        date=_field(record, "date"),
        lang=_field(record, "lang") or lang,
        author=_field(record, "author"),
        source_format=formats.JSONL,
        origin=origin,
    )


def read_jsonl(
    text: str, origin: str, lang: str | None, *, text_column: str = "text"
) -> Iterator[Article | InputError]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            yield article_from_record(json.loads(line), where, lang, text_column=text_column)
        except json.JSONDecodeError as error:
            yield InputError(f"{where}: not JSON ({error.msg}); skipped")
        except InputError as error:
            yield error


def read_html(data: bytes, origin: str, article_id: str, lang: str | None) -> Article | InputError:
    try:
        page = extract_page(data, origin=origin)
    except InputError as error:
        return error
    return page_article(
        page, article_id=article_id, origin=origin, source_format=formats.HTML, lang=lang
    )


def _stdin_format(data: bytes) -> str:
    head = data[: formats.SNIFF_BYTES]
    if head.lstrip()[:1] == b"{":
        return formats.JSONL
    return formats.sniff(head) or formats.TEXT


def _read_bytes(
    data: bytes,
    kind: str,
    origin: str,
    article_id: str,
    lang: str | None,
    *,
    text_column: str,
    fetcher: Fetcher,
    tab: bool = False,
) -> Iterator[Article | InputError]:
    """Text, Markdown, JSON lines, CSV, HTML and feeds held in memory."""
    try:
        check_bytes(data, origin)
    except InputError as error:
        yield error
        return
    if kind == formats.HTML:
        yield read_html(data, origin, article_id, lang)
        return
    if kind == formats.FEED:
        yield from read_feed(data, origin, lang, fetcher=fetcher)
        return
    try:
        text = decode(data, origin)
    except InputError as error:
        yield error
        return
    if kind == formats.JSONL:
        yield from read_jsonl(text, origin, lang, text_column=text_column)
    elif kind == formats.CSV:
        yield from read_csv(text, origin, lang, text_column=text_column, tab=tab)
    else:
        yield Article(id=article_id, text=text, lang=lang, source_format=kind, origin=origin)


def _read_file(
    path: Path, lang: str | None, *, text_column: str, fetcher: Fetcher
) -> Iterator[Article | InputError]:
    origin = str(path)
    if not path.is_file():
        yield InputError(f"{origin}: no such file; skipped")
        return
    kind = formats.detect_format(path)
    if kind is None:
        yield InputError(f"{origin}: an .xml file that is no RSS/Atom feed; skipped")
        return
    if kind == formats.WARC:
        yield from read_warc(path, lang)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield InputError(f"{origin}: cannot read ({error.strerror or error}); skipped")
        return
    yield from _read_bytes(
        data,
        kind,
        origin,
        path.stem,
        lang,
        text_column=text_column,
        fetcher=fetcher,
        tab=formats.suffix_of(path) == ".tsv",
    )


def _read_stdin(
    lang: str | None, *, text_column: str, fetcher: Fetcher
) -> Iterator[Article | InputError]:
    data = sys.stdin.buffer.read()
    kind = _stdin_format(data)
    if kind == formats.WARC:
        yield from read_warc_stream(io.BytesIO(data), "<stdin>", lang)
        return
    yield from _read_bytes(
        data, kind, "<stdin>", "stdin", lang, text_column=text_column, fetcher=fetcher
    )


def read_inputs(
    inputs: Iterable[str],
    lang: str | None = None,
    *,
    text_column: str = "text",
    fetcher: Fetcher | None = None,
) -> Iterator[Article | InputError]:
    """Articles and InputErrors, in input order, from files, folders, URLs and stdin.

    lang: the language of inputs that do not declare one. text_column: the field
    of JSON lines and the column of CSV/TSV files that holds the text. fetcher:
    the HTTP client for URLs and feed items (default: `Fetcher()` with its
    default timeouts, retries and limits, closed at the end).
    """
    client = fetcher or Fetcher()
    try:
        for item in expand(inputs):
            if item == STDIN:
                yield from _read_stdin(lang, text_column=text_column, fetcher=client)
            elif isinstance(item, str):
                yield from read_url(item, lang, fetcher=client)
            else:
                yield from _read_file(item, lang, text_column=text_column, fetcher=client)
    finally:
        if fetcher is None:
            client.close()
