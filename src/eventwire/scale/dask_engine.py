"""The Dask engine (issue 4): partitions of articles analyzed on workers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from eventwire.errors import EventwireError
from eventwire.model import Article, Document


def analyze_on_dask(
    articles: Iterable[Article],
    *,
    scheduler: str | None,
    workers: int | None,
    on_error: Callable[[str], None] | None,
) -> Iterator[Document]:
    raise EventwireError("the dask engine is not available yet")
