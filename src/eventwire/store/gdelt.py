"""The GDELT 2.0 event table layout, column for column (docs/EXPORTS.md).

61 tab-separated columns, no header, one line per event, as in the GDELT 2.0
Event codebook. Columns we cannot fill the way GDELT does are documented in
docs/EXPORTS.md; the short version: actor and country codes are ISO 3166-1
alpha-3 (CAMEO's country codes are ISO3 for nearly every state), geographic
country codes are ISO 3166-1 alpha-2 (GDELT uses FIPS 10-4), AvgTone is empty
(we measure no tone), negated events are left out (GDELT codes none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from eventwire.store.duck import Store

# (name, DuckDB type): the GDELT 2.0 event table (BigQuery's gdelt-bq.gdeltv2.events types)
ACTOR_FIELDS = (
    ("Code", "VARCHAR"),
    ("Name", "VARCHAR"),
    ("CountryCode", "VARCHAR"),
    ("KnownGroupCode", "VARCHAR"),
    ("EthnicCode", "VARCHAR"),
    ("Religion1Code", "VARCHAR"),
    ("Religion2Code", "VARCHAR"),
    ("Type1Code", "VARCHAR"),
    ("Type2Code", "VARCHAR"),
    ("Type3Code", "VARCHAR"),
)
GEO_FIELDS = (
    ("Type", "INTEGER"),
    ("FullName", "VARCHAR"),
    ("CountryCode", "VARCHAR"),
    ("ADM1Code", "VARCHAR"),
    ("ADM2Code", "VARCHAR"),
    ("Lat", "DOUBLE"),
    ("Long", "DOUBLE"),
    ("FeatureID", "VARCHAR"),
)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "BIGINT"),
    ("SQLDATE", "INTEGER"),
    ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"),
    ("FractionDate", "DOUBLE"),
    *((f"Actor1{name}", kind) for name, kind in ACTOR_FIELDS),
    *((f"Actor2{name}", kind) for name, kind in ACTOR_FIELDS),
    ("IsRootEvent", "INTEGER"),
    ("EventCode", "VARCHAR"),
    ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"),
    ("QuadClass", "INTEGER"),
    ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"),
    ("NumSources", "INTEGER"),
    ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
    *((f"Actor1Geo_{name}", kind) for name, kind in GEO_FIELDS),
    *((f"Actor2Geo_{name}", kind) for name, kind in GEO_FIELDS),
    *((f"ActionGeo_{name}", kind) for name, kind in GEO_FIELDS),
    ("DATEADDED", "BIGINT"),
    ("SOURCEURL", "VARCHAR"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)

# our sectors -> CAMEO actor type codes (CAMEO has PTY for parties, no POL)
CAMEO_TYPES = {"POL": "PTY"}
GEO_WORLDCITY, GEO_USCITY = 4, 3

QUERY = """
SELECT e.event_id, coalesce(e.date, a.date, CAST(a.ingested_at AS DATE)) AS day,
       e.source, e.source_country, e.source_sector,
       e.target, e.target_country, e.target_sector,
       e.is_root, e.cameo, e.quad_class, e.goldstein,
       e.num_mentions, e.num_sources, e.num_articles,
       e.source_place, e.source_place_country, e.source_lat, e.source_lon,
       e.target_place, e.target_place_country, e.target_lat, e.target_lon,
       e.location, e.location_country, e.location_lat, e.location_lon,
       a.ingested_at, a.url, a.id
FROM events e JOIN articles a USING (content_hash)
WHERE NOT coalesce(e.negated, FALSE)
ORDER BY day, a.article_seq, e.n
"""


@lru_cache(maxsize=512)
def _country(code: str | None) -> Any:
    if not code or len(code) != 3:
        return None
    return pycountry.countries.get(alpha_3=code)


def is_state(code: str | None) -> bool:
    return _country(code) is not None


def iso2(code: str | None) -> str:
    country = _country(code)
    return str(country.alpha_2) if country is not None else ""


def country_name(code: str | None) -> str:
    country = _country(code)
    return str(getattr(country, "common_name", None) or country.name) if country else ""


def actor(name: str | None, country: str | None, sector: str | None) -> list[Any]:
    """The ten ActorN columns: Code, Name, CountryCode, KnownGroupCode,
    EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code."""
    kind = CAMEO_TYPES.get(sector or "", sector or "")
    if not name and not country:
        return [""] * len(ACTOR_FIELDS)
    state = country if is_state(country) else ""
    group = country if country and not state else ""
    code = state + kind if state else kind + group
    label = name or country_name(state) or group
    return [code, label.upper(), state, group, "", "", "", kind, "", ""]


def geo(place: str | None, country: str | None, lat: float | None, lon: float | None) -> list[Any]:
    """The eight Geo columns; a place with coordinates is a world city (a US city in the USA)."""
    if lat is None or lon is None:
        return [0, "", "", "", "", None, None, ""]
    code = iso2(country)
    full = ", ".join(p for p in (place, country_name(country)) if p)
    kind = GEO_USCITY if country == "USA" else GEO_WORLDCITY
    return [kind, full, code, code, "", round(lat, 4), round(lon, 4), ""]


def fraction_date(day: dt.date) -> float:
    """GDELT's FractionDate: YYYY + ((month - 1) * 30 + day) / 365, 4 decimals."""
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def row(values: tuple[Any, ...]) -> list[Any]:
    (
        event_id, day, source, source_country, source_sector,
        target, target_country, target_sector,
        is_root, cameo, quad_class, goldstein, num_mentions, num_sources, num_articles,
        source_place, source_place_country, source_lat, source_lon,
        target_place, target_place_country, target_lat, target_lon,
        location, location_country, location_lat, location_lon,
        ingested_at, url, article_id,
    ) = values  # fmt: skip
    cameo = cameo or ""
    added = ingested_at or dt.datetime.now(dt.UTC)
    return [
        event_id,
        int(day.strftime("%Y%m%d")),
        int(day.strftime("%Y%m")),
        day.year,
        fraction_date(day),
        *actor(source, source_country, source_sector),
        *actor(target, target_country, target_sector),
        1 if is_root else 0,
        cameo,
        cameo[:3],
        cameo[:2],
        quad_class,
        goldstein,
        num_mentions or 1,
        num_sources or 1,
        num_articles or 1,
        None,  # AvgTone: we measure no tone
        *geo(source_place, source_place_country, source_lat, source_lon),
        *geo(target_place, target_place_country, target_lat, target_lon),
        *geo(location, location_country, location_lat, location_lon),
        int(added.strftime("%Y%m%d%H%M%S")),
        url or article_id,
    ]


def rows(store: Store) -> Iterator[list[Any]]:
    cursor = store.connection.cursor()
    try:
        result = cursor.execute(QUERY)
        while batch := result.fetchmany(1000):
            for values in batch:
                yield row(values)
    finally:
        cursor.close()


def cell(value: Any) -> str:
    """One TSV field: empty for None, no tabs, newlines or double quotes inside."""
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ").replace('"', "")


def write(store: Store, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        for values in rows(store):
            handle.write("\t".join(cell(v) for v in values) + "\n")
            count += 1
    return count


def read_csv_columns() -> str:
    """The `columns` argument of DuckDB's read_csv for a GDELT export file."""
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS) + "}"
