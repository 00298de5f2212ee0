"""Measure the demo-gold scores and pin them as the quality floors.

usage: python scripts/pin_quality.py [--margin 0.02]

Writes tests/quality_floors.json: for each language and part (events,
event_types, quotes, countries) the F1 measured now minus a small margin,
and the SHA-256 of the demo corpus. Run it only on purpose, after a change
that improves the scores or after changing the corpus; the diff of the
floors file shows any lowering for review.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import DEMO_DIR, LANGUAGES, read_jsonl  # noqa: E402
from tests.test_quality_gate import corpus_hash  # noqa: E402

from eventwire.analyze.pipeline import run  # noqa: E402
from eventwire.evaluate import score  # noqa: E402
from eventwire.model import Article  # noqa: E402
from eventwire.records import to_record  # noqa: E402

PARTS = ("events", "event_types", "quotes", "countries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--margin", type=float, default=0.02)
    args = parser.parse_args()
    gold = {r["id"]: r for lang in LANGUAGES for r in read_jsonl(DEMO_DIR / f"{lang}.jsonl")}
    predictions = {
        k: to_record(run(Article(id=k, text=v["text"], lang=v["lang"], date=v.get("date"))))
        for k, v in gold.items()
    }
    scores = score(gold, predictions)["scores"]
    floors = {
        lang: {
            part: max(0.0, math.floor((scores[lang][part]["f1"] - args.margin) * 100) / 100)
            for part in PARTS
        }
        for lang in LANGUAGES
    }
    out = {
        "corpus_sha256": corpus_hash(),
        "f1": floors,
        "measured": {
            lang: {part: scores[lang][part]["f1"] for part in PARTS} for lang in LANGUAGES
        },
    }
    path = ROOT / "tests" / "quality_floors.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out["measured"], indent=2))


if __name__ == "__main__":
    main()
