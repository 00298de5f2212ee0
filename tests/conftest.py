"""Shared fixtures. No test touches the network; evaluation files are read from
../shared/eval only when that folder exists, and those tests skip otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"
DEMO_DIR = REPO / "src" / "eventwire" / "demo"
LANGUAGES = ("nl", "es", "en")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.fixture(scope="session")
def demo_gold() -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for lang in LANGUAGES:
        for record in read_jsonl(DEMO_DIR / f"{lang}.jsonl"):
            records[record["id"]] = record
    return records


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    return SHARED_EVAL
