"""Fuzzing the analyzers: any text, in any of our languages, gives a Document
whose spans all lie inside the text (dateparser-style fuzz corpus, made here)."""

from __future__ import annotations

import random

import pytest

from eventwire import analyze
from eventwire.records import to_record

PIECES = [
    "De president",
    "el ministro",
    "the army",
    "Rusland",
    "Venezuela",
    "EE.UU.",
    "U.S.",
    "zei",
    "dijo",
    "said",
    "ontmoeting",
    "reunión",
    "met",
    "aanval",
    "ataque",
    "attacked",
    "sancties",
    "sanctions",
    "“",
    "”",
    '"',
    "'",
    "«",
    "»",
    "—",
    ",",
    ".",
    ":",
    "\n",
    "\n\n",
    "Bron:",
    "Fuente:",
    "Source:",
    "Foto:",
    "16 februari 2022",
    "3 de marzo",
    "March 3,",
    "Nicolás Maduro",
    "Joeri Borisov",
    "(SP)",
    "(EN)",
    "~~~",
    "en",
    "y",
    "and",
    "niet",
    "no",
    "not",
    "Moskou",
    "Caracas",
    "VN",
    "ONU",
    "NATO",
    "",
    " ",
    "ü",
    "ñ",
    "’s",
    "-",
    "…",
]


def random_text(seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))


@pytest.mark.parametrize("lang", ["nl", "es", "en", None])
def test_random_texts_never_break_the_pipeline(lang: str | None) -> None:
    for seed in range(60):
        text = random_text(seed)
        doc = analyze(text, lang=lang, date="2024-01-01")
        record = to_record(doc)
        for event in doc.events:
            assert 0 <= event.trigger.start < event.trigger.end <= len(text)
        for quote in doc.quotes:
            assert 0 <= quote.span.start <= quote.span.end <= len(text)
        assert isinstance(record["countries"], list)
