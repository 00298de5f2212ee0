"""`eventwire extract --text-column` names the CSV column (and JSON field) of the text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.serve.cli import app

runner = CliRunner()


def test_extract_reads_the_named_csv_column(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [
                ["id", "lang", "body"],
                ["c1", "en", "The French president met the German chancellor in Paris on Monday."],
            ]
        )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(path), "--text-column", "body", "-o", str(out)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (record["id"], record["lang"]) == ("c1", "en")
    assert {"FRA", "DEU"} <= set(record["countries"])

    result = runner.invoke(app, ["extract", str(path), "-o", str(out)])
    assert result.exit_code == 1
    shown = " ".join(result.output.split())  # rich wraps long lines
    assert "no column 'text'" in shown and "--text-column" in shown
