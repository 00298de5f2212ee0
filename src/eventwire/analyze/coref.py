"""Stage: within-article coreference, one `Actor` per real-world actor.

People are merged by identity (a known person) or surname ("Maduro" and
"President Nicolás Maduro"); a role phrase without a name ("het Venezolaanse
staatshoofd", "the Indian prime minister") joins the one person of the
article with that role and state; states and organisations merge by code.
"""

from __future__ import annotations

import dataclasses

from eventwire.model import Actor, Document, Mention

NO_ACTOR = -1
ROLE_REACH = 250  # characters: about the sentence before
CATAPHORA_REACH = 120  # characters from a title to the name it introduces
GENERIC_ROLES = frozenset({"official", "politician", "leader", "representative"})
# Parts of the language-independent role keys of offices one person holds
# ("foreign_minister", "head_of_state"); "government" or "army" are collectives.
INDIVIDUAL_ROLE_PARTS = frozenset(
    {
        "president",
        "minister",
        "chancellor",
        "premier",
        "head",
        "secretary",
        "spokesperson",
        "ambassador",
        "king",
        "queen",
        "leader",
        "chief",
        "envoy",
        "mayor",
        "governor",
        "general",
        "commander",
        "diplomat",
        "prince",
        "emir",
        "sultan",
        "pope",
        "judge",
        "prosecutor",
        "official",
        "coach",
        "chairman",
        "chair",
        "director",
        "negotiator",
        "mediator",
    }
)


def is_individual(role: str | None) -> bool:
    return role is not None and any(part in INDIVIDUAL_ROLE_PARTS for part in role.split("_"))


ROLE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"head_of_state", "president", "king", "queen", "monarch", "emir", "sultan"}),
    frozenset({"head_of_government", "prime_minister", "premier", "chancellor"}),
    frozenset({"foreign_minister", "secretary_of_state"}),
    frozenset({"deputy_prime_minister", "vice_premier"}),
)


