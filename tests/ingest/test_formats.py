"""Which reader an input goes to, and counts per format."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.formats import (
    count_by_format,
    detect_format,
    format_of,
    is_feed,
    is_html,
    is_url,
    is_warc,
    sniff,
)
from eventwire.model import Article


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", b"<html>not read as html</html>", "text"),
        ("a.md", b"# Titel", "markdown"),
        ("a.HTML", b"", "html"),
        ("a.ndjson", b"{}", "jsonl"),
        ("a.tsv", b"text\n", "csv"),
        ("a.warc.gz", b"", "warc"),
        ("a.atom", b"", "feed"),
        ("a.xml", b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0"/>', "feed"),
        ("a.xml", b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'/>", "feed"),
        ("a.xml", b"<urlset/>", None),
        ("page", b"\xef\xbb\xbf<!DOCTYPE html><html></html>", "html"),
        ("page.dat", b"WARC/1.1\r\n", "warc"),
        ("notes", b"Een gewone tekst.", "text"),
    ],
)
def test_detect_format(tmp_path: Path, name: str, content: bytes, expected: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == expected


def test_sniffing() -> None:
    assert is_warc(gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"))
    assert not is_warc(gzip.compress(b"just text"))
    assert is_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not is_feed(b"<html><body><rss/></body></html>")
    assert is_html(b"  <!-- x -->\n<HTML lang='nl'>")
    assert sniff(b"plain words") is None
    assert is_url("HTTPS://example.org/a") and not is_url("httpx.txt")


def test_counts_per_format() -> None:
    items: list[Article | InputError] = [
        Article(id="1", text="a", source_format="warc"),
        Article(id="2", text="b", source_format="html"),
        Article(id="3", text="c", source_format="warc"),
        Article(id="4", text="d"),
        InputError("x: empty file; skipped"),
    ]
    assert format_of(items[0]) == "warc" and format_of(items[-1]) == "error"
    counts = count_by_format(items)
    assert counts == {"text": 1, "html": 1, "warc": 2, "error": 1}
    assert list(counts) == ["text", "html", "warc", "error"]
