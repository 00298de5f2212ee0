"""Triggers: where the pack's event patterns match a sentence, and the actor
units the coder places around them.

A pattern is matched on lower-cased tokens or their lemmas; "~" in a pattern
is a gap of up to `MAX_GAP` tokens that does not cross clause punctuation.
Where patterns overlap the longest wins, and at equal length a NONE row.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from eventwire.analyze.text import unaccented
from eventwire.model import Document, Token
from eventwire.packs.loader import EventPattern, load_pack
from eventwire.packs.schema import NOT_AN_EVENT

GAP = "~"
MAX_GAP = 5  # Dutch split verbs: "wees de kritiek van de EU af"
CLAUSE_PUNCTUATION = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "«", "»"})


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: EventPattern
    first: int  # token index
    last: int  # token index, inclusive
    words: tuple[int, ...] = ()  # indexes of the tokens the pattern's words matched (no gaps)
    announced: bool = False  # called for or announced by a governing act


@dataclass(frozen=True, slots=True)
class Unit:
    """An actor mention in the sentence, as the event coder sees it."""

    mention: int
    actor: int
    country: str | None
    first: int  # token index
    last: int
    preposition: str | None  # the preposition role that governs it, if any


@functools.cache
def pattern_index(lang: str) -> dict[str, tuple[EventPattern, ...]]:
    """Patterns by their first word, and by that word without accents: wire
    headlines in capitals often lose them ("PROTESTAS EN MERIDA")."""
    index: dict[str, list[EventPattern]] = {}
    for pattern in load_pack(lang).events:
        first = pattern.tokens[0]
        index.setdefault(first, []).append(pattern)
        if unaccented(first) != first:
            index.setdefault(unaccented(first), []).append(pattern)
    return {k: tuple(v) for k, v in index.items()}


def _token_matches(token: Token, word: str, contractions: dict[str, tuple[str, ...]]) -> bool:
    """A pattern word matches the token, its lemma, a word it contracts (Spanish
    "del" = "de el", "al" = "a el"), or, for a token written without accents,
    the word without its accents."""
    lower = token.lower
    if lower == word or token.lemma == word:
        return True
    if contractions and word in contractions.get(lower, ()):
        return True
    return not word.isascii() and lower.isascii() and lower == unaccented(word)


def _match_at(
    tokens: tuple[Token, ...],
    i: int,
    end: int,
    pattern: EventPattern,
    contractions: dict[str, tuple[str, ...]],
) -> tuple[int, ...] | None:
    """Indexes of the tokens the words of `pattern` match from token i (what a gap
    skips is not among them), or None."""
    position = i + 1
    matched = [i]
    words = pattern.tokens[1:]
    k = 0
    while k < len(words):
        word = words[k]
        if word == GAP:
            target = words[k + 1]
            for skip in range(MAX_GAP + 1):
                if position + skip >= end:
                    return None
                if _token_matches(tokens[position + skip], target, contractions):
                    matched.append(position + skip)
                    position += skip + 1
                    break
                if tokens[position + skip].lower in CLAUSE_PUNCTUATION:
                    return None
            else:
                return None
            k += 2
            continue
        if position >= end or not _token_matches(tokens[position], word, contractions):
            return None
        matched.append(position)
        position += 1
        k += 1
    return tuple(matched)


def find_triggers(doc: Document, first: int, end: int, lang: str) -> list[Trigger]:
    index = pattern_index(lang)
    contractions = load_pack(lang).contractions
    found: list[Trigger] = []
    for i in range(first, end):
        token = doc.tokens[i]
        candidates = index.get(token.lower, ())
        if token.lemma != token.lower and token.lemma in index:
            candidates = tuple(dict.fromkeys(candidates + index[token.lemma]))
        for pattern in candidates:
            words = _match_at(doc.tokens, i, end, pattern, contractions)
            if words is not None:
                found.append(Trigger(pattern, i, words[-1], words))
    # longest first; at equal length a NONE row wins, as it exists to block a reading
    found.sort(key=lambda t: (-(len(t.pattern.tokens)), t.pattern.type != NOT_AN_EVENT, t.first))
    kept: list[Trigger] = []
    for trigger in found:
        if any(trigger.first <= k.last and k.first <= trigger.last for k in kept):
            continue
        kept.append(trigger)
    return sorted(kept, key=lambda t: t.first)
