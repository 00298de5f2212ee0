"""Schema versions: a new store is created at the current version; a v1 store
(as the first eventwire wrote it) is migrated without losing an article."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.analyze.pipeline import run
from eventwire.errors import StoreError
from eventwire.model import Article
from eventwire.store import schema
from eventwire.store.duck import Store
from eventwire.store.rows import event_id
from tests.store.corpus import WIRE_EN

DIGEST = Article(id="wire-en", text=WIRE_EN).content_hash  # v1 keyed articles the same way


def make_v1_store(path: Path) -> None:
    """A store file exactly as the v1 code wrote it: its DDL and one article."""
    c = duckdb.connect(str(path))
    for statement in schema.V1.split(";"):
        if statement.strip():
            c.execute(statement)
    c.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    c.execute(
        "INSERT INTO articles VALUES (?, 'wire-en', 'en', DATE '2025-03-18', NULL, NULL, ?, ?)",
        [DIGEST, WIRE_EN, '{"id": "wire-en", "lang": "en", "events": []}'],
    )
    c.execute(
        "INSERT INTO actors VALUES (?, 0, 'PERSON', 'Sergei Lavrov', 'RUS', 'foreign_minister', "
        "'GOV')",
        [DIGEST],
    )
    c.execute(
        "INSERT INTO events VALUES (?, 0, 'CONSULT', NULL, 'diplomatic', '040', 1.0, 1, "
        "'Sergei Lavrov', 'RUS', 'Wang Yi', 'CHN', FALSE, DATE '2025-03-18', 'Beijing', 0.8, 1, "
        "66, 69, 39, 170, 'test')",
        [DIGEST],
    )
    c.execute(
        "INSERT INTO quotes VALUES (?, 0, 'Sergei Lavrov', 'Our partnership', 1, 16)", [DIGEST]
    )
    c.close()


def test_migrations_are_ordered_and_end_at_the_current_version() -> None:
    assert schema.SCHEMA_VERSION == len(schema.MIGRATIONS) == 2


def test_a_new_store_is_at_the_current_version(tmp_path: Path) -> None:
    with Store(tmp_path / "new.duckdb") as store:
        assert store.migrated == (0, schema.SCHEMA_VERSION)
        assert store.meta("schema_version") == str(schema.SCHEMA_VERSION)
        assert store.needs_reanalysis is None
    with Store(tmp_path / "new.duckdb") as store:
        assert store.migrated == (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)


def test_a_v1_store_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    make_v1_store(path)
    with Store(path, read_only=True) as store:  # reopened for writing to migrate
        assert store.migrated == (1, 2)
        assert store.meta("schema_version") == "2"
        assert store.query("SELECT id, article_seq, text, lang FROM articles") == [
            ("wire-en", 1, WIRE_EN, "en")
        ]
        (event,) = store.query("SELECT event_id, event_key, type, location FROM events")
        assert event == (event_id(DIGEST, 0), "CONSULT:CHN-RUS", "CONSULT", "Beijing")
        assert store.query("SELECT speaker, text FROM quotes") == [
            ("Sergei Lavrov", "Our partnership")
        ]
        assert store.query("SELECT name, country FROM actors") == [("Sergei Lavrov", "RUS")]
        assert store.needs_reanalysis is not None
        assert store.totals()["stories"] == 0


def test_reanalysis_completes_a_migrated_store(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    make_v1_store(path)
    with Store(path) as store:
        articles = list(store.stored_articles())
        assert [a.id for a in articles] == ["wire-en"]
        store.replace_analysis([run(articles[0])])
        assert store.relink() == 1
        assert store.needs_reanalysis is None
        assert store.query("SELECT count(*) FROM mentions")[0][0] > 0


def test_a_store_from_a_newer_eventwire_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with Store(path) as store:
        store.query("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="upgrade eventwire"):
        Store(path)
