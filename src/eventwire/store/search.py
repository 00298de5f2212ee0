"""Full-text search over articles and quotes (DuckDB's fts extension).

The extension is loaded from the installed `duckdb-extension-fts` wheel by
path (`LOAD '<site-packages>/duckdb_extension_fts/extensions/v<duckdb>/fts.duckdb_extension'`),
never with `INSTALL fts`, which downloads. DuckDB's fts index does not follow
later writes, so it is rebuilt on the first search after any write (the store
counts writes in `meta.generation`). Words are lower-cased with accents
stripped and not stemmed (the corpus mixes languages), with no stop words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import duckdb_extension_fts  # type: ignore[import-untyped]

from eventwire.errors import StoreError
from eventwire.store.duck import Store

INDEX_TABLE = "search_docs"
SNIPPET = 90


@dataclass(frozen=True, slots=True, kw_only=True)
class Hit:
    kind: str  # "article" or "quote"
    score: float
    article_id: str
    content_hash: str
    lang: str | None
    date: str | None
    title: str | None
    speaker: str | None
    snippet: str


def extension_path() -> Path:
    package = Path(duckdb_extension_fts.__file__).parent
    path = package / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise StoreError(
            f"the fts extension for duckdb {duckdb.__version__} is not installed at {path}; "
            f"install it with `pip install duckdb-extension-fts=={duckdb.__version__}`"
        )
    return path


def load_fts(connection: duckdb.DuckDBPyConnection) -> None:
    path = str(extension_path()).replace("'", "''")
    connection.execute(f"LOAD '{path}'")


def refresh_index(store: Store) -> bool:
    """Rebuild the index if the store changed since it was built; True if rebuilt."""
    load_fts(store.connection)
    generation = store.meta("generation") or "0"
    if store.meta("fts_generation") == generation and _has_index(store):
        return False
    with store.transaction():
        c = store.connection
        c.execute(
            f"""CREATE OR REPLACE TABLE {INDEX_TABLE} AS
            SELECT 'a:' || content_hash AS doc_id, 'article' AS kind, content_hash,
                   NULL::INTEGER AS n, coalesce(title, '') || ' ' || text AS body,
                   NULL::VARCHAR AS speaker
            FROM articles
            UNION ALL
            SELECT 'q:' || content_hash || ':' || n, 'quote', content_hash, n, text, speaker
            FROM quotes"""
        )
        c.execute(
            f"PRAGMA create_fts_index('{INDEX_TABLE}', 'doc_id', 'body', 'speaker', "
            "stemmer = 'none', stopwords = 'none', strip_accents = 1, lower = 1, overwrite = 1)"
        )
        c.execute("INSERT OR REPLACE INTO meta VALUES ('fts_generation', ?)", [generation])
    return True


def _has_index(store: Store) -> bool:
    row = store.connection.execute(
        "SELECT count(*) FROM information_schema.schemata "
        f"WHERE schema_name = 'fts_main_{INDEX_TABLE}'"
    ).fetchone()
    return bool(row and row[0])


def search(store: Store, query: str, *, limit: int = 20) -> list[Hit]:
    """Articles and quotes matching any word of the query, best BM25 score first."""
    if not query.strip():
        raise StoreError("the search query is empty; give one or more words")
    refresh_index(store)
    rows = store.connection.execute(
        f"""SELECT * FROM (
            SELECT d.kind, fts_main_{INDEX_TABLE}.match_bm25(d.doc_id, ?) AS score,
                   a.id, d.content_hash, a.lang, CAST(a.date AS VARCHAR), a.title,
                   d.speaker, d.body
            FROM {INDEX_TABLE} d JOIN articles a USING (content_hash))
        WHERE score IS NOT NULL ORDER BY score DESC, kind, id LIMIT ?""",
        [query, limit],
    ).fetchall()
    return [
        Hit(
            kind=kind,
            score=float(score),
            article_id=article_id,
            content_hash=digest,
            lang=lang,
            date=date,
            title=title,
            speaker=speaker,
            snippet=snippet(body, query),
        )
        for kind, score, article_id, digest, lang, date, title, speaker, body in rows
    ]


def snippet(body: str, query: str) -> str:
    """The text around the first query word found, on one line."""
    flat = " ".join(body.split())
    words = [w for w in re.findall(r"\w+", query.lower()) if len(w) > 1]
    lower = flat.lower()
    positions = [p for w in words if (p := lower.find(w)) >= 0]
    at = min(positions) if positions else 0
    start = max(0, at - SNIPPET // 2)
    end = min(len(flat), start + SNIPPET * 2)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
