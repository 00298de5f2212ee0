"""Dutch: people with titles, coreference, quotes and events on text we wrote."""

from __future__ import annotations

from eventwire import analyze
from eventwire.records import to_record

TEXT = (
    "Bron: voorbeeldkrant 5 juni 2024\n\n"
    "De Franse president Emmanuel Macron heeft dinsdag in Parijs een ontmoeting gehad met "
    "de Duitse bondskanselier Olaf Scholz. De twee leiders bespraken de steun aan Oekraïne.\n\n"
    "„We zullen Oekraïne blijven helpen,” zei de Franse president na afloop. "
    "„Daar is geen twijfel over.”\n\n"
    "De Russische regering veroordeelde de afspraken. Moskou dreigde met tegenmaatregelen."
)


def test_people_roles_and_countries() -> None:
    record = to_record(analyze(TEXT, lang="nl", date="2024-06-05"))
    people = {p["name"]: p for p in record["people"]}
    assert people["Emmanuel Macron"]["country"] == "FRA"
    assert people["Olaf Scholz"]["country"] == "DEU"
    assert set(record["countries"]) >= {"FRA", "DEU", "UKR", "RUS"}


def test_quotes_are_attributed_through_the_role() -> None:
    record = to_record(analyze(TEXT, lang="nl", date="2024-06-05"))
    speakers = [q["speaker"] for q in record["quotes"]]
    assert speakers == ["Emmanuel Macron", "Emmanuel Macron"]


def test_meeting_is_consult_between_the_two_states() -> None:
    record = to_record(analyze(TEXT, lang="nl", date="2024-06-05"))
    consult = [e for e in record["events"] if e["type"] == "CONSULT"]
    assert {consult[0]["source_country"], consult[0]["target_country"]} == {"FRA", "DEU"}
    assert consult[0]["location"] == "Parijs"
    assert consult[0]["date"] == "2024-06-04"
    types = {(e["type"], e["source_country"]) for e in record["events"]}
    assert ("ACCUSE", "RUS") in types
    assert ("THREATEN", "RUS") in types
