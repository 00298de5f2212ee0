"""The store's schema, versioned, and the ordered migrations that build it.

`MIGRATIONS[i]` takes a store from version i to version i + 1; opening a
store runs the missing ones, all in one transaction, and records the new
`schema_version` in `meta`. A migration never loses an article: v1 → v2
copies every v1 row into the v2 tables and marks the store as needing
`eventwire reanalyze` for the rows v1 did not have (mentions, link keys,
stories).
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from eventwire.errors import StoreError

Connection = duckdb.DuckDBPyConnection
Migration = Callable[[Connection], None]

NEEDS_REANALYSIS = "needs_reanalysis"

# The v1 schema, as the first store wrote it (kept verbatim: migrations start here).
V1 = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE articles (
    content_hash VARCHAR PRIMARY KEY, id VARCHAR, lang VARCHAR, date DATE,
    title VARCHAR, url VARCHAR, text VARCHAR, record JSON);
CREATE TABLE actors (
    content_hash VARCHAR, actor INTEGER, kind VARCHAR, name VARCHAR,
    country VARCHAR, role VARCHAR, sector VARCHAR);
CREATE TABLE events (
    content_hash VARCHAR, n INTEGER, type VARCHAR, mode VARCHAR, context VARCHAR,
    cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    source VARCHAR, source_country VARCHAR, target VARCHAR, target_country VARCHAR,
    negated BOOLEAN, date DATE, location VARCHAR, confidence DOUBLE, mentions INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    explanation VARCHAR);
CREATE TABLE quotes (
    content_hash VARCHAR, n INTEGER, speaker VARCHAR, text VARCHAR,
    start_offset INTEGER, end_offset INTEGER);
"""

# v2: every table of issue 3. Derived rows are keyed by the article's content hash.
ARTICLES_V2 = """
CREATE TABLE {name} (
    content_hash VARCHAR PRIMARY KEY,
    article_seq BIGINT NOT NULL,      -- ingest order; a story's id is its first article's
    id VARCHAR, outlet VARCHAR, url VARCHAR, title VARCHAR, author VARCHAR,
    date DATE, lang VARCHAR,          -- the record's date and language (declared or found)
    declared_date VARCHAR, declared_lang VARCHAR,  -- as the input gave them (for reanalyze)
    source_format VARCHAR, origin VARCHAR,
    text VARCHAR, record JSON,
    ingested_at TIMESTAMP, analyzed_at TIMESTAMP)
"""
ACTORS_V2 = """
CREATE TABLE {name} (
    content_hash VARCHAR, actor INTEGER, kind VARCHAR, name VARCHAR, key VARCHAR,
    country VARCHAR, role VARCHAR, sector VARCHAR, mentions INTEGER)
"""
EVENTS_V2 = """
CREATE TABLE {name} (
    event_id BIGINT, content_hash VARCHAR, n INTEGER,
    type VARCHAR, mode VARCHAR, context VARCHAR,
    cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    source VARCHAR, source_actor INTEGER, source_key VARCHAR, source_sector VARCHAR,
    source_country VARCHAR,
    target VARCHAR, target_actor INTEGER, target_key VARCHAR, target_sector VARCHAR,
    target_country VARCHAR,
    negated BOOLEAN, future BOOLEAN, date DATE,
    location VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    source_place VARCHAR, source_place_country VARCHAR, source_lat DOUBLE, source_lon DOUBLE,
    target_place VARCHAR, target_place_country VARCHAR, target_lat DOUBLE, target_lon DOUBLE,
    confidence DOUBLE, mentions INTEGER, is_root BOOLEAN,
    trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    trigger VARCHAR, explanation VARCHAR, event_key VARCHAR,
    num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER)
"""
QUOTES_V2 = """
CREATE TABLE {name} (
    content_hash VARCHAR, n INTEGER, speaker VARCHAR, speaker_actor INTEGER,
    speaker_key VARCHAR, text VARCHAR, start_offset INTEGER, end_offset INTEGER,
    speaker_start INTEGER, speaker_end INTEGER)
"""
NEW_IN_V2 = """
CREATE TABLE mentions (
    content_hash VARCHAR, n INTEGER, kind VARCHAR, name VARCHAR, key VARCHAR,
    country VARCHAR, role VARCHAR, sector VARCHAR, actor INTEGER,
    start_offset INTEGER, end_offset INTEGER, lat DOUBLE, lon DOUBLE);
CREATE TABLE article_copies (
    content_hash VARCHAR, id VARCHAR, outlet VARCHAR, url VARCHAR, title VARCHAR,
    date DATE, source_format VARCHAR, origin VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE stories (
    story_id BIGINT PRIMARY KEY, first_article VARCHAR, created_at TIMESTAMP);
CREATE TABLE story_members (
    content_hash VARCHAR, story_id BIGINT, how VARCHAR, score DOUBLE, matched VARCHAR);
CREATE TABLE link_keys (
    content_hash VARCHAR, date DATE, lang VARCHAR, states VARCHAR[], actors VARCHAR[],
    events VARCHAR[], places VARCHAR[], signature BLOB);
CREATE VIEW story_overview AS
SELECT s.story_id, s.first_article,
       count(*) AS articles,
       count(DISTINCT coalesce(a.outlet, 'article:' || a.content_hash)) AS outlets,
       list(DISTINCT a.lang ORDER BY a.lang) AS languages,
       min(a.date) AS date_first, max(a.date) AS date_last,
       any_value(a.title ORDER BY a.article_seq) AS title
FROM stories s JOIN story_members m USING (story_id) JOIN articles a USING (content_hash)
GROUP BY ALL;
"""

