"""One compiled Aho-Corasick automaton per language over every known name.

States, organisations, roles, well-known people and cities are matched in
one pass over the lower-cased text (pyahocorasick), then filtered by word
boundaries and capitalisation, and overlaps are resolved longest first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ahocorasick
import simplemma

from eventwire.packs.loader import city_alternate_names, load_pack, load_shared

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


@functools.cache
def automaton(lang: str) -> ahocorasick.Automaton:
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
        surname = person.name.split()[-1]
        if len(surname) >= MIN_SURNAME and not simplemma.is_known(surname.lower(), lang=lang):
            add(surname, Entry("PERSON", str(index), "surname", surname))
    machine = ahocorasick.Automaton()
    for key, found in entries.items():
        machine.add_word(key, (key, tuple(found)))
    machine.make_automaton()
    return machine


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _cased(text: str, start: int, entry: Entry) -> bool:
    if entry.kind in CASED_KINDS or (entry.kind == "STATE" and entry.detail in ("name", "alias")):
        return text[start].isupper()
    return True


def find_hits(text: str, lang: str) -> list[Hit]:
    """Non-overlapping gazetteer hits, longest and most specific first."""
    lower = text.lower()
    if len(lower) != len(text):  # rare case-folding that changes length: match on a copy
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    candidates: list[Hit] = []
    for end_index, (key, found) in automaton(lang).iter(lower):
        start = end_index - len(key) + 1
        end = end_index + 1
        if not _boundary(lower, start, end):
            continue
        readings = [e for e in found if _cased(text, start, e)]
        if readings:
            best = max(KIND_PRIORITY[e.kind] for e in readings)
            chosen = tuple(e for e in readings if KIND_PRIORITY[e.kind] == best)
            candidates.append(Hit(start, end, chosen))
    candidates.sort(key=lambda h: (-(h.end - h.start), -KIND_PRIORITY[h.entry.kind], h.start))
    taken: list[Hit] = []
    occupied: set[int] = set()
    for hit in candidates:
        if any(i in occupied for i in range(hit.start, hit.end)):
            continue
        taken.append(hit)
        occupied.update(range(hit.start, hit.end))
    return sorted(taken, key=lambda h: h.start)
