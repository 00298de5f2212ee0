"""Stage: events coded to PLOVER, with CAMEO, Goldstein and QuadClass alongside.

Triggers are pack patterns matched on lower-cased tokens or lemmas (module
`triggers`); module `acts` keeps those that report an act of their own. For
each act the actors of its sentence are ordered around it:
- a passive clause ("worden", "be", "ser" + agent preposition) takes the
  agent as source and the unit before the trigger as target;
- otherwise the source is the nearest actor before the trigger that is not
  inside a prepositional phrase, the target the first actor after it (an
  object, or after "met/con/with", "tegen/contra/against", "aan/a/to");
- with no actor before it (inversion: "Op woensdag bevestigden Venezuela en
  Rusland …"), the first actor after it is the source;
- coordinated actors ("Venezuela en Rusland") are the two sides of a
  reciprocal event.
Negation and tense are read around the trigger (module `tense`). Repeated
mentions of one fact (same type and dyad) merge into one event.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from eventwire.analyze.acts import (
    crowd_acting,
    crowd_gatherings,
    is_crowd,
    main_acts,
    protest_endings,
)
from eventwire.analyze.tense import FUTURE_WINDOW, read_tense
from eventwire.analyze.text import CLAUSE_BREAKS, has_cue, is_one_of, preposition_roles
from eventwire.analyze.triggers import Trigger, Unit, find_triggers
from eventwire.model import (
    ARMED_SECTORS,
    INSTITUTION_SECTORS,
    SYMMETRIC_TYPES,
    Document,
    Event,
    Mention,
    Span,
    Token,
)
from eventwire.packs.loader import EventPattern, LanguagePack, load_pack, load_shared
from eventwire.packs.schema import NOT_AN_EVENT

DATELINE_TAIL = re.compile(r"^(?:,[^.\n]{0,20})?\s*(?:\(|--|[-—–]\s)")
ATTRIBUTIVE = re.compile(r"-[a-z]")
ACTOR_KINDS = frozenset({"PERSON", "ROLE", "ORG", "STATE", "PLACE"})
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE"})
# verbal reactions whose target is often the actor of an earlier event
REACTIVE_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN", "SANCTION"})
ONE_SIDED = frozenset({"MOBILIZE"})
LOCATED_RECIPIENT_TYPES = frozenset({"AID"})  # aid goes to the people of the place
FOREIGN_TYPES = frozenset({"AID", "SANCTION", "COOPERATE"})  # never within one state
ANNOUNCED_PROTEST = "133"  # CAMEO 133: threaten with political dissent, protest
# an act reported as future or intended takes another type (GUIDELINES "Tense";
# PLOVER/CAMEO: announced protests are 133, announced attacks 138)
FUTURE_TYPES = {
    "CONSULT": ("AGREE", "030"),
    "SUPPORT": ("AGREE", "030"),
    "COOPERATE": ("AGREE", "030"),
    "AID": ("AGREE", "030"),
    "PROTEST": ("THREATEN", ANNOUNCED_PROTEST),
    "ASSAULT": ("THREATEN", "138"),
}
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
RIOT = ("PROTEST", "145")  # CAMEO 145: protest violently, riot
COOPERATIVE_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)
PREPOSITION_LOOKBACK = 3
PASSIVE_SECTORS = frozenset({"MED"})  # "told reporters", "state media reported"
GENITIVE_REACH = 5  # tokens from a nominal trigger to "van de Russische diplomaat"
YEAR_REACH = 3  # tokens between an act and the year it is dated to
BACKGROUND_REACH = 3  # "if it is attacked", "in the wake of the execution"
BETWEEN_REACH = 8  # "la reunión celebrada el martes entre X y Y"
OFFICIAL_COMPLAINT = ("ACCUSE", "114")  # CAMEO 114: complain officially
ARMED_BLOCKADE = ("COERCE", "191")  # CAMEO 191: impose blockade, restrict movement
OBSTRUCTION = "144"  # CAMEO 144x: obstruct passage, block
STATE_NAMES = frozenset({"name", "alias"})  # "Cuba", not "los cubanos", who can march


def _token_range(doc: Document, span: Span, first: int, end: int) -> tuple[int, int] | None:
    """First and last token of the sentence that a mention overlaps."""
    starts = [t.start for t in doc.tokens[first:end]]
    low = bisect.bisect_right(starts, span.start) - 1
    low = max(low, 0)
    if doc.tokens[first + low].end <= span.start:
        low += 1
    high = bisect.bisect_left(starts, span.end) - 1
    if low > high or first + low >= end:
        return None
    return first + low, first + high


def sentence_units(
    doc: Document,
    pack: LanguagePack,
    first: int,
    end: int,
    facts: ArticleFacts,
    mentions: list[int],
) -> list[Unit]:
    """The actor mentions of one sentence (`mentions`: their indexes), in order."""
    units: list[Unit] = []
    sentence = Span(start=doc.tokens[first].start, end=doc.tokens[end - 1].end)
    roles = preposition_roles(pack.lang)
    for index in mentions:
        mention = doc.mentions[index]
        if mention.attached or mention.kind not in ACTOR_KINDS or mention.sector in PASSIVE_SECTORS:
            continue
        if mention.kind == "STATE" and ATTRIBUTIVE.match(doc.text, mention.span.end):
            continue  # "a US-drafted resolution", "Russian-made drones": no actor
        actor = doc.mention_actor[index]
        if mention.kind == "PLACE":
            if mention.key != "capital" or _is_dateline(doc, mention):
                continue
            actor = -1
        elif actor < 0:
            continue
        found = _token_range(doc, mention.span, first, end)
        if found is None:
            continue
        preposition = _governing_preposition(doc, pack, roles, found[0], first)
        if mention.kind == "PLACE" and preposition not in (None, "to"):
            continue  # "in Caracas" is a place; "Caracas responded" is a government
        if (
            units
            and preposition is None
            and (_coordinated(doc, pack, units[-1], found[0]) or _listed(doc, units[-1], found[0]))
        ):
            preposition = units[-1].preposition  # "tussen Rusland en Venezuela", "van A, B en C"
        country = doc.actors[actor].country if actor >= 0 else mention.country
        if country is None and _takes_local_state(doc, mention, actor):
            home = facts.dateline if mention.sector == "GOV" else None
            country = home or _place_country(doc, sentence, pack, mentions) or facts.dominant
        units.append(Unit(index, actor, country, found[0], found[1], preposition))
    return units


def _governing_preposition(
    doc: Document, pack: LanguagePack, roles: dict[str, str], at: int, first: int
) -> str | None:
    """The preposition that governs the mention starting at token `at`, if any;
    articles, adjectives and titles may stand between."""
    for back in range(at - 1, max(first, at - PREPOSITION_LOOKBACK) - 1, -1):
        word = doc.tokens[back].lower
        if word in roles:
            if back > first and doc.tokens[back - 1].lower in pack.preposition("other"):
                return "other"  # "according to X", "close to X"
            if roles[word] == "of" and back > first and _counts(pack, doc.tokens[back - 1]):
                return None  # "miles de estudiantes", "thousands of workers": the subject
            return roles[word]
        if word in pack.coordinators:
            return None
        if word not in pack.function_words and not doc.tokens[back].is_title:
            return None
    return None


def _counts(pack: LanguagePack, token: Token) -> bool:
    return token.lower in pack.quantifiers or token.lower.replace(".", "").isdigit()


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the coder needs to know about the whole article, computed once."""

    by_sentence: tuple[tuple[int, ...], ...]  # mention indexes per sentence
    state_counts: tuple[tuple[str, int], ...]  # actor states by mentions, most first
    dominant: str | None  # the state the article is clearly about
    dateline: str | None  # the state of the dateline


