"""Document -> the interchange record (../shared/eval/FORMAT.md shape, plus evidence)."""

from __future__ import annotations

from typing import Any

from eventwire.model import Document, Event


def _actor_name(doc: Document, actor: int | None) -> str | None:
    return doc.actors[actor].name if actor is not None else None


def event_record(doc: Document, event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "mode": event.mode,
        "context": "|".join(event.contexts) or None,
        "source_country": event.source_country,
        "target_country": event.target_country,
        "source": _actor_name(doc, event.source_actor),
        "target": _actor_name(doc, event.target_actor),
        "trigger": event.trigger.text(doc.text),
        "negated": event.negated,
        "future": event.future,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "date": event.date,
        "location": event.location,
        "confidence": event.confidence,
        "mentions": event.mentions,
        "evidence": {
            "trigger": event.trigger.as_list(),
            "sentence": event.sentence.as_list(),
            "text": event.sentence.text(doc.text),
        },
        "explanation": event.explanation,
    }


def countries(doc: Document) -> list[str]:
    found: list[str | None] = [m.country for m in doc.mentions if m.kind == "STATE"]
    for event in doc.events:
        # a capital standing for its government ("Moskou reageerde") names its state
        for index in (event.source_mention, event.target_mention):
            if index is not None and doc.mentions[index].kind == "PLACE":
                found.append(doc.mentions[index].country)
    return list(dict.fromkeys(c for c in found if c and len(c) == 3))


def to_record(doc: Document) -> dict[str, Any]:
    article = doc.article
    people = [a for a in doc.actors if a.kind == "PERSON"]
    photographers = [c for c in doc.credited_sources if c.kind in ("photo", "byline")]
    return {
        "id": article.id,
        "lang": doc.lang,
        "date": article.date or doc.anchor_date,
        "title": article.title,
        "url": article.url,
        "events": [event_record(doc, e) for e in doc.events],
        "quotes": [
            {
                "speaker": q.speaker,
                "text": q.span.text(doc.text),
                "span": q.span.as_list(),
                "speaker_span": q.speaker_span.as_list() if q.speaker_span else None,
            }
            for q in doc.quotes
        ],
        "countries": countries(doc),
        "credited_sources": [
            {"outlet": c.outlet, "date": c.date, "lang": c.lang, "span": c.span.as_list()}
            for c in doc.credited_sources
            if c.kind in ("source", "via", "dateline")
        ],
        "credits": [
            {"kind": c.kind, "name": c.outlet, "span": c.span.as_list()} for c in photographers
        ],
        "people": [
            {"name": a.name, "id": a.key, "country": a.country, "role": a.role, "sector": a.sector}
            for a in people
        ],
        "organizations": list(dict.fromkeys(m.name for m in doc.mentions if m.kind == "ORG")),
        "places": list(
            {
                (m.name, m.country): {
                    "name": m.name,
                    "country": m.country,
                    "lat": m.lat,
                    "lon": m.lon,
                }
                for m in doc.mentions
                if m.kind == "PLACE"
            }.values()
        ),
    }
