"""The compiled packs kept on disk: reused while the data is the same, rebuilt when a
pack file changes, and never in the way when the cache folder cannot be used."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.packs import loader

PACKS = Path(loader.__file__).resolve().parent
FIND_HITS = """
import json, sys
from eventwire.analyze.gazetteer import find_hits
hits = find_hits(sys.argv[1], "nl")
print(json.dumps([[h.start, h.end, h.entry.kind, h.entry.key] for h in hits]))
"""
TEXT = "De Zeeuwse Visserijraad protesteerde dinsdag in Den Haag."


def find_hits_in_a_new_process(packs: Path, cache: Path) -> list[list[object]]:
    env = {**os.environ, "EVENTWIRE_PACKS_DIR": str(packs), "EVENTWIRE_CACHE_DIR": str(cache)}
    env.pop("EVENTWIRE_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", FIND_HITS, TEXT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    hits: list[list[object]] = json.loads(done.stdout)
    return hits


def cache_files(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pickle")}


def test_the_gazetteer_is_rebuilt_when_a_pack_file_changes(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(PACKS, packs, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    cache = tmp_path / "cache"

    before = find_hits_in_a_new_process(packs, cache)
    assert not any(kind == "ORG" for _, _, kind, _ in before)
    first = cache_files(cache)
    assert {name.rsplit("-", 1)[0] for name in first} == {"shared", "pack-nl", "gazetteer-nl"}

    # the same data: every built form is read back, none written again
    assert find_hits_in_a_new_process(packs, cache) == before
    assert cache_files(cache) == first

    with (packs / "nl" / "organizations.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Zeeuwse Visserijraad\tun\n")
    after = find_hits_in_a_new_process(packs, cache)
    assert [3, 23, "ORG", "un"] in after
    second = cache_files(cache)
    rebuilt = {name.rsplit("-", 1)[0] for name in set(second) - set(first)}
    assert rebuilt == {"pack-nl", "gazetteer-nl"}
    shared = [name for name in first if name.startswith("shared-")]
    assert {name: second[name] for name in shared} == {name: first[name] for name in shared}


def test_a_cache_folder_that_cannot_be_written_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "cache"))
    assert loader.cached("test", "key", lambda: 42, int) == 42


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    assert loader.cached("test", "key", lambda: 1, int) == 1
    assert loader.cached("test", "key", lambda: 2, int) == 1  # read back, not rebuilt
    (tmp_path / "test-key.pickle").write_bytes(b"\x80\x05truncated")
    assert loader.cached("test", "key", lambda: 3, int) == 3
    assert loader.cached("test", "key", lambda: 4, int) == 3
    (tmp_path / "test-key.pickle").write_bytes(json.dumps("a str").encode())
    assert loader.cached("test", "key", lambda: 5, int) == 5


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(shared))
    assert loader.cached("test", "key", lambda: 6, int) == 6
    assert list(shared.iterdir()) == []


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("EVENTWIRE_CACHE", "off")
    assert loader.cached("test", "key", lambda: 7, int) == 7
    assert list(tmp_path.iterdir()) == []
