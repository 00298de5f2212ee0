"""A crowd that gathers is holding a rally; ministers who gather are meeting."""

from __future__ import annotations

import pytest

from tests.analyze.coded import coded_events as _events


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cerca de 4.000 personas se congregaron el viernes en el centro de Arequipa.", "es"),
        ("En Cusco se reunieron unas 800 personas frente a la catedral.", "es"),
        ("Los estudiantes y los docentes manifestaron el martes en Santiago de Chile.", "es"),
        ("Thousands of Peruvians gathered in the main square of Arequipa on Friday.", "en"),
        ("Honderden Peruanen verzamelden zich vrijdag op het plein van Arequipa.", "nl"),
    ],
)
def test_a_crowd_gathering_is_a_rally(text: str, lang: str) -> None:
    events = _events(text, lang)
    assert [(e["type"], e["cameo"]) for e in events] == [("PROTEST", "141")]
    assert (
        "a crowd gathering is a rally" in events[0]["explanation"]
        or "events.tsv" in (events[0]["explanation"])
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los cancilleres de Perú y Chile se reunieron el viernes en Lima.", "es"),
        ("Cientos de campesinos se reunieron con el ministro de Agricultura peruano.", "es"),
        ("The foreign ministers of Peru and Chile gathered in Lima on Friday.", "en"),
    ],
)
def test_officials_gathering_or_a_crowd_meeting_someone_is_no_rally(text: str, lang: str) -> None:
    assert "PROTEST" not in {e["type"] for e in _events(text, lang)}


def test_a_crowd_that_is_gathered_is_the_object_not_the_subject() -> None:
    text = "La federación peruana de mineros reúne a unos 9.000 trabajadores."
    assert "PROTEST" not in {e["type"] for e in _events(text, "es")}


def test_a_crowd_stating_something_is_no_rally() -> None:
    text = "Miles de peruanos manifestaron su apoyo al nuevo gobierno."
    assert "PROTEST" not in {e["type"] for e in _events(text, "es")}


def test_police_are_no_crowd_however_many() -> None:
    text = "Unos 3.000 policías peruanos se movilizaron el lunes en Arequipa."
    assert "PROTEST" not in {e["type"] for e in _events(text, "es")}


def test_a_count_after_a_verb_without_reflexive_is_its_object() -> None:
    text = "El puerto peruano del Callao moviliza unos 2.000 contenedores cada día."
    assert _events(text, "es") == []


def test_students_mobilising_are_holding_a_rally() -> None:
    text = "Unos 500 estudiantes peruanos se movilizaron el lunes en Arequipa."
    assert [(e["type"], e["cameo"]) for e in _events(text, "es")] == [("PROTEST", "141")]
