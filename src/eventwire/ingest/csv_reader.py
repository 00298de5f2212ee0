"""CSV and TSV files: one article per row, the text in a column the user names.

The header row names the columns (matched without regard to case or
surrounding spaces). Besides the text column (`--text-column`, default
`text`), these are read when present: id, title, date, lang (or language),
url (or link), outlet (or source, site), author. A .csv file's delimiter is
the one of `, ; | TAB` its header line uses most; a .tsv file's is TAB. Quoting is
read strictly: an unclosed quote is an error, not a field that swallows the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from eventwire.errors import InputError
from eventwire.ingest.formats import CSV
from eventwire.model import Article

DELIMITERS = (",", ";", "\t", "|")
FIELD_LIMIT = 64 * 1024 * 1024  # csv's default, 128 KiB, is shorter than some articles
OPTIONAL = {
    "id": ("id",),
    "title": ("title",),
    "date": ("date",),
    "lang": ("lang", "language"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site"),
    "author": ("author",),
}


def delimiter_of(header: str, default: str = ",") -> str:
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else default


def _columns(fieldnames: list[str]) -> dict[str, str]:
    """Normalised name -> name as written (the first one wins)."""
    columns: dict[str, str] = {}
    for name in fieldnames:
        columns.setdefault(name.strip().lower(), name)
    return columns


def _value(row: dict[str | None, str | None], column: str | None) -> str | None:
    if column is None:
        return None
    value = row.get(column)
    return value.strip() or None if isinstance(value, str) else None


def read_csv(
    text: str,
    origin: str,
    lang: str | None,
    *,
    text_column: str = "text",
    tab: bool = False,
) -> Iterator[Article | InputError]:
    """Articles from the rows of a CSV/TSV text; a bad row is an InputError."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if tab else delimiter_of(first_line)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        fieldnames = list(reader.fieldnames or [])
    except csv.Error as error:
        yield InputError(f"{origin}: not CSV ({error}); skipped")
        return
    columns = _columns(fieldnames)
    text_name = columns.get(text_column.strip().lower())
    if text_name is None:
        listed = ", ".join(repr(name) for name in fieldnames) or "none"
        yield InputError(
            f"{origin}: no column {text_column!r} (columns: {listed}); "
            "name the text column with --text-column; skipped"
        )
        return
    optional = {
        field: next((columns[name] for name in names if name in columns), None)
        for field, names in OPTIONAL.items()
    }
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield InputError(f"{origin}:{start}: not CSV ({error}); rest of the file skipped")
            return
        line = reader.line_num
        where = f"{origin}:{start}"
        body = row.get(text_name)
        if not isinstance(body, str) or not body.strip():
            yield InputError(f"{where}: empty {text_name!r}; skipped")
            continue
        yield Article(
            id=_value(row, optional["id"]) or where,
            text=body,
            title=_value(row, optional["title"]),
            url=_value(row, optional["url"]),
            outlet=_value(row, optional["outlet"]),
            date=_value(row, optional["date"]),
            lang=_value(row, optional["lang"]) or lang,
            author=_value(row, optional["author"]),
            source_format=CSV,
            origin=where,
        )
