"""English: passive voice, reported speech and capitals standing for governments."""

from __future__ import annotations

from eventwire import analyze
from eventwire.records import to_record

TEXT = (
    "By Jane Roe\n\n"
    "Three opposition activists were arrested by police in Caracas on Monday, their lawyers said. "
    "The European Union condemned the arrests.\n\n"
    '"This is a clear attack on democracy," said Josep Borrell, the EU foreign policy chief. '
    "Beijing rejected the criticism of its trade policy."
)


def test_passive_arrest_is_domestic_coercion() -> None:
    record = to_record(analyze(TEXT, lang="en", date="2024-01-15"))
    coerce = [e for e in record["events"] if e["type"] == "COERCE"]
    assert coerce and (coerce[0]["source_country"], coerce[0]["target_country"]) == ("VEN", "VEN")


def test_organisation_actor_and_capital_as_government() -> None:
    record = to_record(analyze(TEXT, lang="en", date="2024-01-15"))
    keys = {(e["type"], e["source_country"]) for e in record["events"]}
    assert ("ACCUSE", "EU") in keys
    assert ("REJECT", "CHN") in keys
    assert "CHN" in record["countries"]


def test_quote_speaker_after_the_quote() -> None:
    record = to_record(analyze(TEXT, lang="en", date="2024-01-15"))
    assert [q["speaker"] for q in record["quotes"]] == ["Josep Borrell"]
