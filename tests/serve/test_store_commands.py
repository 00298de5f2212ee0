"""The store commands: ingest, reanalyze, events, quotes, search, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.serve.cli import app
from tests.store.corpus import TRANSLATION_NL, story_records, write_jsonl

runner = CliRunner(env={"COLUMNS": "200"})  # rich tables at full width
PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Spain and Morocco sign a migration pact</title>
<meta name="author" content="Ana Ortiz"></head>
<body><article><h1>Spain and Morocco sign a migration pact</h1>
<p>Spain and Morocco signed an agreement on Thursday to cooperate on border controls and
the return of migrants, the Spanish interior ministry said in Madrid.</p>
<p>The two governments agreed to hold joint patrols along the coast from next month.</p>
</article></body></html>
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "mixed"
    (root / "nested").mkdir(parents=True)
    write_jsonl(root / "stories.jsonl", story_records()[:3] + story_records()[4:])
    # a text file has no metadata: its credit line dates it
    dated = "Bron: De Avondkrant 19 maart 2025\n\n" + TRANSLATION_NL
    (root / "nested" / "krant.txt").write_text(dated, encoding="utf-8")
    (root / "nested" / "note.md").write_text(
        "# Talks\n\nJapan and South Korea agreed on Monday to resume security talks.\n",
        encoding="utf-8",
    )
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    return root


@pytest.fixture()
def db(tmp_path: Path, folder: Path) -> Path:
    path = tmp_path / "store.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(path), "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_prints_counts_per_format_and_twice_adds_zero(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "twice.duckdb"
    first = runner.invoke(app, ["ingest", str(folder), "--db", str(path)])
    assert first.exit_code == 0, first.output
    for name in ("jsonl", "text", "markdown", "html"):
        assert name in first.stdout
    assert "articles added: 8" in first.stdout
    assert "failed: 0" in first.stdout
    counts = duckdb.connect(str(path), read_only=True)
    before = counts.sql("SELECT count(*) FROM events").fetchone()
    counts.close()
    second = runner.invoke(app, ["ingest", str(folder), "--db", str(path)])
    assert second.exit_code == 0, second.output
    assert "articles added: 0" in second.stdout
    assert "skipped (already stored): 8" in second.stdout
    assert "nothing new" in second.stdout
    counts = duckdb.connect(str(path), read_only=True)
    assert counts.sql("SELECT count(*) FROM events").fetchone() == before
    counts.close()


def test_ingest_reports_broken_input_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(TRANSLATION_NL, encoding="utf-8")
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "broken.txt" in result.output
    assert "articles added: 1" in result.stdout and "failed: 1" in result.stdout


def test_events_filters(db: Path) -> None:
    result = runner.invoke(
        app,
        ["events", "--db", str(db), "--dyad", "RUS-CHN", "--type", "consult", "--until",
         "2025-03-31", "--format", "jsonl"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article_id"] for r in rows} == {"wire-en", "courier-en", "diario-es", "krant"}
    assert all(r["type"] == "CONSULT" for r in rows)
    assert len({r["story_id"] for r in rows}) == 1
    assert all(r["num_sources"] == 4 for r in rows)

    spanish = runner.invoke(app, ["events", "--db", str(db), "--lang", "es", "--format", "csv"])
    records = list(csv.DictReader(io.StringIO(spanish.stdout)))
    assert records and {r["lang"] for r in records} == {"es"}

    later = runner.invoke(
        app,
        [
            "events",
            "--db",
            str(db),
            "--actor",
            "lavrov",
            "--since",
            "2025-04-01",
            "--format",
            "jsonl",
        ],
    )
    assert {json.loads(x)["article_id"] for x in later.stdout.splitlines()} == {"later-en"}

    until = runner.invoke(
        app, ["events", "--db", str(db), "--until", "2025-03-17", "--format", "jsonl"]
    )
    assert until.stdout.strip() == ""

    wide = {"COLUMNS": "200"}
    table = runner.invoke(app, ["events", "--db", str(db), "--type", "CONSULT"], env=wide)
    assert table.exit_code == 0 and "CONSULT" in table.stdout and "wire-en" in table.stdout


def test_events_rejects_unknown_type_and_bad_dyad(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--type", "MEET"])
    assert result.exit_code == 1 and "CONSULT" in result.output and "[E400]" in result.output
    result = runner.invoke(app, ["events", "--db", str(db), "--dyad", "VENRUS"])
    assert result.exit_code == 1 and "VEN-RUS" in result.output
    result = runner.invoke(app, ["events", "--db", str(db), "--since", "yesterday"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_query_commands_need_a_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "eventwire ingest" in result.output


def test_quotes_by_speaker_and_words(db: Path) -> None:
    result = runner.invoke(
        app,
        ["quotes", "--db", str(db), "--speaker", "lavrov", "--contains", "partner", "--format",
         "jsonl"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article_id"] for r in rows} == {"wire-en", "courier-en"}
    assert all("partnership" in r["text"] for r in rows)
    table = runner.invoke(
        app, ["quotes", "--db", str(db), "--contains", "asociación"], env={"COLUMNS": "200"}
    )
    assert "diario-es" in table.stdout


def test_search_articles_and_quotes(db: Path) -> None:
    result = runner.invoke(app, ["search", "partnership", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "quote" in result.stdout and "wire-en" in result.stdout
    spanish = runner.invoke(app, ["search", "Pekín", "--db", str(db), "--limit", "1"])
    assert "diario-es" in spanish.stdout
    # the index follows later writes
    extra = db.parent / "extra.jsonl"
    write_jsonl(
        extra,
        [{"id": "late", "lang": "en", "text": "Chile and Peru discussed fisheries quotas."}],
    )
    assert runner.invoke(app, ["ingest", str(extra), "--db", str(db)]).exit_code == 0
    assert "late" in runner.invoke(app, ["search", "fisheries", "--db", str(db)]).stdout


def test_export_every_format(db: Path, tmp_path: Path) -> None:
    for kind, target in (
        ("gdelt", tmp_path / "events.tsv"),
        ("csv", tmp_path / "events.csv"),
        ("jsonl", tmp_path / "events.jsonl"),
        ("parquet", tmp_path / "parquet"),
    ):
        result = runner.invoke(
            app, ["export", "--format", kind, "-o", str(target), "--db", str(db)]
        )
        assert result.exit_code == 0, result.output
        assert target.exists() and f"({kind})" in result.stdout
    first = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert len(first.split("\t")) == 61


def test_reanalyze_keeps_articles_and_rebuilds_derived_rows(db: Path) -> None:
    con = duckdb.connect(str(db))
    articles = con.sql("SELECT content_hash, article_seq, ingested_at FROM articles ORDER BY 2")
    before = articles.fetchall()
    events = con.sql("SELECT count(*) FROM events").fetchone()
    con.sql("DELETE FROM events WHERE type = 'CONSULT'")  # a lexicon that lost CONSULT
    con.close()
    result = runner.invoke(app, ["reanalyze", "--db", str(db), "--batch-size", "3"])
    assert result.exit_code == 0, result.output
    assert "reanalyzed 8 articles" in result.stdout
    con = duckdb.connect(str(db), read_only=True)
    assert con.sql("SELECT count(*) FROM events").fetchone() == events
    after = con.sql("SELECT content_hash, article_seq, ingested_at FROM articles ORDER BY 2")
    assert after.fetchall() == before
    con.close()


def test_store_commands_are_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for command in ("ingest", "reanalyze", "events", "quotes", "search", "export"):
        assert f"eventwire {command}" in readme
        assert runner.invoke(app, [command, "--help"]).exit_code == 0
