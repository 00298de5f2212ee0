"""HTML pages: main text without boilerplate, and the provenance the page declares."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.files import read_inputs
from eventwire.ingest.html_reader import extract_page, language_code, page_article
from eventwire.model import Article
from tests.ingest.helpers import FIXTURES, fixture_bytes


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_main_text_and_metadata_of_a_news_page() -> None:
    page = extract_page(fixture_bytes("nl_article.html"), origin="nl_article.html")
    assert "Venezolaanse ambtgenoot" in page.text
    assert "consulaire bijstand" in page.text
    for boilerplate in ("Voorpagina", "Lees ook", "Alle rechten"):
        assert boilerplate not in page.text
    assert page.title == "Minister bezoekt Caracas"
    assert page.author == "Anna de Vries"
    assert page.date == "2024-03-05"
    assert page.site == "De Proefkrant"
    assert page.url == "https://proefkrant.example/nieuws/minister-caracas"
    assert page.lang == "nl"


def test_an_html_file_becomes_an_article_with_provenance() -> None:
    article = only_article(list(read_inputs([str(FIXTURES / "nl_article.html")])))
    assert article.id == "nl_article"
    assert article.outlet == "De Proefkrant"
    assert article.author == "Anna de Vries"
    assert article.url == "https://proefkrant.example/nieuws/minister-caracas"
    assert (article.date, article.lang) == ("2024-03-05", "nl")
    assert article.source_format == "html"
    assert article.origin == str(FIXTURES / "nl_article.html")


def test_a_declared_charset_is_honoured() -> None:
    article = only_article(list(read_inputs([str(FIXTURES / "es_article_latin1.html")])))
    assert "se reunió el lunes en Bogotá" in article.text
    assert article.author == "Lucía Gómez"
    assert (article.lang, article.date, article.outlet) == ("es", "2023-11-20", "Diario de Prueba")


def test_the_given_charset_wins_over_guessing() -> None:
    data = "<html><body><article><p>Él habló en Bogotá con el ministro.</p></article></body></html>"
    page = extract_page(data.encode("cp1252"), origin="x", charset="cp1252")
    assert "Él habló en Bogotá" in page.text


def test_a_copyright_year_is_not_a_publication_date() -> None:
    page = extract_page(
        fixture_bytes("en_no_metadata.html"), origin="x", url="https://news.example/talks"
    )
    assert page.date is None
    assert page.site is None and page.host == "news.example"
    assert page.url == "https://news.example/talks"
    assert page.lang is None


def test_fallbacks_fill_what_the_page_lacks() -> None:
    page = extract_page(
        fixture_bytes("en_no_metadata.html"), origin="x", url="https://news.example/talks"
    )
    article = page_article(
        page,
        article_id="a1",
        origin="x",
        source_format="warc",
        lang="en",
        date="2024-02-01",
        author="Desk",
        outlet="Example Feed",
    )
    assert (article.date, article.lang, article.author) == ("2024-02-01", "en", "Desk")
    assert article.outlet == "Example Feed"  # a caller's outlet beats the bare host name
    assert article.title == "Talks resume"
    declared = page_article(
        extract_page(fixture_bytes("nl_article.html"), origin="x"),
        article_id="a2",
        origin="x",
        source_format="html",
        lang="en",
        date="1999-01-01",
    )
    assert (declared.lang, declared.date) == ("nl", "2024-03-05")  # the page's own win


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"<html><head><title>Menu</title></head><body><nav></nav></body></html>", "no main text"),
    ],
)
def test_pages_without_text_are_input_errors(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_page(data, origin="bad.html")
    assert str(caught.value).startswith("[E200] bad.html: ")
    assert problem in str(caught.value)


def test_a_bad_html_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_empty.html").write_bytes(b"")
    (tmp_path / "b_menu.htm").write_text("<html><body><script>var x = 1;</script></body></html>")
    (tmp_path / "c_good.html").write_bytes(fixture_bytes("nl_article.html"))
    items = list(read_inputs([str(tmp_path)]))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [i.id for i in items if isinstance(i, Article)] == ["c_good"]
    assert len(errors) == 2
    assert any("a_empty.html" in e and "empty" in e for e in errors)
    assert any("b_menu.htm" in e and "no main text" in e for e in errors)


@pytest.mark.parametrize(
    ("value", "code"),
    [("nl-NL", "nl"), ("es_ES", "es"), ("EN", "en"), ("und", None), ("", None), (None, None)],
)
def test_language_code(value: str | None, code: str | None) -> None:
    assert language_code(value) == code


def test_og_locale_declares_a_language() -> None:
    html = (
        b'<html><head><meta property="og:locale" content="es_ES"></head><body><article>'
        b"<p>El presidente viaj\xc3\xb3 a Quito para reunirse con su hom\xc3\xb3logo.</p>"
        b"</article></body></html>"
    )
    assert extract_page(html, origin="x").lang == "es"
