"""Bad input is reported and skipped; the rest of the batch goes on."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.files import read_inputs
from eventwire.model import Article


def test_text_markdown_and_jsonl_files_become_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("De minister sprak in Den Haag.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Titel\n\nEl ministro habló.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "x1", "text": "The minister spoke.", "lang": "en", "date": "2024-01-02"})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items)
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "b", "x1"]
    jsonl = next(i for i in items if isinstance(i, Article) and i.id == "x1")
    assert (jsonl.lang, jsonl.date) == ("en", "2024-01-02")


def test_broken_inputs_are_errors_in_the_stream(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Se reunió con él en Bogotá".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Een gewoon artikel.", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "ok", "text": "Fine."}\nnot json\n{"id": "no-text"}\n'
    )
    items = list(read_inputs([str(tmp_path)]))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    articles = [i.id for i in items if isinstance(i, Article)]
    assert sorted(articles) == ["good", "ok"]
    assert len(errors) == 5
    assert any("empty" in e for e in errors)
    assert any("binary" in e for e in errors)
    assert any("UTF-8" in e for e in errors)
    assert any("lines.jsonl:2" in e and "JSON" in e for e in errors)
    assert any("lines.jsonl:3" in e and "text" in e for e in errors)
    assert all(e.startswith("[E200]") for e in errors)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    items = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_provenance_of_text_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Tekst.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Texto.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "x", "body": "Text.", "author": "R. Roe", "url": "https://a.example/x"})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(tmp_path)], text_column="body"))
    found = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.source_format) for a in found] == [
        ("a", "text"),
        ("b", "markdown"),
        ("x", "jsonl"),
    ]
    assert found[0].origin == str(tmp_path / "a.txt")
    assert (found[2].author, found[2].url, found[2].origin) == (
        "R. Roe",
        "https://a.example/x",
        f"{tmp_path / 'c.jsonl'}:1",
    )


def test_standard_input_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (Path(__file__).parent / "fixtures" / "nl_article.html").read_bytes()
    for data, kind in [
        (page, "html"),
        (b'{"id": "s", "text": "Hoi."}\n', "jsonl"),
        (b"Hoi.", "text"),
    ]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        (item,) = read_inputs(["-"])
        assert isinstance(item, Article) and item.source_format == kind


def test_a_file_without_known_suffix_is_read_by_its_content(tmp_path: Path) -> None:
    (tmp_path / "page").write_bytes(
        (Path(__file__).parent / "fixtures" / "nl_article.html").read_bytes()
    )
    (item,) = read_inputs([str(tmp_path / "page")])
    assert isinstance(item, Article) and item.source_format == "html"
    assert item.author == "Anna de Vries"
