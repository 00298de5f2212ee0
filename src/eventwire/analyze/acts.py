"""Acts: which of a sentence's triggers report an act of their own.

An act that is only demanded, threatened, refused or promised is the act that
governs it; an act named after a preposition is what an earlier act is about;
a protest named as the purpose or the motive of a protest is that protest;
weapons used in a dispersal are its means; ending a protest is a concession;
a crowd that gathers is holding a rally, and protesters acting in a sentence
that names no act are protesting. The rules are documented in
docs/ARCHITECTURE.md ("How an event is coded").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from eventwire.analyze.gatherings import Side, gathering_verbs
from eventwire.analyze.text import CLAUSE_BREAKS, has_cue, is_one_of
from eventwire.analyze.triggers import Trigger, Unit
from eventwire.model import CROWD_SECTORS, OFFICIAL_SECTORS, Document, Token
from eventwire.packs.loader import EventPattern, LanguagePack
from eventwire.packs.schema import NOT_AN_EVENT

GOVERNING_TYPES = frozenset({"REQUEST", "AGREE", "THREATEN", "REJECT"})
KEEP_WHEN_PROMISED = frozenset({"CONCEDE", "RETREAT"})
GOVERNING_REACH = 12  # "demanded on Monday in a letter that Moscow immediately withdraw"
PROTESTER_ROLES = frozenset({"protesters", "strikers"})
# roles of people who gather as a crowd ("los estudiantes se concentraron")
CROWD_ROLES = PROTESTER_ROLES | frozenset(
    {"students", "civilians", "workers", "farmers", "crowd", "rioters", "pensioners"}
)
# codes (type, mode, contexts, CAMEO) of the acts rules find with no lexicon row
GATHERING = ("PROTEST", "demo", (), "141")  # CAMEO 141: demonstrate or rally
CROWD_ACT = ("PROTEST", None, (), "140")  # CAMEO 140: engage in political dissent
CALLED_TYPES = frozenset({"PROTEST"})  # "called a general strike": the protest is announced
CALLING_TYPES = frozenset({"REQUEST", "AGREE"})
AGREED_MEETING = "036"  # CAMEO 036: express intent to meet or negotiate
SUPPORT_REACH = 6  # "el paro no contó con la adhesión … pero fue respaldado"
VIOLENT_REPRESSION = "175"
MOTIVE_TYPES = frozenset({"REJECT", "ACCUSE"})  # "en rechazo a", "en repudio a"
EASED_DISSENT = ("CONCEDE", None, ("democracy",), "082")  # CAMEO 082: ease political dissent
ENDING_REACH = 8  # "levantó este miércoles, 12 horas antes de lo previsto, la huelga"
ENDED_REACH = 3  # "el paro de transportistas culminó"
MEANS_REACH = 8  # "dispersaron a unos 300 trabajadores portuarios con gases lacrimógenos"
PURPOSE_REACH = 14  # "realizarán la manifestación contra el presidente X, en protesta por"
TOPIC_REACH = 8  # tokens from an act to the act it is about ("protested against the arrest")


def main_acts(doc: Document, triggers: list[Trigger], pack: LanguagePack) -> list[Trigger]:
    """Drop acts that are only demanded, threatened, refused or promised.

    "X demanded that Y withdraw" is REQUEST, not RETREAT; "X agreed to meet"
    is AGREE. But an agreed or promised concession or withdrawal keeps its own
    type (GUIDELINES: future CONCEDE and RETREAT keep their type), so there the
    embedded act wins over the AGREE that governs it.
    """
    dropped: set[int] = set()
    announced: set[int] = set()
    linking = pack.preposition("of") | pack.articles
    backed = _support_for_protest(doc, pack, triggers)
    dropped.update(backed)
    backed_protests = set(backed.values())
    for i, matrix in enumerate(triggers[:-1]):
        if i + 1 in backed_protests:
            continue  # the protest stays; the backing of it is dropped
        between = doc.tokens[matrix.last + 1 : triggers[i + 1].first]
        called = _calls_for(matrix, triggers[i + 1])
        governs = not between and matrix.pattern.type in GOVERNING_TYPES  # "agreed to withdraw"
        if all(t.lower in linking for t in between) and not called and not governs:
            # "la represión de las protestas", "condemnation of the attacks": the
            # second act is what the first one is about, not a new report
            dropped.add(i + 1)
    for i, matrix in enumerate(triggers):
        if matrix.pattern.type not in GOVERNING_TYPES:
            continue
        for j in range(i + 1, len(triggers)):
            embedded = triggers[j]
            between = doc.tokens[matrix.last + 1 : embedded.first]
            if len(between) > GOVERNING_REACH or any(t.lower in CLAUSE_BREAKS for t in between):
                break
            if between and between[-1].lower in pack.preposition("locative"):
                continue  # "pide a los médicos en huelga una tregua": a state, not the request
            if matrix.pattern.type == "AGREE" and embedded.pattern.type in KEEP_WHEN_PROMISED:
                dropped.add(i)
            elif _denies(doc, pack, matrix, embedded):
                dropped.add(i)  # "negó que se hubieran reunido": a negated meeting (GUIDELINES)
            elif _calls_for(matrix, embedded):
                # "los sindicatos llamaron a la huelga": the strike is announced
                dropped.add(i)
                announced.add(j)
            else:
                dropped.add(j)
            break
    dropped |= _topics(doc, pack, triggers, dropped)
    dropped |= _protest_purposes(doc, pack, triggers, dropped)
    dropped |= _protest_motives(doc, pack, triggers, dropped)
    dropped |= _means_of_coercion(doc, triggers, dropped)
    if any(t.pattern.type == "PROTEST" for k, t in enumerate(triggers) if k not in dropped):
        # "incendiaron autos durante la protesta": property destroyed in a protest
        # is the riot itself (PLOVER PROTEST, mode riot), one fact with it
        dropped |= {
            k
            for k, t in enumerate(triggers)
            if t.pattern.type == "ASSAULT" and t.pattern.mode == "seize"
        }
    return [
        dataclasses.replace(t, announced=True) if k in announced else t
        for k, t in enumerate(triggers)
        if k not in dropped
    ]


def _relative_to(pack: LanguagePack, between: Sequence[Token]) -> bool:
    """Tokens that open a relative clause set off by a comma (", que", ", which")."""
    return len(between) >= 2 and between[0].lower == "," and between[1].lower in pack.clause_openers


def _support_for_protest(
    doc: Document, pack: LanguagePack, triggers: list[Trigger]
) -> dict[int, int]:
    """ "apoyaron la huelga", "el paro fue respaldado por los gremios": backing a
    protest is taking part in it, one fact with the protest. Maps the index of
    each such SUPPORT to the index of its protest."""
    backed: dict[int, int] = {}
    for j, support in enumerate(triggers):
        if support.pattern.type != "SUPPORT":
            continue
        for i, protest in enumerate(triggers):
            if protest.pattern.type not in CALLED_TYPES:
                continue
            first, second = sorted((support, protest), key=lambda t: t.first)
            between = doc.tokens[first.last + 1 : second.first]
            if protest is first and _relative_to(pack, between):
                between = between[2:]  # "el paro, que fue respaldado por": said of the protest
            if len(between) <= SUPPORT_REACH and not any(t.lower in CLAUSE_BREAKS for t in between):
                backed[j] = i
                break
    return backed


def _topics(
    doc: Document, pack: LanguagePack, triggers: list[Trigger], dropped: set[int]
) -> set[int]:
    """ "marcharon en rechazo a la ley", "protestaron contra la detención de": an
    act named after a preposition, in the clause of an earlier act, is what that
    act is about, not a second report. A protest there is its setting ("fueron
    detenidos en una protesta") and stays."""
    bare = pack.preposition("against") | pack.preposition("locative")
    with_article = bare | pack.preposition("by") | pack.preposition("to")
    topics = set()
    for j, trigger in enumerate(triggers):
        if j in dropped or trigger.first < 2 or trigger.pattern.type in CALLED_TYPES:
            continue
        before, word = doc.tokens[trigger.first - 2].lower, doc.tokens[trigger.first - 1].lower
        if not (word in bare or (word in pack.articles and before in with_article)):
            continue
        adjunct = word in bare and before == ","
        for i, earlier in enumerate(triggers[:j]):
            between = doc.tokens[earlier.last + 1 : trigger.first]
            inner = between[:-2] if adjunct else between  # "…, en rechazo a": set off by a comma
            if (
                i not in dropped
                and earlier.last < trigger.first
                and len(between) <= TOPIC_REACH
                and not any(t.lower in CLAUSE_BREAKS for t in inner)
            ):
                topics.add(j)
                break
    return topics


def _protest_purposes(
    doc: Document, pack: LanguagePack, triggers: list[Trigger], dropped: set[int]
) -> set[int]:
    """ "pararán el lunes, en protesta por los despidos", "marched to protest the
    law": a protest named as the purpose of a protest is that same protest, and
    shares its tense (an announced strike stays announced)."""
    purpose = pack.preposition("to") | pack.preposition("locative") | pack.preposition("against")
    same = set()
    for j, trigger in enumerate(triggers):
        if j in dropped or trigger.pattern.type not in CALLED_TYPES or trigger.first < 1:
            continue
        if doc.tokens[trigger.first - 1].lower not in purpose:
            continue
        for i, earlier in enumerate(triggers[:j]):
            between = doc.tokens[earlier.last + 1 : trigger.first - 1]
            breaks = [t for t in between if t.lower in CLAUSE_BREAKS]
            if (
                i not in dropped
                and earlier.pattern.type in CALLED_TYPES
                and len(between) <= PURPOSE_REACH
                and (not breaks or (len(breaks) == 1 and between[-1].lower == ","))
            ):
                same.add(j)
                break
    return same


def _protest_motives(
    doc: Document, pack: LanguagePack, triggers: list[Trigger], dropped: set[int]
) -> set[int]:
    """ "Y en rechazo a los aumentos, anunciaron marchas", "sonaron cacerolas, en
    repudio al fraude": a rejection or a condemnation named as the motive of a
    protest in the sentence is what the protest says, not a second act."""
    motive = pack.preposition("locative")
    if not any(k not in dropped and t.pattern.type in CALLED_TYPES for k, t in enumerate(triggers)):
        return set()
    return {
        j
        for j, trigger in enumerate(triggers)
        if j not in dropped
        and trigger.pattern.type in MOTIVE_TYPES
        and trigger.first > 0
        and doc.tokens[trigger.first - 1].lower in motive
    }


def _means_of_coercion(doc: Document, triggers: list[Trigger], dropped: set[int]) -> set[int]:
    """ "dispersed the crowd with tear gas", "usó gases lacrimógenos para
    desalojar": riot-control weapons used in a dispersal, an eviction or an
    arrest are its means, one coercive act. Fired on their own they are violent
    repression (CAMEO 175, which PLOVER puts under ASSAULT)."""
    means = set()
    for j, weapon in enumerate(triggers):
        if j in dropped or weapon.pattern.cameo != VIOLENT_REPRESSION:
            continue
        for i, act in enumerate(triggers):
            if i == j or i in dropped or act.pattern.type != "COERCE":
                continue
            first, second = sorted((weapon, act), key=lambda t: t.first)
            between = doc.tokens[first.last + 1 : second.first]
            if len(between) <= MEANS_REACH and not any(t.lower in CLAUSE_BREAKS for t in between):
                means.add(j)
                break
    return means


def _denies(doc: Document, pack: LanguagePack, matrix: Trigger, embedded: Trigger) -> bool:
    """ "negó que se hubieran reunido", "denied holding talks": the denied act is
    coded as negated; a refusal ("se negó a firmar") and a denied accusation stay
    REJECT."""
    if embedded.pattern.type == "ACCUSE" or not any(
        is_one_of(doc.tokens[i], pack.denial) for i in matrix.words
    ):
        return False
    following = doc.tokens[matrix.last + 1] if matrix.last + 1 < len(doc.tokens) else None
    return embedded.first == matrix.last + 1 or (
        following is not None and following.lower in pack.clause_openers
    )


def is_crowd(doc: Document, unit: Unit | None) -> bool:
    return unit is not None and unit.actor >= 0 and doc.actors[unit.actor].sector in CROWD_SECTORS


def crowd_acting(
    doc: Document, pack: LanguagePack, units: list[Unit], first: int, end: int
) -> list[Trigger]:
    """ "los manifestantes rodeaban el edificio": protesters who are the first actor
    of a sentence that names no act, outside any subordinate clause and not acted
    upon, are protesting (PROTEST, CAMEO 140). The word after them stands for the act."""
    if not units:
        return []
    crowd, verb = units[0], units[0].last + 1
    roles = {doc.actors[crowd.actor].role} if crowd.actor >= 0 else set()
    for unit in units[1:]:
        if unit.first == verb and unit.actor >= 0:  # "los manifestantes cocaleros": one crowd
            verb = unit.last + 1
            roles.add(doc.actors[unit.actor].role)
    sentence = doc.tokens[first:end]
    if (
        has_cue(sentence, pack.passive_aux)
        or any(t.lower in pack.clause_openers for t in doc.tokens[first : crowd.first])
        or crowd.actor < 0
        or crowd.preposition is not None
        or not roles & PROTESTER_ROLES
        or verb >= end
        or not doc.tokens[verb].lower.isalpha()
    ):
        return []
    return [
        _rule_trigger(
            doc,
            verb,
            CROWD_ACT,
            "no lexicon entry: protesters acting in a sentence that names no act",
        )
    ]


def protest_endings(
    doc: Document, pack: LanguagePack, triggers: list[Trigger], first: int, end: int
) -> list[Trigger]:
    """ "suspendieron el lunes el corte de ruta", "the strike ended": ending a
    protest eases dissent (CONCEDE, CAMEO 082), and the protest is what it is
    about, as with the lexicon's "levantar ~ huelga". The verbs are pack data
    (`protest_endings`)."""
    ended = []
    kept = []
    for protest in triggers:
        verb = None
        if protest.pattern.type in CALLED_TYPES:
            verb = _ending_verb(doc, pack, protest, first, end)
        if verb is None or any(t.first <= verb <= t.last for t in triggers):
            kept.append(protest)
            continue
        ended.append(
            _rule_trigger(
                doc, verb, EASED_DISSENT, "no lexicon entry: ending a protest eases dissent"
            )
        )
    return sorted(kept + ended, key=lambda t: t.first)


def _ending_verb(
    doc: Document, pack: LanguagePack, protest: Trigger, first: int, end: int
) -> int | None:
    """The verb that ends the protest: before it in its clause ("suspendieron el
    lunes la huelga") or right after it ("the strike ended"). A protest after a
    preposition is a circumstance ("en protesta", "tras 32 días de protestas")."""
    circumstance = pack.preposition("locative") | pack.preposition("to") | pack.preposition("other")
    if protest.first > first and doc.tokens[protest.first - 1].lower in circumstance:
        return None
    for at in range(protest.first - 1, max(first, protest.first - ENDING_REACH) - 1, -1):
        token = doc.tokens[at]
        if token.lower in CLAUSE_BREAKS or token.lower in pack.clause_openers:
            break
        if token.lower in pack.preposition("other"):
            return None
        if is_one_of(token, pack.protest_endings):
            return at
    for at in range(protest.last + 1, min(end, protest.last + 1 + ENDED_REACH)):
        token = doc.tokens[at]
        if token.lower in CLAUSE_BREAKS:
            break
        if is_one_of(token, pack.protest_endings):
            return at
    return None


def _rule_trigger(
    doc: Document, at: int, code: tuple[str, str | None, tuple[str, ...], str], rule: str
) -> Trigger:
    """A one-word trigger that a rule, not a lexicon row, found; `rule` is what the
    explanation shows in place of the row."""
    kind, mode, contexts, cameo = code
    pattern = EventPattern(
        tokens=(doc.tokens[at].lemma,),
        type=kind,
        mode=mode,
        contexts=contexts,
        cameo=cameo,
        line=0,
        rule=rule,
    )
    return Trigger(pattern, at, at, (at,))


def crowd_gatherings(
    doc: Document, pack: LanguagePack, units: list[Unit], found: list[Trigger], first: int, end: int
) -> list[Trigger]:
    """The triggers of the sentence with each crowd's verb of gathering read as a
    rally (module `gatherings`), in place of the meeting it would otherwise be.
    A NONE row or a protest already found at the verb stands."""
    sides = [
        Side(
            first=u.first,
            last=u.last,
            crowd_role=u.actor >= 0 and doc.actors[u.actor].role in CROWD_ROLES,
            official=u.actor >= 0 and doc.actors[u.actor].sector in OFFICIAL_SECTORS,
            governed=u.preposition is not None,
        )
        for u in units
    ]
    kind = GATHERING[0]
    for verb in gathering_verbs(doc, pack, sides, first, end):
        covering = [t for t in found if t.first <= verb <= t.last]
        if any(t.pattern.type in (NOT_AN_EVENT, kind) for t in covering):
            continue
        rally = _rule_trigger(
            doc, verb, GATHERING, "no lexicon entry: a crowd gathering is a rally"
        )
        found = [t for t in found if t not in covering] + [rally]
    return sorted(found, key=lambda t: t.first)


def _calls_for(matrix: Trigger, embedded: Trigger) -> bool:
    """ "llamaron a la huelga", "agreed to strike"; a meeting agreed on
    ("se reunirá con los promotores de la marcha") calls for nothing."""
    return (
        matrix.pattern.type in CALLING_TYPES
        and matrix.pattern.cameo != AGREED_MEETING
        and embedded.pattern.type in CALLED_TYPES
    )
