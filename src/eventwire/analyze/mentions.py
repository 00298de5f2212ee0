"""Stage: mentions of states, organisations, people, roles and places.

Gazetteer hits (packs) and capitalised name runs (unknown people) become
mentions; then titles are composed with names: a role with its state
("de Russische vicepremier", "el canciller venezolano", "the president of
Venezuela") followed or preceded by a name ("…, Joeri Borisov") becomes one
PERSON mention carrying role, sector and country. A role without a name
stays a ROLE mention ("het Venezolaanse staatshoofd", "the army").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import simplemma

from eventwire.analyze.dates import parse_iso
from eventwire.analyze.gazetteer import Hit, find_hits
from eventwire.analyze.text import is_one_of
from eventwire.model import Document, Mention, Span, Token
from eventwire.packs.loader import LanguagePack, Person, load_pack, load_shared

GAP_TOKEN = re.compile(r"[’']s\b|\w+|[^\w\s]")
MAX_NAME_TOKENS = 4


@dataclass(slots=True)
class Draft:
    """A mention being built; frozen into a `Mention` at the end."""

    kind: str
    start: int
    end: int
    name: str
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    key: str | None = None
    head: Span | None = None
    lat: float | None = None
    lon: float | None = None
    state_kind: str | None = None
    attached: bool = False


def choose_person(hit: Hit, when: dt.date | None) -> Person:
    people = load_shared().people
    readings = [people[int(e.key)] for e in hit.entries]

    def active(person: Person) -> bool:
        if when is None:
            return person.end is None
        start, end = parse_iso(person.start), parse_iso(person.end)
        return (start is None or start <= when) and (end is None or when <= end)

    current = [p for p in readings if active(p)]
    if current:
        return current[0]
    # known, but not in office at the article's date: keep the state, drop the office
    return dataclasses.replace(readings[0], role="former_" + readings[0].role)


def _surname_of_later_office_holder(hit: Hit, when: dt.date | None) -> bool:
    if when is None or any(e.detail != "surname" for e in hit.entries):
        return False
    people = load_shared().people
    starts = [parse_iso(people[int(e.key)].start) for e in hit.entries]
    return all(start is not None and start > when for start in starts)


def drafts_from_hits(doc: Document, hits: list[Hit], when: dt.date | None) -> list[Draft]:
    shared = load_shared()
    drafts = []
    for hit in hits:
        entry = hit.entry
        name = doc.text[hit.start : hit.end]
        draft = Draft(kind=entry.kind, start=hit.start, end=hit.end, name=name)
        if entry.kind == "STATE":
            draft.country, draft.key, draft.state_kind = entry.key, entry.key, entry.detail
        elif entry.kind == "ORG":
            org = shared.organizations[entry.key]
            draft.country, draft.sector, draft.key = org.actor_code, org.sector, org.org_id
            draft.name = name
        elif entry.kind == "ROLE":
            draft.role, draft.sector = entry.key, entry.detail
        elif entry.kind == "PERSON":
            if _surname_of_later_office_holder(hit, when):
                continue  # "Sánchez" in 2003 is not the prime minister of 2018
            person = choose_person(hit, when)
            draft.key, draft.country = person.person_id, person.country
            draft.role, draft.sector = person.role, person.sector
            draft.head = Span(start=hit.start, end=hit.end)
        elif entry.kind == "PLACE":
            city = max(
                (shared.cities[int(e.key)] for e in hit.entries),
                key=lambda c: (c.is_capital, c.population),
            )
            draft.country, draft.lat, draft.lon = city.country, city.lat, city.lon
            draft.key = "capital" if city.is_capital else None
        drafts.append(draft)
    return drafts


def is_acronym(token: Token) -> bool:
    return 2 <= len(token.text) <= 6 and token.text.isupper() and token.text.isalpha()


def shouting_sentences(doc: Document) -> frozenset[int]:
    """Sentences written in capitals (headlines): their capitals say nothing about names."""
    found = set()
    for number, sentence in enumerate(doc.sentences):
        tokens = doc.tokens[sentence.first_token : sentence.last_token]
        if sum(t.text.isupper() for t in tokens if t.text.isalpha()) > len(tokens) / 2:
            found.add(number)
    return frozenset(found)


def acronyms(
    doc: Document, pack: LanguagePack, occupied: list[Span], shouting: frozenset[int]
) -> list[Draft]:
    """Unknown all-capital words ("CDA", "CGT", "PTI") name organisations."""
    taken = bytearray(len(doc.text) + 1)
    for span in occupied:
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    drafts = []
    for number, sentence in enumerate(doc.sentences):
        if number in shouting:
            continue
        for token in doc.tokens[sentence.first_token : sentence.last_token]:
            if not is_acronym(token) or any(taken[token.start : token.end]):
                continue
            if token.lower in pack.function_words or token.lower in pack.months:
                continue
            drafts.append(
                Draft(kind="ORG", start=token.start, end=token.end, name=token.text, sector=None)
            )
    return drafts


def is_name_token(token: Token, pack: LanguagePack, sentence_start: bool) -> bool:
    if not token.is_title or not token.text[0].isalpha():
        return False
    if is_acronym(token):  # an organisation, not a person's name
        return False
    if token.lower in pack.function_words or token.lower in pack.months:
        return False
    if token.lower in pack.weekdays:
        return False
    return not (sentence_start and simplemma.is_known(token.lower, lang=pack.lang))


def _apposed_pair(tokens: tuple[Token, ...], i: int, end: int, pack: LanguagePack) -> bool:
    """ "Jaime Solares, líder de la COB, acusó": two capitalised words that open
    the sentence and are set off by a comma are a name, even when both are
    also words of the language."""
    return i + 2 < end and is_name_token(tokens[i + 1], pack, False) and tokens[i + 2].text == ","


def name_runs(
    doc: Document, pack: LanguagePack, occupied: list[Span], shouting: frozenset[int]
) -> list[Draft]:
    """Capitalised runs that look like people's names ("Nicolás Maduro", "Padrino López")."""
    runs: list[tuple[Token, ...]] = []
    tokens = doc.tokens
    taken = bytearray(len(doc.text) + 1)
    for span in occupied:
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)

    def is_taken(token: Token) -> bool:
        return any(taken[token.start : token.end])

    for number, sentence in enumerate(doc.sentences):
        if number in shouting:
            continue
        i = sentence.first_token
        while i < sentence.last_token:
            token = tokens[i]
            starts_name = is_name_token(token, pack, i == sentence.first_token) or (
                i == sentence.first_token
                and is_name_token(token, pack, False)
                and i + 1 < sentence.last_token
                and (
                    is_name_token(tokens[i + 1], pack, True)
                    or _apposed_pair(tokens, i, sentence.last_token, pack)
                )
            )
            if is_taken(token) or not starts_name:
                i += 1
                continue
            j = i + 1
            while j < sentence.last_token:
                nxt = tokens[j]
                if is_taken(nxt):
                    break
                if is_name_token(nxt, pack, False):
                    j += 1
                elif (
                    nxt.lower in pack.name_particles
                    and j + 1 < sentence.last_token
                    and is_name_token(tokens[j + 1], pack, False)
                ):
                    j += 2
                else:
                    break
            if j - i <= MAX_NAME_TOKENS:
                runs.append(tokens[i:j])
            i = j
    drafts = []
    for run in runs:
        start, end = run[0].start, run[-1].end
        is_org = any(t.lower in pack.organization_words for t in run)
        if is_org and len(run) == 1:
            continue
        drafts.append(
            Draft(
                kind="ORG" if is_org else "PERSON",
                start=start,
                end=end,
                name=doc.text[start:end],
                head=Span(start=start, end=end),
            )
        )
    return drafts


