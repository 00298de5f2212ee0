"""The analysis pipeline: a pure function `Article -> Document`.

A fixed sequence of stages, each `Document -> Document`, each declaring what
it requires and what it adds; the runner checks the order once at import.
The same function runs on a laptop and on a Dask worker.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.analyze.coref import add_actors
from eventwire.analyze.credits import add_credits
from eventwire.analyze.dates import add_dates
from eventwire.analyze.events import add_events
from eventwire.analyze.language import detect_language
from eventwire.analyze.mentions import add_mentions
from eventwire.analyze.quotes import add_quotes
from eventwire.analyze.text import segment
from eventwire.errors import PipelineError
from eventwire.model import Article, Document
from eventwire.packs.loader import available_languages


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: Callable[[Document], Document]
    requires: frozenset[str]
    adds: frozenset[str]


STAGES: tuple[Stage, ...] = (
    Stage("language", detect_language, frozenset(), frozenset({"lang"})),
    Stage("credits", add_credits, frozenset({"lang"}), frozenset({"credited_sources"})),
    Stage("dates", add_dates, frozenset({"credited_sources"}), frozenset({"dates"})),
    Stage("segment", segment, frozenset({"lang"}), frozenset({"sentences", "tokens"})),
    Stage(
        "mentions",
        add_mentions,
        frozenset({"tokens", "dates", "credited_sources"}),
        frozenset({"mentions"}),
    ),
    Stage("coref", add_actors, frozenset({"mentions"}), frozenset({"actors"})),
    Stage("quotes", add_quotes, frozenset({"actors", "sentences"}), frozenset({"quotes"})),
    Stage("events", add_events, frozenset({"actors", "dates"}), frozenset({"events"})),
)
LANGUAGE_STAGES = frozenset({"language"})


def check_order(stages: tuple[Stage, ...]) -> None:
    available: set[str] = set()
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {sorted(missing)}, added by no earlier stage"
            )
        available |= stage.adds


check_order(STAGES)


def run(article: Article, stages: tuple[Stage, ...] = STAGES) -> Document:
    doc = Document(article=article)
    supported = available_languages()
    for stage in stages:
        if stage.name not in LANGUAGE_STAGES and doc.lang not in supported:
            break  # no pack for this language: keep what is language-independent
        doc = stage.run(doc)
        doc = dataclasses.replace(doc, stages=(*doc.stages, stage.name))
    return doc


def analyze(
    text: str, *, lang: str | None = None, date: str | None = None, id: str = "doc"
) -> Document:
    """Analyze one article's text; `lang` skips detection, `date` anchors dates."""
    return run(Article(id=id, text=text, lang=lang, date=date))
