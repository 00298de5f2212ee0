"""Stage: direct quotations and their speakers.

Quote marks come from the pack (“…”, „…”, «…», "…", ‘…’, dialogue dashes).
The speaker is the actor named next to a speech verb after the quote (up to
the end of its sentence: `…,” zei president Maduro.`) or before it in the
same sentence, or in the sentence before when that one announces the quote
(ends in ':' or without a full stop: `Maduro preciseerde dat`). A quote with
no attribution that follows a quote of the same paragraph or the paragraph
before continues its speaker.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from eventwire.analyze.text import is_one_of
from eventwire.model import Document, Mention, Quote, Span
from eventwire.packs.loader import LanguagePack, load_pack

MIN_WORDS = 4
SPEAKER_RANK = {"PERSON": 1, "ORG": 2, "ROLE": 2, "STATE": 4}
SPEAKER_KINDS = tuple(SPEAKER_RANK)
ATTRIBUTION_WINDOW = 160


def find_quote_spans(text: str, pack: LanguagePack, start: int) -> list[Span]:
    spans: list[Span] = []
    position = start
    while position < len(text):
        candidates: list[tuple[int, int, str, str]] = []
        for rank, (opening, closing) in enumerate(pack.quote_pairs):
            at = text.find(opening, position)
            while at >= 0 and not _opens(text, at, opening):
                at = text.find(opening, at + 1)
            if at >= 0:
                candidates.append((at, rank, opening, closing))
        if not candidates:
            break
        first_at = min(c[0] for c in candidates)
        closed = None
        for at, _, opening, closing in sorted(c for c in candidates if c[0] == first_at):
            inner_start = at + len(opening)
            end = _closing(text, inner_start, closing)
            if end >= 0 and (closed is None or end < closed[1]):
                closed = (inner_start, end, closing)  # ,,…" and ,,…'': the nearest close
        if closed is None:
            position = first_at + 1
            continue
        inner_start, end, closing = closed
        if len(text[inner_start:end].split()) >= MIN_WORDS:
            spans.append(Span(start=inner_start, end=end))
        position = end + len(closing)
    spans += _dialogue(text, pack, start, spans)
    return sorted(spans)


def _opens(text: str, at: int, opening: str) -> bool:
    """A straight or single mark opens only at a word start, not in "don't"."""
    if opening in ("'", "‘", "’", '"') and at > 0 and text[at - 1].isalnum():
        return False
    following = text[at + len(opening) : at + len(opening) + 1]
    return bool(following) and not following.isspace()


def _closing(text: str, start: int, closing: str) -> int:
    at = text.find(closing, start)
    while at >= 0:
        after = text[at + len(closing) : at + len(closing) + 1]
        if closing not in ("'", "’") or not after.isalnum():
            paragraph_break = text.find("\n\n", start, at)
            return -1 if paragraph_break >= 0 and closing in ("'", "’") else at
        at = text.find(closing, at + 1)
    return -1


def _dialogue(text: str, pack: LanguagePack, start: int, taken: list[Span]) -> list[Span]:
    """Spanish-style dialogue: a paragraph opening with a dash; the quote runs to
    the next dash (the attribution) or the end of the paragraph."""
    spans = []
    for dash in pack.dialogue_dashes:
        for match in re.finditer(rf"(?m)^[ \t]*{re.escape(dash)}(?=\S)", text[start:]):
            inner = start + match.end()
            line_end = text.find("\n", inner)
            line_end = len(text) if line_end < 0 else line_end
            close = text.find(dash, inner, line_end)
            end = close if close >= 0 else line_end
            span = Span(start=inner, end=end)
            if len(text[inner:end].split()) >= MIN_WORDS and not any(
                span.overlaps(t) for t in taken
            ):
                spans.append(span)
    return spans


def _addressee_words(pack: LanguagePack | None) -> frozenset[str]:
    if pack is None:
        return frozenset()
    return pack.preposition("to") | pack.preposition("with") | pack.preposition("against")


def _preceded_by(doc: Document, offset: int, words: frozenset[str], skip: frozenset[str]) -> bool:
    before = re.findall(r"[\w']+", doc.text[max(0, offset - 30) : offset].lower())
    while before and before[-1] in skip:
        before.pop()
    return bool(before) and before[-1] in words


def _speaker_rank(doc: Document, mention: Mention, actor: int) -> int:
    """People first (a title that stands for a named person counts as the person),
    known or titled people before bare capitalised names ("Política Exterior")."""
    person = doc.actors[actor]
    if person.kind == "PERSON":
        identified = person.key is not None or person.role is not None or mention.kind == "ROLE"
        return 0 if identified else 1
    return SPEAKER_RANK[mention.kind] + (mention.kind == "ROLE" and mention.country is None)


def _speaker_in(
    doc: Document, window: Span, nearest_to: int, pack: LanguagePack | None = None
) -> int | None:
    """Index of the mention that best names the speaker inside `window`; the
    addressee ("told reporters", "zei tegen de VRT", "dijo a la prensa") is not."""
    best: tuple[int, int, int] | None = None
    addressed = _addressee_words(pack)
    for index, mention in enumerate(doc.mentions):
        actor = doc.mention_actor[index] if index < len(doc.mention_actor) else -1
        if actor < 0 or mention.kind not in SPEAKER_KINDS or mention.sector == "MED":
            continue
        if not window.contains(mention.span):
            continue
        if pack is not None and _preceded_by(doc, mention.span.start, addressed, pack.articles):
            continue
        rank = _speaker_rank(doc, mention, actor)
        distance = (
            nearest_to - mention.span.end
            if mention.span.end <= nearest_to
            else mention.span.start - nearest_to
        )
        if best is None or (rank, distance) < (best[0], best[1]):
            best = (rank, distance, index)
    return best[2] if best else None


def _sentence_at(doc: Document, offset: int) -> int | None:
    for index, sentence in enumerate(doc.sentences):
        if sentence.span.start <= offset < sentence.span.end + 2:
            return index
    return None


@dataclass(frozen=True, slots=True)
class Attribution:
    actor: int | None
    mention: int | None  # the mention that names the speaker next to the quote
    explicit: bool  # a speech verb or a colon attributes the quote


NO_ATTRIBUTION = Attribution(None, None, False)


def attribute(doc: Document, pack: LanguagePack, quote: Span, others: list[Span]) -> Attribution:
    """Who says `quote`: a speech verb after it ("…," zei X) or before it in its
    sentence or an announcing sentence ("X preciseerde dat", "X said:")."""
    after = _after_window(doc, quote, others)
    found = _attribution_in(doc, pack, after, quote.end)
    if found.actor is not None:
        return found
    before = _before_window(doc, quote, others)
    if before is not None:
        earlier = _attribution_in(doc, pack, before, quote.start, colon_counts=True)
        if earlier.actor is not None or earlier.explicit:
            return earlier
    return found


def _after_window(doc: Document, quote: Span, others: list[Span]) -> Span:
    text = doc.text
    after_end = min(len(text), quote.end + ATTRIBUTION_WINDOW)
    stop = re.search(r"\n|[.!?](?=\s|$)", text[quote.end + 1 : after_end])
    end = quote.end + 1 + (stop.start() if stop else after_end - quote.end - 1)
    return _clip(Span(start=quote.end, end=end), others, quote)


def _before_window(doc: Document, quote: Span, others: list[Span]) -> Span | None:
    text = doc.text
    index = _sentence_at(doc, quote.start)
    if index is None:
        return None
    before = Span(start=doc.sentences[index].span.start, end=quote.start)
    if not text[before.start : before.end].strip(" \"'“”„«»‘’—–-\n") and index > 0:
        previous = doc.sentences[index - 1].span
        announces = text[previous.start : previous.end].rstrip()[-1:] not in ".!?"
        if announces or text[previous.start : previous.end].rstrip().endswith(":"):
            before = Span(start=previous.start, end=quote.start)
    return _clip(before, others, quote)


def _attribution_in(
    doc: Document, pack: LanguagePack, window: Span, anchor: int, *, colon_counts: bool = False
) -> Attribution:
    verb = _speech_verb_at(doc, pack, window)
    colon = colon_counts and doc.text[window.start : window.end].rstrip().endswith(":")
    if verb is None and not colon:
        return NO_ATTRIBUTION
    if verb is not None and colon_counts:
        # before the quote the speaker is the subject of the speech verb: the first
        # actor of its clause ("Kirby stressed that Austin …", "X, según Kyodo, afirmó")
        subject = _speaker_in(doc, Span(start=window.start, end=verb), window.start, pack)
        if subject is not None:
            return _attributed(doc, subject)
    return _attributed(doc, _speaker_in(doc, window, verb if verb is not None else anchor, pack))


def _speech_verb_at(doc: Document, pack: LanguagePack, window: Span) -> int | None:
    for token in doc.tokens:
        inside = window.start <= token.start and token.end <= window.end
        if inside and is_one_of(token, pack.speech_verbs):
            return token.start
    return None


def _attributed(doc: Document, mention: int | None) -> Attribution:
    if mention is None:
        return Attribution(None, None, True)
    return Attribution(doc.mention_actor[mention], mention, True)


def _last_person_before(doc: Document, offset: int, pack: LanguagePack) -> int | None:
    """The most recently named person before `offset`, within the two sentences
    before it, who is not just addressed or met ("a López Obrador", "met Trump")."""
    index = _sentence_at(doc, offset)
    if index is None:
        return None
    window_start = doc.sentences[max(0, index - 2)].span.start
    addressed = _addressee_words(pack)
    best = None
    for position, mention in enumerate(doc.mentions):
        if not window_start <= mention.span.start < offset:
            continue
        actor = doc.mention_actor[position]
        if actor < 0 or mention.kind != "PERSON":
            continue
        if _preceded_by(doc, mention.span.start, addressed, pack.articles):
            continue
        best = actor
    return best


def _clip(window: Span, others: list[Span], quote: Span) -> Span:
    """Keep an attribution window out of the other quotes."""
    start, end = window.start, window.end
    for other in others:
        if other == quote:
            continue
        if start <= other.start < end and other.start >= quote.end:
            end = other.start
        if start < other.end <= end and other.end <= quote.start:
            start = other.end
    return Span(start=start, end=max(start, end))


def find_quotes(doc: Document) -> tuple[Quote, ...]:
    pack = load_pack(doc.lang or "en")
    spans = [
        span
        for span in find_quote_spans(doc.text, pack, doc.body_start)
        if not _is_title(doc.text[span.start : span.end])
    ]
    quotes: list[Quote] = []
    previous: Attribution = NO_ATTRIBUTION
    previous_end = -1
    for span in spans:
        found = attribute(doc, pack, span, spans)
        close_to_previous = doc.text[previous_end : span.start].count("\n\n") <= 1
        if found.actor is None:
            # a quote continued, "It added: …", "…", afirmó. — the salient speaker
            person = _last_person_before(doc, span.start, pack)
            named_since = (
                person is not None and _last_mention(doc, person, span.start) > previous_end
            )
            if previous.actor is not None and close_to_previous and not named_since:
                found = previous
            else:
                found = Attribution(person, None, found.explicit)
        if found.actor is None:
            continue  # a quotation nobody says is a title or a scare quote
        quotes.append(
            Quote(
                span=span,
                speaker=_speaker_name(doc, found),
                speaker_actor=found.actor,
                speaker_span=doc.mentions[found.mention].span
                if found.mention is not None
                else _first_span(doc, found.actor),
            )
        )
        previous, previous_end = found, span.end
    return tuple(quotes)


def _last_mention(doc: Document, actor: int, before: int) -> int:
    starts = [
        doc.mentions[i].span.start
        for i in doc.actors[actor].mentions
        if doc.mentions[i].span.start < before
    ]
    return max(starts, default=-1)


def _is_title(text: str) -> bool:
    """ "People's Defense Forces": every word capitalised is a name, not a quotation."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _speaker_name(doc: Document, found: Attribution) -> str | None:
    """A person by the fullest name the article gives; an organisation, a state or
    a role as written next to the quote ("the EU", "the Commerce Ministry")."""
    if found.actor is None:
        return None
    actor = doc.actors[found.actor]
    if actor.kind == "PERSON" or found.mention is None:
        return actor.name
    span = doc.mentions[found.mention].span
    compound = re.match(r"-[^\W\d_]+", doc.text[span.end :])
    end = span.end + compound.end() if compound else span.end  # "Pentagon-functionaris"
    return doc.text[span.start : end]


def _first_span(doc: Document, actor_id: int | None) -> Span | None:
    if actor_id is None:
        return None
    return doc.mentions[doc.actors[actor_id].mentions[0]].span


def add_quotes(doc: Document) -> Document:
    return dataclasses.replace(doc, quotes=find_quotes(doc))
