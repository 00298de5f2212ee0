"""WARC and WARC.gz: every archived HTML page is an article; bad records are errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.files import read_inputs
from eventwire.ingest.warc import read_warc
from eventwire.model import Article
from tests.ingest.helpers import WarcRecord, article_html, fixture_bytes, warc_bytes

NL_PAGE = fixture_bytes("nl_article.html")
PLAIN_PAGE = article_html(
    "Talks in Geneva",
    "Delegations from Armenia and Azerbaijan met in Geneva on Monday to discuss the border.",
    "A further round is planned for next month, the Swiss foreign ministry said.",
)
CRAWL = [
    WarcRecord(uri="https://proefkrant.example/nieuws/minister-caracas?utm=x", body=NL_PAGE),
    WarcRecord(uri="https://news.example/geneva", body=PLAIN_PAGE, date="2024-02-03T08:30:00Z"),
    WarcRecord(uri="https://news.example/logo.png", body=b"\x89PNG...", content_type="image/png"),
    WarcRecord(uri="https://news.example/gone", body=b"<html>gone</html>", status="404 Not Found"),
    WarcRecord(uri="https://news.example/geneva", body=b"GET / HTTP/1.1\r\n\r\n", kind="request"),
    WarcRecord(uri="https://news.example/", body=b"crawl notes", kind="metadata"),
]  # fmt: skip


def split(items: list[Article | InputError]) -> tuple[list[Article], list[str]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [str(i) for i in items if isinstance(i, InputError)],
    )


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_articles(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    path.write_bytes(warc_bytes(CRAWL, gzip=gzip))
    found, problems = split(list(read_inputs([str(tmp_path)])))
    assert problems == []
    assert len(found) == 2
    nl, en = found
    # the page's own canonical URL, date and byline win over the WARC headers
    assert nl.url == nl.id == "https://proefkrant.example/nieuws/minister-caracas"
    assert (nl.date, nl.author, nl.outlet, nl.lang) == (
        "2024-03-05",
        "Anna de Vries",
        "De Proefkrant",
        "nl",
    )
    # a page without metadata takes its URL from WARC-Target-URI and its date from WARC-Date
    assert en.url == "https://news.example/geneva"
    assert en.date == "2024-02-03"
    assert en.outlet == "news.example"
    assert "Armenia and Azerbaijan" in en.text
    assert {a.source_format for a in found} == {"warc"}
    assert en.origin is not None and en.origin.startswith(f"{path}#2")


def test_a_page_without_text_is_an_error_naming_the_record(tmp_path: Path) -> None:
    records = [
        WarcRecord(uri="https://news.example/empty", body=b"<html><body></body></html>"),
        WarcRecord(uri="https://news.example/geneva", body=PLAIN_PAGE),
    ]
    path = tmp_path / "a.warc.gz"
    path.write_bytes(warc_bytes(records))
    found, problems = split(list(read_warc(path, None)))
    assert [a.url for a in found] == ["https://news.example/geneva"]
    assert len(problems) == 1
    assert f"{path}#1 (https://news.example/empty)" in problems[0]
    assert "no main text" in problems[0]


def test_a_truncated_record_is_reported(tmp_path: Path) -> None:
    data = warc_bytes(CRAWL[:2], gzip=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-40])
    found, problems = split(list(read_warc(path, None)))
    assert len(found) == 1
    assert len(problems) == 1 and "#2" in problems[0] and "truncated" in problems[0]


def test_a_damaged_file_reports_the_rest_as_skipped(tmp_path: Path) -> None:
    path = tmp_path / "damaged.warc"
    path.write_bytes(warc_bytes(CRAWL[:1], gzip=False) + b"garbage that is no record\r\n\r\n")
    found, problems = split(list(read_warc(path, None)))
    assert len(found) == 1
    assert len(problems) == 1
    assert "damaged after record 1" in problems[0] and "rest of the file skipped" in problems[0]


def test_a_file_that_is_no_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(b"not a warc at all")
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "not a WARC file" in str(items[0])


def test_an_oversized_page_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    path.write_bytes(warc_bytes(CRAWL[1:2]))
    _, problems = split(list(read_warc(path, None, max_bytes=100)))
    assert len(problems) == 1 and "larger than 100 bytes" in problems[0]


def test_a_warc_on_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(warc_bytes(CRAWL)))
    monkeypatch.setattr(sys, "stdin", stdin)
    found, problems = split(list(read_inputs(["-"])))
    assert problems == [] and len(found) == 2
    assert found[0].origin is not None and found[0].origin.startswith("<stdin>#1")
