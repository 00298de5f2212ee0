"""The record types: one Article in, one Document out.

Every annotation points into `Article.text` with character offsets (`Span`),
so the evidence of any record can always be shown. Records are frozen;
analysis stages return new Documents with `dataclasses.replace`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
SECTORS = frozenset(
    {"GOV", "MIL", "POL", "OPP", "REB", "BUS", "MED", "CVL", "JUD", "LEG", "IGO", "NGO"}
)
# groups of sectors the event coder reasons with
CROWD_SECTORS = frozenset({"CVL", "OPP"})  # civilians and opposition supporters
ARMED_SECTORS = frozenset({"REB", "MIL"})
INSTITUTION_SECTORS = frozenset({"GOV", "MIL", "IGO", "JUD", "LEG"})  # act in words of office
OFFICIAL_SECTORS = INSTITUTION_SECTORS | ARMED_SECTORS | {"POL"}  # never a crowd


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True, kw_only=True)
class CreditedSource:
    """An outlet the article credits ("Bron: albaciudad 16 februari 2022 (SP)")."""

    outlet: str
    date: str | None
    lang: str | None
    kind: str  # source | via | byline | photo
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    date: str | None = None
    lang: str | None = None
    author: str | None = None  # byline from the page's metadata or a record's column
    source_format: str | None = None  # the reader: ingest/formats.py FORMATS
    origin: str | None = None  # where it was read: a file, file:line, WARC record or URL

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    is_title: bool
    sentence: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    span: Span
    first_token: int
    last_token: int  # exclusive


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    span: Span
    iso: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A stretch of text that names an actor or a place.

    kind: STATE, ORG, PERSON, ROLE (a title or collective actor without a
    name: "het Venezolaanse staatshoofd", "el ejército"), PLACE.
    """

    kind: str
    span: Span
    name: str
    country: str | None = None  # ISO3 or organisation code
    role: str | None = None
    sector: str | None = None
    key: str | None = None  # stable id: ISO3, org id, person id
    head: Span | None = None  # the name itself, without the title
    lat: float | None = None
    lon: float | None = None
    state_kind: str | None = None  # for states: name, adjective, demonym or alias
    attached: bool = False  # part of a larger mention ("Russische" in "Russische vicepremier X")


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """One real-world actor of the article, with all its mentions."""

    id: int
    kind: str
    name: str  # the fullest form the article writes
    key: str | None  # stable id of a known person or organisation
    country: str | None
    role: str | None
    sector: str | None
    mentions: tuple[int, ...]  # indexes into Document.mentions


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    span: Span  # the quoted words, without the marks
    speaker: str | None
    speaker_actor: int | None
    speaker_span: Span | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    goldstein: float | None
    quad_class: int | None
    source_actor: int | None
    target_actor: int | None
    source_mention: int | None  # index into Document.mentions: the evidence of the actor
    target_mention: int | None
    source_country: str | None
    target_country: str | None
    negated: bool
    future: bool
    trigger: Span
    sentence: Span
    date: str | None
    location: str | None
    confidence: float
    explanation: str
    mentions: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    article: Article
    lang: str | None = None
    lang_score: float | None = None
    credited_sources: tuple[CreditedSource, ...] = ()
    body_start: int = 0  # first character after the credit lines
    tokens: tuple[Token, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    dates: tuple[DateMention, ...] = ()
    anchor_date: str | None = None
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    mention_actor: tuple[int, ...] = ()  # actor id per mention
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    stages: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return self.article.text