def article_facts(doc: Document) -> ArticleFacts:
    return ArticleFacts(
        by_sentence=tuple(tuple(g) for g in group_by_sentence(doc)),
        state_counts=_state_counts(doc),
        dominant=dominant_state(doc),
        dateline=dateline_state(doc),
    )


def group_by_sentence(doc: Document) -> list[list[int]]:
    """Mention indexes per sentence (a mention belongs to the sentence it starts in)."""
    starts = [s.span.start for s in doc.sentences]
    groups: list[list[int]] = [[] for _ in doc.sentences]
    for index, mention in enumerate(doc.mentions):
        number = bisect.bisect_right(starts, mention.span.start) - 1
        if number >= 0 and doc.sentences[number].span.contains(mention.span):
            groups[number].append(index)
    return groups


def _state_counts(doc: Document) -> tuple[tuple[str, int], ...]:
    """States and organisations of the article's actor mentions, most mentioned first."""
    counts: dict[str, int] = {}
    for index, mention in enumerate(doc.mentions):
        if (
            mention.kind not in ("STATE", "PERSON", "ROLE", "ORG")
            or mention.span.start < doc.body_start
            or mention.sector in PASSIVE_SECTORS  # "dijeron a la AFP": a witness, no actor
        ):
            continue
        actor = doc.mention_actor[index]
        country = doc.actors[actor].country if actor >= 0 else mention.country
        if country:
            counts[country] = counts.get(country, 0) + 1
    return tuple(sorted(counts.items(), key=lambda kv: -kv[1]))


