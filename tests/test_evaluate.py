"""Our scorer gives the same numbers as ../shared/eval/score.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from eventwire.evaluate import match_events, match_quotes, score
from tests.conftest import SHARED_EVAL

GOLD = {
    "a": {
        "lang": "nl",
        "events": [
            {"type": "CONSULT", "source_country": "VEN", "target_country": "RUS"},
            {"type": "SUPPORT", "source_country": "FRA", "target_country": "DEU", "joint": True},
            {"type": "ACCUSE", "source_country": "USA", "target_country": "CHN", "optional": True},
        ],
        "quotes": [{"speaker": "Ana María Pérez", "text": "no vamos a ceder ante nadie"}],
        "countries": ["VEN", "RUS"],
    },
    "b": {
        "lang": "en",
        "events": [
            {"type": "ASSAULT", "source_country": "RUS", "target_country": "UKR", "negated": True}
        ],
    },
}
PRED = {
    "a": {
        "events": [
            {"type": "CONSULT", "source_country": "RUS", "target_country": "VEN"},
            {"type": "SUPPORT", "source_country": "DEU", "target_country": "FRA"},
            {"type": "ACCUSE", "source_country": "USA", "target_country": "CHN"},
            {"type": "REQUEST", "source_country": "VEN", "target_country": None},
        ],
        "quotes": [{"speaker": "Pérez", "text": "Vamos a ceder, dijo"}],
        "countries": ["VEN", "COL"],
    },
    "b": {"events": [{"type": "ASSAULT", "source_country": "RUS", "target_country": "UKR"}]},
}


def test_symmetric_joint_and_optional_events() -> None:
    assert match_events(GOLD["a"]["events"], PRED["a"]["events"], loose=False) == (2, 1, 0)


def test_negated_events_match_only_negated_events() -> None:
    assert match_events(GOLD["b"]["events"], PRED["b"]["events"], loose=False) == (0, 1, 1)


def test_quotes_match_on_last_name_and_half_the_tokens() -> None:
    assert match_quotes(GOLD["a"]["quotes"], PRED["a"]["quotes"]) == (1, 0, 0)


def _reference() -> Any:
    spec = importlib.util.spec_from_file_location("reference_score", SHARED_EVAL / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_numbers_as_the_reference_scorer(tmp_path: Path, shared_eval: Path) -> None:
    reference = _reference().score(GOLD, PRED)
    ours = score(GOLD, PRED)
    for scope, parts in reference["scores"].items():
        for name, figures in parts.items():
            assert ours["scores"][scope][name] == figures, (scope, name)


def test_same_numbers_on_our_demo_gold(demo_gold: dict[str, Any], shared_eval: Path) -> None:
    from eventwire.analyze.pipeline import run
    from eventwire.model import Article
    from eventwire.records import to_record

    predictions = {
        k: json.loads(
            json.dumps(
                to_record(run(Article(id=k, text=v["text"], lang=v["lang"], date=v.get("date"))))
            )
        )
        for k, v in list(demo_gold.items())[::3]
    }
    gold = {k: demo_gold[k] for k in predictions}
    reference = _reference().score(gold, predictions)
    ours = score(gold, predictions)
    for scope, parts in reference["scores"].items():
        for name, figures in parts.items():
            assert ours["scores"][scope][name] == figures, (scope, name)