def _gap_words(text: str) -> list[str]:
    return [w.lower() for w in GAP_TOKEN.findall(text)]


def _gap_is(text: str, allowed: frozenset[str]) -> bool:
    return all(w in allowed for w in _gap_words(text))


def compose(doc: Document, drafts: list[Draft], pack: LanguagePack) -> list[Draft]:
    """Attach states to roles and roles to names; returns drafts in text order."""
    text = doc.text
    drafts.sort(key=lambda d: d.start)
    of_words = pack.preposition("of") | pack.articles | {"'s", "’s"}
    tight = pack.articles | {","}

    def gap(a: Draft, b: Draft) -> str:
        return text[a.end : b.start]

    def same_line(a: Draft, b: Draft) -> bool:
        return "\n" not in gap(a, b)

    # 1. role + state: "Russische vicepremier", "canciller venezolano", "president van Venezuela"
    for i, role in enumerate(drafts):
        if role.kind != "ROLE":
            continue
        before = drafts[i - 1] if i > 0 else None
        after = drafts[i + 1] if i + 1 < len(drafts) else None
        if (
            before is not None
            and before.kind == "STATE"
            and not before.attached
            and same_line(before, role)
            and _gap_is(gap(before, role), of_words)
        ):
            _attach_state(role, before)
        elif (
            after is not None
            and after.kind in ("STATE", "ORG")
            and same_line(role, after)
            and _gap_is(gap(role, after), of_words)
            and _no_bare_article(_gap_words(gap(role, after)), pack)
            and (
                after.kind == "ORG" or after.state_kind in ("adjective", "name", "alias", "demonym")
            )
        ):
            _attach_state(role, after)
    # 2. a person "of" an organisation or state: "Lim Jock Hoi of ASEAN"
    for i, person in enumerate(drafts[:-1]):
        after = drafts[i + 1]
        if person.kind != "PERSON" or person.country is not None or not after.country:
            continue
        words = _gap_words(gap(person, after))
        if (
            after.kind in ("ORG", "STATE")
            and same_line(person, after)
            and bool(words)
            and words[0] in pack.preposition("of")
            and all(w in of_words for w in words)
        ):
            person.country = after.country
    # 3. role + name, or name + role, into one PERSON
    free = [d for d in drafts if not (d.kind == "STATE" and d.attached)]
    for at, person in enumerate(free):
        if person.kind != "PERSON":
            continue
        title = _adjacent_role(free, at, tight | of_words, gap, same_line)
        if title is None:
            continue
        title.attached = True
        person.role = person.role or title.role
        person.sector = person.sector or title.sector
        if title.country and (person.country is None or person.key is None):
            person.country = title.country
        person.start, person.end = min(person.start, title.start), max(person.end, title.end)
        for other in drafts:
            if other.kind == "STATE" and person.start <= other.start and other.end <= person.end:
                other.attached = True
    return [d for d in drafts if not (d.kind == "ROLE" and d.attached)]


