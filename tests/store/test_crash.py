"""Crash safety: SIGKILL an ingest in the middle of a batch, run it again.

No article is lost, none is duplicated, and none is half-written: every
stored article has all of its derived rows (events and quotes as in its
record, link keys, story membership)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.store.duck import Store
from eventwire.store.load import ingest
from tests.store.corpus import synthetic_records, write_jsonl

ARTICLES = 600
BATCH = 50
KILL_AT_BEGIN = 4  # kill as the 4th batch starts its transaction

CHILD = """
import sys
from eventwire.store.duck import Store
from eventwire.store.load import ingest

def on_batch(stage, n):
    print(stage, n, flush=True)

with Store(sys.argv[1]) as store:
    ingest(store, [sys.argv[2]], batch_size=int(sys.argv[3]), on_batch=on_batch)
print("done", flush=True)
"""

HALF_WRITTEN = """
SELECT a.id FROM articles a
WHERE (SELECT count(*) FROM events e WHERE e.content_hash = a.content_hash)
          != json_array_length(a.record -> '$.events')
   OR (SELECT count(*) FROM quotes q WHERE q.content_hash = a.content_hash)
          != json_array_length(a.record -> '$.quotes')
   OR (SELECT count(*) FROM link_keys k WHERE k.content_hash = a.content_hash) != 1
   OR (SELECT count(*) FROM story_members m WHERE m.content_hash = a.content_hash) != 1
"""


def check_complete(store: Store) -> int:
    stored = store.query("SELECT count(*), count(DISTINCT content_hash) FROM articles")[0]
    assert stored[0] == stored[1], "an article is stored twice"
    assert store.query(HALF_WRITTEN) == [], "an article is half-written"
    assert store.query(
        "SELECT count(*) FROM events WHERE content_hash NOT IN (SELECT content_hash FROM articles)"
    ) == [(0,)]
    return int(stored[0])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_batch_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", synthetic_records(ARTICLES))
    db = tmp_path / "crash.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(corpus), str(BATCH)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    begins = 0
    for line in child.stdout:
        if line.startswith("begin"):
            begins += 1
            if begins == KILL_AT_BEGIN:
                os.kill(child.pid, signal.SIGKILL)
                break
        assert not line.startswith("done"), "the ingest finished before it could be killed"
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with Store(db) as store:
        survived = check_complete(store)
        # whole batches only: the one in flight is gone entirely
        assert survived % BATCH == 0
        assert BATCH * (KILL_AT_BEGIN - 1) <= survived < ARTICLES
        report = ingest(store, [str(corpus)], batch_size=BATCH)
        assert report.skipped == survived
        assert report.added == ARTICLES - survived
        assert check_complete(store) == ARTICLES
        ids = store.query("SELECT count(DISTINCT id) FROM articles")[0][0]
        assert ids == ARTICLES
