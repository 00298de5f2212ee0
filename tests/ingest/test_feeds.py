"""RSS and Atom feeds: each item's link is fetched from a local server; the item's own
text stands in when the page cannot be fetched."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.feeds import html_to_text, read_feed
from eventwire.ingest.fetch import Fetcher
from eventwire.ingest.files import read_inputs
from eventwire.model import Article
from tests.ingest.helpers import LocalServer, Reply, fixture_bytes, fixture_text

NL_PAGE = Reply(body=fixture_bytes("nl_article.html"))


def split(items: list[Article | InputError]) -> tuple[list[Article], list[str]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [str(i) for i in items if isinstance(i, InputError)],
    )


def test_rss_items_are_read_from_their_pages(
    server: LocalServer, fetcher: Fetcher, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.routes["/nieuws/minister-caracas.html"] = NL_PAGE
    server.routes["/private/kabinet.html"] = NL_PAGE  # robots.txt disallows /private/
    path = tmp_path / "news.rss"
    path.write_text(fixture_text("feed.rss", base=server.base), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest.feeds"):
        found, problems = split(list(read_inputs([str(path)], fetcher=fetcher)))
    assert problems == []
    fetched, summarised = found
    # the page: its text and metadata, its canonical URL as id
    assert "Venezolaanse ambtgenoot" in fetched.text
    assert fetched.id == fetched.url == "https://proefkrant.example/nieuws/minister-caracas"
    assert (fetched.author, fetched.outlet, fetched.date) == (
        "Anna de Vries",
        "De Proefkrant",
        "2024-03-05",
    )
    # robots.txt forbids the second page: the item's summary, as text, stands in
    assert server.hits["/private/kabinet.html"] == 0
    assert summarised.text == (
        "Het kabinet heeft woensdag overlegd met de vakbonden over de lonen.\n"
        "Een nieuw gesprek volgt in april."
    )
    assert summarised.title == "Kabinet overlegt met vakbonden"
    assert summarised.url == server.url("/private/kabinet.html")
    assert (summarised.date, summarised.lang, summarised.outlet) == (
        "2024-03-06",
        "nl",
        "Proefkrant nieuws",
    )
    assert {a.source_format for a in found} == {"feed"}
    assert [a.origin for a in found] == [f"{path}#1", f"{path}#2"]
    assert any("robots.txt" in r.getMessage() for r in caplog.records)


def test_an_atom_file_falls_back_to_the_entry_content(
    server: LocalServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    path = tmp_path / "diario.atom"
    path.write_text(fixture_text("feed.atom", base=server.base), encoding="utf-8")
    found, problems = split(list(read_inputs([str(path)], fetcher=fetcher)))
    assert problems == []
    (article,) = found
    assert server.hits["/missing.html"] == 1  # a 404: the entry's content stands in
    assert article.text == "Colombia y Ecuador firmaron un acuerdo sobre la frontera común."
    assert (article.author, article.date, article.lang) == ("Lucía Gómez", "2023-11-21", "es")
    assert article.outlet == "Diario de Prueba"


def test_an_item_without_page_or_text_is_an_error(server: LocalServer, fetcher: Fetcher) -> None:
    rss = (
        f"<rss version='2.0'><channel><title>T</title><item><title>Only a title</title>"
        f"<link>{server.base}/gone.html</link></item></channel></rss>"
    ).encode()
    items = list(read_feed(rss, "feed.rss", None, fetcher=fetcher))
    assert len(items) == 1 and isinstance(items[0], InputError)
    message = str(items[0])
    assert message.startswith("[E200] feed.rss#1: ") and "HTTP 404" in message


def test_relative_links_resolve_against_the_feed_url(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/nieuws/a.html"] = NL_PAGE
    rss = (
        b"<rss version='2.0'><channel><title>T</title>"
        b"<item><link>/nieuws/a.html</link></item></channel></rss>"
    )
    (article,) = read_feed(rss, "x", None, fetcher=fetcher, base_url=server.url("/feed.xml"))
    assert isinstance(article, Article) and "Caracas" in article.text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<rss version='2.0'><channel><title>Empty</title></channel></rss>", "no items"),
        (b"<rss", "not a readable RSS/Atom feed (2:0: unclosed token)"),
        (b"<html><body>x</body></html>", "not a readable RSS/Atom feed (no RSS or Atom root"),
    ],
)
def test_feeds_without_items_are_reported(fetcher: Fetcher, data: bytes, problem: str) -> None:
    items = list(read_feed(data, "bad.rss", None, fetcher=fetcher))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert problem in str(items[0])


def test_an_xml_file_is_a_feed_only_with_a_feed_root(
    server: LocalServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    (tmp_path / "feed.xml").write_text(fixture_text("feed.atom", base=server.base))
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
    )
    found, problems = split(list(read_inputs([str(tmp_path)], fetcher=fetcher)))
    assert [a.source_format for a in found] == ["feed"] and problems == []
    named = list(read_inputs([str(tmp_path / "sitemap.xml")], fetcher=fetcher))
    assert len(named) == 1 and "no RSS/Atom feed" in str(named[0])


def test_html_to_text_keeps_one_line_per_block() -> None:
    assert html_to_text("<p>Een.</p><p>Twee  <b>vet</b>.</p>Drie<br>Vier") == (
        "Een.\nTwee vet.\nDrie\nVier"
    )
    assert html_to_text("plain summary ") == "plain summary"
