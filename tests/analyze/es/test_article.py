"""Spanish: dialogue dashes, «» quotes, negation and future cooperation."""

from __future__ import annotations

from eventwire import analyze
from eventwire.records import to_record

TEXT = (
    "Fuente: Agencia Ejemplo, 10 de abril de 2024\n\n"
    "El canciller colombiano, Luis Gilberto Murillo, se reunió el martes en Brasilia con su "
    "homólogo brasileño, Mauro Vieira. Ambos gobiernos acordaron ampliar la cooperación "
    "en la frontera.\n\n"
    "«Colombia y Brasil comparten una agenda común en la Amazonía», afirmó Murillo.\n\n"
    "—No aceptaremos presiones de nadie —dijo Vieira ante la prensa.\n\n"
    "El gobierno de Venezuela no firmó el acuerdo."
)


def test_speakers_of_guillemets_and_dialogue_dash() -> None:
    record = to_record(analyze(TEXT, lang="es", date="2024-04-10"))
    speakers = {q["speaker"].split()[-1] for q in record["quotes"]}
    assert speakers == {"Murillo", "Vieira"}


def test_meeting_agreement_and_negated_signing() -> None:
    record = to_record(analyze(TEXT, lang="es", date="2024-04-10"))
    keys = {
        (e["type"], frozenset({e["source_country"], e["target_country"]}), e["negated"])
        for e in record["events"]
    }
    assert ("CONSULT", frozenset({"COL", "BRA"}), False) in keys
    assert ("AGREE", frozenset({"COL", "BRA"}), False) in keys
    negated = [e for e in record["events"] if e["negated"]]
    assert negated and negated[0]["source_country"] == "VEN"


def test_a_compound_surname_is_one_person() -> None:
    record = to_record(
        analyze(
            "Miles de mineros marcharon contra Sánchez de Lozada en La Paz.",
            lang="es",
            date="2003-10-10",
        )
    )
    assert [(p["name"], p["country"]) for p in record["people"]] == [("Sánchez de Lozada", "BOL")]


def test_a_surname_is_not_a_later_office_holder() -> None:
    record = to_record(
        analyze("Sánchez dijo que la huelga seguirá en Bogotá.", lang="es", date="2003-10-10")
    )
    assert all(p["country"] != "ESP" for p in record["people"])
