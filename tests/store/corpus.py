"""Short articles written for these tests (never copied from an evaluation set).

One report in English from a wire, the same report syndicated by a second
outlet under another headline with a trailing credit, its Spanish and Dutch
translations, and unrelated articles: another story on the same day, and a
later meeting of the same two ministers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BODY_EN = (
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing "
    "on Tuesday to discuss trade and security in Asia. The two ministers agreed to expand "
    "cooperation on energy and to hold another round of talks in Moscow in the autumn.\n"
    "\u201cOur partnership does not depend on the situation elsewhere,\u201d Lavrov told "
    "reporters after the meeting. Wang said China and Russia would keep working together at "
    "the United Nations.\n"
)
WIRE_EN = "Lavrov and Wang hold talks in Beijing\n\n" + BODY_EN
SYNDICATED_EN = (
    "Russia and China vow closer ties\n\n" + BODY_EN + "\nDistributed by Northern Wire\n"
)
TRANSLATION_ES = (
    "Lavrov y Wang Yi conversan en Pekín\n\n"
    "El ministro de Asuntos Exteriores de Rusia, Serguéi Lavrov, se reunió el martes en Pekín "
    "con su homólogo chino, Wang Yi, para tratar el comercio y la seguridad en Asia. Los dos "
    "ministros acordaron ampliar la cooperación en materia de energía y celebrar otra ronda "
    "de conversaciones en Moscú en otoño.\n"
    "\u00abNuestra asociación no depende de la situación en otros lugares\u00bb, dijo Lavrov a "
    "los periodistas tras la reunión. Wang afirmó que China y Rusia seguirán trabajando "
    "juntos en las Naciones Unidas.\n"
)
TRANSLATION_NL = (
    "Lavrov en Wang Yi overleggen in Peking\n\n"
    "De Russische minister van Buitenlandse Zaken Sergej Lavrov heeft dinsdag in Peking zijn "
    "Chinese ambtgenoot Wang Yi ontmoet om te praten over handel en veiligheid in Azië. De "
    "twee ministers kwamen overeen de samenwerking op het gebied van energie uit te breiden.\n"
    "\u201cOnze samenwerking hangt niet af van de situatie elders,\u201d zei Lavrov na afloop "
    "tegen journalisten.\n"
)
OTHER_SAME_DAY = (
    "Poland expels Belarusian diplomat\n\n"
    "Poland expelled a Belarusian diplomat on Tuesday and accused Belarus of organising "
    "illegal crossings at the border. The Polish foreign ministry said the decision was "
    "final. Belarus condemned the expulsion and threatened to respond.\n"
)
LATER_MEETING = (
    "Lavrov and Wang meet again in Moscow\n\n"
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Moscow "
    "on Wednesday, three weeks after their talks in Beijing. The ministers discussed a "
    "planned visit by the Chinese president and criticised new Western sanctions.\n"
)

STORY_DATE = "2025-03-18"


def story_records() -> list[dict[str, Any]]:
    """The syndicated story in three outlets and two more languages, plus two others."""
    return [
        {
            "id": "wire-en",
            "text": WIRE_EN,
            "lang": "en",
            "date": STORY_DATE,
            "outlet": "Northern Wire",
            "url": "https://northernwire.example/world/lavrov-wang",
            "title": "Lavrov and Wang hold talks in Beijing",
        },
        {
            "id": "courier-en",
            "text": SYNDICATED_EN,
            "lang": "en",
            "date": STORY_DATE,
            "outlet": "Daily Courier",
            "url": "https://courier.example/2025/03/18/russia-china",
            "title": "Russia and China vow closer ties",
        },
        {
            "id": "diario-es",
            "text": TRANSLATION_ES,
            "lang": "es",
            "date": "2025-03-19",
            "outlet": "Diario del Sur",
            "url": "https://diariodelsur.example/mundo/lavrov-wang",
        },
        {
            "id": "krant-nl",
            "text": TRANSLATION_NL,
            "lang": "nl",
            "date": "2025-03-19",
            "outlet": "De Avondkrant",
        },
        {
            "id": "other-en",
            "text": OTHER_SAME_DAY,
            "lang": "en",
            "date": STORY_DATE,
            "outlet": "Northern Wire",
        },
        {
            "id": "later-en",
            "text": LATER_MEETING,
            "lang": "en",
            "date": "2025-04-09",
            "outlet": "Northern Wire",
        },
    ]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def synthetic_records(count: int) -> list[dict[str, Any]]:
    """Many distinct small articles (for crash and batch tests)."""
    states = [
        ("France", "Germany"),
        ("Spain", "Portugal"),
        ("Japan", "South Korea"),
        ("Brazil", "Argentina"),
        ("Kenya", "Ethiopia"),
    ]
    records = []
    for n in range(count):
        first, second = states[n % len(states)]
        day = 1 + n % 28
        records.append(
            {
                "id": f"synthetic-{n:04d}",
                "lang": "en",
                "date": f"2024-{1 + n % 12:02d}-{day:02d}",
                "text": (
                    f"{first} and {second} held talks on trade on day {n} of the review. "
                    f"Officials from {first} criticised {second} over tariffs in round {n}, "
                    f"and {second} rejected the criticism. Report number {n}.\n"
                ),
            }
        )
    return records
