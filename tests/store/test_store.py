"""The store: tables and columns, one transaction per batch, idempotent ingest,
copies from other outlets, reanalysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.store import rows
from eventwire.store.duck import Store
from eventwire.store.load import ingest
from tests.store.corpus import WIRE_EN, story_records, write_jsonl

TABLES = (
    "articles",
    "article_copies",
    "mentions",
    "actors",
    "events",
    "quotes",
    "stories",
    "story_members",
    "link_keys",
)


def table_counts(store: Store) -> dict[str, int]:
    return {t: store.query(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_jsonl(folder / "stories.jsonl", story_records())
    (folder / "note.txt").write_text(
        "Japan and South Korea agreed on Monday to resume regular security talks.\n",
        encoding="utf-8",
    )
    return folder


def test_the_same_corpus_twice_adds_zero_rows(tmp_path: Path, corpus_dir: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest(store, [str(corpus_dir)], batch_size=4)
        assert first.added == 7 and first.skipped == 0 and first.failed == 0
        assert first.formats == {"text": 1, "jsonl": 6}
        before = table_counts(store)
        second = ingest(store, [str(corpus_dir)], batch_size=4)
        assert second.added == 0 and second.skipped == 7 and second.copies == 0
        assert table_counts(store) == before


def test_articles_keep_provenance_text_and_record(tmp_path: Path, corpus_dir: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(corpus_dir)])
        row = store.query(
            "SELECT outlet, url, title, date, lang, content_hash, text, record, source_format "
            "FROM articles WHERE id = 'wire-en'"
        )[0]
    outlet, url, title, date, lang, digest, text, record, source_format = row
    assert (outlet, title, str(date), lang) == (
        "Northern Wire",
        "Lavrov and Wang hold talks in Beijing",
        "2025-03-18",
        "en",
    )
    assert url.startswith("https://northernwire.example/")
    assert text == WIRE_EN and source_format == "jsonl"
    assert len(digest) == 64
    assert {e["type"] for e in json.loads(record)["events"]} >= {"CONSULT"}


def test_event_rows_carry_codes_and_evidence(tmp_path: Path, corpus_dir: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(corpus_dir)])
        found = store.query(
            "SELECT e.type, e.cameo, e.goldstein, e.quad_class, e.source_country, "
            "e.target_country, e.source, e.trigger, "
            "substr(a.text, e.trigger_start + 1, e.trigger_end - e.trigger_start), "
            "e.is_root, e.location, e.location_lat, e.negated, e.confidence, e.explanation "
            "FROM events e JOIN articles a USING (content_hash) "
            "WHERE a.id = 'wire-en' AND e.type = 'CONSULT'"
        )
    assert found
    _kind, cameo, goldstein, quad, src, tgt, source, trigger, evidence, root, place, lat, *rest = (
        found[0]
    )
    assert cameo.startswith("04") and quad == 1 and goldstein is not None
    assert {src, tgt} == {"RUS", "CHN"} and source
    assert evidence == trigger  # the offsets point at the trigger in the stored text
    assert root is True and place == "Beijing" and lat == pytest.approx(39.9, abs=0.1)
    negated, confidence, explanation = rest
    assert negated is False and 0 < confidence <= 1 and explanation


def test_an_exact_copy_from_another_outlet_is_kept_as_a_copy(tmp_path: Path) -> None:
    wire = story_records()[0]
    copy = dict(wire, id="reprint", outlet="Harbour Gazette", url="https://gazette.example/1")
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(write_jsonl(tmp_path / "a.jsonl", [wire]))])
        report = ingest(store, [str(write_jsonl(tmp_path / "b.jsonl", [copy, wire]))])
        assert (report.added, report.skipped, report.copies) == (0, 2, 1)
        assert store.query("SELECT count(*) FROM articles")[0][0] == 1
        counts = store.query("SELECT num_sources, num_articles FROM events WHERE type = 'CONSULT'")[
            0
        ]
        assert counts == (2, 2)
        again = ingest(store, [str(tmp_path / "b.jsonl")])
        assert again.copies == 0 and store.totals()["article_copies"] == 1


def test_a_failing_batch_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = story_records()
    calls = {"n": 0}
    original = rows.quote_rows

    def failing(doc: object) -> list[rows.Row]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return original(doc)  # type: ignore[arg-type]

    path = write_jsonl(tmp_path / "in.jsonl", records)
    with Store(tmp_path / "s.duckdb") as store:
        monkeypatch.setattr(rows, "quote_rows", failing)
        with pytest.raises(RuntimeError):
            ingest(store, [str(path)], batch_size=10)
        assert table_counts(store) == dict.fromkeys(TABLES, 0)
        monkeypatch.setattr(rows, "quote_rows", original)
        report = ingest(store, [str(path)], batch_size=10)
        assert report.added == len(records)
        assert store.totals()["stories"] == 3  # the story in 4 articles, and 2 others


def test_reanalysis_replaces_derived_rows_and_keeps_articles(
    tmp_path: Path, corpus_dir: Path
) -> None:
    from eventwire.analyze.pipeline import run

    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(corpus_dir)])
        articles = store.query("SELECT * FROM articles ORDER BY article_seq")
        before = table_counts(store)
        stories = store.query("SELECT content_hash, story_id FROM story_members ORDER BY 1")
        store.query("DELETE FROM events")  # as if a lexicon change had found other events
        store.replace_analysis(run(a) for a in store.stored_articles())
        assert store.relink() == before["stories"]
        after = table_counts(store)
        assert after == before
        same = store.query("SELECT * FROM articles ORDER BY article_seq")
        # the articles are untouched, except the time of analysis
        drop = [
            i for i, d in enumerate(store.connection.description or []) if d[0] != "analyzed_at"
        ]
        assert [[r[i] for i in drop] for r in same] == [[r[i] for i in drop] for r in articles]
        assert store.query("SELECT content_hash, story_id FROM story_members ORDER BY 1") == stories


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="eventwire ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)
