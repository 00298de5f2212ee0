"""The Dask engine: partitions of articles analyzed on workers, in input order.

Without a scheduler address a `LocalCluster` is started (one single-threaded
worker process per core, or `workers`); with one, a `Client` connects to the
running cluster. The articles are read lazily and cut into partitions
(`partition_size`, default 50 or `$EVENTWIRE_PARTITION_SIZE`); each partition
is one task that runs the same `eventwire.analyze.pipeline.run` on each of its
articles. At most a few partitions per worker are in flight, so an input of
any size streams through in bounded memory.

Failures are never silent. An article whose analysis raises an
`EventwireError` is reported through `on_error` (as the local engine does) and
the rest of its partition comes back. A task that fails as a whole (a bug, a
worker killed for memory) is retried `retries` times by Dask; if it still
fails, it is reported, and its articles are run again one per task so that
only the articles that really fail are lost, each of them reported by id.
Without `on_error`, any failure raises `EventwireError`.

Documents come back through `eventwire.scale.wire`, a compact encoding that
is much cheaper than pickling them; `eventwire.scale.parquet_parts` writes
records on the workers instead, for inputs that should not come back at all.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import pickle
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.analyze.pipeline import run
from eventwire.errors import EventwireError
from eventwire.model import Article, Document
from eventwire.scale import wire

DEFAULT_PARTITION_SIZE = 50
DEFAULT_RETRIES = 2
CONNECT_TIMEOUT = "30s"
IN_FLIGHT_PER_WORKER = 3  # partitions queued per worker thread: enough to never idle
Report = Callable[[str], None]
# distributed's Client and Future are only partly annotated; they are handled as Any here
Client = Any
Future = Any


def partition_size_default() -> int:
    value = os.environ.get("EVENTWIRE_PARTITION_SIZE", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_PARTITION_SIZE


def partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of `size` articles (the last may be shorter), read lazily."""
    if size < 1:
        raise EventwireError(f"partition size must be at least 1, not {size}")
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def nonempty(articles: Iterable[Article]) -> Iterator[Article] | None:
    """The same articles, or None when there are none (read one ahead to know)."""
    iterator = iter(articles)
    first = next(iterator, None)
    return None if first is None else itertools.chain([first], iterator)


# --- on the workers ------------------------------------------------------------------------


