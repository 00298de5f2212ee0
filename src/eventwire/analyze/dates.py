"""Stage: dates, normalised to ISO with the article date as anchor.

Only candidate spans are parsed: a day and a month name (from CLDR via
babel, in the pack's language and in English), an optional weekday before
and year after, plus relative days ("gisteren", "ayer", "yesterday").
A date without a year takes the year that puts it nearest the anchor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable

from eventwire.model import DateMention, Document, Span
from eventwire.packs.loader import LanguagePack, available_languages, load_pack

YEAR = r"(?P<year>(?:19|20)\d{2})"
WORD = re.compile(r"\b\w+\b")


@functools.cache
def date_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    packs = [load_pack(lang)]
    if lang != "en" and _has_pack("en"):
        packs.append(load_pack("en"))  # English month names appear in every language
    months = {m for pack in packs for m in pack.months}
    month_alt = _alternation(m for m in months if len(m) >= 3)
    ordinal = _alternation(s for pack in packs for s in pack.ordinal_suffixes)
    connector = _alternation(c for pack in packs for c in pack.date_connectors)
    ordinal_part = f"(?:{ordinal})?" if ordinal else ""
    connector_part = f"(?:(?:{connector})\\s+)?" if connector else ""
    day_first = re.compile(
        rf"\b(?P<day>[0-3]?\d){ordinal_part}\.?\s*{connector_part}(?P<month>{month_alt})\.?"
        rf"(?:,?\s*{connector_part}{YEAR})?\b",
        re.IGNORECASE,
    )
    month_first = re.compile(
        rf"\b(?P<month>{month_alt})\.?\s+(?P<day>[0-3]?\d){ordinal_part}(?:,?\s+{YEAR})?\b",
        re.IGNORECASE,
    )
    return day_first, month_first


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in set(words)), key=len, reverse=True))


def _has_pack(lang: str) -> bool:
    return lang in available_languages()


def month_number(name: str, pack: LanguagePack) -> int | None:
    key = name.lower().rstrip(".")
    if key in pack.months:
        return pack.months[key]
    if pack.lang != "en" and _has_pack("en"):
        return load_pack("en").months.get(key)
    return None


def resolve_year(month: int, day: int, anchor: dt.date | None) -> dt.date | None:
    if anchor is None:
        return None
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


def find_dates(text: str, lang: str, anchor: dt.date | None) -> list[DateMention]:
    pack = load_pack(lang)
    found: list[DateMention] = []
    taken: list[Span] = []
    for pattern in date_patterns(lang):
        for match in pattern.finditer(text):
            span = Span(start=match.start(), end=match.end())
            if any(span.overlaps(t) for t in taken):
                continue
            month = month_number(match.group("month"), pack)
            day = int(match.group("day"))
            if month is None or not 1 <= day <= 31:
                continue
            year = match.group("year")
            try:
                date = dt.date(int(year), month, day) if year else resolve_year(month, day, anchor)
            except ValueError:
                continue
            if date is None:
                continue
            taken.append(span)
            found.append(DateMention(span=span, iso=date.isoformat()))
    if anchor is not None:
        relative_days, weekdays = pack.relative_days, pack.weekdays
        for match in WORD.finditer(text):
            word = match.group().lower()
            if word not in relative_days and word not in weekdays:
                continue
            span = Span(start=match.start(), end=match.end())
            offset = relative_days.get(word)
            if offset is None and word in weekdays and not any(span.overlaps(t) for t in taken):
                # a bare weekday in news is the last such day up to the article's date
                offset = -((anchor.weekday() - pack.weekdays[word]) % 7)
            if offset is not None:
                iso = (anchor + dt.timedelta(days=offset)).isoformat()
                found.append(DateMention(span=span, iso=iso))
    return sorted(found, key=lambda d: d.span.start)


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def anchor_of(doc: Document) -> dt.date | None:
    """The article's date, else the earliest credited-source date."""
    anchor = parse_iso(doc.article.date)
    if anchor is None:
        dated = sorted(c.date for c in doc.credited_sources if c.date)
        anchor = parse_iso(dated[0]) if dated else None
    return anchor


def add_dates(doc: Document) -> Document:
    lang = doc.lang or "en"
    anchor = anchor_of(doc)
    dates = find_dates(doc.text, lang, anchor)
    if anchor is None:
        full = [d for d in dates if d.span.start >= doc.body_start]
        anchor = parse_iso(full[0].iso) if full else None
    return dataclasses.replace(
        doc, dates=tuple(dates), anchor_date=anchor.isoformat() if anchor else None
    )
