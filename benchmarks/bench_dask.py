"""The Dask engine with N local workers against one core, on the bench_analyze corpus.

usage: python benchmarks/bench_dask.py [--articles N] [--workers W] [--partition-size P]
                                       [--repeats R]

Two paths, each against the same work done in this process on one core:

- documents: `analyze_many(engine="dask")` streams Documents back to this
  process, as `eventwire extract --engine dask` and `eventwire ingest` use it;
  against `analyze_many(engine="local")`.
- parts: the workers write the records as Parquet parts and only the part
  names come back (DESIGN.md's scale path, `parquet_parts.write_parts`);
  against the same function with `engine="local"`.

Both sides get one untimed warm-up pass over the corpus (packs, gazetteers,
lemma tables loaded; the cluster's start-up and the workers' warm-up are
reported apart), then R timed passes; figures are medians with min and max.
The outputs are checked: the Documents equal the local ones, and the parts
read back to exactly the local records.

On a machine with as many cores as workers, this process competes with the
workers for CPU: it decodes the Documents (documents path) and runs the
scheduler. A cluster's client runs elsewhere.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import build_corpus


def timed(repeats: int, work: Callable[[], Any]) -> tuple[list[float], Any]:
    seconds = []
    result = None
    for _ in range(repeats):
        began = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - began)
    return seconds, result


def rate_line(label: str, count: int, seconds: list[float]) -> float:
    rates = [count / s for s in seconds]
    median = statistics.median(rates)
    print(f"  {label:<34} {median:7.1f} articles/s (min {min(rates):.1f}, max {max(rates):.1f})")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from eventwire.model import Article
    from eventwire.records import to_record
    from eventwire.scale import analyze_many
    from eventwire.scale.dask_engine import analyze_on_dask, dask_client, warm_up
    from eventwire.scale.parquet_parts import read_records, write_parts

    corpus = build_corpus(args.articles)
    articles = [Article(id=str(i), text=t) for i, (_, t) in enumerate(corpus)]
    words = sum(len(t.split()) for _, t in corpus) / len(corpus)
    size = args.partition_size
    print(
        f"corpus: {len(articles)} articles, {words:.0f} words each, nl/es/en; "
        f"{os.cpu_count()} cores; partitions of {size}"
    )
    scratch = Path(tempfile.mkdtemp(prefix="eventwire-bench-dask-"))

    # the cluster first: its workers and this process load the same code and packs
    began = time.perf_counter()
    with dask_client(workers=args.workers) as client:
        up = time.perf_counter() - began
        warm = client.run(warm_up)
        warm_s = max(w["seconds"] for w in warm.values())

        # --- one core, in this process ---------------------------------------------------
        def local_docs() -> list[Any]:
            return list(analyze_many(articles))

        def local_parts() -> list[Path]:
            return write_parts(articles, scratch / "local", partition_size=size, overwrite=True)

        local_docs()  # warm-up
        docs_seconds, reference = timed(args.repeats, local_docs)
        local_parts()
        parts_seconds, _ = timed(args.repeats, local_parts)

        # --- the workers -----------------------------------------------------------------
        def dask_docs() -> list[Any]:
            return list(
                analyze_on_dask(
                    articles,
                    scheduler=None,
                    workers=None,
                    on_error=None,
                    partition_size=size,
                    client=client,
                )
            )

        def dask_parts() -> list[Path]:
            return write_parts(
                articles,
                scratch / "dask",
                engine="dask",
                partition_size=size,
                overwrite=True,
                client=client,
            )

        dask_docs()
        dask_docs_seconds, from_dask = timed(args.repeats, dask_docs)
        dask_parts()
        dask_parts_seconds, _ = timed(args.repeats, dask_parts)
        peaks = [p["peak_rss_mb"] for p in client.run(warm_up, ["en"]).values()]

    reference_records = [to_record(doc) for doc in reference]
    same_docs = from_dask == reference
    same_parts = list(read_records(scratch / "dask")) == reference_records
    same_local_parts = list(read_records(scratch / "local")) == reference_records

    print(f"cluster start-up: {up:.1f} s; worker warm-up (packs loaded): {warm_s:.1f} s")
    print(f"worker peak memory (RSS): {', '.join(f'{p:.0f} MB' for p in peaks)}")
    print("documents back to this process (analyze_many):")
    one = rate_line("one core (engine local)", len(articles), docs_seconds)
    many = rate_line(f"{args.workers} workers (engine dask)", len(articles), dask_docs_seconds)
    print(f"  speed-up: {many / one:.2f}x; identical Documents: {same_docs}")
    print("records written as Parquet parts (parquet_parts.write_parts):")
    one_p = rate_line("one core (engine local)", len(articles), parts_seconds)
    many_p = rate_line(f"{args.workers} workers (engine dask)", len(articles), dask_parts_seconds)
    print(
        f"  speed-up: {many_p / one_p:.2f}x; identical records: {same_parts} "
        f"(local parts: {same_local_parts})"
    )
    if not (same_docs and same_parts and same_local_parts):
        sys.exit("outputs differ")


if __name__ == "__main__":
    main()
