"""Document -> the rows of the store's tables (plain dicts keyed by column).

Pure functions: the store decides when and how they are written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any
from urllib.parse import urlsplit

from eventwire.analyze.dates import parse_iso
from eventwire.link.keys import LinkKeys, event_key
from eventwire.model import Article, Document, Event, Mention, Span

Row = dict[str, Any]
SENTENCE_END = frozenset('.!?"”»’')


def event_id(content_hash: str, n: int) -> int:
    """A stable 56-bit id: the same article and event number give the same id
    (the SQL twin is `schema.EVENT_ID_SQL`)."""
    return int(hashlib.md5(f"{content_hash}:{n}".encode()).hexdigest()[:14], 16)


def outlet_of(article: Article) -> str | None:
    """The declared outlet, else the URL's host without "www."."""
    if article.outlet:
        return article.outlet
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def article_row(doc: Document, record: dict[str, Any], *, seq: int, now: dt.datetime) -> Row:
    article = doc.article
    return {
        "content_hash": article.content_hash,
        "article_seq": seq,
        "id": article.id,
        "outlet": outlet_of(article),
        "url": article.url,
        "title": article.title,
        "author": article.author,
        "date": parse_iso(record.get("date")),
        "lang": doc.lang,
        "declared_date": article.date,
        "declared_lang": article.lang,
        "source_format": article.source_format,
        "origin": article.origin,
        "text": article.text,
        "record": json.dumps(record, ensure_ascii=False),
        "ingested_at": now,
        "analyzed_at": now,
    }


def copy_row(article: Article, *, now: dt.datetime) -> Row:
    return {
        "content_hash": article.content_hash,
        "id": article.id,
        "outlet": outlet_of(article),
        "url": article.url,
        "title": article.title,
        "date": parse_iso(article.date),
        "source_format": article.source_format,
        "origin": article.origin,
        "ingested_at": now,
    }


def mention_rows(doc: Document) -> list[Row]:
    digest = doc.article.content_hash
    owners = doc.mention_actor
    return [
        {
            "content_hash": digest,
            "n": n,
            "kind": m.kind,
            "name": m.name,
            "key": m.key,
            "country": m.country,
            "role": m.role,
            "sector": m.sector,
            "actor": owners[n] if n < len(owners) and owners[n] >= 0 else None,
            "start_offset": m.span.start,
            "end_offset": m.span.end,
            "lat": m.lat,
            "lon": m.lon,
        }
        for n, m in enumerate(doc.mentions)
    ]


def actor_rows(doc: Document) -> list[Row]:
    digest = doc.article.content_hash
    return [
        {
            "content_hash": digest,
            "actor": a.id,
            "kind": a.kind,
            "name": a.name,
            "key": a.key,
            "country": a.country,
            "role": a.role,
            "sector": a.sector,
            "mentions": len(a.mentions),
        }
        for a in doc.actors
    ]


def lead(doc: Document) -> Span:
    """The headline (a first line without final punctuation) and the first
    paragraph of the body: GDELT's IsRootEvent marks events found there."""
    text = doc.text
    start = doc.body_start
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if line and line[-1] not in SENTENCE_END and end < len(text):
        following = end
        while following < len(text) and text[following].isspace():
            following += 1
        end = text.find("\n", following)
        end = len(text) if end < 0 else end
    return Span(start=start, end=end)


def _place_near(doc: Document, sentence: Span, anchor: Span) -> Mention | None:
    places = [m for m in doc.mentions if m.kind == "PLACE" and sentence.contains(m.span)]
    if not places:
        return None
    return min(places, key=lambda m: abs(m.span.start - anchor.start))


def _actor_anchor(doc: Document, actor: int | None, event: Event) -> Span | None:
    if actor is None or actor >= len(doc.actors):
        return None
    spans = [
        doc.mentions[i].span
        for i in doc.actors[actor].mentions
        if i < len(doc.mentions) and event.sentence.contains(doc.mentions[i].span)
    ]
    if not spans:
        return None
    return min(spans, key=lambda s: abs(s.start - event.trigger.start))


