"""Ingest: read inputs, skip what is stored, analyze the rest, write in batches.

    read_inputs ─► known? ─► analyze_many (local or dask) ─► batches of N ─► Store

One transaction per batch of `batch_size` articles: a process killed in the
middle loses at most the batch in flight, and running the same command again
skips every article already stored (by content hash) and writes the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.files import read_inputs
from eventwire.ingest.formats import format_of
from eventwire.model import Article, Document
from eventwire.scale import analyze_many
from eventwire.store.duck import BatchResult, Store

DEFAULT_BATCH_SIZE = 100
LOOKUP_CHUNK = 64  # articles whose content hashes are looked up in the store at once


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    formats: dict[str, int]  # articles read per input format; problems under "error"
    read: int  # articles read (problems not included)
    added: int
    skipped: int  # already stored (same content hash)
    copies: int  # of the skipped, exact copies from another outlet or URL, kept as copies
    failed: int  # inputs that could not be read plus articles whose analysis failed
    new_stories: int
    joined: int  # added articles that joined an existing story
    batches: int
    problems: tuple[str, ...] = ()


@dataclass(slots=True, kw_only=True)
class _Tally:
    formats: Counter[str] = field(default_factory=Counter)
    read: int = 0
    added: int = 0
    skipped: int = 0
    copies: int = 0
    new_stories: int = 0
    joined: int = 0
    batches: int = 0
    problems: list[str] = field(default_factory=list)
    analysis_failures: int = 0

    def add(self, result: BatchResult) -> None:
        self.added += result.added
        self.skipped += result.skipped
        self.copies += result.copies
        self.new_stories += result.new_stories
        self.joined += result.joined
        self.batches += 1


def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    lang: str | None = None,
    text_column: str = "text",
    batch_size: int = DEFAULT_BATCH_SIZE,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    on_problem: Callable[[str], None] | None = None,
    on_article: Callable[[], None] | None = None,
    on_batch: Callable[[str, int], None] | None = None,
) -> IngestReport:
    """Ingest every input into the store; see the module docstring.

    Callbacks: `on_problem(message)` for an unreadable input or a failed
    analysis, `on_article()` per article read, `on_batch("begin"|"commit", n)`
    around each batch's transaction.
    """
    if batch_size < 1:
        raise EventwireError(f"--batch-size must be at least 1, not {batch_size}")
    tally = _Tally()
    known_copies: list[Article] = []

    def problem(message: str) -> None:
        tally.problems.append(message)
        if on_problem is not None:
            on_problem(message)

    def failed_analysis(message: str) -> None:
        tally.analysis_failures += 1
        problem(message)

    items = read_inputs(list(inputs), lang, text_column=text_column)
    fresh = _unstored(store, items, tally, known_copies, problem, on_article)
    batch: list[Document] = []

    def flush(final: bool) -> None:
        copies = list(known_copies)
        known_copies.clear()
        if not batch and not copies:
            return
        if on_batch is not None:
            on_batch("begin", len(batch))
        result = store.write_batch(batch, copies)
        tally.add(result)
        if on_batch is not None:
            on_batch("commit", result.added)
        batch.clear()
        if final:
            tally.skipped += len(result.pending)  # their original failed: nothing to copy
        else:
            known_copies.extend(result.pending)

    documents = analyze_many(
        fresh, engine=engine, scheduler=scheduler, workers=workers, on_error=failed_analysis
    )
    for doc in documents:
        batch.append(doc)
        if len(batch) >= batch_size:
            flush(final=False)
    flush(final=True)
    if known_copies:  # copies of a pending original left after the last flush
        flush(final=True)
    failed = tally.formats.get("error", 0) + tally.analysis_failures
    return IngestReport(
        formats=dict(tally.formats),
        read=tally.read,
        added=tally.added,
        skipped=tally.skipped,
        copies=tally.copies,
        failed=failed,
        new_stories=tally.new_stories,
        joined=tally.joined,
        batches=tally.batches,
        problems=tuple(tally.problems),
    )


def _unstored(
    store: Store,
    items: Iterable[Article | InputError],
    tally: _Tally,
    known_copies: list[Article],
    problem: Callable[[str], None],
    on_article: Callable[[], None] | None,
) -> Iterator[Article]:
    """The articles to analyze: not stored yet and not seen before in this run.
    Already-stored ones go to `known_copies` (the store keeps them as copies
    when they come from another outlet or URL, and counts them as skipped)."""
    seen: set[str] = set()
    chunk: list[Article] = []

    def drain() -> Iterator[Article]:
        stored = store.known_hashes([a.content_hash for a in chunk])
        for article in chunk:
            digest = article.content_hash
            if digest in stored or digest in seen:
                known_copies.append(article)
            else:
                seen.add(digest)
                yield article
        chunk.clear()

    for item in items:
        tally.formats[format_of(item)] += 1
        if isinstance(item, InputError):
            problem(item.message)
            continue
        tally.read += 1
        if on_article is not None:
            on_article()
        chunk.append(item)
        if len(chunk) >= LOOKUP_CHUNK:
            yield from drain()
    yield from drain()
