"""What the coder makes of one text, for tests that assert on events."""

from __future__ import annotations

from typing import Any

from eventwire import analyze
from eventwire.records import to_record


def coded_events(text: str, lang: str) -> list[dict[str, Any]]:
    return list(to_record(analyze(text, lang=lang))["events"])


def coded_types(text: str, lang: str) -> set[str]:
    return {e["type"] for e in coded_events(text, lang)}
