"""Ingest throughput (articles per second into the store) and store size per
1000 articles.

usage: python benchmarks/bench_ingest.py [--articles N] [--batch-size B] [--repeats R]

The corpus is the bundled demo corpus (42 articles in nl/es/en) repeated with
small changes until it has N articles: each copy gets a different date and a
numbered closing line, so every article has its own content hash and the
near-duplicate and story linking do real work. Each repeat ingests the whole
corpus into a fresh DuckDB file with `eventwire.store.load.ingest` (analysis,
linking and writing, local engine) after one warm-up pass that loads the
language packs. Prints articles per second (median and spread), the time per
article, and the store's size on disk per 1000 articles (after a CHECKPOINT).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "eventwire" / "demo"


def build_corpus(count: int, folder: Path) -> Path:
    demo = [
        json.loads(line)
        for path in sorted(DEMO.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    records = []
    for n in range(count):
        source = demo[n % len(demo)]
        copy = n // len(demo)
        day = dt.date.fromisoformat(source["date"]) + dt.timedelta(days=7 * copy)
        records.append(
            {
                "id": f"{source['id']}-{copy}",
                "lang": source["lang"],
                "date": day.isoformat(),
                "outlet": f"outlet-{copy % 5}",
                "text": f"{source['text']}\n\n(Edition {copy}, item {n}.)",
            }
        )
    path = folder / "corpus.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1050)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from eventwire.analyze.pipeline import run
    from eventwire.model import Article
    from eventwire.store.duck import Store
    from eventwire.store.load import ingest

    for lang in ("nl", "es", "en"):
        run(Article(id="warm", text="Warm-up.", lang=lang))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = build_corpus(args.articles, folder)
        rates: list[float] = []
        sizes: list[float] = []
        for repeat in range(args.repeats):
            db = folder / f"bench-{repeat}.duckdb"
            started = time.perf_counter()
            with Store(db) as store:
                report = ingest(store, [str(corpus)], batch_size=args.batch_size)
                elapsed = time.perf_counter() - started
                store.query("CHECKPOINT")
                totals = store.totals()
            assert report.added == args.articles, report
            rates.append(report.added / elapsed)
            sizes.append(db.stat().st_size / report.added * 1000)
        with Store(folder / "bench-0.duckdb") as store:
            stories = store.totals()["stories"]
    median = statistics.median(rates)
    spread = statistics.stdev(rates) if len(rates) > 1 else 0.0
    print(f"articles: {args.articles} (demo corpus x{args.articles / 42:.0f}, with small changes)")
    print(f"batch size: {args.batch_size}, repeats: {args.repeats}")
    print(
        f"ingest throughput: {median:.0f} articles/s (± {spread:.0f}), "
        f"{1000 / median:.1f} ms per article (analysis + linking + writing)"
    )
    print(f"store size: {statistics.median(sizes) / 1e6:.2f} MB per 1000 articles")
    print(f"rows: {totals['events']} events, {totals['quotes']} quotes, {stories} stories")


if __name__ == "__main__":
    main()
