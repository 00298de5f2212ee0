"""CSV and TSV files: one article per row, a configurable text column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest.csv_reader import delimiter_of, read_csv
from eventwire.ingest.files import read_inputs
from eventwire.model import Article


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | InputError]) -> list[str]:
    return [str(i) for i in items if isinstance(i, InputError)]


def test_rows_become_articles_with_the_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    write_csv(
        path,
        [
            ["id", "Title", "text", "date", "language", "link", "source", "author"],
            ["n1", "Overleg", "De minister sprak, zoals verwacht, met de bonden.", "2024-01-02",
             "nl", "https://a.example/1", "Krant A", "P. Jansen"],
            ["", "", "El ministro habló con los sindicatos.", "", "", "", "", ""],
        ],
    )  # fmt: skip
    items = list(read_inputs([str(path)], lang="es"))
    assert errors(items) == []
    first, second = articles(items)
    assert (first.id, first.title, first.date, first.lang) == ("n1", "Overleg", "2024-01-02", "nl")
    assert (first.url, first.outlet, first.author) == (
        "https://a.example/1",
        "Krant A",
        "P. Jansen",
    )
    assert first.text == "De minister sprak, zoals verwacht, met de bonden."
    assert (first.source_format, first.origin) == ("csv", f"{path}:2")
    assert second.id == f"{path}:3" and second.lang == "es" and second.title is None


def test_the_text_column_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    write_csv(path, [["id", "body"], ["b1", "The minister met the unions."]])
    assert [a.text for a in articles(list(read_inputs([str(path)], text_column="body")))] == [
        "The minister met the unions."
    ]
    problems = errors(list(read_inputs([str(path)])))
    assert len(problems) == 1
    assert "no column 'text'" in problems[0] and "'body'" in problems[0]
    assert "--text-column" in problems[0]


def test_tsv_and_semicolon_files(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.tsv", [["text", "id"], ["Eerste, met komma.", "t1"]], "\t")
    write_csv(tmp_path / "b.csv", [["id", "text"], ["s1", "Segunda; con punto y coma."]], ";")
    items = list(read_inputs([str(tmp_path)]))
    assert errors(items) == []
    assert [(a.id, a.text) for a in articles(items)] == [
        ("t1", "Eerste, met komma."),
        ("s1", "Segunda; con punto y coma."),
    ]


def test_quoted_newlines_and_long_texts(tmp_path: Path) -> None:
    long_text = "De minister sprak. " * 10_000  # 190 000 characters, over csv's default limit
    path = tmp_path / "long.csv"
    write_csv(path, [["id", "text"], ["m1", "Regel een.\nRegel twee."], ["m2", long_text]])
    found = articles(list(read_inputs([str(path)])))
    assert [a.text for a in found] == ["Regel een.\nRegel twee.", long_text]


def test_an_empty_row_is_an_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    write_csv(path, [["id", "text"], ["e1", "   "], ["e2", "Texto."]])
    items = list(read_inputs([str(path)]))
    assert [a.id for a in articles(items)] == ["e2"]
    (problem,) = errors(items)
    assert problem.startswith(f"[E200] {path}:2: ") and "empty 'text'" in problem


def test_a_broken_csv_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('id,text\nx1,"ok"\nx2,"never closed\n', encoding="utf-8")
    items = list(read_csv(path.read_text(), str(path), None))
    assert [a.id for a in articles(items)] == ["x1"]
    assert len(errors(items)) == 1 and "broken.csv:3" in errors(items)[0]


@pytest.mark.parametrize(
    ("header", "expected"),
    [("id,text,date", ","), ("id;text;date", ";"), ("id\ttext", "\t"), ("text", ",")],
)
def test_delimiter_of(header: str, expected: str) -> None:
    assert delimiter_of(header) == expected
