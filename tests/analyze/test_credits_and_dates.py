"""Credit lines, bylines, photo credits and dates anchored to the article."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.analyze.credits import find_credits
from eventwire.analyze.dates import find_dates
from eventwire.packs.loader import load_pack


def test_a_credit_block_with_glued_dates_and_language_tags() -> None:
    text = (
        "Bron: persbureau 3maart 2023 (SP)\nweekblad 4 maart 2023 (EN) ~~~\n\n"
        "Op vrijdag 3 maart sprak de minister."
    )
    credits, body_start = find_credits(text, load_pack("nl"), None)
    sources = [(c.outlet, c.date, c.lang, c.kind) for c in credits]
    assert sources == [
        ("persbureau", "2023-03-03", "es", "source"),
        ("weekblad", "2023-03-04", "en", "source"),
    ]
    assert text[body_start:].startswith("Op vrijdag")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "es",
            "Fuentes: Agencia Uno, Diario Dos\n\nEl ministro habló.",
            ["Agencia Uno", "Diario Dos"],
        ),
        ("en", "By Jane Roe\n\nThe minister spoke.", ["Jane Roe"]),
        ("en", "LIMA, June 4 (Wire Service) - The minister spoke.", ["Wire Service"]),
    ],
)
def test_source_lists_bylines_and_datelines(lang: str, text: str, expected: list[str]) -> None:
    credits, _ = find_credits(text, load_pack(lang), dt.date(2024, 6, 5))
    assert [c.outlet for c in credits] == expected


def test_photo_credit_at_the_end_but_not_a_caption() -> None:
    text = (
        "De minister sprak.\n\nTopfoto: De minister tijdens het bezoek aan de haven van de stad. "
        "Foto: Piet Smit (Stadspers)."
    )
    credits, _ = find_credits(text, load_pack("nl"), None)
    assert [(c.outlet, c.kind) for c in credits] == [("Piet Smit", "photo"), ("Stadspers", "photo")]


@pytest.mark.parametrize(
    ("lang", "text", "iso"),
    [
        ("nl", "Op woensdag 16 februari sprak hij.", "2022-02-16"),
        ("es", "El 3 de marzo de 2021 firmaron.", "2021-03-03"),
        ("en", "On March 3, the talks began.", "2022-03-03"),
        ("en", "Yesterday the talks began.", "2022-02-19"),
        ("nl", "Hij werd 20 jaar oud.", None),
    ],
)
def test_dates_take_the_anchor_year(lang: str, text: str, iso: str | None) -> None:
    found = find_dates(text, lang, dt.date(2022, 2, 20))
    assert (found[0].iso if found else None) == iso
