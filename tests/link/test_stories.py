"""Linking: near-duplicates, the same story across languages, GDELT-style counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.analyze.pipeline import run
from eventwire.link import Linker, event_key, key_score, keys_from_document
from eventwire.link.keys import LinkKeys, shingles, similarity
from eventwire.link.stories import NEAR_DUPLICATE
from eventwire.model import Article
from eventwire.store.duck import Store
from eventwire.store.load import ingest
from tests.store.corpus import story_records, write_jsonl

STORY = ("wire-en", "courier-en", "diario-es", "krant-nl")


def article(record: dict[str, str]) -> Article:
    return Article(**{k: record.get(k) for k in ("id", "text", "lang", "date", "outlet", "url")})


@pytest.fixture(scope="module")
def keys() -> dict[str, LinkKeys]:
    return {r["id"]: keys_from_document(run(article(r))) for r in story_records()}


def stories(store: Store) -> dict[str, tuple[int, str]]:
    found = store.query(
        "SELECT a.id, m.story_id, m.how FROM story_members m JOIN articles a USING (content_hash)"
    )
    return {name: (story, how) for name, story, how in found}


def test_event_keys_are_language_independent_and_sorted_for_symmetric_types() -> None:
    assert event_key("CONSULT", "RUS", "CHN", False) == "CONSULT:CHN-RUS"
    assert event_key("ACCUSE", "RUS", "CHN", False) == "ACCUSE:RUS-CHN"
    assert event_key("THREATEN", None, "UKR", True) == "!THREATEN:--UKR"


def test_shingles_of_a_short_text() -> None:
    assert shingles("Hello, world") == [b"hello world"]
    assert len(shingles("one two three four")) == 2


def test_a_syndicated_copy_is_a_near_duplicate_and_a_translation_is_not(
    keys: dict[str, LinkKeys],
) -> None:
    wire, copy = keys["wire-en"].signature, keys["courier-en"].signature
    assert similarity(wire, copy) >= NEAR_DUPLICATE
    assert similarity(wire, keys["diario-es"].signature) < 0.2


def test_key_score_needs_the_date_window_and_a_shared_event(keys: dict[str, LinkKeys]) -> None:
    assert key_score(keys["wire-en"], keys["diario-es"]) > 0.5
    assert key_score(keys["wire-en"], keys["later-en"]) == 0.0  # three weeks later
    assert key_score(keys["wire-en"], keys["other-en"]) == 0.0  # same day, other states
    undated = LinkKeys(**{**_fields(keys["diario-es"]), "date": None})
    assert key_score(keys["wire-en"], undated) == 0.0


def _fields(k: LinkKeys) -> dict[str, object]:
    return {name: getattr(k, name) for name in LinkKeys.__slots__}


def test_linker_assigns_in_order_without_a_store(keys: dict[str, LinkKeys]) -> None:
    linker = Linker()
    assigned: dict[str, int] = {}
    for number, name in enumerate(["wire-en", "other-en", "courier-en", "diario-es"], 1):
        match = linker.assign(keys[name])
        story = match.story_id if match.story_id is not None else number
        linker.add(keys[name], story)
        assigned[name] = story
    assert assigned["courier-en"] == assigned["diario-es"] == assigned["wire-en"] == 1
    assert assigned["other-en"] == 2


def test_syndicated_copy_and_translations_end_up_in_one_story(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", story_records())
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(path)], batch_size=2)
        found = stories(store)
        overview = store.query(
            "SELECT articles, outlets, languages FROM story_overview WHERE story_id = ?",
            [found["wire-en"][0]],
        )
    assert {found[name][0] for name in STORY} == {found["wire-en"][0]}
    assert found["courier-en"][1] == "near-duplicate"
    assert found["diario-es"][1] == "keys" and found["krant-nl"][1] == "keys"
    assert found["other-en"][0] != found["wire-en"][0]
    assert found["later-en"][0] != found["wire-en"][0]
    assert overview == [(4, 4, ["en", "es", "nl"])]


def test_linking_is_incremental_against_the_store(tmp_path: Path) -> None:
    records = {r["id"]: r for r in story_records()}
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        ingest(store, [str(write_jsonl(tmp_path / "a.jsonl", [records["wire-en"]]))])
    with Store(db) as store:  # a later run, a new process's view of the store
        report = ingest(
            store,
            [str(write_jsonl(tmp_path / "b.jsonl", [records["diario-es"], records["courier-en"]]))],
        )
        assert report.joined == 2 and report.new_stories == 0
        assert len({story for story, _ in stories(store).values()}) == 1


def test_gdelt_style_counts_per_story_and_event(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", story_records())
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(path)])
        counts = store.query(
            "SELECT a.id, e.num_mentions, e.num_sources, e.num_articles, e.mentions "
            "FROM events e JOIN articles a USING (content_hash) "
            "WHERE e.event_key = 'CONSULT:CHN-RUS' ORDER BY a.id"
        )
        by_article = {name: rest for name, *rest in counts}
        mentions = sum(
            m for name, *_, m in counts if name in STORY
        )  # one CONSULT per article of the story
        for name in STORY:
            assert by_article[name][:3] == [mentions, 4, 4]
        assert by_article["later-en"][1:3] == [1, 1]  # its own story
        # the same wire text from another outlet adds an article and a source
        text = story_records()[0]
        copy = dict(text, id="reprint", outlet="Harbour Gazette", url=None)
        ingest(store, [str(write_jsonl(tmp_path / "copy.jsonl", [copy]))])
        again = store.query(
            "SELECT DISTINCT num_sources, num_articles FROM events e "
            "JOIN articles a USING (content_hash) "
            "WHERE e.event_key = 'CONSULT:CHN-RUS' AND a.id IN ('wire-en', 'diario-es')"
        )
        assert again == [(5, 5)]


def test_relink_rebuilds_the_same_stories(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", story_records())
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(path)], batch_size=3)
        before = stories(store)
        assert store.relink() == 3
        assert stories(store) == before


def test_undated_articles_link_only_as_near_duplicates(tmp_path: Path) -> None:
    records = {r["id"]: dict(r, date=None) for r in story_records()}
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [str(write_jsonl(tmp_path / "in.jsonl", list(records.values())))])
        found = stories(store)
    assert found["courier-en"][0] == found["wire-en"][0]
    assert found["other-en"][0] != found["wire-en"][0]
