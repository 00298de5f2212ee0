"""The canonical seed article (../shared/eval, read only when present)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.analyze.pipeline import run
from eventwire.evaluate import score
from eventwire.model import Article
from eventwire.records import to_record


@pytest.fixture(scope="module")
def seed(shared_eval: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    gold = json.loads((shared_eval / "seed_gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    doc = run(Article(id=gold["id"], text=gold["text"], lang=None, date=gold.get("date")))
    return gold, to_record(doc)


def test_required_events_and_no_false_event(seed: tuple[dict[str, Any], dict[str, Any]]) -> None:
    gold, record = seed
    events = score({gold["id"]: gold}, {gold["id"]: record})["scores"]["all"]["events"]
    assert (events["tp"], events["fp"], events["fn"]) == (2, 0, 0), record["events"]


def test_quotes_countries_and_sources(seed: tuple[dict[str, Any], dict[str, Any]]) -> None:
    gold, record = seed
    scores = score({gold["id"]: gold}, {gold["id"]: record})["scores"]["all"]
    assert scores["quotes"]["tp"] >= 6
    assert set(record["countries"]) == {"VEN", "RUS"}
    sources = {(s["outlet"], s["date"], s["lang"]) for s in record["credited_sources"]}
    assert sources == {(s["outlet"], s["date"], s["lang"]) for s in gold["credited_sources"]}


def test_people_roles_and_meeting(seed: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, record = seed
    people = {p["name"].split()[-1]: p for p in record["people"]}
    assert people["Maduro"]["country"] == "VEN" and people["Maduro"]["role"] == "president"
    assert people["Borisov"]["country"] == "RUS"
    assert people["Borisov"]["role"] == "deputy_prime_minister"
    assert people["Padrino"]["country"] == "VEN" and people["Padrino"]["role"] == "defence_minister"
    meeting = next(e for e in record["events"] if e["type"] == "CONSULT")
    assert meeting["date"] == "2022-02-16"
    assert meeting["location"] == "Caracas"
