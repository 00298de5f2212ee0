"""The quality gate: minimum F1 per language on our own demo gold.

The floors live in tests/quality_floors.json next to the SHA-256 of the demo
corpus. If the corpus changes, the hash check fails until the floors are
re-measured and written down deliberately (`python scripts/pin_quality.py`);
floors are never lowered silently.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from eventwire.analyze.pipeline import run
from eventwire.evaluate import score
from eventwire.model import Article
from eventwire.records import to_record
from tests.conftest import DEMO_DIR, LANGUAGES, REPO

FLOORS = json.loads((REPO / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


def corpus_hash() -> str:
    digest = hashlib.sha256()
    for lang in LANGUAGES:
        digest.update((DEMO_DIR / f"{lang}.jsonl").read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def demo_scores(demo_gold: dict[str, Any]) -> dict[str, Any]:
    predictions = {
        k: to_record(run(Article(id=k, text=v["text"], lang=v["lang"], date=v.get("date"))))
        for k, v in demo_gold.items()
    }
    return score(demo_gold, predictions)["scores"]


def test_floors_belong_to_this_corpus() -> None:
    assert FLOORS["corpus_sha256"] == corpus_hash(), (
        "the demo corpus changed: re-measure and pin the floors with scripts/pin_quality.py"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("part", ["events", "event_types", "quotes", "countries"])
def test_f1_is_at_least_the_floor(demo_scores: dict[str, Any], lang: str, part: str) -> None:
    floor = FLOORS["f1"][lang][part]
    assert demo_scores[lang][part]["f1"] >= floor, (lang, part, demo_scores[lang][part])
