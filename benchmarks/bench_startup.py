"""Start-up: `eventwire extract one.txt` as a new process, from a warm disk cache.

usage: python benchmarks/bench_startup.py [--repeats R]

one.txt is the first Dutch demo article, language not declared (so language
identification is part of the run). Each variant is primed once, then run R
times; wall times are reported as median, min and max:

- warm: the compiled packs come from the disk cache (`packs/loader.cached`)
  and Python's bytecode cache is warm (as after `pip install`; kept under a
  temporary PYTHONPYCACHEPREFIX so the source tree stays clean);
- no bytecode cache: the same with PYTHONDONTWRITEBYTECODE=1, every module of
  eventwire compiled from source on each start (how this sandbox runs);
- packs built: EVENTWIRE_CACHE=off, every pack validated and compiled again.

Then one run is taken apart in-process: importing the command line, the
first article (pack loading from the cache, language model, lemma tables),
and the rest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTWIRE = Path(sys.executable).with_name("eventwire")
PARTS = """
import sys, time, json
t0 = time.perf_counter()
import eventwire.serve.cli
t1 = time.perf_counter()
from eventwire.analyze.pipeline import run
from eventwire.model import Article
from eventwire.packs.loader import load_pack, load_shared
from eventwire.analyze.gazetteer import gazetteer
load_shared(); load_pack("nl"); load_pack("en"); gazetteer("nl")
t2 = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
run(Article(id="one", text=text))
t3 = time.perf_counter()
run(Article(id="two", text=text))
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "packs from cache": t2 - t1,
                  "first article": t3 - t2, "next article": t4 - t3}))
"""


def one_article(folder: Path) -> Path:
    record = json.loads((ROOT / "src/eventwire/demo/nl.jsonl").read_text("utf-8").splitlines()[0])
    path = folder / "one.txt"
    path.write_text(record["text"], encoding="utf-8")
    return path


def wall(command: list[str], env: dict[str, str], repeats: int) -> list[float]:
    subprocess.run(command, env=env, check=True, capture_output=True)  # prime
    seconds = []
    for _ in range(repeats):
        began = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        seconds.append(time.perf_counter() - began)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="eventwire-bench-startup-"))
    one = one_article(scratch)
    command = [str(EVENTWIRE), "extract", str(one), "-o", str(scratch / "one.jsonl")]
    base = {k: v for k, v in os.environ.items() if k not in ("EVENTWIRE_CACHE",)}
    warm = {k: v for k, v in base.items() if k != "PYTHONDONTWRITEBYTECODE"}
    warm["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    variants = {
        "warm (pack cache + bytecode cache)": warm,
        "no bytecode cache": {**base, "PYTHONDONTWRITEBYTECODE": "1"},
        "packs built (EVENTWIRE_CACHE=off)": {**warm, "EVENTWIRE_CACHE": "off"},
    }
    print(f"eventwire extract one.txt ({len(one.read_text('utf-8').split())} words, nl undeclared)")
    for label, env in variants.items():
        seconds = wall(command, env, args.repeats)
        print(
            f"  {label:<36} {statistics.median(seconds):.2f} s "
            f"(min {min(seconds):.2f}, max {max(seconds):.2f}, {args.repeats} runs)"
        )
    done = subprocess.run(
        [sys.executable, "-c", PARTS, str(one)], env=warm, check=True, capture_output=True
    )
    parts = json.loads(done.stdout)
    print("  taken apart (warm, in-process):")
    for name, seconds in parts.items():
        print(f"    {name:<18} {seconds:.2f} s")


if __name__ == "__main__":
    main()
