"""Stage: credit lines, datelines, bylines and photo credits.

"Bron: albaciudad 16 februari 2022 (SP)" and the lines that follow it up to
a blank line credit outlets; "Foto: Ana Ruiz (EFE)" credits a photographer;
"Door Anna de Vries" is a byline; "CARACAS, 4 jun (EFE).-" a dateline.
Labels come from the article's pack and the English pack, since translated
articles often keep the source's labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator

from eventwire.analyze.dates import find_dates, parse_iso
from eventwire.model import CreditedSource, Document, Span
from eventwire.packs.loader import LanguagePack, available_languages, load_pack, load_shared

LANG_TAG = re.compile(r"\((?P<tag>[A-Za-z]{2,3})\)")
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý .'-]{2,}),[^()\n]{0,25}"
    r"\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[.:—–-]"
)
TRAILING_MARKS = re.compile(r"[\s~*_=#|.,;:–—-]+$")
MAX_HEADER_LINES = 8
MAX_BYLINE_WORDS = 6


@functools.cache
def _list_split(lang: str) -> re.Pattern[str]:
    """Separators of a list of outlets: punctuation or the language's "and"."""
    words = sorted(load_pack(lang).coordinators, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words) or "&"
    return re.compile(rf"\s*(?:[,;/&]|\s(?:{alternation})\s)\s*")


@functools.cache
def _labels(lang: str) -> dict[str, str]:
    """label (lower-cased) -> kind, from this language's pack and the English one."""
    pack = load_pack(lang)
    labels: dict[str, str] = {}
    packs = [pack]
    if pack.lang != "en" and "en" in available_languages():
        packs.append(load_pack("en"))
    for source in reversed(packs):
        for kind, words in source.credit_labels.items():
            for word in words:
                labels[word.lower()] = kind
    return labels


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _label_at(line: str, labels: dict[str, str]) -> tuple[str, int] | None:
    """(kind, offset of the value) when the line starts with `Label:`."""
    match = re.match(r"\s*(?P<label>[^\W\d_][\w ]{0,20}?)\s*:\s*", line)
    if match and match.group("label").lower() in labels:
        return labels[match.group("label").lower()], match.end()
    return None


def _byline(line: str, labels: dict[str, str]) -> int | None:
    match = re.match(r"\s*(?P<label>[^\W\d_]+)\s+(?=[A-ZÀ-Ý])", line)
    if not match or labels.get(match.group("label").lower()) != "byline":
        return None
    rest = line[match.end() :].strip()
    if 0 < len(rest.split()) <= MAX_BYLINE_WORDS and not rest.endswith((".", "!", "?")):
        return match.end()
    return None


def parse_credit(
    value: str, offset: int, kind: str, lang: str, anchor: dt.date | None
) -> list[CreditedSource]:
    """Credited sources in one credit value ("albaciudad 16 februari 2022 (SP)")."""
    shared = load_shared()
    tag = LANG_TAG.search(value)
    source_lang = shared.language_tags.get(tag.group("tag").upper()) if tag else None
    spaced = re.sub(r"(?<=\d)(?=[^\W\d_])", " ", value)  # "16februari" -> "16 februari"
    dates = find_dates(spaced, lang, anchor)
    date = dates[0].iso if dates else None
    cut = len(value)
    if dates:
        cut = min(cut, _unspaced_offset(value, dates[0].span.start))
    if tag:
        cut = min(cut, tag.start())
    head = TRAILING_MARKS.sub("", value[:cut]).strip()
    if kind == "photo":
        credit = re.split(r"(?<=[.!?])\s", value, maxsplit=1)[0]
        if len(credit.split()) > MAX_BYLINE_WORDS:
            return []  # a caption ("Topfoto: President X during ..."), not a credit
        return _photo_credit(credit, offset, TRAILING_MARKS.sub("", head).strip())
    names = [n for n in _list_split(lang).split(head) if n] if not dates else [head]
    return _named(names, value, offset, kind=kind, date=date, lang=source_lang)


