"""Gold scoring: the same numbers as ../shared/eval/score.py on the same files.

Events are compared per document as sets of (type, source state, target
state, negated), unordered for CONSULT, AGREE, COOPERATE and for gold events
marked `joint`; optional gold events are neither required nor errors.
Quotes match on the speaker's last name and half the shorter text's tokens.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from eventwire.model import SYMMETRIC_TYPES

TOKEN = re.compile(r"\w+", re.UNICODE)
Tally = tuple[int, int, int]
EventKey = tuple[Any, ...]


def _code(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip().upper()
    return text or None


def event_key(event: Mapping[str, Any], *, loose: bool, undirected: bool = False) -> EventKey:
    kind = _code(event.get("type"))
    negated = bool(event.get("negated", False))
    if loose:
        return (kind, negated)
    source, target = _code(event.get("source_country")), _code(event.get("target_country"))
    if kind in SYMMETRIC_TYPES or undirected or event.get("joint"):
        ordered = sorted([source or "", target or ""])
        return (kind, ordered[0], ordered[1], negated)
    return (kind, source, target, negated)


def match_events(
    gold: list[Mapping[str, Any]], predicted: list[Mapping[str, Any]], *, loose: bool
) -> Tally:
    required = {event_key(e, loose=loose) for e in gold if not e.get("optional")}
    optional = {event_key(e, loose=loose) for e in gold if e.get("optional")} - required
    joint = {event_key(e, loose=loose) for e in gold if e.get("joint")}
    keys = set()
    for event in predicted:
        undirected = event_key(event, loose=loose, undirected=True)
        keys.add(undirected if undirected in joint else event_key(event, loose=loose))
    return len(keys & required), len(keys - required - optional), len(required - keys)


def _tokens(text: str | None) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text or "")]


def quote_match(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    gold_name, predicted_name = _tokens(gold.get("speaker")), _tokens(predicted.get("speaker"))
    if (gold_name[-1:] or [""]) != (predicted_name[-1:] or [""]):
        return False
    a, b = set(_tokens(gold.get("text"))), set(_tokens(predicted.get("text")))
    return bool(a and b) and len(a & b) >= 0.5 * min(len(a), len(b))


def match_quotes(gold: list[Mapping[str, Any]], predicted: list[Mapping[str, Any]]) -> Tally:
    used: set[int] = set()
    hits = 0
    for quote in gold:
        for index, candidate in enumerate(predicted):
            if index not in used and quote_match(quote, candidate):
                used.add(index)
                hits += 1
                break
    return hits, len(predicted) - hits, len(gold) - hits


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "p": round(precision, 3),
        "r": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def score(
    gold: Mapping[str, Mapping[str, Any]], predicted: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    tallies: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    missing = 0
    for doc_id, record in gold.items():
        prediction = predicted.get(doc_id)
        if prediction is None:
            missing += 1
            prediction = {}
        scopes = ("all", str(record.get("lang", "?")))
        gold_events = record.get("events", [])
        predicted_events = prediction.get("events", [])
        parts: dict[str, Tally] = {
            "events": match_events(gold_events, predicted_events, loose=False),
            "event_types": match_events(gold_events, predicted_events, loose=True),
        }
        if "quotes" in record:
            parts["quotes"] = match_quotes(record["quotes"], prediction.get("quotes", []))
        if "countries" in record:
            g = {_code(c) for c in record["countries"]}
            p = {_code(c) for c in prediction.get("countries", [])}
            parts["countries"] = (len(g & p), len(p - g), len(g - p))
        for event_type in _types(gold_events, predicted_events):
            parts[f"type:{event_type}"] = match_events(
                [e for e in gold_events if _code(e.get("type")) == event_type],
                [e for e in predicted_events if _code(e.get("type")) == event_type],
                loose=False,
            )
        for name, (tp, fp, fn) in parts.items():
            for scope in scopes:
                tally = tallies[(scope, name)]
                tally[0] += tp
                tally[1] += fp
                tally[2] += fn
    result: dict[str, Any] = {"documents": len(gold), "missing_predictions": missing, "scores": {}}
    for (scope, name), (tp, fp, fn) in sorted(tallies.items()):
        result["scores"].setdefault(scope, {})[name] = prf(tp, fp, fn)
    return result


def _types(*event_lists: Iterable[Mapping[str, Any]]) -> set[str]:
    return {t for events in event_lists for e in events if (t := _code(e.get("type")))}