def _no_bare_article(words: list[str], pack: LanguagePack) -> bool:
    """ "president van Venezuela" or "canciller venezolano", but not "de reservisten
    een Oekraïens dorp": after an article alone the state belongs to the next noun."""
    return not words or any(w in pack.preposition("of") for w in words)


def _attach_state(role: Draft, state: Draft) -> None:
    role.country = state.country
    state.attached = True
    role.start, role.end = min(role.start, state.start), max(role.end, state.end)


def _adjacent_role(
    free: list[Draft],
    at: int,
    allowed: frozenset[str],
    gap: Callable[[Draft, Draft], str],
    same_line: Callable[[Draft, Draft], bool],
) -> Draft | None:
    """The title of free[at]: an apposition after it (", minister van Defensie")
    wins over a title before it, as it is the more specific one. `free` are the
    drafts in text order without the states already inside a title."""
    person = free[at]
    before = free[at - 1] if at > 0 else None
    after = free[at + 1] if at + 1 < len(free) else None
    if (
        after is not None
        and after.kind == "ROLE"
        and not after.attached
        and same_line(person, after)
    ):
        words = _gap_words(gap(person, after))
        if words and words[0] == "," and all(w in allowed for w in words):
            if (
                before is not None
                and before.kind == "ROLE"
                and _gap_is(gap(before, person), allowed)
            ):
                before.attached = True
            return after
    if (
        before is not None
        and before.kind == "ROLE"
        and not before.attached
        and same_line(before, person)
    ) and _gap_is(gap(before, person), allowed):
        return before
    return None


def freeze(draft: Draft) -> Mention:
    return Mention(
        kind=draft.kind,
        span=Span(start=draft.start, end=draft.end),
        name=draft.name,
        country=draft.country,
        role=draft.role,
        sector=draft.sector,
        key=draft.key,
        head=draft.head,
        lat=draft.lat,
        lon=draft.lon,
        state_kind=draft.state_kind,
        attached=draft.attached,
    )


def find_mentions(doc: Document) -> tuple[Mention, ...]:
    pack = load_pack(doc.lang or "en")
    when = parse_iso(doc.anchor_date)
    credit_spans = [c.span for c in doc.credited_sources]
    hits = [
        h
        for h in find_hits(doc.text, pack.lang)
        if not any(Span(start=h.start, end=h.end).overlaps(c) for c in credit_spans)
    ]
    hits = _drop_places_inside_names(doc, hits, pack)
    drafts = drafts_from_hits(doc, hits, when)
    occupied = [Span(start=d.start, end=d.end) for d in drafts] + credit_spans
    shouting = shouting_sentences(doc)
    drafts += name_runs(doc, pack, occupied, shouting)
    drafts += acronyms(doc, pack, occupied, shouting)
    drafts = _merge_adjacent_people(doc, drafts)
    drafts = _link_surnames(_drop_lone_words(compose(doc, drafts, pack), doc, pack))
    return tuple(freeze(d) for d in drafts)


