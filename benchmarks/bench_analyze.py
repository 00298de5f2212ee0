"""Speed and memory of `analyze`, per stage, on ~600-word articles in nl/es/en.

usage: python benchmarks/bench_analyze.py [--articles N] [--repeats R]

The corpus is built from the bundled demo articles, concatenated per language
to about 600 words each. One warm-up pass loads the packs; then R timed
passes. Prints articles per second (median and spread), time per 1000 words
per stage, start-up time, and the process's peak memory (RSS).

Throughput is given in wall time and in CPU time of this process: on a
shared machine the CPU figure is the steadier one. Start-up is split into
imports and pack loading; pack loading reads the compiled packs from the disk
cache when it is warm (`eventwire.packs.loader.cached`; run twice, or set
EVENTWIRE_CACHE=off to measure building them).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_ARTICLE = 600


def build_corpus(count: int) -> list[tuple[str, str]]:
    by_lang: dict[str, list[str]] = {}
    for path in sorted((ROOT / "src" / "eventwire" / "demo").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            by_lang.setdefault(record["lang"], []).append(record["text"])
    corpus: list[tuple[str, str]] = []
    langs = sorted(by_lang)
    index = 0
    while len(corpus) < count:
        lang = langs[len(corpus) % len(langs)]
        texts = by_lang[lang]
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < WORDS_PER_ARTICLE:
            parts.append(texts[index % len(texts)])
            index += 1
        corpus.append((lang, "\n\n".join(parts)))
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    from eventwire.analyze.pipeline import STAGES, run
    from eventwire.model import Article, Document

    imported = time.perf_counter()
    corpus = build_corpus(args.articles)
    words = sum(len(text.split()) for _, text in corpus)
    articles = [Article(id=str(i), text=t, lang=None) for i, (_, t) in enumerate(corpus)]
    for lang in ("nl", "es", "en", None):  # None: language identification loads its model
        run(Article(id="warm", text="Warm-up.", lang=lang))
    startup = time.perf_counter() - started
    loading = time.perf_counter() - imported

    stage_time = {stage.name: 0.0 for stage in STAGES}
    rates = []
    cpu_rates = []
    for _ in range(args.repeats):
        begin = time.perf_counter()
        begin_cpu = time.process_time()
        for article in articles:
            doc = Document(article=article)
            for stage in STAGES:
                t0 = time.perf_counter()
                doc = stage.run(doc)
                stage_time[stage.name] += time.perf_counter() - t0
        rates.append(len(articles) / (time.perf_counter() - begin))
        cpu_rates.append(len(articles) / (time.process_time() - begin_cpu))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total_words = words * args.repeats
    print(f"corpus: {len(articles)} articles, {words / len(articles):.0f} words each, nl/es/en")
    print(
        f"start-up (imports + pack loading): {startup:.2f} s "
        f"(imports {startup - loading:.2f} s, packs and corpus {loading:.2f} s)"
    )
    print(
        f"throughput, one core: {statistics.median(rates):.1f} articles/s "
        f"(min {min(rates):.1f}, max {max(rates):.1f}, {args.repeats} runs)"
    )
    print(
        f"throughput per CPU second: {statistics.median(cpu_rates):.1f} articles "
        f"(min {min(cpu_rates):.1f}, max {max(cpu_rates):.1f})"
    )
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    print("per stage, ms per 1000 words:")
    for name, seconds in sorted(stage_time.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {1000 * seconds / total_words * 1000:8.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