def _location(doc: Document, event: Event) -> Mention | None:
    if not event.location:
        return None
    named = [m for m in doc.mentions if m.kind == "PLACE" and m.name == event.location]
    inside = [m for m in named if event.sentence.contains(m.span)]
    found = inside or named
    return found[0] if found else None


GEO_COLUMNS = {
    "location": ("location", "location_country", "location_lat", "location_lon"),
    "source": ("source_place", "source_place_country", "source_lat", "source_lon"),
    "target": ("target_place", "target_place_country", "target_lat", "target_lon"),
}


def _geo(side: str, place: Mention | None) -> Row:
    name, country, lat, lon = GEO_COLUMNS[side]
    if place is None:
        return {name: None, country: None, lat: None, lon: None}
    return {name: place.name, country: place.country, lat: place.lat, lon: place.lon}


def event_rows(doc: Document, record: dict[str, Any]) -> list[Row]:
    digest = doc.article.content_hash
    root = lead(doc)
    rows: list[Row] = []
    for n, (event, out) in enumerate(zip(doc.events, record["events"], strict=True)):
        source = doc.actors[event.source_actor] if event.source_actor is not None else None
        target = doc.actors[event.target_actor] if event.target_actor is not None else None
        row: Row = {
            "event_id": event_id(digest, n),
            "content_hash": digest,
            "n": n,
            "type": event.type,
            "mode": event.mode,
            "context": out["context"],
            "cameo": event.cameo,
            "goldstein": event.goldstein,
            "quad_class": event.quad_class,
            "source": out["source"],
            "source_actor": event.source_actor,
            "source_key": source.key if source else None,
            "source_sector": source.sector if source else None,
            "source_country": event.source_country,
            "target": out["target"],
            "target_actor": event.target_actor,
            "target_key": target.key if target else None,
            "target_sector": target.sector if target else None,
            "target_country": event.target_country,
            "negated": event.negated,
            "future": event.future,
            "date": parse_iso(event.date),
            "confidence": event.confidence,
            "mentions": event.mentions,
            "is_root": event.sentence.start < root.end,
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "sentence_start": event.sentence.start,
            "sentence_end": event.sentence.end,
            "trigger": out["trigger"],
            "explanation": event.explanation,
            "event_key": event_key(
                event.type, event.source_country, event.target_country, event.negated
            ),
        }
        row |= _geo("location", _location(doc, event))
        row["location"] = event.location
        for side, actor in (("source", event.source_actor), ("target", event.target_actor)):
            anchor = _actor_anchor(doc, actor, event)
            row |= _geo(side, _place_near(doc, event.sentence, anchor) if anchor else None)
        rows.append(row)
    return rows


def quote_rows(doc: Document) -> list[Row]:
    digest = doc.article.content_hash
    rows: list[Row] = []
    for n, q in enumerate(doc.quotes):
        speaker = doc.actors[q.speaker_actor] if q.speaker_actor is not None else None
        rows.append(
            {
                "content_hash": digest,
                "n": n,
                "speaker": q.speaker,
                "speaker_actor": q.speaker_actor,
                "speaker_key": speaker.key if speaker else None,
                "text": q.span.text(doc.text),
                "start_offset": q.span.start,
                "end_offset": q.span.end,
                "speaker_start": q.speaker_span.start if q.speaker_span else None,
                "speaker_end": q.speaker_span.end if q.speaker_span else None,
            }
        )
    return rows


def link_row(keys: LinkKeys) -> Row:
    return {
        "content_hash": keys.content_hash,
        "date": keys.date,
        "lang": keys.lang,
        "states": sorted(keys.states),
        "actors": sorted(keys.actors),
        "events": sorted(keys.events),
        "places": sorted(keys.places),
        "signature": keys.signature,
    }


def keys_from_row(row: tuple[Any, ...]) -> LinkKeys:
    """(content_hash, date, lang, states, actors, events, places, signature) -> LinkKeys."""
    content_hash, date, lang, states, actors, events, places, signature = row
    return LinkKeys(
        content_hash=content_hash,
        date=date,
        lang=lang,
        states=frozenset(states or ()),
        actors=frozenset(actors or ()),
        events=frozenset(events or ()),
        places=frozenset(places or ()),
        signature=bytes(signature),
    )