def _drop_places_inside_names(doc: Document, hits: list[Hit], pack: LanguagePack) -> list[Hit]:
    """'Antony Blinken' is a person, not the French town Antony, and 'Trade Union
    Congress' is no US Congress: a place or organisation name written next to
    another unknown capitalised word is part of a longer name."""
    starts = {t.start: t for t in doc.tokens}
    ends = {t.end: t for t in doc.tokens}
    # a role written with capitals ("Trade Union Congress") is part of a proper name
    covered = {i for h in hits if h.entry.kind != "ROLE" for i in range(h.start, h.end)}
    role_ends = {h.end for h in hits if h.entry.kind == "ROLE"}
    kept = []
    for hit in hits:
        if (
            hit.entry.kind == "PLACE"
            and hit.start - 1 in role_ends
            and doc.text[hit.start - 1] == " "
        ):
            continue  # "el presidente Toledo": a title names a person, not the city
        if hit.entry.kind in ("PLACE", "ORG"):
            following = starts.get(hit.end + 1) if doc.text[hit.end : hit.end + 1] == " " else None
            preceding = (
                ends.get(hit.start - 1) if doc.text[hit.start - 1 : hit.start] == " " else None
            )
            if any(
                t is not None and t.start not in covered and is_name_token(t, pack, False)
                for t in (following, preceding)
            ):
                continue
        kept.append(hit)
    return kept


def _drop_lone_words(drafts: list[Draft], doc: Document, pack: LanguagePack) -> list[Draft]:
    """A single unknown capitalised word is a person only with a title, as the
    surname of a full name elsewhere in the article, or next to a speech verb."""
    surnames = {
        d.name.split()[-1].lower()
        for d in drafts
        if d.kind == "PERSON" and (len(d.name.split()) > 1 or d.key is not None or d.role)
    }
    speech_edges = set()
    for index, token in enumerate(doc.tokens):
        if is_one_of(token, pack.speech_verbs):
            for neighbour in doc.tokens[max(0, index - 2) : index + 3]:
                speech_edges.add(neighbour.start)
    return [
        d
        for d in drafts
        if not (
            d.kind == "PERSON"
            and d.key is None
            and d.role is None
            and len(d.name.split()) == 1
            and d.name.lower() not in surnames
            and d.start not in speech_edges
        )
    ]


def _merge_adjacent_people(doc: Document, drafts: list[Draft]) -> list[Draft]:
    """ "Anders Fogh" + "Rasmussen": a name run written right before a known
    surname is one person; the identity holds only if the whole name is known."""
    drafts.sort(key=lambda d: d.start)
    people = load_shared().people
    merged: list[Draft] = []
    for draft in drafts:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.kind == draft.kind == "PERSON"
            and doc.text[last.end : draft.start] == " "
        ):
            whole = doc.text[last.start : draft.end]
            known = next((d.key for d in (last, draft) if d.key), None)
            person = next((p for p in people if p.person_id == known), None)
            if person is None or whole not in person.forms:
                known = None
            last.end, last.name, last.key = draft.end, whole, known
            last.head = Span(start=last.start, end=draft.end)
            if known is None:
                last.country = last.role = last.sector = None
            continue
        merged.append(draft)
    return merged


def _link_surnames(drafts: list[Draft]) -> list[Draft]:
    """A name run that ends in a known person's surname, where the article's
    full name is that person, takes the person's identity."""
    known = {d.name.split()[-1].lower(): d for d in drafts if d.kind == "PERSON" and d.key}
    for draft in drafts:
        if draft.kind == "PERSON" and draft.key is None:
            head = draft.name.split()[-1].lower()
            match = known.get(head)
            if match is not None and match.key is not None:
                draft.key = match.key
                draft.country = draft.country or match.country
                draft.role = draft.role or match.role
                draft.sector = draft.sector or match.sector
    return drafts


def add_mentions(doc: Document) -> Document:
    return dataclasses.replace(doc, mentions=find_mentions(doc))