def _salient_state(facts: ArticleFacts, exclude: str | None) -> str | None:
    """The state (or organisation) the article mentions most, other than `exclude`,
    when it is mentioned at least twice and no other as often."""
    ranked = [kv for kv in facts.state_counts if kv[0] != exclude]
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def dominant_state(doc: Document) -> str | None:
    """The state the article is about: the most mentioned one, if it leads clearly.
    Unnamed domestic actors ("the government", "prosecutors") belong to it."""
    counts: dict[str, int] = {}
    for mention in doc.mentions:
        if (
            mention.kind in ("STATE", "PERSON", "ROLE")
            and mention.country
            and len(mention.country) == 3
        ):
            counts[mention.country] = counts.get(mention.country, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return ranked[0][0]


def _takes_local_state(doc: Document, mention: Mention, actor: int) -> bool:
    """Unnamed domestic bodies ("the police", "prosecutors") and titled people take
    the state where they act; NGOs and rights groups take none, and neither does
    a bare capitalised word that may not even be a person."""
    if mention.sector == "NGO" or mention.kind not in ("ROLE", "PERSON"):
        return False
    if mention.kind == "PERSON":
        person = doc.actors[actor]
        return person.role is not None or person.key is not None
    return True


def _place_country(
    doc: Document, sentence: Span, pack: LanguagePack, mentions: list[int]
) -> str | None:
    """Domestic actors without a state (police, protesters) act where they are:
    a city of the sentence, or a state after a locative ("rebels in Mali")."""
    locative = pack.preposition("locative")
    for index in mentions:
        mention = doc.mentions[index]
        if mention.kind == "PLACE" and not _is_dateline(doc, mention):
            return mention.country
        if mention.kind == "STATE" and not mention.attached:
            before = doc.text[max(sentence.start, mention.span.start - 12) : mention.span.start]
            words = before.split()
            if words and words[-1].lower() in locative:
                return mention.country
    return None


def dateline_state(doc: Document) -> str | None:
    """The state of the dateline ("DEN HAAG (ANP) -"): in news filed there, "het
    kabinet" or "the government" without a name is that state's government."""
    for mention in doc.mentions[:3]:
        if mention.kind == "PLACE" and _is_dateline(doc, mention):
            return mention.country
    return None


def _is_dateline(doc: Document, mention: Mention) -> bool:
    """ "BRUSSELS --", "WASHINGTON -", "La Habana, 30 jul (RHC)": where the report
    was filed, not where (or who) acts."""
    name = mention.span.text(doc.text)
    if len(name) > 3 and name.isupper():
        return True
    line_start = doc.text.rfind("\n", 0, mention.span.start) + 1
    following = doc.text[mention.span.end : mention.span.end + 30]
    return not doc.text[line_start : mention.span.start].strip() and bool(
        DATELINE_TAIL.match(following)
    )


def _coordinated(doc: Document, pack: LanguagePack, a: Unit, b: Unit | int) -> bool:
    first = b if isinstance(b, int) else b.first
    between = doc.tokens[a.last + 1 : first]
    return (
        bool(between)
        and between[0].lower in pack.coordinators
        and all(t.lower in pack.articles for t in between[1:])
    )


def choose_actors(
    doc: Document, pack: LanguagePack, trigger: Trigger, units: list[Unit], first: int
) -> tuple[Unit | None, Unit | None, str]:
    before = [u for u in units if u.last < trigger.first]
    inside = [u for u in units if trigger.first < u.first and u.last < trigger.last]
    after = inside + [u for u in units if u.first > trigger.last]
    window = doc.tokens[max(first, trigger.first - FUTURE_WINDOW) : trigger.last + 1]
    passive = any(is_one_of(t, pack.passive_aux) for t in window) and not doc.tokens[
        trigger.first
    ].lower.endswith(pack.progressive_suffixes)
    agent = next(
        (u for u in after if u.preposition == "by" and _same_clause(doc, trigger.last, u.first)),
        None,
    )
    if passive and agent is not None:
        target = next((u for u in reversed(before) if u.preposition is None), None)
        return agent, target, "passive: agent after the trigger is the source"
    agent = next((u for u in reversed(before) if u.preposition == "by"), None)
    if passive and agent is not None:
        target = next((u for u in before if u.preposition is None and u.last < agent.first), None)
        return agent, target, "passive: agent before the participle is the source"
    holder = next((u for u in units if u.first < trigger.first <= u.last and u.country), None)
    if holder is not None:
        # "a Russian troop buildup", "Russische reservisten opgeroepen"
        return holder, _target_after(after), "the actor named inside the trigger is the source"
    adjective = _adjectival_agent(doc, trigger, units)
    if adjective is not None:
        rest = [u for u in after if u is not adjective]
        return adjective, _target_after(rest), "the state adjective of a nominal trigger"
    between = [
        u
        for u in after
        if u.preposition == "between"
        and u.first - trigger.last <= BETWEEN_REACH
        and _same_clause(doc, trigger.last, u.first)
    ]
    if between:
        pair = [u for u in after if u is not between[0] and _coordinated(doc, pack, between[0], u)]
        if pair:
            return between[0], pair[0], "between X and Y after the trigger"
    genitive = next(
        (u for u in after if u.preposition == "of" and u.first - trigger.last <= GENITIVE_REACH),
        None,
    )
    if genitive is not None and not any(u.preposition is None for u in before):
        rest = [u for u in after if u is not genitive]
        return genitive, _target_after(rest), "nominal trigger: the actor after 'of' is the source"
    clause_start = _clause_start(doc, pack, units, trigger.first, first)
    in_clause = [u for u in before if u.first >= clause_start]
    subjects = [u for u in in_clause if u.preposition is None]
    rule = "source: first actor of the trigger's clause"
    if not subjects and in_clause == [] and clause_start > first:
        opener = doc.tokens[clause_start - 1].lower
        antecedent = [u for u in before if u.last < clause_start - 1]
        if (
            opener in pack.clause_openers
            and antecedent
            and clause_start - 1 - antecedent[-1].last <= 3
        ):
            subjects = [antecedent[-1]]  # "…Japón, nación que elevó una protesta"
            rule = "source: the antecedent of the relative clause"
    if not subjects:
        subjects = [u for u in before if u.preposition is None][-1:]
        rule = "source: nearest actor before the trigger"
    if subjects:
        source = subjects[0] if pack.verb_final else subjects[-1]
        pair = [u for u in subjects if u is not source and _coordinated(doc, pack, u, source)]
        if pair:
            return pair[-1], source, "coordinated actors before the trigger"
        pair = [u for u in subjects if u is not source and _coordinated(doc, pack, source, u)]
        if pair:
            return source, pair[0], "coordinated actors before the trigger"
        within = [u for u in inside if u.preposition is None]
        if within:
            # "riep Washington op": the object inside a separable verb
            return source, within[0], rule + "; target: the object inside the split verb"
        objects = [u for u in subjects if u.first > source.last]
        target = objects[0] if objects else _target_after(after)
        if objects:
            rule += "; target: the object before the verb (verb-final clause)"
        return source, target, rule
    free = [
        u
        for u in after
        if u.preposition in (None, "between") and _adjacent(doc, pack, trigger.last, u.first)
    ]
    if free:
        source = free[0]
        rest = [u for u in after if u is not source]
        pair = [u for u in rest if _coordinated(doc, pack, source, u)]
        if pair:
            return source, pair[0], "coordinated actors after the trigger (inversion)"
        return source, _target_after(rest), "inversion: first actor after the trigger"
    target = _target_after(after)
    return None, target, "no source in the sentence"


def _reported_by(doc: Document, pack: LanguagePack, source: Unit, trigger: Trigger) -> bool:
    if trigger.pattern.type not in MATERIAL_TYPES or source.last >= trigger.first:
        return False
    between = doc.tokens[source.last + 1 : trigger.first]
    spoken = [i for i, t in enumerate(between) if is_one_of(t, pack.speech_verbs)]
    # "police said they arrested twenty": a pronoun after the speech verb is the speaker again
    return bool(spoken) and not any(t.lower in pack.subject_pronouns for t in between[spoken[0] :])


def _same_clause(doc: Document, last: int, first: int) -> bool:
    return not any(t.lower in CLAUSE_BREAKS for t in doc.tokens[last + 1 : first])


def _adjectival_agent(doc: Document, trigger: Trigger, units: list[Unit]) -> Unit | None:
    """ "de Russische aanval", "the Russian attack", "la ofensiva rusa": a state
    adjective next to a one-word nominal trigger is its agent."""
    if trigger.first != trigger.last:
        return None
    for unit in units:
        mention = doc.mentions[unit.mention]
        if mention.kind != "STATE" or unit.preposition is not None:
            continue
        if doc.text[mention.span.end : mention.span.end + 1].isalpha():
            continue
        adjacent = unit.last + 1 == trigger.first or unit.first == trigger.last + 1
        if adjacent and mention.state_kind == "adjective":
            return unit
    return None


def _clause_start(doc: Document, pack: LanguagePack, units: list[Unit], at: int, first: int) -> int:
    """Token index where the clause of token `at` starts: after the last comma,
    semicolon, colon or clause opener ("dat", "que", "that") before it that is
    not inside an actor mention ("De president van Venezuela, Nicolás Maduro, …")."""
    inside_units = {i for u in units for i in range(u.first, u.last + 1)}
    for index in range(at - 1, first - 1, -1):
        if index in inside_units:
            continue
        word = doc.tokens[index].lower
        if word in CLAUSE_BREAKS or word in pack.clause_openers:
            return index + 1
    return first


def _years_ago(doc: Document, trigger: Trigger, first: int, end: int) -> bool:
    """ "las protestas de 2018", "in 2012 a diplomat was expelled": an act dated to
    an earlier year than the article is background (GUIDELINES)."""
    if not doc.anchor_date:
        return False
    year = int(doc.anchor_date[:4])
    near = doc.tokens[
        max(first, trigger.first - YEAR_REACH) : min(end, trigger.last + 1 + YEAR_REACH)
    ]
    return any(len(t.lower) == 4 and t.lower.isdigit() and 1900 < int(t.lower) < year for t in near)


def _in_background(doc: Document, pack: LanguagePack, trigger: Trigger, first: int) -> bool:
    window = doc.tokens[max(first, trigger.first - BACKGROUND_REACH) : trigger.first]
    for index in range(len(window) - 1, -1, -1):
        if window[index].lower in CLAUSE_BREAKS:
            return False
        if window[index].lower in pack.background:
            return True
    return False


def _appositive(doc: Document, pack: LanguagePack, trigger: Trigger, first: int) -> bool:
    """ "el general Oviedo, acusado de rebelión,", "X, backed by the unions,": a
    participle set off by a comma describes the actor before it; the act it names
    is not what the sentence reports."""
    word = doc.tokens[trigger.first].lower
    return (
        trigger.first > first
        and doc.tokens[trigger.first - 1].lower == ","
        and any(word.endswith(ending) for ending in pack.participle_endings)
    )


def _inside_name(doc: Document, trigger: Trigger, names: list[Span]) -> bool:
    span = Span(start=doc.tokens[trigger.first].start, end=doc.tokens[trigger.last].end)
    return any(name.contains(span) for name in names)


def _quote_of(offset: int, quoted: list[Span]) -> int:
    """Which quote an offset is in (-1: none): actors in a quote and in its
    attribution are not each other's counterparts."""
    for index, span in enumerate(quoted):
        if span.start <= offset < span.end:
            return index
    return -1


def _counterpart(
    source: Unit | None, target: Unit | None, units: list[Unit]
) -> tuple[Unit | None, Unit | None]:
    """A reciprocal act with one side named: the other side is the sentence's
    nearest actor of another state ("de samenwerking met Borisov werd besproken")."""
    known = source if source is not None and source.country else target
    if known is None:
        return source, target
    others = sorted(
        (u for u in units if u.country and u.country != known.country),
        key=lambda u: abs(u.first - known.first),
    )
    if not others:
        return source, target
    return known, others[0]


def _adjacent(doc: Document, pack: LanguagePack, last: int, first: int) -> bool:
    """Only articles (at most two words) stand between the trigger and the actor."""
    between = doc.tokens[last + 1 : first]
    return len(between) <= 2 and all(t.lower in pack.articles for t in between)


def _target_after(after: list[Unit]) -> Unit | None:
    for unit in after:
        if unit.preposition in (None, "with", "against", "to", "between", "of"):
            return unit
    return None


def _contexts(
    doc: Document, pack: LanguagePack, pattern: EventPattern, first: int, end: int
) -> tuple[str, ...]:
    found = list(pattern.contexts)
    for token in doc.tokens[first:end]:
        context = pack.contexts.get(token.lemma) or pack.contexts.get(token.lower)
        if context and context not in found:
            found.append(context)
    return tuple(found)


def _nearest_date(doc: Document, sentence: Span) -> str | None:
    inside = [d for d in doc.dates if sentence.contains(d.span)]
    if inside:
        return inside[0].iso
    earlier = [
        d for d in doc.dates if d.span.end <= sentence.start and d.span.start >= doc.body_start
    ]
    paragraph_start = doc.text.rfind("\n\n", 0, sentence.start)
    earlier = [d for d in earlier if d.span.start > paragraph_start] or earlier[:0]
    if earlier:
        return earlier[-1].iso
    return doc.anchor_date


def _location(doc: Document, mentions: list[int]) -> str | None:
    for index in mentions:
        if doc.mentions[index].kind == "PLACE":
            return doc.mentions[index].name
    return None


def _previous_other_side(events: list[Event], source: str) -> str | None:
    """ "X condenó el ataque", "Y rejected the criticism": a reaction targets the
    actor of the latest event before it, when that is another state. Two reactions
    in a row ("Japan protested; South Korea condemned the launch") answer the act
    before them, so acts are looked at before reactions."""
    latest_first = sorted(events, key=lambda e: e.trigger.start, reverse=True)
    acts = [e for e in latest_first if e.type not in REACTIVE_TYPES]
    if acts and acts[0].source_country and acts[0].source_country != source:
        return acts[0].source_country
    for event in latest_first:
        if event.source_country == event.target_country == source:
            return source  # answering a domestic act: a union's demand, a strike
        for country in (event.source_country, event.target_country):
            if country and country != source:
                return country
    return None


def _previous_sides(events: list[Event], sentence: Span, text: str) -> tuple[str, str] | None:
    """The dyad of the last reciprocal event of this or the previous paragraph."""
    paragraph = text.rfind("\n\n", 0, text.rfind("\n\n", 0, sentence.start))
    for event in reversed(events):
        if (
            event.type in SYMMETRIC_TYPES
            and event.sentence.start > paragraph
            and event.source_country
            and event.target_country
        ):
            return event.source_country, event.target_country
    return None


def code_sentence(
    doc: Document,
    pack: LanguagePack,
    number: int,
    earlier: list[Event],
    facts: ArticleFacts,
) -> list[Event]:
    sentence = doc.sentences[number]
    first, end = sentence.first_token, sentence.last_token
    if sentence.span.end <= doc.body_start or first >= end:
        return []
    if any(c.span.overlaps(sentence.span) and c.kind == "photo" for c in doc.credited_sources):
        return []
    in_sentence = list(facts.by_sentence[number])
    all_units = sentence_units(doc, pack, first, end, facts, in_sentence)
    quoted = [q.span for q in doc.quotes]
    events: list[Event] = []
    names = [doc.mentions[i].span for i in in_sentence]
    found = find_triggers(doc, first, end, pack.lang)  # NONE rows win over what they cover
    found = crowd_gatherings(doc, pack, all_units, found, first, end)
    triggers = main_acts(doc, [t for t in found if t.pattern.type != NOT_AN_EVENT], pack)
    triggers = protest_endings(doc, pack, triggers, first, end)
    if not found:
        triggers = crowd_acting(doc, pack, all_units, first, end)
    for trigger in triggers:
        if _inside_name(doc, trigger, names):
            continue  # "Rapid Support Forces", "riot police", "cooperation minister"
        if has_cue(doc.tokens[max(first, trigger.first - 2) : trigger.first], pack.hypothetical):
            continue  # "ahead of a possible invasion": nothing happened
        if _in_background(doc, pack, trigger, first) or _years_ago(doc, trigger, first, end):
            continue  # "after tribal clashes", "if it is attacked": not the reported act
        if _appositive(doc, pack, trigger, first):
            continue  # "Gutiérrez, destituido en abril, viajó a…": a description
        inside = _quote_of(doc.tokens[trigger.first].start, quoted)
        units = [
            u
            for u in all_units
            if _quote_of(doc.tokens[u.first].start, quoted) == inside
            and not _part_of_trigger(doc, pack, trigger, u)
        ]
        context = SentenceContext(
            number=number,
            span=sentence.span,
            first=first,
            end=end,
            quote=inside,
            mentions=tuple(in_sentence),
            facts=facts,
            triggers=tuple(triggers),
            units=tuple(all_units),
        )
        source, target, rule = choose_actors(doc, pack, trigger, units, first)
        if _verbal_protest(doc, pack, trigger, source):
            trigger = _recoded(trigger, OFFICIAL_COMPLAINT)
            rule += "; a state's or an institution's protest is words, not a demonstration"
        elif _armed_blockade(doc, trigger, source) and not any(
            t.pattern.type == "PROTEST" and t.first != trigger.first for t in found
        ):  # "bloqueaban rutas para protestar contra el no pago": soldiers protesting
            trigger = _recoded(trigger, ARMED_BLOCKADE)
            rule += "; a blockade by armed men restricts movement, it is no protest"
        if source is not None and _reported_by(doc, pack, source, trigger):
            # "the IMF chief said the outlook was uncertain because of the attacks":
            # the speaker reports the act, he does not commit it (GUIDELINES)
            source, rule = None, rule + "; not the speaker who reports the act"
        for sides in resolve_sides(
            doc, pack, trigger, units, (source, target, rule), earlier + events, context
        ):
            events.append(_build_event(doc, pack, trigger, sides, context))
    return events


@dataclass(frozen=True, slots=True)
class SentenceContext:
    number: int
    span: Span
    first: int
    end: int
    quote: int  # the quote the trigger is in, -1 for none
    mentions: tuple[int, ...]
    facts: ArticleFacts
    triggers: tuple[Trigger, ...] = ()  # every trigger of the sentence
    units: tuple[Unit, ...] = ()  # every actor unit of the sentence


@dataclass(frozen=True, slots=True)
class Sides:
    source: Unit | None
    target: Unit | None
    source_country: str | None
    target_country: str | None
    rule: str


def resolve_sides(
    doc: Document,
    pack: LanguagePack,
    trigger: Trigger,
    units: list[Unit],
    chosen: tuple[Unit | None, Unit | None, str],
    earlier: list[Event],
    context: SentenceContext,
) -> list[Sides]:
    """The (source, target) pairs of one trigger: lists of actors give one pair
    each ("bedankt Egypte, Qatar en de VS"); missing sides are filled from the
    discourse where the guidelines allow; one-sided events are dropped."""
    source, target, rule = chosen
    kind = trigger.pattern.type
    if target is not None and source is not None and target.actor == source.actor >= 0:
        target = None
    inverted = "inversion" in rule or source is None
    if inverted and context.quote < 0 and _pronoun_subject(doc, pack, trigger, context):
        previous = _previous_subject(doc, context) or _previous_source(
            earlier, context.span, doc.text
        )
        if previous is not None:
            objects = [u for u in (source, target) if u is not None]
            group: list[Unit | None] = (
                list(_conjuncts(doc, pack, objects[0], units)) if objects else [None]
            )
            rule = "source: the pronoun's antecedent, the subject of the sentence before"
            candidates = [Sides(None, t, previous, t.country if t else None, rule) for t in group]
            return _finish(kind, candidates, earlier, doc, pack, context)
    if kind in SYMMETRIC_TYPES and source is not None and target is None and source.country:
        # "de EU en het handelsblok van Argentinië, Brazilië en Uruguay": the other
        # side is the sentence's nearest actor of another state, with its list
        source, target = _counterpart(source, target, units)
    if kind in LOCATED_RECIPIENT_TYPES and (target is None or _stateless(doc, target)):
        target = _located_recipient(trigger, source, units) or target
    sources: list[Unit | None] = list(_conjuncts(doc, pack, source, units)) if source else [None]
    targets: list[Unit | None] = list(_conjuncts(doc, pack, target, units)) if target else [None]
    if target is not None and target in sources and len(sources) > 1:
        start = min(u.first for u in sources if u is not None)
        if any(t.last < start and t is not trigger for t in context.triggers):
            # "bedankt Egypte, Qatar en de VS voor hun bemiddelende rol": the list
            # is the object of an earlier act, not the parties of this one
            return []
        if kind in SYMMETRIC_TYPES:
            pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
        else:
            pairs = [(sources[0], sources[1])]
    else:
        pairs = [(a, b) for a in sources for b in targets if a is not b]
    candidates = []
    for a, b in pairs or [(source, target)]:
        candidates.append(Sides(a, b, a.country if a else None, b.country if b else None, rule))
    return _finish(kind, candidates, earlier, doc, pack, context)


def _finish(
    kind: str,
    candidates: list[Sides],
    earlier: list[Event],
    doc: Document,
    pack: LanguagePack,
    context: SentenceContext,
) -> list[Sides]:
    finished = []
    for sides in candidates:
        completed = _complete(kind, sides, earlier, doc, pack, context, len(candidates) == 1)
        if completed is not None:
            finished.append(completed)
    return finished


def _complete(
    kind: str,
    sides: Sides,
    earlier: list[Event],
    doc: Document,
    pack: LanguagePack,
    context: SentenceContext,
    single: bool = True,
) -> Sides | None:
    """Fill what is missing of one pair; `single` is False for one pair of a list,
    whose unknown side is not guessed from the article as a whole."""
    source, target = sides.source, sides.target
    source_country, target_country, rule = sides.source_country, sides.target_country, sides.rule
    units = list(context.units)
    if kind in SYMMETRIC_TYPES and (source_country is None) != (target_country is None):
        source, target = _counterpart(source, target, units)
        source_country = source.country if source else source_country
        target_country = target.country if target else target_country
    if source_country is None and context.quote >= 0:
        speaker = doc.quotes[context.quote].speaker_actor
        if speaker is not None and doc.actors[speaker].country:
            source_country = doc.actors[speaker].country
            rule += "; source: the quote's speaker (first person)"
    if kind in DOMESTIC_TYPES and source_country is None and target_country is None:
        source_country = target_country = (
            _place_country(doc, context.span, pack, list(context.mentions))
            or context.facts.dominant
        )
        rule += "; domestic: the state of the place or of the article"
    if kind in DOMESTIC_TYPES and (source_country is None) != (target_country is None):
        # a strike, a protest or an arrest with one side named is domestic (KEN→KEN)
        source_country = target_country = source_country or target_country
        rule += "; domestic: the other side is the same state"
    elif kind == "PROTEST" and source_country and target_country != source_country:
        # strikes and demonstrations press their own government, wherever a
        # foreign leader is named in the sentence
        target_country = source_country
        rule += "; a protest targets its own state"
    if kind in REACTIVE_TYPES and source_country is not None and target_country is None:
        previous = _previous_other_side(earlier, source_country)
        if previous is not None:
            target_country = previous
            rule += "; target: the other side of the event it reacts to"
    if kind in SYMMETRIC_TYPES and (source_country is None or target_country is None):
        found = _previous_sides(earlier, context.span, doc.text)
        if found is not None:
            source_country, target_country = found
            source = target = None
            rule = 'both sides from the preceding reciprocal event ("ambos", "the two")'
    if single and (source_country is None) != (target_country is None) and kind not in ONE_SIDED:
        other = _salient_state(context.facts, exclude=source_country or target_country)
        if other is not None:
            if source_country is None:
                source_country = other
                rule += "; source: the state the article is most about"
            else:
                target_country = other
                rule += "; target: the state the article is most about"
    if source_country is None or (target_country is None and kind not in ONE_SIDED):
        # GUIDELINES: a side is null when the text gives no state. Where the
        # article names other states, a side with no actor found is more often
        # misread than stateless, so the event is not coded.
        # Kept with a null side even so: a side that is a named actor with no
        # state ("la CGT", "los campesinos"), a known speaker's appeal or threat
        # to unnamed parties, and a protest whose crowd shows no state.
        known = {source_country, target_country} - {None}
        others = any(country not in known for country, _ in context.facts.state_counts)
        spoken = (
            kind in REACTIVE_TYPES
            and target is None
            and (source_country is not None or (source is not None and source.actor >= 0))
        )
        crowd = kind == "PROTEST" and not known
        named = kind not in ONE_SIDED and all(
            unit is not None and unit.actor >= 0
            for unit, country in ((source, source_country), (target, target_country))
            if country is None
        )
        if others and not (spoken or crowd or named):
            return None
        if known and not others and kind not in ONE_SIDED | FOREIGN_TYPES:
            # an unnamed counterpart ("executions", "prisoners freed") in a story
            # about one state is of that state: a domestic event
            if source_country is None and source is None:
                source_country = target_country
                rule += "; source: the article's only state (domestic)"
            elif target_country is None and target is None:
                target_country = source_country
                rule += "; target: the article's only state (domestic)"
    if kind in ONE_SIDED and source_country == target_country:
        target, target_country = None, None  # troops mobilised at home: no target
    if kind in FOREIGN_TYPES and source_country == target_country:
        return None  # aid, sanctions and cooperation face another state
    return Sides(source, target, source_country, target_country, rule)


def _located_recipient(trigger: Trigger, source: Unit | None, units: list[Unit]) -> Unit | None:
    """ "hulp aan de slachtoffers … in Mozambique, Zimbabwe en Malawi": aid goes to
    the state where its recipients are."""
    for unit in units:
        located = unit.first > trigger.last and unit.preposition == "locative"
        if located and unit.country and (source is None or unit.country != source.country):
            return unit
    return None


def _part_of_trigger(doc: Document, pack: LanguagePack, trigger: Trigger, unit: Unit) -> bool:
    """A word of the trigger, or a stateless modifier of one ("an official
    protest"), is no actor; an actor in a gap of it ("riep Washington op") is."""
    if unit.first < trigger.first:
        return False  # "a Russian troop buildup": the holder of the act
    if any(unit.first <= i <= unit.last for i in trigger.words):
        return True
    follower = unit.last + 1
    return (
        follower in trigger.words
        and doc.tokens[follower].lower not in pack.function_words
        and _stateless(doc, unit)
    )


def _stateless(doc: Document, unit: Unit) -> bool:
    """An actor with no state of its own ("the victims"), placed by the coder."""
    own = doc.actors[unit.actor].country if unit.actor >= 0 else None
    return own is None and doc.mentions[unit.mention].country is None


def _conjuncts(doc: Document, pack: LanguagePack, unit: Unit, units: list[Unit]) -> list[Unit]:
    """The coordinated list a unit belongs to: "Spanje, Ierland en Noorwegen"."""
    at = units.index(unit)
    group = [unit]
    for step in (-1, 1):
        index = at
        while 0 <= index + step < len(units):
            a, b = (
                (units[index + step], units[index])
                if step < 0
                else (units[index], units[index + step])
            )
            if not (_coordinated(doc, pack, a, b) or _listed(doc, a, b)):
                break
            index += step
            group.insert(0, units[index]) if step < 0 else group.append(units[index])
    return [u for u in group if u.country is not None] or [unit]


def _listed(doc: Document, a: Unit, b: Unit | int) -> bool:
    first = b if isinstance(b, int) else b.first
    if first <= a.last:
        return True  # two names in one token: "the Thailand-Cambodia border row"
    between = doc.tokens[a.last + 1 : first]
    return len(between) == 1 and between[0].lower == ","


def _pronoun_subject(
    doc: Document, pack: LanguagePack, trigger: Trigger, context: SentenceContext
) -> bool:
    """A subject pronoun next to the verb ("Hij bedankt", "Daarom bedankt hij",
    "It also demands") or no subject at all (Spanish "responsabiliza a …")."""
    window = doc.tokens[max(context.first, trigger.first - 3) : min(context.end, trigger.last + 3)]
    return any(t.lower in pack.subject_pronouns for t in window)


def _previous_subject(doc: Document, context: SentenceContext) -> str | None:
    """The state of the first actor named outside quotes in the sentence before:
    "…", zei Veldkamp. Hij bedankt Egypte … → Veldkamp."""
    if context.number == 0:
        return None
    previous = doc.sentences[context.number - 1].span
    quoted = [q.span for q in doc.quotes]
    for index, mention in enumerate(doc.mentions):
        if not previous.contains(mention.span) or mention.attached:
            continue
        if (
            mention.kind not in ("PERSON", "ORG", "STATE", "ROLE")
            or _quote_of(mention.span.start, quoted) >= 0
        ):
            continue
        actor = doc.mention_actor[index]
        country = doc.actors[actor].country if actor >= 0 else mention.country
        if country:
            return country
    return None


def _previous_source(events: list[Event], sentence: Span, text: str) -> str | None:
    paragraph = text.rfind("\n\n", 0, text.rfind("\n\n", 0, sentence.start))
    for event in sorted(events, key=lambda e: e.trigger.start, reverse=True):
        if event.sentence.start > paragraph and event.source_country:
            return event.source_country
    return None


def _build_event(
    doc: Document, pack: LanguagePack, trigger: Trigger, sides: Sides, context: SentenceContext
) -> Event:
    first, end = context.first, context.end
    pattern = trigger.pattern
    tense = read_tense(
        doc, pack, (trigger.first, trigger.last, trigger.words), first, end, trigger.announced
    )
    negated, future = tense.negated, tense.future
    event_type, cameo = pattern.type, pattern.cameo
    rule = sides.rule
    # recoded after the sides, unlike the recodings in code_sentence: the target of
    # a riot that destroys property is the property's owner, which the sides of the
    # attack found; a protest's sides would point it at the crowd's own state
    if event_type == "ASSAULT" and pattern.mode == "seize" and is_crowd(doc, sides.source):
        event_type, cameo = RIOT
        rule += "; property destroyed by a crowd: a riot"
    if future and event_type in FUTURE_TYPES:
        event_type, cameo = FUTURE_TYPES[event_type]
    if cameo == ANNOUNCED_PROTEST and tense.held:
        event_type, cameo, future = "PROTEST", "140", False
        rule += "; dated in the past: held, not announced"
    if future and negated and event_type in COOPERATIVE_TYPES:
        # "will not provide", "no va a firmar": a declared refusal is REJECT
        event_type, cameo, negated = "REJECT", "120", False
    fact = load_shared().cameo.get(cameo)
    trigger_span = Span(start=doc.tokens[trigger.first].start, end=doc.tokens[trigger.last].end)
    direct = sides.source is not None and sides.target is not None
    unknown_side = sides.source_country is None or (
        sides.target_country is None and pattern.type not in ONE_SIDED
    )
    confidence = 0.5 + 0.2 * direct + 0.1 * (len(pattern.tokens) > 1) - 0.1 * unknown_side
    return Event(
        type=event_type,
        mode=(pattern.mode if event_type == pattern.type else None)
        or (fact.mode if fact else None),
        contexts=_contexts(doc, pack, pattern, first, end),
        cameo=cameo,
        goldstein=fact.goldstein if fact else None,
        quad_class=fact.quad_class if fact else None,
        source_actor=_actor_of(sides.source),
        target_actor=_actor_of(sides.target),
        source_mention=sides.source.mention if sides.source else None,
        target_mention=sides.target.mention if sides.target else None,
        source_country=sides.source_country,
        target_country=sides.target_country,
        negated=negated,
        future=future,
        trigger=trigger_span,
        sentence=context.span,
        date=_nearest_date(doc, context.span),
        location=_location(doc, list(context.mentions)),
        confidence=round(min(confidence, 0.95), 2),
        explanation=f"{_lexicon_entry(pack, pattern)}; {rule}",
    )


def _recoded(trigger: Trigger, code: tuple[str, str]) -> Trigger:
    kind, cameo = code
    pattern = dataclasses.replace(trigger.pattern, type=kind, cameo=cameo, mode=None)
    return dataclasses.replace(trigger, pattern=pattern)


def _armed_blockade(doc: Document, trigger: Trigger, source: Unit | None) -> bool:
    """ "los guerrilleros bloquearon la vía": armed men who block a road impose a
    blockade (CAMEO 191, COERCE), they do not obstruct in protest (144)."""
    return (
        trigger.pattern.type == "PROTEST"
        and trigger.pattern.cameo.startswith(OBSTRUCTION)
        and source is not None
        and source.actor >= 0
        and doc.actors[source.actor].sector in ARMED_SECTORS
    )


def _verbal_protest(
    doc: Document, pack: LanguagePack, trigger: Trigger, source: Unit | None
) -> bool:
    """ "Cuba protestó por las restricciones", "the army protested against": a
    state or an institution that protests complains in words (GUIDELINES: ACCUSE
    covers diplomatic protest; PROTEST is physical activity, not mere words).
    "se retiró de la cumbre para protestar" is the purpose of a walkout."""
    pattern = trigger.pattern
    if len(pattern.tokens) != 1 or pattern.tokens[0] not in pack.verbal_protest:
        return False
    if trigger.first > 0 and doc.tokens[trigger.first - 1].lower in pack.preposition("to"):
        return False
    if source is None or source.actor < 0:
        return False
    actor = doc.actors[source.actor]
    named_state = actor.kind == "STATE" and doc.mentions[source.mention].state_kind in STATE_NAMES
    return named_state or actor.sector in INSTITUTION_SECTORS


def _lexicon_entry(pack: LanguagePack, pattern: EventPattern) -> str:
    if pattern.rule:
        return pattern.rule
    return f"{pack.lang}/events.tsv:{pattern.line} '{' '.join(pattern.tokens)}'"


def _actor_of(unit: Unit | None) -> int | None:
    return unit.actor if unit is not None and unit.actor >= 0 else None


def event_key(event: Event) -> tuple[str, str, str, bool]:
    source, target = event.source_country or "", event.target_country or ""
    if event.type in SYMMETRIC_TYPES:
        source, target = sorted((source, target))
    return event.type, source, target, event.negated


def merge(events: list[Event]) -> tuple[Event, ...]:
    """One event per fact: the mention with the most confident reading keeps the
    evidence (the first one on a tie), the others are counted."""
    merged: dict[tuple[str, str, str, bool], Event] = {}
    for event in events:
        key = event_key(event)
        if key not in merged:
            merged[key] = event
            continue
        kept = merged[key]
        best = event if event.confidence > kept.confidence else kept
        merged[key] = dataclasses.replace(
            best,
            mentions=kept.mentions + 1,
            contexts=tuple(dict.fromkeys(kept.contexts + event.contexts)),
            location=best.location or kept.location or event.location,
            date=best.date or kept.date or event.date,
        )
    facts = list(merged.values())
    return tuple(e for e in facts if not _announced_and_done(e, facts))


def add_events(doc: Document) -> Document:
    pack = load_pack(doc.lang or "en")
    events: list[Event] = []
    facts = article_facts(doc)
    for number in range(len(doc.sentences)):
        events += code_sentence(doc, pack, number, events, facts)
    return dataclasses.replace(doc, events=merge(events))


def _announced_and_done(event: Event, events: list[Event]) -> bool:
    """A call to strike in an article that reports the strike itself: one fact."""
    if not event.future:
        return False
    done = {kind for kind, coded in FUTURE_TYPES.items() if coded == (event.type, event.cameo)}
    sides = {event.source_country, event.target_country}
    return any(
        other.type in done and {other.source_country, other.target_country} == sides
        for other in events
    )