def analyze_partition(articles: list[Article]) -> bytes:
    """Run the pipeline on each article; one pickle of ("ok", encoded Document) or
    ("error", message) per article. As one opaque bytes frame the result costs
    Dask's serialization less than as a nested list (about 10 % of the overhead)."""
    results: list[tuple[str, Any]] = []
    for article in articles:
        try:
            results.append(("ok", wire.encode(run(article))))
        except EventwireError as error:
            results.append(("error", f"{article.id}: {error}"))
    return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def warm_up(langs: Iterable[str] | None = None) -> dict[str, float]:
    """Load the packs, gazetteers and lemma tables of `langs` (default: every pack)
    in this process, so the first partition does not pay for them; returns the
    seconds taken and the peak memory. `client.run(warm_up)` runs it on every worker."""
    import time

    from eventwire.packs.loader import available_languages

    began = time.perf_counter()
    for lang in langs or available_languages():
        run(Article(id="warm-up", text="Warm-up: De minister sprak.", lang=lang))
    seconds = time.perf_counter() - began
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return {"seconds": seconds, "peak_rss_mb": float("nan")}
    return {
        "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def dask_setup(worker: Any) -> None:
    """`dask worker --preload eventwire.scale.dask_engine`: warm up as the worker starts."""
    warm_up()


# --- on the client -------------------------------------------------------------------------


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new `LocalCluster` with `workers`
    single-threaded worker processes (default: one per core), closed on exit."""
    try:
        import distributed
    except ImportError as error:  # pragma: no cover - dask[distributed] is a dependency
        raise EventwireError("the dask engine needs dask[distributed] installed") from error
    dask: Any = distributed
    if scheduler:
        if workers is not None:
            logging.getLogger(__name__).warning(
                "--workers applies to a local cluster; the cluster at %s keeps its own", scheduler
            )
        try:
            client = dask.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as error:
            raise EventwireError(
                f"cannot reach the Dask scheduler at {scheduler}: {error}; "
                "check the address (tcp://host:8786) and that the scheduler runs"
            ) from error
        with client:
            yield client
        return
    if workers is not None and workers < 1:
        raise EventwireError(f"--workers must be at least 1, not {workers}")
    with (
        dask.LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,  # no dashboard; its health routes on any free port:
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            host="127.0.0.1",
            silence_logs=logging.ERROR,
        ) as cluster,
        dask.Client(cluster) as client,
    ):
        yield client


@contextlib.contextmanager
def client_for(
    client: Client | None, scheduler: str | None, workers: int | None
) -> Iterator[Client]:
    """`client` as is (left open), or a new one from `dask_client`."""
    if client is not None:
        yield client
    else:
        with dask_client(scheduler, workers) as new:
            yield new


@dataclass(frozen=True, slots=True)
class Failure:
    """A partition (sub 0), or one of its articles on its own (sub 1…), whose task
    failed in every attempt."""

    number: int
    sub: int
    articles: list[Article]
    attempts: int
    error: BaseException

    def describe(self) -> str:
        error = f"{type(self.error).__name__}: {self.error}"
        if self.sub:
            attempts = f"{self.attempts} attempt(s)"
            return f"{self.articles[0].id}: failed on its own after {attempts}: {error}"
        first, last = self.articles[0].id, self.articles[-1].id
        span = first if first == last else f"{first} … {last}"
        return (
            f"partition {self.number} ({len(self.articles)} article(s): {span}) failed "
            f"after {self.attempts} attempt(s): {error}"
            + ("; its articles are run again one by one" if len(self.articles) > 1 else "")
        )


def run_partitions(
    client: Client,
    articles: Iterable[Article],
    task: Callable[..., Any],
    *,
    partition_size: int,
    retries: int,
    extra: Callable[[int, int], tuple[Any, ...]] = lambda number, sub: (),
) -> Iterator[tuple[int, list[Article], Any]]:
    """Submit one task per partition; yield (number, articles, result or Failure) in order.

    A failed partition is followed by its articles one by one, numbered with a
    sub-number from 1 (`extra(number, sub)` gives a task's arguments after the
    articles; sub is 0 for a whole partition)."""
    threads = sum(client.nthreads().values()) or 1
    window = max(2, IN_FLIGHT_PER_WORKER * threads)
    run_id = uuid.uuid4().hex[:8]
    pending: deque[tuple[int, list[Article], Future]] = deque()

    def submit(number: int, sub: int, chunk: list[Article], tries: int) -> Future:
        return client.submit(
            task,
            chunk,
            *extra(number, sub),
            key=f"eventwire-{getattr(task, '__name__', 'task')}-{run_id}-{number}-{sub}",
            retries=tries,
            pure=False,
        )

    def finish(number: int, chunk: list[Article], future: Future) -> Iterator[Any]:
        try:
            result = future.result()
        except Exception as error:
            yield number, chunk, Failure(number, 0, chunk, retries + 1, error)
            if len(chunk) > 1:  # salvage: every article on its own
                singles = [
                    (sub, article, submit(number, sub, [article], 0))
                    for sub, article in enumerate(chunk, 1)
                ]
                for sub, article, single in singles:
                    try:
                        yield number, [article], single.result()
                    except Exception as single_error:
                        yield number, [article], Failure(number, sub, [article], 1, single_error)
                    finally:
                        single.release()
        else:
            yield number, chunk, result
        finally:
            future.release()

    try:
        for number, chunk in enumerate(partitions(articles, partition_size)):
            pending.append((number, chunk, submit(number, 0, chunk, retries)))
            while len(pending) >= window:
                yield from finish(*pending.popleft())
        while pending:
            yield from finish(*pending.popleft())
    finally:
        if pending:
            client.cancel([future for _, _, future in pending])


def analyze_on_dask(
    articles: Iterable[Article],
    *,
    scheduler: str | None,
    workers: int | None,
    on_error: Report | None,
    partition_size: int | None = None,
    retries: int = DEFAULT_RETRIES,
    client: Client | None = None,
) -> Iterator[Document]:
    """Documents in input order; see the module's docstring. `client` reuses a
    connected client (its cluster is left running)."""
    size = partition_size or partition_size_default()
    pending = nonempty(articles)
    if pending is None:
        return  # nothing to do: no cluster started
    with client_for(client, scheduler, workers) as connected:
        for _, _, result in run_partitions(
            connected, pending, analyze_partition, partition_size=size, retries=retries
        ):
            if isinstance(result, Failure):
                _report(on_error, result.describe())
                continue
            yield from _decoded(result, on_error)


def _decoded(payload: bytes, on_error: Report | None) -> Iterator[Document]:
    results: list[tuple[str, Any]] = pickle.loads(payload)  # from our own workers
    for status, value in results:
        if status == "ok":
            yield wire.decode(value)
        else:
            _report(on_error, value)


def _report(on_error: Report | None, message: str) -> None:
    if on_error is None:
        raise EventwireError(message)
    on_error(message)
