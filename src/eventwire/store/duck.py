"""The embedded DuckDB store: the only place that writes.

Each batch is written in one transaction; articles are keyed by content hash,
so ingesting the same corpus twice adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from eventwire.errors import StoreError
from eventwire.model import Document
from eventwire.records import to_record

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY, id VARCHAR, lang VARCHAR, date DATE,
    title VARCHAR, url VARCHAR, text VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS actors (
    content_hash VARCHAR, actor INTEGER, kind VARCHAR, name VARCHAR,
    country VARCHAR, role VARCHAR, sector VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    content_hash VARCHAR, n INTEGER, type VARCHAR, mode VARCHAR, context VARCHAR,
    cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    source VARCHAR, source_country VARCHAR, target VARCHAR, target_country VARCHAR,
    negated BOOLEAN, date DATE, location VARCHAR, confidence DOUBLE, mentions INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    explanation VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    content_hash VARCHAR, n INTEGER, speaker VARCHAR, text VARCHAR,
    start_offset INTEGER, end_offset INTEGER);
"""


class Store:
    def __init__(self, path: str | Path) -> None:
        try:
            self.connection = duckdb.connect(str(path))
        except duckdb.Error as error:
            raise StoreError(f"cannot open the store {path}: {error}") from error
        self.path = Path(path)
        self.connection.execute(SCHEMA)
        self.connection.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def known(self, content_hash: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row is not None

    def write(self, documents: Iterable[Document]) -> int:
        """Write a batch in one transaction; returns how many articles were new."""
        added = 0
        cursor = self.connection
        cursor.execute("BEGIN TRANSACTION")
        try:
            for doc in documents:
                digest = doc.article.content_hash
                if self.known(digest):
                    continue
                self._insert(digest, doc)
                added += 1
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        return added

    def _insert(self, digest: str, doc: Document) -> None:
        record = to_record(doc)
        c = self.connection
        c.execute(
            "INSERT INTO articles VALUES (?, ?, ?, TRY_CAST(? AS DATE), ?, ?, ?, ?)",
            [
                digest,
                doc.article.id,
                doc.lang,
                record["date"],
                doc.article.title,
                doc.article.url,
                doc.text,
                json.dumps(record, ensure_ascii=False),
            ],
        )
        if doc.actors:
            c.executemany(
                "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[digest, a.id, a.kind, a.name, a.country, a.role, a.sector] for a in doc.actors],
            )
        rows: list[list[Any]] = []
        for n, (event, out) in enumerate(zip(doc.events, record["events"], strict=True)):
            rows.append(
                [
                    digest,
                    n,
                    event.type,
                    event.mode,
                    out["context"],
                    event.cameo,
                    event.goldstein,
                    event.quad_class,
                    out["source"],
                    event.source_country,
                    out["target"],
                    event.target_country,
                    event.negated,
                    event.date,
                    event.location,
                    event.confidence,
                    event.mentions,
                    event.trigger.start,
                    event.trigger.end,
                    event.sentence.start,
                    event.sentence.end,
                    event.explanation,
                ]
            )
        if rows:
            c.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "TRY_CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        quotes = [
            [digest, n, q.speaker, q.span.text(doc.text), q.span.start, q.span.end]
            for n, q in enumerate(doc.quotes)
        ]
        if quotes:
            c.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)", quotes)

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, params or []).fetchall()
