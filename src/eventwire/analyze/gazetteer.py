"""One compiled Aho-Corasick automaton per language over every known name.

States, organisations, roles, well-known people and cities are matched in
one pass over the lower-cased text (pyahocorasick), then filtered by word
boundaries and capitalisation, and overlaps are resolved longest first.

The compiled form (`Gazetteer`) is built once per language and kept on disk
by `eventwire.packs.loader.cached`, keyed by the pack files, this code and the
installed data packages. What capitalisation decides is settled at build
time: every form carries the readings that stand when the match starts with a
capital and those that stand when it does not.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from eventwire.packs.loader import (
    cached,
    city_alternate_names,
    fingerprint,
    installed,
    load_pack,
    load_shared,
    pack_key,
)

KIND_PRIORITY = {"PERSON": 5, "ORG": 4, "STATE": 3, "PLACE": 2, "ROLE": 1}
MIN_CITY_POPULATION = 50_000
MIN_SURNAME = 4  # shorter surnames alone ("Li", "Kim") are too ambiguous
CASED_KINDS = frozenset({"PERSON", "ORG", "PLACE"})


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # STATE, ORG, ROLE, PERSON, PLACE
    key: str  # iso3, org id, role, person index, city index
    detail: str  # state kind, sector
    form: str


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entries: tuple[Entry, ...]  # all readings of the winning kind ("Castro": several people)

    @property
    def entry(self) -> Entry:
        return self.entries[0]


RawEntry = tuple[str, str, str, str]  # an Entry's fields: plain tuples pickle ten times faster
# per form: its length, the readings kept when the match starts with a capital, and those
# kept when it does not (only the best kind of each; empty when none stands)
RawRow = tuple[int, tuple[RawEntry, ...], tuple[RawEntry, ...]]
Row = tuple[int, tuple[Entry, ...], int, tuple[Entry, ...], int]


class Gazetteer:
    """The compiled gazetteer of one language: lower-cased form -> row number."""

    __slots__ = ("_rows", "machine", "raw")

    def __init__(self, machine: ahocorasick.Automaton, raw: list[RawRow]) -> None:
        self.machine = machine
        self.raw = raw
        self._rows: dict[int, Row] = {}

    def row(self, number: int) -> Row:
        """(length, readings if capitalised, their priority, readings if not, priority)."""
        row = self._rows.get(number)
        if row is None:
            length, upper, lower = self.raw[number]
            up = tuple(Entry(*e) for e in upper)
            low = tuple(Entry(*e) for e in lower)
            row = (
                length,
                up,
                KIND_PRIORITY[up[0].kind] if up else 0,
                low,
                KIND_PRIORITY[low[0].kind] if low else 0,
            )
            self._rows[number] = row
        return row

    def __reduce__(self) -> tuple[object, ...]:
        return (Gazetteer, (self.machine, self.raw))


def _cased(entry: Entry) -> bool:
    """Does this reading stand only when the match starts with a capital?"""
    return entry.kind in CASED_KINDS or (
        entry.kind == "STATE" and entry.detail in ("name", "alias")
    )


def _best(readings: list[Entry]) -> tuple[RawEntry, ...]:
    if not readings:
        return ()
    best = max(KIND_PRIORITY[e.kind] for e in readings)
    return tuple(
        (e.kind, e.key, e.detail, e.form) for e in readings if KIND_PRIORITY[e.kind] == best
    )


def build(lang: str) -> Gazetteer:
    """Compile the gazetteer of `lang` from its pack, the shared knowledge and GeoNames."""

    pack = load_pack(lang)
    shared = load_shared()
    entries: dict[str, list[Entry]] = {}

    def add(form: str, entry: Entry) -> None:
        key = form.lower()
        if len(key) >= 2:
            entries.setdefault(key, []).append(entry)

    alternates = city_alternate_names()
    for index, city in enumerate(shared.cities):
        if city.population >= MIN_CITY_POPULATION or city.is_capital:
            entry = Entry("PLACE", str(index), "capital" if city.is_capital else "", city.name)
            add(city.name, entry)
            for name in alternates.get((city.name, city.country), ()):
                if name.lower() not in pack.function_words and name.lower() not in pack.months:
                    add(name, entry)
    for form, (iso3, kind) in pack.states.items():
        add(form.rstrip("-"), Entry("STATE", iso3, kind, form))
    for form, org_id in pack.organizations.items():
        add(form, Entry("ORG", org_id, "", form))
    for form, (role, sector) in pack.roles.items():
        add(form, Entry("ROLE", role, sector, form))
    for index, person in enumerate(shared.people):
        for form in person.forms:
            add(form, Entry("PERSON", str(index), "", form))
        words = person.name.split()
        for k in range(2, len(words) - 1):
            if words[k].lower() in pack.name_particles:
                # "Sánchez de Lozada": a compound surname is one, whole
                compound = " ".join(words[k - 1 :])
                add(compound, Entry("PERSON", str(index), "surname", compound))
                break
        surname = words[-1]
        named_already = any(
            e.kind == "STATE" and e.detail == "name" for e in entries.get(surname.lower(), ())
        )
        if (
            len(surname) >= MIN_SURNAME
            and surname.lower() not in pack.function_words
            and not named_already  # "Montenegro" alone is the state, not Luís Montenegro
        ):
            add(surname, Entry("PERSON", str(index), "surname", surname))
    machine = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    raw: list[RawRow] = []
    for key, found in entries.items():
        machine.add_word(key, len(raw))
        raw.append((len(key), _best(found), _best([e for e in found if not _cased(e)])))
    machine.make_automaton()
    return Gazetteer(machine, raw)


@functools.cache
def gazetteer(lang: str) -> Gazetteer:
    """The compiled gazetteer of `lang`, from the disk cache when it is current."""
    key = fingerprint(pack_key(lang), Path(__file__), installed("simplemma", "ahocorasick"))
    return cached(f"gazetteer-{lang}", key, lambda: build(lang), Gazetteer)


def find_hits(text: str, lang: str) -> list[Hit]:
    """Non-overlapping gazetteer hits, longest and most specific first."""
    lower = text.lower()
    if len(lower) != len(text):  # rare case-folding that changes length: match on a copy
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    compiled = gazetteer(lang)
    row = compiled.row
    size = len(lower)
    candidates: list[tuple[int, int, tuple[Entry, ...], int]] = []
    for end_index, number in compiled.machine.iter(lower):
        length, upper, upper_rank, other, other_rank = row(number)
        start = end_index - length + 1
        end = end_index + 1
        if (start > 0 and lower[start - 1].isalnum()) or (end < size and lower[end].isalnum()):
            continue  # not a whole word
        if text[start].isupper():
            if upper:
                candidates.append((start, end, upper, upper_rank))
        elif other:
            candidates.append((start, end, other, other_rank))
    candidates.sort(key=lambda c: (c[0] - c[1], -c[3], c[0]))
    taken: list[Hit] = []
    occupied = bytearray(size)
    for start, end, chosen, _ in candidates:
        if occupied.find(1, start, end) != -1:
            continue
        taken.append(Hit(start, end, chosen))
        occupied[start:end] = b"\x01" * (end - start)
    taken.sort(key=lambda h: h.start)
    return taken
