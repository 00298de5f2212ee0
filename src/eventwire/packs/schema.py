"""The shape of every pack file, checked at load time and in the integrity test.

A file that breaks its schema raises `PackError` naming the file, the line
and what is wrong, so a contributor adding a language sees at once where.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import PackError
from eventwire.model import PLOVER_TYPES, SECTORS

TSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "states.tsv": ("form", "iso3", "kind"),
    "organizations.tsv": ("form", "org_id"),
    "roles.tsv": ("phrase", "role", "sector"),
    "events.tsv": ("pattern", "type", "mode", "context", "cameo"),
    "contexts.tsv": ("lemma", "context"),
}
SHARED_COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations.tsv": ("org_id", "actor_code", "sector", "name"),
    "people.tsv": ("person_id", "name", "aliases", "country", "role", "sector", "start", "end"),
    "cameo.tsv": ("cameo", "plover_type", "mode", "context", "goldstein", "quad_class", "label"),
    "language_tags.tsv": ("tag", "lang"),
}
NOT_AN_EVENT = "NONE"  # a phrase that looks like a trigger but reports no act ("a petición de")
STATE_KINDS = frozenset({"name", "adjective", "demonym", "alias"})
PACK_YAML_KEYS: dict[str, type] = {
    "lang": str,
    "name": str,
    "quote_pairs": list,
    "speech_verbs": list,
    "credit_labels": dict,
    "negation": list,
    "future": list,
    "passive_aux": list,
    "prepositions": dict,
    "coordinators": list,
    "relative_days": dict,
    "name_particles": list,
    "function_words": list,
}
PREPOSITION_ROLES = frozenset({"with", "against", "to", "between", "by", "of", "locative", "other"})
CREDIT_KINDS = frozenset({"source", "photo", "byline", "via"})
ISO3 = re.compile(r"^[A-Z]{3}$")
ACTOR_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
CAMEO = re.compile(r"^\d{2,4}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data line, checking the header and widths."""
    if not path.is_file():
        raise PackError(f"{path}: missing pack file; see docs/PACKS.md")
    header_seen = False
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                if tuple(c.strip() for c in cells) != columns:
                    raise PackError(
                        f"{path}:{number}: header must be {'<TAB>'.join(columns)}, found {line!r}"
                    )
                header_seen = True
                continue
            if len(cells) < len(columns):
                cells += [""] * (len(columns) - len(cells))
            if len(cells) > len(columns):
                raise PackError(
                    f"{path}:{number}: {len(cells)} columns, expected {len(columns)}: {line!r}"
                )
            yield number, {c: v.strip() for c, v in zip(columns, cells, strict=True)}


def fail(path: Path, number: int, message: str) -> PackError:
    return PackError(f"{path}:{number}: {message}")


def check_state_row(path: Path, number: int, row: dict[str, str], iso3_codes: set[str]) -> None:
    if not row["form"]:
        raise fail(path, number, "empty form")
    if row["iso3"] not in iso3_codes:
        raise fail(path, number, f"unknown ISO3 code {row['iso3']!r}")
    if row["kind"] not in STATE_KINDS:
        raise fail(path, number, f"kind must be one of {sorted(STATE_KINDS)}")


def check_role_row(path: Path, number: int, row: dict[str, str]) -> None:
    if not row["phrase"] or not row["role"]:
        raise fail(path, number, "phrase and role are required")
    if row["sector"] not in SECTORS:
        raise fail(path, number, f"sector {row['sector']!r} is not one of {sorted(SECTORS)}")


def check_event_row(path: Path, number: int, row: dict[str, str], cameo: set[str]) -> None:
    if not row["pattern"] or row["pattern"].split()[0] == "~":
        raise fail(path, number, "pattern is empty or starts with a gap")
    if row["type"] == NOT_AN_EVENT:
        if row["cameo"] or row["mode"] or row["context"]:
            raise fail(path, number, f"a {NOT_AN_EVENT} row has no mode, context or CAMEO code")
        return
    if row["type"] not in PLOVER_TYPES:
        raise fail(path, number, f"type {row['type']!r} is not a PLOVER type nor {NOT_AN_EVENT}")
    if not CAMEO.match(row["cameo"]) or row["cameo"] not in cameo:
        raise fail(path, number, f"CAMEO code {row['cameo']!r} is not in shared/cameo.tsv")


def check_pack_yaml(path: Path, data: Any) -> None:
    if not isinstance(data, dict):
        raise PackError(f"{path}: must be a mapping")
    for key, kind in PACK_YAML_KEYS.items():
        if key not in data:
            raise PackError(f"{path}: missing key {key!r}; see docs/PACKS.md")
        if not isinstance(data[key], kind):
            raise PackError(f"{path}: {key!r} must be a {kind.__name__}")
    for pair in data["quote_pairs"]:
        if not (isinstance(pair, list) and len(pair) == 2 and all(pair)):
            raise PackError(f"{path}: quote_pairs entries are [open, close] pairs: {pair!r}")
    unknown = set(data["prepositions"]) - PREPOSITION_ROLES
    if unknown:
        raise PackError(f"{path}: unknown preposition roles {sorted(unknown)}")
    unknown = set(data["credit_labels"]) - CREDIT_KINDS
    if unknown:
        raise PackError(f"{path}: unknown credit label kinds {sorted(unknown)}")
    for word, offset in data["relative_days"].items():
        if not isinstance(offset, int):
            raise PackError(f"{path}: relative_days[{word!r}] must be an integer")
