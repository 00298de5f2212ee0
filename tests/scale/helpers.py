"""Shared by the scale tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from eventwire.model import Article

DEMO_DIR = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "demo"


def broken(article_id: str) -> Article:
    """An article no stage can read (its text is not a string): the task holding it raises,
    as a bug or a worker lost would make it."""
    return dataclasses.replace(Article(id=article_id, text=""), text=None)  # type: ignore[arg-type]