def roles_match(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    if a == b or a in b.split("_") or b in a.split("_"):  # "minister" ~ "foreign_minister"
        return True
    if a in GENERIC_ROLES or b in GENERIC_ROLES:  # "the official" can be any office holder
        return True
    return any(a in family and b in family for family in ROLE_FAMILIES)


def person_key(mention: Mention) -> tuple[str, ...]:
    if mention.key:
        return ("P", mention.key)
    return ("P", mention.name.split()[-1].lower())


def resolve(mentions: tuple[Mention, ...]) -> tuple[tuple[Actor, ...], tuple[int, ...]]:
    keys: list[tuple[str, ...] | None] = [None] * len(mentions)
    people: dict[tuple[str, ...], list[int]] = {}
    for index, mention in enumerate(mentions):
        if mention.kind == "PERSON":
            key = person_key(mention)
            keys[index] = key
            people.setdefault(key, []).append(index)
    for index, mention in enumerate(mentions):
        if mention.kind == "STATE" and not mention.attached:
            keys[index] = ("S", mention.country or mention.name)
        elif mention.kind == "ORG":
            keys[index] = ("O", mention.key or mention.name)
        elif mention.kind == "ROLE":
            role_key = _role_key(mention, mentions, people)
            introduced = _named_next(index, mentions, people) if role_key[0] == "R" else None
            if introduced is not None:
                role_key = introduced
                people[role_key].insert(0, index)  # the title is the person's first mention
            elif role_key in people:
                # "sostuvo el canciller" names Videgaray again: later titles
                # ("el funcionario") look for the most recently named person
                people[role_key].append(index)
            keys[index] = role_key
    order: dict[tuple[str, ...], int] = {}
    members: dict[int, list[int]] = {}
    mention_actor = []
    for index, found in enumerate(keys):
        if found is None:
            mention_actor.append(NO_ACTOR)
            continue
        actor_id = order.setdefault(found, len(order))
        members.setdefault(actor_id, []).append(index)
        mention_actor.append(actor_id)
    actors = tuple(_actor(actor_id, members[actor_id], mentions) for actor_id in range(len(order)))
    return actors, tuple(mention_actor)


def _role_key(
    mention: Mention, mentions: tuple[Mention, ...], people: dict[tuple[str, ...], list[int]]
) -> tuple[str, ...]:
    candidates = []
    for key, indexes in people.items():
        if mentions[indexes[0]].span.start > mention.span.start:
            continue  # a role phrase points back to someone already named
        roles = {mentions[i].role for i in indexes}
        countries = {mentions[i].country for i in indexes} - {None}
        if not any(roles_match(mention.role, r) for r in roles):
            continue
        if mention.country is not None and countries and mention.country not in countries:
            continue
        candidates.append(key)
    if candidates:
        return max(candidates, key=lambda key: _last_before(people[key], mention, mentions))
    if is_individual(mention.role) and not mention.name[:1].isupper():
        earlier = _nearest_person_before(mention, mentions, people)
        if earlier is not None:
            return earlier
    country = mention.country or _earlier_role_country(mention, mentions)
    return ("R", mention.role or mention.name.lower(), country or "")


def _earlier_role_country(mention: Mention, mentions: tuple[Mention, ...]) -> str | None:
    """ "Russian reservists … the reservists": a bare role phrase is the same body
    as the last one of that role named with a state."""
    if mention.role is None:
        return None
    for other in reversed(mentions):
        if other.span.start >= mention.span.start or other.kind != "ROLE":
            continue
        if mention.span.start - other.span.end > ROLE_REACH:
            return None
        if other.role == mention.role:
            # a capitalised head ("Trade Union Congress") is part of a name
            return other.country if other.name.split()[-1].islower() else None
    return None


def _named_next(
    index: int, mentions: tuple[Mention, ...], people: dict[tuple[str, ...], list[int]]
) -> tuple[str, ...] | None:
    """ "De Eritrese topdiplomaat moet vertrekken. Het kabinet heeft Tekeste Zemuy
    …": a title with a state, followed closely by the first mention of a person
    the article gives no state, introduces that person."""
    mention = mentions[index]
    if not (is_individual(mention.role) and mention.country):
        return None
    for other in mentions[index + 1 :]:
        if other.span.start - mention.span.end > CATAPHORA_REACH:
            return None
        if other.kind != "PERSON":
            continue
        key = person_key(other)
        first = mentions[people[key][0]]
        if first is not other or other.key is not None or other.country is not None:
            return None
        if other.role and not roles_match(other.role, mention.role):
            return None
        return key
    return None


def _last_before(indexes: list[int], mention: Mention, mentions: tuple[Mention, ...]) -> int:
    return max(
        mentions[i].span.start for i in indexes if mentions[i].span.start < mention.span.start
    )


def _nearest_person_before(
    mention: Mention, mentions: tuple[Mention, ...], people: dict[tuple[str, ...], list[int]]
) -> tuple[str, ...] | None:
    """ "el ministro", "the president": the last person named before, when neither
    role nor state (of any title they were given so far) contradicts."""
    for other in reversed(mentions):
        if other.span.start >= mention.span.start or other.kind != "PERSON":
            continue
        given = {
            mentions[i].country
            for i in people.get(person_key(other), [])
            if mentions[i].span.start < mention.span.start
        } - {None}
        if mention.country and given and mention.country not in given:
            continue
        if other.role and mention.role and not roles_match(other.role, mention.role):
            continue
        return person_key(other)
    return None


def _actor(actor_id: int, indexes: list[int], mentions: tuple[Mention, ...]) -> Actor:
    chosen = [mentions[i] for i in indexes]
    people = [m for m in chosen if m.kind == "PERSON"]
    named = people or chosen
    name = max(named, key=lambda m: len(m.name.split())).name if people else named[0].name
    known = [m for m in people if m.key]
    country = (known[0].country if known else None) or next(
        (m.country for m in chosen if m.country), None
    )
    role = next((m.role for m in chosen if m.role), None)
    sector = next((m.sector for m in chosen if m.sector), None)
    if not people and chosen[0].kind == "STATE":
        sector = None
    return Actor(
        id=actor_id,
        kind=people[0].kind if people else chosen[0].kind,
        name=name,
        key=next((m.key for m in chosen if m.key), None),
        country=country,
        role=role,
        sector=sector,
        mentions=tuple(indexes),
    )


def add_actors(doc: Document) -> Document:
    actors, mention_actor = resolve(doc.mentions)
    return dataclasses.replace(doc, actors=actors, mention_actor=mention_actor)