def _named(
    names: list[str], value: str, offset: int, *, kind: str, date: str | None, lang: str | None
) -> list[CreditedSource]:
    """One credit per distinct name, with its span inside `value` (at `offset`)."""
    credits: list[CreditedSource] = []
    for raw in names:
        name = raw.strip(" ()")
        if not name or any(c.outlet == name for c in credits):
            continue
        start = offset + value.find(name)
        credits.append(
            CreditedSource(
                outlet=name,
                date=date,
                lang=lang,
                kind=kind,
                span=Span(start=start, end=start + len(name)),
            )
        )
    return credits


def _unspaced_offset(value: str, spaced_offset: int) -> int:
    """Map an offset in the digit-letter-spaced copy back to `value`."""
    inserted = len(re.findall(r"(?<=\d)(?=[^\W\d_])", value[:spaced_offset]))
    return spaced_offset - inserted


def _photo_credit(value: str, offset: int, head: str) -> list[CreditedSource]:
    inside = re.search(r"\(([^)]+)\)", value)
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s*\(", head) if p.strip(" )")]
    names = [*parts, inside.group(1).strip() if inside else ""]
    return _named(names, value, offset, kind="photo", date=None, lang=None)


def find_credits(
    text: str, pack: LanguagePack, anchor: dt.date | None
) -> tuple[list[CreditedSource], int]:
    """All credits of the text, and where the body starts after a credit header."""
    labels = _labels(pack.lang)
    credits: list[CreditedSource] = []
    body_start = 0
    in_header = True
    continuing: str | None = None
    for number, (start, end) in enumerate(_lines(text)):
        line = text[start:end]
        if not line.strip():
            continuing = None
            if in_header and credits:
                body_start = end + 1
            continue
        found = _credits_in_line(line, start, pack, labels, anchor, continuing)
        if found:
            credits.extend(found)
            kinds = {c.kind for c in found}
            continuing = "source" if kinds & {"source", "via"} else None
            if kinds == {"dateline"}:
                # "LIMA, 4 jun (EFE).- El ministro …": the body starts on the same line
                body_start = max(c.span.end for c in found) + 1
                in_header = False
            elif in_header and number < MAX_HEADER_LINES:
                body_start = end + 1
            continue
        continuing = None
        in_header = False
    for sentence_label in re.finditer(r"(?<=[.!?] )(?P<label>[^\W\d_]+):\s*", text):
        kind = labels.get(sentence_label.group("label").lower())
        if kind == "photo":
            line_end = text.find("\n", sentence_label.end())
            line_end = len(text) if line_end < 0 else line_end
            value = text[sentence_label.end() : line_end]
            credits.extend(parse_credit(value, sentence_label.end(), kind, pack.lang, anchor))
    unique = {(c.kind, c.span): c for c in credits}
    return sorted(unique.values(), key=lambda c: c.span.start), body_start


def _credits_in_line(
    line: str,
    start: int,
    pack: LanguagePack,
    labels: dict[str, str],
    anchor: dt.date | None,
    continuing: str | None,
) -> list[CreditedSource]:
    label = _label_at(line, labels)
    if label is not None:
        kind, value_at = label
        return parse_credit(line[value_at:], start + value_at, kind, pack.lang, anchor)
    byline_at = _byline(line, labels)
    if byline_at is not None:
        return parse_credit(line[byline_at:], start + byline_at, "byline", pack.lang, anchor)
    dateline = DATELINE.match(line)
    if dateline:
        outlet = dateline.group("outlet").strip()
        at = start + dateline.start("outlet")
        return [
            CreditedSource(
                outlet=outlet,
                date=anchor.isoformat() if anchor else None,
                lang=None,
                kind="dateline",
                span=Span(start=at, end=at + len(outlet)),
            )
        ]
    short = len(line.split()) <= MAX_BYLINE_WORDS + 2
    if continuing and short and (LANG_TAG.search(line) or re.search(r"\d{4}", line)):
        return parse_credit(line, start, continuing, pack.lang, anchor)
    return []


def add_credits(doc: Document) -> Document:
    pack = load_pack(doc.lang or "en")
    anchor = parse_iso(doc.article.date)
    credits, body_start = find_credits(doc.text, pack, anchor)
    return dataclasses.replace(doc, credited_sources=tuple(credits), body_start=body_start)
