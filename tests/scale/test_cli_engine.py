"""`eventwire extract --engine dask`: the same JSON lines as the local engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from eventwire.serve.cli import app
from tests.scale.helpers import DEMO_DIR

runner = CliRunner()


def test_extract_on_a_running_cluster_writes_what_the_local_engine_writes(
    tmp_path: Path, dask_client: Any
) -> None:
    inputs = sorted(str(p) for p in DEMO_DIR.glob("*.jsonl"))
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    result = runner.invoke(app, ["extract", *inputs, "-o", str(local)])
    assert result.exit_code == 0, result.output
    address = dask_client.scheduler.address
    result = runner.invoke(app, ["extract", *inputs, "-o", str(dask), "--scheduler", address])
    assert result.exit_code == 0, result.output
    assert "42 articles written" in result.output
    assert dask.read_bytes() == local.read_bytes()


def test_extract_reports_bad_input_on_the_dask_engine_too(tmp_path: Path, dask_client: Any) -> None:
    (tmp_path / "good.txt").write_text("De Franse president bezocht Berlijn.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.jsonl"
    address = dask_client.scheduler.address
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out), "--scheduler", address])
    assert result.exit_code == 1
    assert "broken.txt" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_workers_without_the_dask_engine_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path), "--workers", "2"])
    assert result.exit_code == 2
    assert "--engine dask" in result.output
