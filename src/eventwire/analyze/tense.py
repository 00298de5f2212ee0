"""Polarity and tense of one trigger: is the act negated, announced or held?

Cues are read in windows around the trigger that never cross a clause break.
The facts behind them are pack data: `negation` particles and `denial` verbs
before the trigger (and after it where the language puts them there,
`negation_after`); `future` words, `future_forms` and `future_suffixes` for an
act announced or intended; `continuation` verbs for an act under way; `past`
words for an announced act dated to a time gone by.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from eventwire.analyze.text import CLAUSE_BREAKS, has_cue, unaccented
from eventwire.model import Document, Token
from eventwire.packs.loader import LanguagePack

NEGATION_WINDOW = 4  # "no ha firmado todavía", "did not formally sign"
DENIAL_WINDOW = 6  # "denied that officials had held talks"
FUTURE_WINDOW = 8
CONTINUATION_REACH = 3  # "continuarán sus protestas"
PAST_REACH = 4  # "convocó un paro el pasado 8 de agosto"
SUBJECT_VERB_REACH = 3  # "las negociaciones con el gobierno se reanudarán" is too far


@dataclass(frozen=True, slots=True)
class Tense:
    negated: bool
    future: bool  # announced or intended, not done
    held: bool  # dated to a time gone by ("el pasado 8 de agosto")


def clause_before(doc: Document, at: int, first: int, reach: int) -> tuple[Token, ...]:
    """Up to `reach` tokens before token `at`, not across clause punctuation."""
    window = doc.tokens[max(first, at - reach) : at]
    breaks = [i for i, t in enumerate(window) if t.lower in CLAUSE_BREAKS]
    return window[breaks[-1] + 1 :] if breaks else window


def read_tense(
    doc: Document,
    pack: LanguagePack,
    trigger: tuple[int, int, tuple[int, ...]],
    first: int,
    end: int,
    announced: bool,
) -> Tense:
    """`trigger` is (first token, last token, matched word indexes); `first` and
    `end` bound the sentence; `announced` is set when a call governs the act."""
    start, last, words = trigger
    before = _since_clause(doc.tokens[max(first, start - DENIAL_WINDOW) : start], pack)
    after = _until_clause(doc.tokens[last + 1 : min(end, last + 1 + pack.negation_after)], pack)
    # a negation inside the pattern ("not return to work") is part of its meaning
    negated = (
        has_cue(before[-NEGATION_WINDOW:], pack.negation)
        or has_cue(before, pack.denial)
        or has_cue(after, pack.negation)
    )
    clause = clause_before(doc, start, first, FUTURE_WINDOW)
    future = (
        announced
        or has_cue(clause, pack.future)
        or any(t.lower in pack.future_forms for t in clause)
        or any(_future_inflection(doc.tokens[i], pack) for i in words)
    )
    if not future and start > first and doc.tokens[start - 1].lower in pack.articles:
        # "las negociaciones se reanudarán": a named act takes the tense of the
        # verb it is the subject of
        verb = _until_clause(doc.tokens[last + 1 : min(end, last + 1 + SUBJECT_VERB_REACH)], pack)
        future = any(
            _future_inflection(t, pack)
            and t.lemma not in pack.continuation  # "las protestas continuarán"
            and t.lemma not in pack.passive_aux  # "las marchas serán controladas"
            for t in verb
        )
    near = [doc.tokens[i] for i in words] + list(clause[-CONTINUATION_REACH:])
    if has_cue(near, pack.continuation):
        future = False  # "continuarán sus protestas": the protest is under way
    later = doc.tokens[last + 1 : min(end, last + 1 + PAST_REACH)]
    held = any(t.lower in pack.past for t in (*clause[-PAST_REACH:], *later))
    return Tense(negated=negated, future=future, held=held)


def _since_clause(tokens: tuple[Token, ...], pack: LanguagePack) -> tuple[Token, ...]:
    """The tokens after the last clause break or coordinator ("se negó a reconocer
    su derrota y convocará protestas": the refusal is not the call's negation)."""
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].lower in CLAUSE_BREAKS or tokens[index].lower in pack.coordinators:
            return tokens[index + 1 :]
    return tokens


def _until_clause(tokens: tuple[Token, ...], pack: LanguagePack) -> tuple[Token, ...]:
    """The tokens before the next clause ("advirtió que no dialogará": the "no"
    belongs to the clause that "que" opens, "se reunieron y firmarán" to "y")."""
    for index, token in enumerate(tokens):
        if (
            token.lower in pack.clause_openers
            or token.lower in CLAUSE_BREAKS
            or token.lower in pack.coordinators
        ):
            return tokens[:index]
    return tokens


@functools.cache
def _bare(suffixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(unaccented(suffix) for suffix in suffixes)


def _future_inflection(token: Token, pack: LanguagePack) -> bool:
    """A synthetic future or conditional ending on an inflected verb; in a headline
    in capitals the accent is often dropped ("PROTESTARAN" is "protestarán")."""
    if token.lemma == token.lower:
        return False  # not an inflected form: "artillería" is no conditional
    if token.text.isupper() and len(token.text) > 1:
        return unaccented(token.lower).endswith(_bare(pack.future_suffixes))
    return token.lower.endswith(pack.future_suffixes)
