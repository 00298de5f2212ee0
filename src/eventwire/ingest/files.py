"""Read articles from text/Markdown files, JSON lines and standard input.

Every problem with one input (binary data, empty file, wrong encoding, a bad
JSON line) becomes an `InputError` in the stream, so the caller reports it
and goes on with the rest of the batch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.model import Article

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
BINARY_SAMPLE = 4096


def expand(inputs: Iterable[str]) -> Iterator[str | Path]:
    """Files and folders (recursively, sorted) and "-" for standard input."""
    for item in inputs:
        if item == "-":
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
            )
        else:
            yield path


def decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise InputError(f"{origin}: empty file; skipped")
    if b"\x00" in data[:BINARY_SAMPLE]:
        raise InputError(f"{origin}: binary data, not text; skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{origin}: not UTF-8 (byte {error.start}); convert it with iconv -t UTF-8; skipped"
        ) from error


def article_from_record(record: object, origin: str, lang: str | None) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"{origin}: a JSON object is expected; skipped")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{origin}: no 'text'; skipped")
    return Article(
        id=str(record.get("id") or origin),
        text=text,
        title=record.get("title"),
        url=record.get("url"),
        outlet=record.get("outlet"),
        date=record.get("date"),
        lang=record.get("lang") or lang,
    )


def read_jsonl(text: str, origin: str, lang: str | None) -> Iterator[Article | InputError]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            yield article_from_record(json.loads(line), where, lang)
        except json.JSONDecodeError as error:
            yield InputError(f"{where}: not JSON ({error.msg}); skipped")
        except InputError as error:
            yield error


def read_inputs(inputs: Iterable[str], lang: str | None = None) -> Iterator[Article | InputError]:
    for item in expand(inputs):
        if isinstance(item, str):
            origin = "<stdin>"
            data = sys.stdin.buffer.read()
            is_jsonl = data.lstrip()[:1] == b"{"
        else:
            origin = str(item)
            if not item.is_file():
                yield InputError(f"{origin}: no such file; skipped")
                continue
            data = item.read_bytes()
            is_jsonl = item.suffix.lower() in JSONL_SUFFIXES
        try:
            text = decode(data, origin)
        except InputError as error:
            yield error
            continue
        if is_jsonl:
            yield from read_jsonl(text, origin, lang)
        else:
            identifier = Path(origin).stem if origin != "<stdin>" else "stdin"
            yield Article(id=identifier, text=text, lang=lang)
