"""Which reader an input goes to: by URL scheme, file suffix, then content.

The format names are also `Article.source_format`, so a caller can count the
articles of a batch per format (`count_by_format`).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from eventwire.errors import InputError
from eventwire.model import Article

TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
JSONL = "jsonl"
CSV = "csv"
WARC = "warc"
FEED = "feed"
URL = "url"
FORMATS: tuple[str, ...] = (TEXT, MARKDOWN, HTML, JSONL, CSV, WARC, FEED, URL)
ERROR = "error"

SUFFIXES: dict[str, str] = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".csv": CSV,
    ".tsv": CSV,
    ".warc": WARC,
    ".warc.gz": WARC,
    ".rss": FEED,
    ".atom": FEED,
}
XML_SUFFIX = ".xml"  # a feed only when its root element is one (see `is_feed`)
SNIFF_BYTES = 2048

_FIRST_ELEMENT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z][\w:.-]*)", re.DOTALL
)
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf"})
_HTML_START = re.compile(rb"^(?:\s|<!--.*?-->|<\?.*?\?>)*<(?:!doctype\s+html|html|head|body)\b")


def is_url(item: str) -> bool:
    return item[:8].lower().startswith(("http://", "https://"))


def suffix_of(path: Path) -> str:
    """The suffix that names the format, ".warc.gz" included."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _text_head(head: bytes) -> bytes:
    return head.removeprefix(b"\xef\xbb\xbf")


def is_feed(head: bytes) -> bool:
    """The first element is <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0)."""
    match = _FIRST_ELEMENT.match(_text_head(head))
    return match is not None and match.group(1).lower() in _FEED_ROOTS


def is_html(head: bytes) -> bool:
    return bool(_HTML_START.match(_text_head(head).lower()))


def is_warc(head: bytes) -> bool:
    """Uncompressed WARC, or a gzip stream whose first member starts like one."""
    if head.startswith(b"WARC/"):
        return True
    if head[:2] != b"\x1f\x8b":
        return False
    try:
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return False
    return start.startswith(b"WARC/")


def sniff(head: bytes) -> str | None:
    """The format the first bytes of an input show, or None when they show none."""
    if is_warc(head):
        return WARC
    if is_feed(head):
        return FEED
    if is_html(head):
        return HTML
    return None


def read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


def detect_format(path: Path) -> str | None:
    """The reader for a file: its suffix, else its content; None for an .xml that is no feed.

    A file with an unknown suffix whose content shows no format is read as text,
    as before.
    """
    suffix = suffix_of(path)
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    try:
        head = read_head(path)
    except OSError:
        return TEXT  # the reader reports the problem
    if suffix == XML_SUFFIX:
        return FEED if is_feed(head) else None
    return sniff(head) or TEXT


def is_known_file(path: Path) -> bool:
    """Files a folder walk picks up: known suffixes and .xml feeds."""
    suffix = suffix_of(path)
    if suffix in SUFFIXES:
        return True
    if suffix != XML_SUFFIX:
        return False
    try:
        return is_feed(read_head(path))
    except OSError:
        return False


def format_of(item: Article | InputError) -> str:
    """The format an article was read from ("error" for a problem in the stream)."""
    if isinstance(item, InputError):
        return ERROR
    return item.source_format or TEXT


def count_by_format(items: Iterable[Article | InputError]) -> dict[str, int]:
    """Articles per format, and problems under "error", in `FORMATS` order."""
    counts = Counter(format_of(item) for item in items)
    order = (*FORMATS, ERROR)
    rank = {name: number for number, name in enumerate(order)}
    return {
        name: counts[name] for name in sorted(counts, key=lambda n: (rank.get(n, len(order)), n))
    }