# event_key in SQL, equal to eventwire.link.keys.event_key (used to migrate v1 rows)
EVENT_KEY_SQL = """
CASE WHEN negated THEN '!' ELSE '' END || type || ':' ||
CASE WHEN type IN ('CONSULT', 'AGREE', 'COOPERATE')
          AND coalesce(target_country, '-') < coalesce(source_country, '-')
     THEN coalesce(target_country, '-') || '-' || coalesce(source_country, '-')
     ELSE coalesce(source_country, '-') || '-' || coalesce(target_country, '-') END
"""
EVENT_ID_SQL = "CAST('0x' || substr(md5(content_hash || ':' || n), 1, 14) AS BIGINT)"


def _script(connection: Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def to_v1(connection: Connection) -> None:
    _script(connection, V1)


def to_v2(connection: Connection) -> None:
    c = connection
    c.execute(ARTICLES_V2.format(name="articles_v2"))
    c.execute(
        "INSERT INTO articles_v2 SELECT content_hash, row_number() OVER (ORDER BY rowid), id, "
        "record->>'outlet', url, title, record->>'author', date, lang, CAST(date AS VARCHAR), "
        "lang, NULL, NULL, text, "
        "record, NULL, NULL FROM articles"
    )
    c.execute(ACTORS_V2.format(name="actors_v2"))
    c.execute(
        "INSERT INTO actors_v2 SELECT content_hash, actor, kind, name, NULL, country, role, "
        "sector, NULL FROM actors"
    )
    c.execute(EVENTS_V2.format(name="events_v2"))
    c.execute(
        f"""INSERT INTO events_v2 BY NAME SELECT {EVENT_ID_SQL} AS event_id, content_hash, n,
        type, mode, context, cameo, goldstein, quad_class, source, source_country, target,
        target_country, negated, date, location, confidence, mentions, trigger_start,
        trigger_end, sentence_start, sentence_end, explanation,
        {EVENT_KEY_SQL} AS event_key FROM events"""
    )
    c.execute(QUOTES_V2.format(name="quotes_v2"))
    c.execute(
        "INSERT INTO quotes_v2 BY NAME SELECT content_hash, n, speaker, text, start_offset, "
        "end_offset FROM quotes"
    )
    for table in ("articles", "actors", "events", "quotes"):
        c.execute(f"DROP TABLE {table}")
        c.execute(f"ALTER TABLE {table}_v2 RENAME TO {table}")
    _script(c, NEW_IN_V2)
    has_rows = c.execute("SELECT count(*) FROM articles").fetchone()
    if has_rows and has_rows[0]:
        c.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [NEEDS_REANALYSIS, "migrated from v1: mentions, link keys and stories are missing"],
        )


MIGRATIONS: tuple[Migration, ...] = (to_v1, to_v2)
SCHEMA_VERSION = len(MIGRATIONS)


def version(connection: Connection) -> int:
    row = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta' "
        "AND table_schema = 'main'"
    ).fetchone()
    if not row or not row[0]:
        return 0
    value = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(value[0]) if value else 1


def migrate(connection: Connection) -> tuple[int, int]:
    """Bring the store to SCHEMA_VERSION in one transaction; returns (from, to)."""
    current = version(connection)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {current}, newer than this eventwire "
            f"({SCHEMA_VERSION}); upgrade eventwire to open it"
        )
    if current == SCHEMA_VERSION:
        return current, current
    connection.execute("BEGIN TRANSACTION")
    try:
        for step in MIGRATIONS[current:]:
            step(connection)
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return current, SCHEMA_VERSION
