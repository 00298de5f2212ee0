"""URLs given as inputs: a page, a feed or plain text, told apart by content."""

from __future__ import annotations

from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.fetch import Fetcher
from eventwire.ingest.files import read_inputs
from eventwire.model import Article
from tests.ingest.helpers import LocalServer, Reply, fixture_bytes, fixture_text


def split(items: list[Article | InputError]) -> tuple[list[Article], list[str]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [str(i) for i in items if isinstance(i, InputError)],
    )


def test_a_url_to_a_news_page(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/nieuws/1"] = Reply(body=fixture_bytes("nl_article.html"))
    (article,) = read_inputs([server.url("/nieuws/1")], fetcher=fetcher)
    assert isinstance(article, Article)
    assert "Venezolaanse ambtgenoot" in article.text
    assert article.id == article.url == "https://proefkrant.example/nieuws/minister-caracas"
    assert (article.outlet, article.author, article.date) == (
        "De Proefkrant",
        "Anna de Vries",
        "2024-03-05",
    )
    assert (article.source_format, article.origin) == ("url", server.url("/nieuws/1"))


def test_a_page_without_canonical_url_keeps_the_url_after_redirects(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/short"] = Reply(status=301, headers=(("Location", "/talks"),))
    server.routes["/talks"] = Reply(body=fixture_bytes("en_no_metadata.html"))
    (article,) = read_inputs([server.url("/short")], fetcher=fetcher)
    assert isinstance(article, Article)
    assert article.url == article.id == server.url("/talks")
    assert article.outlet == server.base.removeprefix("http://")  # the host, no site name


def test_a_url_to_a_feed_reads_its_items(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/feed"] = Reply(
        body=fixture_text("feed.rss", base=server.base).encode(),
        content_type="text/html",  # a mislabelled feed is still a feed
    )
    server.routes["/nieuws/minister-caracas.html"] = Reply(body=fixture_bytes("nl_article.html"))
    found, problems = split(list(read_inputs([server.url("/feed")], fetcher=fetcher)))
    assert problems == []
    assert [a.source_format for a in found] == ["feed", "feed"]
    assert [a.origin for a in found] == [server.url("/feed") + "#1", server.url("/feed") + "#2"]


def test_a_url_to_plain_text(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/note.txt"] = Reply(
        body="El ministro habló en Quito.".encode("latin-1"),
        content_type="text/plain; charset=iso-8859-1",
    )
    (article,) = read_inputs([server.url("/note.txt")], fetcher=fetcher, lang="es")
    assert isinstance(article, Article)
    assert (article.text, article.lang) == ("El ministro habló en Quito.", "es")


def test_url_problems_are_errors_and_the_batch_goes_on(
    server: LocalServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    server.routes["/report.pdf"] = Reply(body=b"%PDF-1.7", content_type="application/pdf")
    server.routes["/private/page.html"] = Reply(body=fixture_bytes("nl_article.html"))
    (tmp_path / "local.txt").write_text("Een gewoon artikel.", encoding="utf-8")
    inputs = [
        server.url("/report.pdf"),
        server.url("/private/page.html"),
        server.url("/absent.html"),
        str(tmp_path / "local.txt"),
    ]
    found, problems = split(list(read_inputs(inputs, fetcher=fetcher)))
    assert [a.id for a in found] == ["local"]
    assert len(problems) == 3
    assert "application/pdf" in problems[0]
    assert "robots.txt" in problems[1]
    assert "HTTP 404" in problems[2]
    for url, problem in zip(inputs, problems, strict=False):
        assert problem.startswith(f"[E200] {url}: ")
