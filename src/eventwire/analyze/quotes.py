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

from eventwire.model import Document, Quote, Span
from eventwire.packs.loader import LanguagePack, load_pack

MIN_WORDS = 4
WORD = re.compile(r"\w+")
SPEAKER_RANK = {"PERSON": 0, "ORG": 1, "ROLE": 1, "STATE": 3}
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
            if end >= 0:
                closed = (inner_start, end, closing)
                break
        if closed is None:
            position = first_at + 1
            continue
        inner_start, end, closing = closed
        if len(WORD.findall(text[inner_start:end])) >= MIN_WORDS:
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
            if len(WORD.findall(text[inner:end])) >= MIN_WORDS and not any(
                span.overlaps(t) for t in taken
            ):
                spans.append(span)
    return spans


def _speech_verb_in(doc: Document, pack: LanguagePack, window: Span) -> bool:
    return any(
        t.lemma in pack.speech_verbs or t.lower in pack.speech_verbs
        for t in doc.tokens
        if window.start <= t.start and t.end <= window.end
    )


def _speaker_in(doc: Document, window: Span, nearest_to: int) -> int | None:
    best: tuple[int, int, int] | None = None
    for index, mention in enumerate(doc.mentions):
        actor = doc.mention_actor[index] if index < len(doc.mention_actor) else -1
        if actor < 0 or mention.kind not in SPEAKER_KINDS or mention.sector == "MED":
            continue
        if not window.contains(mention.span):
            continue
        rank = SPEAKER_RANK[mention.kind] + (mention.kind == "ROLE" and mention.country is None)
        distance = abs(mention.span.start - nearest_to)
        if best is None or (rank, distance) < (best[0], best[1]):
            best = (rank, distance, actor)
    return best[2] if best else None


def _sentence_at(doc: Document, offset: int) -> int | None:
    for index, sentence in enumerate(doc.sentences):
        if sentence.span.start <= offset < sentence.span.end + 2:
            return index
    return None


def attribute(doc: Document, pack: LanguagePack, quote: Span, others: list[Span]) -> int | None:
    text = doc.text
    after_end = min(len(text), quote.end + ATTRIBUTION_WINDOW)
    stop = re.search(r"[.!?\n](?=\s|$)", text[quote.end + 1 : after_end])
    after = Span(
        start=quote.end, end=quote.end + 1 + (stop.start() if stop else after_end - quote.end - 1)
    )
    after = _clip(after, others, quote)
    if _speech_verb_in(doc, pack, after):
        speaker = _speaker_in(doc, after, quote.end)
        # "…," zei hij. / "…", dijo. — a pronoun or no subject: the last person named
        return speaker if speaker is not None else _last_person_before(doc, quote.start)
    index = _sentence_at(doc, quote.start)
    if index is None:
        return None
    before = Span(start=doc.sentences[index].span.start, end=quote.start)
    if not text[before.start : before.end].strip(" \"'“”„«»‘’—–-\n") and index > 0:
        previous = doc.sentences[index - 1].span
        announces = text[previous.start : previous.end].rstrip()[-1:] not in ".!?"
        if announces or text[previous.start : previous.end].rstrip().endswith(":"):
            before = Span(start=previous.start, end=quote.start)
    before = _clip(before, others, quote)
    if _speech_verb_in(doc, pack, before) or text[before.start : before.end].rstrip().endswith(":"):
        return _speaker_in(doc, before, quote.start) or _last_person_before(doc, quote.start)
    return None


def _last_person_before(doc: Document, offset: int) -> int | None:
    """The most recently named person (or spokesperson) before `offset`, within
    the two sentences before it."""
    index = _sentence_at(doc, offset)
    if index is None:
        return None
    window_start = doc.sentences[max(0, index - 2)].span.start
    best = None
    for position, mention in enumerate(doc.mentions):
        if not window_start <= mention.span.start < offset:
            continue
        actor = doc.mention_actor[position]
        if actor >= 0 and mention.kind == "PERSON":
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
    spans = find_quote_spans(doc.text, pack, doc.body_start)
    quotes: list[Quote] = []
    previous_speaker: int | None = None
    previous_end = -1
    for span in spans:
        speaker = attribute(doc, pack, span, spans)
        if speaker is None and previous_speaker is not None:
            between = doc.text[previous_end : span.start]
            if between.count("\n\n") <= 1:
                speaker = previous_speaker
        if speaker is None:
            speaker = _last_person_before(doc, span.start)
        actor = doc.actors[speaker] if speaker is not None else None
        quotes.append(
            Quote(
                span=span,
                speaker=actor.name if actor else None,
                speaker_actor=speaker,
                speaker_span=_first_span(doc, speaker),
            )
        )
        previous_speaker, previous_end = speaker, span.end
    return tuple(quotes)


def _first_span(doc: Document, actor_id: int | None) -> Span | None:
    if actor_id is None:
        return None
    return doc.mentions[doc.actors[actor_id].mentions[0]].span


def add_quotes(doc: Document) -> Document:
    return dataclasses.replace(doc, quotes=find_quotes(doc))
