"""Stories: one per real-world report, across copies, outlets and languages.

Each new article joins at most one existing story, decided in this order:

1. near-duplicate: a stored article whose shingle MinHash has an estimated
   Jaccard similarity of at least NEAR_DUPLICATE (datasketch MinHash LSH
   finds the candidates) — a syndicated copy with another headline, outlet
   or trailing credit;
2. language-independent keys: a stored article dated within DATE_WINDOW that
   shares at least one event key (PLOVER type and dyad) and one state, and
   whose key score (`key_score`) reaches SAME_STORY — the same report
   translated or retold;
3. otherwise the article starts a new story.

Stories are never merged afterwards: the first article of a story fixes its
id (the store uses the article's ingest sequence number).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from datasketch import MinHashLSH  # type: ignore[import-untyped]

from eventwire.link.keys import NUM_PERM, LinkKeys, similarity, sketch

NEAR_DUPLICATE = 0.5
DATE_WINDOW = dt.timedelta(days=2)
SAME_STORY = 0.35
WEIGHTS = {"events": 0.4, "states": 0.3, "actors": 0.15, "places": 0.15}

LoadDays = Callable[[list[dt.date]], Iterable[tuple[LinkKeys, int]]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    story_id: int | None  # None: the article starts a new story
    how: str  # "new" | "near-duplicate" | "keys"
    score: float
    matched: str | None  # content hash of the article it matched


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def key_score(a: LinkKeys, b: LinkKeys) -> float:
    """How surely two articles report the same story, from language-independent
    keys only; 0 unless they share an event key and a state and their dates
    (both known) are at most DATE_WINDOW apart."""
    if a.date is None or b.date is None or abs(a.date - b.date) > DATE_WINDOW:
        return 0.0
    if not (a.events & b.events) or not (a.states & b.states):
        return 0.0
    return (
        WEIGHTS["events"] * jaccard(a.events, b.events)
        + WEIGHTS["states"] * jaccard(a.states, b.states)
        + WEIGHTS["actors"] * jaccard(a.actors, b.actors)
        + WEIGHTS["places"] * jaccard(a.places, b.places)
    )


class Linker:
    """Assigns articles to stories, incrementally.

    `known` yields (content hash, signature, story id) of every stored article
    for the near-duplicate index; `load_days(days)` yields the keys and story
    ids of stored articles dated on those days, fetched once per day when
    first needed (`prefetch` fetches a whole batch's days in one call). The
    linker itself never writes: the store asks it for a `Match`, writes it,
    then calls `add`.
    """

    def __init__(
        self,
        *,
        known: Iterable[tuple[str, bytes, int]] = (),
        load_days: LoadDays | None = None,
    ) -> None:
        self._lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
        self._signatures: dict[str, bytes] = {}
        self._story: dict[str, int] = {}
        self._by_date: dict[dt.date, list[LinkKeys]] = {}
        self._loaded: set[dt.date] = set()
        self._dated: set[str] = set()
        self._load_days = load_days
        for content_hash, signature, story_id in known:
            self._index(content_hash, signature, story_id)

    def __len__(self) -> int:
        return len(self._story)

    def story_of(self, content_hash: str) -> int | None:
        return self._story.get(content_hash)

    def assign(self, keys: LinkKeys) -> Match:
        near = self._near_duplicate(keys)
        if near is not None:
            return near
        best: Match | None = None
        for other in self._same_window(keys):
            if other.content_hash == keys.content_hash:
                continue
            score = key_score(keys, other)
            if score >= SAME_STORY and (best is None or score > best.score):
                story = self._story[other.content_hash]
                best = Match(story_id=story, how="keys", score=score, matched=other.content_hash)
        return best or Match(story_id=None, how="new", score=1.0, matched=None)

    def add(self, keys: LinkKeys, story_id: int) -> None:
        if keys.date is not None:
            self._ensure_loaded(keys.date, keys.date)
            self._place(keys)
        self._index(keys.content_hash, keys.signature, story_id)

    def _place(self, keys: LinkKeys) -> None:
        if keys.date is not None and keys.content_hash not in self._dated:
            self._dated.add(keys.content_hash)
            self._by_date.setdefault(keys.date, []).append(keys)

    def _index(self, content_hash: str, signature: bytes, story_id: int) -> None:
        if content_hash in self._story:
            return
        self._story[content_hash] = story_id
        self._signatures[content_hash] = signature
        self._lsh.insert(content_hash, sketch(signature))

    def _near_duplicate(self, keys: LinkKeys) -> Match | None:
        best: Match | None = None
        for candidate in self._lsh.query(sketch(keys.signature)):
            if candidate == keys.content_hash:
                continue
            score = similarity(keys.signature, self._signatures[candidate])
            if score >= NEAR_DUPLICATE and (best is None or score > best.score):
                best = Match(
                    story_id=self._story[candidate],
                    how="near-duplicate",
                    score=score,
                    matched=candidate,
                )
        return best

    def _same_window(self, keys: LinkKeys) -> list[LinkKeys]:
        if keys.date is None or not keys.events:
            return []
        first, last = keys.date - DATE_WINDOW, keys.date + DATE_WINDOW
        self._ensure_loaded(first, last)
        found: list[LinkKeys] = []
        day = first
        while day <= last:
            found.extend(self._by_date.get(day, ()))
            day += dt.timedelta(days=1)
        return found

    def prefetch(self, days: Iterable[dt.date | None]) -> None:
        """Load the date windows of all these days from the store at once."""
        wanted: set[dt.date] = set()
        for day in days:
            if day is not None:
                wanted.update(_window(day))
        self._load(wanted)

    def _ensure_loaded(self, first: dt.date, last: dt.date) -> None:
        days: set[dt.date] = set()
        day = first
        while day <= last:
            days.add(day)
            day += dt.timedelta(days=1)
        self._load(days)

    def _load(self, days: set[dt.date]) -> None:
        missing = days - self._loaded
        self._loaded |= missing
        if not missing or self._load_days is None:
            return
        for keys, story_id in self._load_days(sorted(missing)):
            if keys.date in missing:
                self._place(keys)
                self._index(keys.content_hash, keys.signature, story_id)


def _window(day: dt.date) -> list[dt.date]:
    return [
        day + dt.timedelta(days=offset) for offset in range(-DATE_WINDOW.days, DATE_WINDOW.days + 1)
    ]
