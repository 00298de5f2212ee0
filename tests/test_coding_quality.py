"""The coding-quality floors of issue 5, measured on the shared evaluation files
(skipped where ../shared/eval is not present). They guard against a change that
helps one file and quietly costs another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.analyze.pipeline import run
from eventwire.evaluate import score
from eventwire.model import Article
from eventwire.records import to_record
from tests.conftest import read_jsonl

DEV_FLOORS = {"event_types": 0.75, "events": 0.60}  # each language
DEV_ALL_FLOORS = {"quotes": 0.85, "countries": 0.90}
TYPE_FLOORS = {"plover_gsr_en": 0.70, "upetrarch_protest_es": 0.70}


def _scores(path: Path) -> dict[str, dict[str, Any]]:
    gold = {str(r["id"]): r for r in read_jsonl(path)}
    predictions = {
        key: to_record(run(Article(id=key, text=r["text"], lang=r.get("lang"), date=r.get("date"))))
        for key, r in gold.items()
    }
    scores: dict[str, dict[str, Any]] = score(gold, predictions)["scores"]
    return scores


def test_dev_news_floors_in_each_language(shared_eval: Path) -> None:
    scores = _scores(shared_eval / "dev_news.jsonl")
    for lang in ("nl", "es", "en"):
        for part, floor in DEV_FLOORS.items():
            assert scores[lang][part]["f1"] >= floor, (lang, part, scores[lang][part])
    for part, floor in DEV_ALL_FLOORS.items():
        assert scores["all"][part]["f1"] >= floor, (part, scores["all"][part])


@pytest.mark.parametrize("name", sorted(TYPE_FLOORS))
def test_event_type_floor_on_external_gold(shared_eval: Path, name: str) -> None:
    figures = _scores(shared_eval / f"{name}.jsonl")["all"]["event_types"]
    assert figures["f1"] >= TYPE_FLOORS[name], figures
