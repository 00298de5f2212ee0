"""The command line: extract (with bad input in the batch), eval and demo."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.serve.cli import app

runner = CliRunner()
ARTICLE_NL = (
    "Bron: dagblad 4 maart 2024 (NL)\n\n"
    "De Duitse bondskanselier Olaf Scholz ontmoette dinsdag in Parijs de Franse president "
    "Emmanuel Macron. \u201cWe staan samen achter Oekraïne,\u201d zei Scholz na afloop.\n"
)


def test_extract_writes_records_and_skips_broken_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE_NL, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["good"]
    record = records[0]
    assert record["lang"] == "nl"
    assert {"events", "quotes", "countries", "credited_sources", "people"} <= set(record)
    assert set(record["countries"]) >= {"DEU", "FRA", "UKR"}
    consult = [e for e in record["events"] if e["type"] == "CONSULT"]
    assert consult and {consult[0]["source_country"], consult[0]["target_country"]} == {
        "DEU",
        "FRA",
    }
    start, end = consult[0]["evidence"]["trigger"]
    assert ARTICLE_NL[start:end] == consult[0]["trigger"]
    assert record["quotes"][0]["speaker"] == "Olaf Scholz"
    assert record["credited_sources"][0]["outlet"] == "dagblad"


def test_extract_reads_stdin(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-", "--lang", "nl"], input=ARTICLE_NL)
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("{"))
    assert json.loads(line)["lang"] == "nl"


def test_eval_scores_predictions_against_gold(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "d1",
                "lang": "nl",
                "text": ARTICLE_NL,
                "events": [{"type": "CONSULT", "source_country": "FRA", "target_country": "DEU"}],
                "quotes": [],
                "countries": ["DEU", "FRA", "UKR"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["scores"]["all"]
    assert scores["events"]["tp"] == 1
    assert scores["countries"]["f1"] == 1.0


def test_demo_builds_a_store_and_summarises(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.exists()
    for word in ("articles added", "PLOVER type", "dyad", "quotes", "store:"):
        assert word in result.stdout
    again = runner.invoke(app, ["demo", "--db", str(db)])
    assert "articles added: 0" in again.stdout
