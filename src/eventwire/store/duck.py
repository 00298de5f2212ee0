"""The embedded DuckDB store: the only place that writes.

- The schema is versioned (`schema.py`): opening an older store migrates it.
- Every batch is written in one transaction: after a crash (even SIGKILL) an
  article is either stored with all its derived rows, or not at all.
- Articles are keyed by content hash: ingesting the same corpus twice adds
  nothing. The same text from another outlet or URL is kept as a copy
  (`article_copies`), which counts as another article and source of the story.
- Linking runs inside the batch's transaction, incrementally against what is
  stored (`eventwire.link`), and the GDELT-style counts of the touched
  stories' events are recomputed there too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from eventwire.analyze.dates import parse_iso
from eventwire.errors import StoreError
from eventwire.link.keys import LinkKeys, keys_from_document
from eventwire.link.stories import Linker
from eventwire.model import Article, Document
from eventwire.records import to_record
from eventwire.store import rows as R
from eventwire.store.schema import NEEDS_REANALYSIS, SCHEMA_VERSION, migrate, version

DERIVED_TABLES = ("mentions", "actors", "events", "quotes", "link_keys")
ARROW_TYPES: dict[str, Any] = {
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BLOB": pa.binary(),
    "VARCHAR[]": pa.list_(pa.string()),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchResult:
    added: int  # new articles stored
    skipped: int  # already stored (same content hash): known documents and copy candidates
    copies: int  # of those, exact copies from another outlet or URL, kept as copies
    new_stories: int
    joined: int  # new articles that joined an existing story
    pending: tuple[Article, ...] = ()  # copies whose original is not stored yet


class Store:
    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}; create it with `eventwire ingest INPUT --db {path}`"
            )
        self.connection = self._connect(read_only)
        self.migrated: tuple[int, int] = (SCHEMA_VERSION, SCHEMA_VERSION)
        if read_only and version(self.connection) != SCHEMA_VERSION:
            self.connection.close()
            read_only = False
            self.connection = self._connect(read_only)
        if not read_only:
            self.migrated = migrate(self.connection)
        self.read_only = read_only
        self._linker: Linker | None = None
        self._types: dict[str, dict[str, str]] = {}

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            connection = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(
                f"cannot open the store {self.path}: {error}; is another eventwire "
                "process writing to it? Wait for it to finish."
            ) from error
        # never download anything: extensions come from installed wheels (see search.py)
        connection.execute("SET autoinstall_known_extensions = false")
        connection.execute("SET autoload_known_extensions = false")
        return connection

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

    # ---- reading -------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, list(params or [])).fetchall()

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    @property
    def needs_reanalysis(self) -> str | None:
        return self.meta(NEEDS_REANALYSIS)

    def known(self, content_hash: str) -> bool:
        return bool(self.known_hashes([content_hash]))

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are stored (committed). Uses its own
        cursor, so an analysis engine may call it from another thread."""
        if not hashes:
            return set()
        cursor = self.connection.cursor()
        try:
            found = cursor.execute(
                "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?))",
                [list(hashes)],
            ).fetchall()
        finally:
            cursor.close()
        return {row[0] for row in found}

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for table in ("articles", "article_copies", "events", "quotes", "stories"):
            row = self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def stored_articles(self) -> Iterator[Article]:
        """Every stored article as the input gave it, in ingest order (for reanalysis)."""
        cursor = self.connection.cursor()
        try:
            result = cursor.execute(
                "SELECT id, text, title, url, outlet, declared_date, declared_lang, author, "
                "source_format, origin FROM articles ORDER BY article_seq"
            )
            while batch := result.fetchmany(500):
                for row in batch:
                    yield Article(
                        id=row[0],
                        text=row[1],
                        title=row[2],
                        url=row[3],
                        outlet=row[4],
                        date=row[5],
                        lang=row[6],
                        author=row[7],
                        source_format=row[8],
                        origin=row[9],
                    )
        finally:
            cursor.close()

    # ---- writing -------------------------------------------------------------

    def write_batch(
        self, documents: Iterable[Document], copies: Iterable[Article] = ()
    ) -> BatchResult:
        """Store new articles with all their derived rows, link them to stories
        and record exact copies, in one transaction."""
        docs = list(documents)
        candidates = list(copies)
        now = _now()
        with self._transaction():
            hashes = [d.article.content_hash for d in docs] + [a.content_hash for a in candidates]
            provenance = self._provenance(hashes)
            fresh: list[Document] = []
            for doc in docs:
                digest = doc.article.content_hash
                if digest in provenance:
                    candidates.append(doc.article)
                    continue
                provenance[digest] = {(R.outlet_of(doc.article), doc.article.url)}
                fresh.append(doc)
            seq = self._next_seq()
            tables: dict[str, list[R.Row]] = {name: [] for name in ("articles", *DERIVED_TABLES)}
            keys: list[LinkKeys] = []
            for offset, doc in enumerate(fresh):
                record = to_record(doc)
                tables["articles"].append(R.article_row(doc, record, seq=seq + offset, now=now))
                self._derived_rows(doc, record, tables, keys)
            for table, table_rows in tables.items():
                self._append(table, table_rows)
            new_stories, joined, touched = self._link(
                keys, [seq + offset for offset in range(len(fresh))], now
            )
            kept, pending = self._copies(candidates, provenance, now)
            touched |= {
                story
                for article in kept
                if (story := self._story_of(article.content_hash)) is not None
            }
            self._update_counts(touched)
            self._bump_generation()
        return BatchResult(
            added=len(fresh),
            skipped=len(candidates) - len(pending),
            copies=len(kept),
            new_stories=new_stories,
            joined=joined,
            pending=tuple(pending),
        )

    def replace_analysis(self, documents: Iterable[Document]) -> int:
        """After a lexicon change: replace the derived rows of stored articles
        (mentions, actors, events, quotes, link keys) and their record JSON, in
        one transaction, without touching the articles themselves. Stories are
        rebuilt afterwards by `relink`."""
        docs = list(documents)
        now = _now()
        with self._transaction():
            digests = [d.article.content_hash for d in docs]
            for table in DERIVED_TABLES:
                self.connection.execute(
                    f"DELETE FROM {table} WHERE content_hash IN (SELECT unnest(?))", [digests]
                )
            tables: dict[str, list[R.Row]] = {name: [] for name in DERIVED_TABLES}
            keys: list[LinkKeys] = []
            updates: list[R.Row] = []
            for doc in docs:
                record = to_record(doc)
                self._derived_rows(doc, record, tables, keys)
                updates.append(
                    {
                        "content_hash": doc.article.content_hash,
                        "record": json.dumps(record, ensure_ascii=False),
                        "lang": doc.lang,
                        "date": parse_iso(record.get("date")),
                        "analyzed_at": now,
                    }
                )
            for table, table_rows in tables.items():
                self._append(table, table_rows)
            if updates:
                self.connection.register(
                    "eventwire_updates",
                    _arrow(updates, {"date": "DATE", "analyzed_at": "TIMESTAMP"}),
                )
                try:
                    self.connection.execute(
                        "UPDATE articles SET record = u.record::JSON, lang = u.lang, "
                        "date = u.date, analyzed_at = u.analyzed_at "
                        "FROM eventwire_updates u WHERE articles.content_hash = u.content_hash"
                    )
                finally:
                    self.connection.unregister("eventwire_updates")
            self._bump_generation()
        return len(docs)

    def relink(self) -> int:
        """Rebuild every story from the stored link keys, in ingest order, in one
        transaction; returns the number of stories."""
        now = _now()
        with self._transaction():
            c = self.connection
            c.execute("DELETE FROM story_members")
            c.execute("DELETE FROM stories")
            linker = Linker()
            members: list[R.Row] = []
            stories: list[R.Row] = []
            result = c.execute(
                "SELECT k.content_hash, k.date, k.lang, k.states, k.actors, k.events, "
                "k.places, k.signature, a.article_seq FROM link_keys k "
                "JOIN articles a USING (content_hash) ORDER BY a.article_seq"
            ).fetchall()
            for row in result:
                keys = R.keys_from_row(row[:8])
                match = linker.assign(keys)
                story = match.story_id if match.story_id is not None else int(row[8])
                if match.story_id is None:
                    stories.append(
                        {"story_id": story, "first_article": keys.content_hash, "created_at": now}
                    )
                linker.add(keys, story)
                members.append(_member(keys, story, match.how, match.score, match.matched))
            self._append("stories", stories)
            self._append("story_members", members)
            self._update_counts(None)
            c.execute("DELETE FROM meta WHERE key = ?", [NEEDS_REANALYSIS])
            self._bump_generation()
        self._linker = None
        return len(stories)

    # ---- internals -----------------------------------------------------------

    class _Transaction:
        def __init__(self, store: Store) -> None:
            self.store = store

        def __enter__(self) -> None:
            self.store.connection.execute("BEGIN TRANSACTION")

        def __exit__(
            self,
            kind: type[BaseException] | None,
            value: BaseException | None,
            traceback: TracebackType | None,
        ) -> None:
            if kind is None:
                self.store.connection.execute("COMMIT")
                return
            self.store.connection.execute("ROLLBACK")
            self.store._linker = None  # its in-memory state saw rows that are gone

    def transaction(self) -> Store._Transaction:
        """One write transaction (for the store package: search.py)."""
        return self._transaction()

    def _transaction(self) -> Store._Transaction:
        if self.read_only:
            raise StoreError(f"the store {self.path} was opened read-only")
        return Store._Transaction(self)

    def _derived_rows(
        self,
        doc: Document,
        record: dict[str, Any],
        tables: dict[str, list[R.Row]],
        keys: list[LinkKeys],
    ) -> None:
        tables["mentions"].extend(R.mention_rows(doc))
        tables["actors"].extend(R.actor_rows(doc))
        tables["events"].extend(R.event_rows(doc, record))
        tables["quotes"].extend(R.quote_rows(doc))
        link = keys_from_document(doc)
        keys.append(link)
        tables["link_keys"].append(R.link_row(link))

    def _next_seq(self) -> int:
        row = self.connection.execute(
            "SELECT coalesce(max(article_seq), 0) FROM articles"
        ).fetchone()
        return (int(row[0]) if row else 0) + 1

    def _provenance(self, hashes: Sequence[str]) -> dict[str, set[tuple[str | None, str | None]]]:
        """(outlet, url) of every stored article and copy among these hashes."""
        found: dict[str, set[tuple[str | None, str | None]]] = {}
        if not hashes:
            return found
        rows = self.connection.execute(
            "SELECT content_hash, outlet, url FROM articles "
            "WHERE content_hash IN (SELECT unnest($1)) "
            "UNION ALL SELECT content_hash, outlet, url FROM article_copies "
            "WHERE content_hash IN (SELECT unnest($1))",
            [list(set(hashes))],
        ).fetchall()
        for digest, outlet, url in rows:
            found.setdefault(digest, set()).add((outlet, url))
        return found

    def _copies(
        self,
        candidates: list[Article],
        provenance: dict[str, set[tuple[str | None, str | None]]],
        now: dt.datetime,
    ) -> tuple[list[Article], list[Article]]:
        kept: list[Article] = []
        pending: list[Article] = []
        for article in candidates:
            digest = article.content_hash
            if digest not in provenance:
                pending.append(article)  # its original is in a later batch
                continue
            source = (R.outlet_of(article), article.url)
            if (source[0] or source[1]) and source not in provenance[digest]:
                provenance[digest].add(source)
                kept.append(article)
        self._append("article_copies", [R.copy_row(a, now=now) for a in kept])
        return kept, pending

    def _linker_for_batch(self) -> Linker:
        if self._linker is None:
            known = self.connection.execute(
                "SELECT k.content_hash, k.signature, m.story_id FROM link_keys k "
                "JOIN story_members m USING (content_hash)"
            ).fetchall()
            self._linker = Linker(
                known=((h, bytes(s), int(story)) for h, s, story in known),
                load_days=self._load_days,
            )
        return self._linker

    def _load_days(self, days: list[dt.date]) -> list[tuple[LinkKeys, int]]:
        rows = self.connection.execute(
            "SELECT k.content_hash, k.date, k.lang, k.states, k.actors, k.events, k.places, "
            "k.signature, m.story_id FROM link_keys k JOIN story_members m USING (content_hash) "
            "WHERE k.date IN (SELECT unnest(?::DATE[]))",
            [days],
        ).fetchall()
        return [(R.keys_from_row(row[:8]), int(row[8])) for row in rows]

    def _story_of(self, content_hash: str) -> int | None:
        row = self.connection.execute(
            "SELECT story_id FROM story_members WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return int(row[0]) if row else None

    def _link(
        self, keys: list[LinkKeys], seqs: list[int], now: dt.datetime
    ) -> tuple[int, int, set[int]]:
        if not keys:
            return 0, 0, set()
        linker = self._linker_for_batch()
        linker.prefetch(k.date for k in keys)
        members: list[R.Row] = []
        stories: list[R.Row] = []
        touched: set[int] = set()
        joined = 0
        for link, seq in zip(keys, seqs, strict=True):
            match = linker.assign(link)
            if match.story_id is None:
                story = seq
                stories.append(
                    {"story_id": story, "first_article": link.content_hash, "created_at": now}
                )
            else:
                story = match.story_id
                joined += 1
            linker.add(link, story)
            touched.add(story)
            members.append(_member(link, story, match.how, match.score, match.matched))
        self._append("stories", stories)
        self._append("story_members", members)
        return len(stories), joined, touched

    def _update_counts(self, stories: set[int] | None) -> None:
        """GDELT-style counts per (story, event key): NumMentions (mentions of the
        event in every article and copy of the story that reports it),
        NumSources (distinct outlets; an article without one counts as its own
        source), NumArticles (distinct articles and copies)."""
        if stories is not None and not stories:
            return
        where = "" if stories is None else "WHERE story_id IN (SELECT unnest(?::BIGINT[]))"
        params: list[Any] = [] if stories is None else [sorted(stories)]
        self.connection.execute(
            f"""
            UPDATE events SET num_mentions = agg.num_mentions, num_sources = agg.num_sources,
                              num_articles = agg.num_articles
            FROM (
                WITH members AS (SELECT content_hash, story_id FROM story_members {where}),
                docs AS (
                    SELECT a.content_hash, a.content_hash AS doc,
                           coalesce(a.outlet, 'article:' || a.content_hash) AS source
                    FROM articles a JOIN members USING (content_hash)
                    UNION ALL
                    SELECT c.content_hash,
                           c.content_hash || '|' || coalesce(c.outlet, '') || '|'
                               || coalesce(c.url, ''),
                           coalesce(c.outlet, 'copy:' || coalesce(c.url, c.content_hash))
                    FROM article_copies c JOIN members USING (content_hash))
                SELECT m.story_id, e.event_key,
                       sum(e.mentions)::INTEGER AS num_mentions,
                       count(DISTINCT d.source)::INTEGER AS num_sources,
                       count(DISTINCT d.doc)::INTEGER AS num_articles
                FROM events e JOIN members m USING (content_hash)
                     JOIN docs d USING (content_hash)
                GROUP BY ALL
            ) agg, story_members sm
            WHERE events.content_hash = sm.content_hash AND sm.story_id = agg.story_id
              AND events.event_key = agg.event_key
            """,
            params,
        )

    def _bump_generation(self) -> None:
        """Any write changes the generation; the full-text index notes the one it
        was built at (search.py)."""
        self.connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('generation', "
            "CAST(coalesce((SELECT CAST(value AS BIGINT) FROM meta "
            "WHERE key = 'generation'), 0) + 1 AS VARCHAR))"
        )

    def _append(self, table: str, table_rows: list[R.Row]) -> None:
        if not table_rows:
            return
        types = self._column_types(table)
        name = f"eventwire_append_{table}"
        self.connection.register(name, _arrow(table_rows, types))
        try:
            self.connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
        finally:
            self.connection.unregister(name)

    def _column_types(self, table: str) -> dict[str, str]:
        if table in self._types:
            return self._types[table]
        rows = self.connection.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? AND table_schema = 'main'",
            [table],
        ).fetchall()
        self._types[table] = {name: kind for name, kind in rows}
        return self._types[table]


def _member(keys: LinkKeys, story: int, how: str, score: float, matched: str | None) -> R.Row:
    return {
        "content_hash": keys.content_hash,
        "story_id": story,
        "how": how,
        "score": score,
        "matched": matched,
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _arrow(table_rows: list[R.Row], types: dict[str, str] | None = None) -> Any:
    """Rows -> an Arrow table with the store's column types (strings otherwise)."""
    columns = list(table_rows[0])
    fields = []
    for column in columns:
        kind = (types or {}).get(column, "VARCHAR")
        fields.append(pa.field(column, ARROW_TYPES.get(kind, pa.string())))
    schema = pa.schema(fields)
    return pa.Table.from_pylist(table_rows, schema=schema)
