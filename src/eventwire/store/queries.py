"""Read-only queries: events and quotes with filters, as dictionaries."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.errors import StoreError
from eventwire.model import PLOVER_TYPES, SYMMETRIC_TYPES
from eventwire.store.duck import Store

FETCH = 1000
CODE = re.compile(r"^[A-Za-z]{2,6}$")

EVENT_SELECT = """
SELECT e.event_id, a.id AS article_id, coalesce(e.date, a.date) AS date, a.lang,
       e.type, e.mode, e.context, e.cameo, e.goldstein, e.quad_class,
       e.source, e.source_country, e.source_sector, e.source_key,
       e.target, e.target_country, e.target_sector, e.target_key,
       e.negated, e.future, e.location, e.location_country, e.location_lat, e.location_lon,
       e.confidence, e.is_root, e.trigger,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, e.explanation,
       m.story_id, e.event_key, e.num_mentions, e.num_sources, e.num_articles,
       a.outlet, a.url, a.title, e.content_hash
FROM events e JOIN articles a USING (content_hash)
LEFT JOIN story_members m USING (content_hash)
"""
EVENT_ORDER = " ORDER BY coalesce(e.date, a.date) NULLS LAST, a.article_seq, e.n"

QUOTE_SELECT = """
SELECT a.id AS article_id, a.date, a.lang, q.n, q.speaker, q.speaker_key, q.text,
       q.start_offset, q.end_offset, m.story_id, a.outlet, a.url, q.content_hash
FROM quotes q JOIN articles a USING (content_hash)
LEFT JOIN story_members m USING (content_hash)
"""
QUOTE_ORDER = " ORDER BY a.date NULLS LAST, a.article_seq, q.n"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    dyad: str | None = None  # "VEN-RUS": source VEN, target RUS (either way for CONSULT, ...)
    types: tuple[str, ...] = ()
    actor: str | None = None  # part of a name, a stable id, or a state code
    since: dt.date | None = None
    until: dt.date | None = None
    lang: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteFilter:
    speaker: str | None = None
    contains: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    lang: str | None = None
    limit: int | None = None


def parse_dyad(value: str) -> tuple[str, str]:
    parts = value.split("-")
    if len(parts) != 2 or not all(CODE.match(p) for p in parts):
        raise StoreError(
            f"--dyad {value!r}: give SOURCE-TARGET state or organisation codes, e.g. VEN-RUS"
        )
    return parts[0].upper(), parts[1].upper()


def parse_types(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        for name in value.split(","):
            kind = name.strip().upper()
            if not kind:
                continue
            if kind not in PLOVER_TYPES:
                raise StoreError(
                    f"--type {name!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}"
                )
            found.append(kind)
    return tuple(found)


def event_where(selection: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if selection.dyad:
        source, target = parse_dyad(selection.dyad)
        symmetric = ", ".join(f"'{t}'" for t in sorted(SYMMETRIC_TYPES))
        clauses.append(
            "((e.source_country = ? AND e.target_country = ?) OR "
            f"(e.type IN ({symmetric}) AND e.source_country = ? AND e.target_country = ?))"
        )
        params += [source, target, target, source]
    if selection.types:
        clauses.append("e.type IN (SELECT unnest(?))")
        params.append(list(selection.types))
    if selection.actor:
        like = f"%{selection.actor}%"
        clauses.append(
            "(e.source ILIKE ? OR e.target ILIKE ? OR e.source_key ILIKE ? "
            "OR e.target_key ILIKE ? OR e.source_country = upper(?) "
            "OR e.target_country = upper(?))"
        )
        params += [like, like, like, like, selection.actor, selection.actor]
    _dates(clauses, params, "coalesce(e.date, a.date)", selection.since, selection.until)
    if selection.lang:
        clauses.append("a.lang = ?")
        params.append(selection.lang)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _dates(
    clauses: list[str],
    params: list[Any],
    column: str,
    since: dt.date | None,
    until: dt.date | None,
) -> None:
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until)


def events(store: Store, selection: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    selection = selection or EventFilter()
    where, params = event_where(selection)
    sql = EVENT_SELECT + where + EVENT_ORDER
    if selection.limit is not None:
        sql += f" LIMIT {int(selection.limit)}"
    yield from _rows(store, sql, params)


def quotes(store: Store, selection: QuoteFilter | None = None) -> Iterator[dict[str, Any]]:
    selection = selection or QuoteFilter()
    clauses: list[str] = []
    params: list[Any] = []
    if selection.speaker:
        clauses.append("(q.speaker ILIKE ? OR q.speaker_key ILIKE ?)")
        params += [f"%{selection.speaker}%"] * 2
    if selection.contains:
        clauses.append("q.text ILIKE ?")
        params.append(f"%{selection.contains}%")
    _dates(clauses, params, "a.date", selection.since, selection.until)
    if selection.lang:
        clauses.append("a.lang = ?")
        params.append(selection.lang)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = QUOTE_SELECT + where + QUOTE_ORDER
    if selection.limit is not None:
        sql += f" LIMIT {int(selection.limit)}"
    yield from _rows(store, sql, params)


def _rows(store: Store, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    cursor = store.connection.cursor()
    try:
        result = cursor.execute(sql, params)
        names = [d[0] for d in result.description or ()]
        while batch := result.fetchmany(FETCH):
            for row in batch:
                yield dict(zip(names, row, strict=True))
    finally:
        cursor.close()
