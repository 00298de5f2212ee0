"""Running `analyze` over many articles: in this process, or on a Dask cluster.

Every engine runs the same pure `eventwire.analyze.pipeline.run`; no stage has
a second implementation. `analyze_many` yields Documents in input order;
`eventwire.scale.parquet_parts.write_parts` has the workers write records as
Parquet parts instead, for runs too large to stream back (docs/SCALING.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from eventwire.analyze.pipeline import run
from eventwire.errors import EventwireError
from eventwire.model import Article, Document

ENGINES = ("local", "dask")


def analyze_many(
    articles: Iterable[Article],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    on_error: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Analyze articles in input order; an article that fails is reported
    through `on_error` and skipped, the rest go on."""
    if engine == "local":
        yield from _local(articles, on_error)
    elif engine == "dask":
        from eventwire.scale.dask_engine import analyze_on_dask

        yield from analyze_on_dask(
            articles, scheduler=scheduler, workers=workers, on_error=on_error
        )
    else:
        raise EventwireError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _local(
    articles: Iterable[Article], on_error: Callable[[str], None] | None
) -> Iterator[Document]:
    for article in articles:
        try:
            yield run(article)
        except EventwireError as error:
            if on_error is None:
                raise
            on_error(f"{article.id}: {error}")
