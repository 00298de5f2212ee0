"""eventwire: who did what to whom, when and where, and who said what — with the evidence."""

from eventwire.analyze.pipeline import analyze
from eventwire.model import (
    Actor,
    Article,
    CreditedSource,
    DateMention,
    Document,
    Event,
    Mention,
    Quote,
    Sentence,
    Span,
    Token,
)

__all__ = [
    "Actor",
    "Article",
    "CreditedSource",
    "DateMention",
    "Document",
    "Event",
    "Mention",
    "Quote",
    "Sentence",
    "Span",
    "Token",
    "analyze",
]
__version__ = "0.1.0"
