"""A crowd that assembles is holding a demonstration.

"unas 5.000 personas se reunieron en la plaza", "thousands gathered outside
parliament", "honderden studenten verzamelden zich": a verb of gathering whose
subject is a crowd is a rally (PROTEST, mode demo, CAMEO 141). With any other
subject the same verbs mean a meeting or a statement ("los ministros se
reunieron", "manifestó su apoyo"), and so they do when a word right after them
says so ("se reunieron con", "manifestaron que"). The verbs, those words and
the words that count a crowd are pack data (`gathering`, `gathering_blockers`,
`crowd_counts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.analyze.text import CLAUSE_BREAKS, is_one_of, preposition_roles
from eventwire.model import Document, Token
from eventwire.packs.loader import LanguagePack

MIN_CROWD = 20  # "300 personas"; "dos personas" are no crowd
CROWD_REACH = 12  # tokens from a crowd before the verb to the verb
INVERTED_REACH = 3  # "se reunieron sólo 300 personas"
COUNT_REACH = 2  # a count right before an actor makes it a crowd ("miles de palestinos")
ADJACENT = 2  # "300 manifestantes reunidos": a participle's subject may stand in a phrase


@dataclass(frozen=True, slots=True)
class Side:
    """An actor of the sentence, as this rule needs it."""

    first: int  # token index
    last: int
    crowd_role: bool  # protesters, students, residents...
    official: bool  # police, soldiers, officials: never a crowd, however many
    governed: bool  # inside a prepositional phrase


def gathering_verbs(
    doc: Document, pack: LanguagePack, sides: list[Side], first: int, end: int
) -> list[int]:
    """Token indexes of the verbs of gathering in tokens [first, end) whose
    subject is a crowd."""
    verbs = []
    for at in range(first, end):
        token = doc.tokens[at]
        if not is_one_of(token, pack.gathering):
            continue
        if at + 1 < end and doc.tokens[at + 1].lower in pack.gathering_blockers:
            continue
        if _gathers_a_crowd(doc, pack, at, end):
            continue  # "reúne a unos 4.500 empleados": the crowd is the object
        if _crowd_before(doc, pack, sides, first, at) or _crowd_after(doc, pack, sides, at, end):
            verbs.append(at)
    return verbs


def _crowd_before(
    doc: Document, pack: LanguagePack, sides: list[Side], first: int, at: int
) -> bool:
    start = at
    while start > max(first, at - CROWD_REACH) and doc.tokens[start - 1].lower not in CLAUSE_BREAKS:
        start -= 1
    before = [s for s in sides if start <= s.first and s.last < at]
    if before and before[-1].governed and at - before[-1].last > ADJACENT:
        before = [s for s in before if not s.governed]  # "ante el palacio": not the subject
    if not before:
        return _count_in(doc, pack, start, at)
    return _is_crowd(doc, pack, before[-1], first)


def _gathers_a_crowd(doc: Document, pack: LanguagePack, at: int, end: int) -> bool:
    after = at + 1
    return (
        after < end
        and _non_genitive_preposition(pack, doc.tokens[after])
        and _count_in(doc, pack, after + 1, min(end, after + 1 + INVERTED_REACH))
    )


def _crowd_after(doc: Document, pack: LanguagePack, sides: list[Side], at: int, end: int) -> bool:
    """ "se reunieron sólo 300 personas": a subject after the verb, where a reflexive
    marks the verb as intransitive ("moviliza unos 2.000 vehículos" has an object)."""
    near = doc.tokens[max(0, at - 1) : at + 2]
    if not any(t.lower in pack.reflexives for t in near):
        return False
    stop = min(end, at + 1 + INVERTED_REACH)
    for index in range(at + 1, stop):
        if doc.tokens[index].lower in CLAUSE_BREAKS or _non_genitive_preposition(
            pack, doc.tokens[index]
        ):
            return False
        if _is_count(doc, pack, index):
            return True
        side = next((s for s in sides if s.first == index), None)
        if side is not None:
            return not side.governed and _is_crowd(doc, pack, side, at + 1)
    return False


def _is_crowd(doc: Document, pack: LanguagePack, side: Side, first: int) -> bool:
    if side.crowd_role:
        return True
    if side.official:
        return False
    return _count_in(doc, pack, max(first, side.first - COUNT_REACH), side.first)


def _count_in(doc: Document, pack: LanguagePack, start: int, stop: int) -> bool:
    return any(_is_count(doc, pack, index) for index in range(start, stop))


def _is_count(doc: Document, pack: LanguagePack, index: int) -> bool:
    token = doc.tokens[index]
    if token.lower in pack.crowd_counts:
        return True
    if index > 0 and _non_genitive_preposition(pack, doc.tokens[index - 1]):
        return False  # "en 1996", "durante 30 minutos"
    return _number(token) >= MIN_CROWD and not _year(token)


def _non_genitive_preposition(pack: LanguagePack, token: Token) -> bool:
    """ "en", "durante", "a" but not "de": "más de 300" still counts a crowd."""
    return preposition_roles(pack.lang).get(token.lower, "of") != "of"


def _number(token: Token) -> int:
    digits = token.lower.replace(".", "").replace(",", "")
    return int(digits) if digits.isdigit() else 0


def _year(token: Token) -> bool:
    return token.lower.isdigit() and len(token.lower) == 4 and 1800 <= int(token.lower) <= 2100
