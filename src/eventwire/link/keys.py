"""Language-independent keys of one article, the material that linking compares.

Two kinds of key: a MinHash signature of the article's word shingles (for
exact and near-duplicate copies in one language), and sets of stable ids that
read the same in every language (for the same story told in another language
or by another outlet in its own words): states (ISO3), actors' stable ids
(people and organisations), event keys (PLOVER type and dyad) and places
(rounded coordinates).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash  # type: ignore[import-untyped]

from eventwire.analyze.dates import parse_iso
from eventwire.model import SYMMETRIC_TYPES, Document
from eventwire.records import countries

SHINGLE_WORDS = 3
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2.0's default: uint32 hash values, 4 bytes each
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkKeys:
    content_hash: str
    date: dt.date | None
    lang: str | None
    states: frozenset[str]
    actors: frozenset[str]
    events: frozenset[str]
    places: frozenset[str]
    signature: bytes  # MinHash hash values (uint32, NUM_PERM of them)


def shingles(text: str) -> list[bytes]:
    """Overlapping runs of SHINGLE_WORDS lower-cased words, as bytes."""
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    return [
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]


def signature(text: str) -> bytes:
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update_batch(shingles(text))
    values: np.ndarray = np.asarray(sketch.hashvalues, dtype=np.uint32)
    return values.tobytes()


def sketch(signature: bytes) -> LeanMinHash:
    values = np.frombuffer(signature, dtype=np.uint32)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    return float(sketch(a).jaccard(sketch(b)))


def event_key(
    kind: str, source_country: str | None, target_country: str | None, negated: bool
) -> str:
    """The same event in any language: type and dyad ("CONSULT:CHN-USA"); the
    dyad of a symmetric type (CONSULT, AGREE, COOPERATE) is sorted."""
    source, target = source_country or "-", target_country or "-"
    if kind in SYMMETRIC_TYPES and target < source:
        source, target = target, source
    return f"{'!' if negated else ''}{kind}:{source}-{target}"


def place_key(lat: float, lon: float) -> str:
    """A place by its coordinates rounded to 0.1° (about 10 km), whatever its name."""
    return f"{lat:.1f},{lon:.1f}"


def keys_from_document(doc: Document) -> LinkKeys:
    return LinkKeys(
        content_hash=doc.article.content_hash,
        date=parse_iso(doc.article.date or doc.anchor_date),
        lang=doc.lang,
        states=frozenset(countries(doc)),
        actors=frozenset(a.key for a in doc.actors if a.key and a.kind in ("PERSON", "ORG")),
        events=frozenset(
            event_key(e.type, e.source_country, e.target_country, e.negated)
            for e in doc.events
            if e.source_country or e.target_country
        ),
        places=frozenset(
            place_key(m.lat, m.lon)
            for m in doc.mentions
            if m.kind == "PLACE" and m.lat is not None and m.lon is not None
        ),
        signature=signature(doc.text),
    )
