"""The Dask engine on a 2-worker LocalCluster: the local engine's results, in order;
failed partitions retried, reported and salvaged; nothing lost silently."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import EventwireError
from eventwire.model import Article, Document
from eventwire.records import to_record
from eventwire.scale import analyze_many
from eventwire.scale.dask_engine import (
    Failure,
    analyze_on_dask,
    analyze_partition,
    partitions,
    run_partitions,
)
from tests.scale.helpers import broken


def flaky_partition(articles: list[Article], marker: str) -> bytes:
    """Fails the first time it runs for a partition (a marker file remembers), then works."""
    path = Path(marker)
    if not path.exists():
        path.write_text("failed once", encoding="utf-8")
        raise RuntimeError("worker lost its way")
    return analyze_partition(articles)


@pytest.mark.parametrize("size", [1, 4, 50])
def test_dask_gives_the_local_engines_documents_in_input_order(
    dask_client: Any, demo_articles: list[Article], demo_documents: list[Document], size: int
) -> None:
    errors: list[str] = []
    docs = list(
        analyze_on_dask(
            demo_articles,
            scheduler=None,
            workers=None,
            on_error=errors.append,
            partition_size=size,
            client=dask_client,
        )
    )
    assert errors == []
    assert [d.article.id for d in docs] == [a.id for a in demo_articles]
    assert docs == demo_documents
    assert [to_record(d) for d in docs] == [to_record(d) for d in demo_documents]


def test_analyze_many_reaches_a_running_cluster_by_its_address(
    dask_client: Any, demo_articles: list[Article], demo_documents: list[Document]
) -> None:
    docs = list(
        analyze_many(demo_articles[:6], engine="dask", scheduler=dask_client.scheduler.address)
    )
    assert docs == demo_documents[:6]


def test_a_failed_attempt_is_retried(
    dask_client: Any, demo_articles: list[Article], demo_documents: list[Document], tmp_path: Path
) -> None:
    results = list(
        run_partitions(
            dask_client,
            demo_articles[:8],
            flaky_partition,
            partition_size=4,
            retries=1,
            extra=lambda number, sub: (str(tmp_path / f"failed-{number}-{sub}"),),
        )
    )
    assert not any(isinstance(r, Failure) for _, _, r in results)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["failed-0-0", "failed-1-0"]
    assert [status for _, _, r in results for status, _ in pickle.loads(r)] == ["ok"] * 8


def test_a_partition_that_keeps_failing_is_reported_and_the_rest_returned(
    dask_client: Any, demo_articles: list[Article], demo_documents: list[Document]
) -> None:
    articles = [*demo_articles[:5], broken("broken-1"), *demo_articles[5:12]]
    errors: list[str] = []
    docs = list(
        analyze_on_dask(
            articles,
            scheduler=None,
            workers=None,
            on_error=errors.append,
            partition_size=4,
            retries=1,
            client=dask_client,
        )
    )
    # every readable article comes back, in order: those of the failed partition too
    assert docs == demo_documents[:12]
    assert len(errors) == 2
    assert errors[0].startswith("partition 1 (4 article(s): ")
    assert "failed after 2 attempt(s)" in errors[0]
    assert errors[1].startswith("broken-1: failed on its own after 1 attempt(s)")


def test_without_on_error_a_failure_raises(dask_client: Any, demo_articles: list[Article]) -> None:
    with pytest.raises(EventwireError, match="partition 0"):
        list(
            analyze_on_dask(
                [broken("broken-2"), *demo_articles[:2]],
                scheduler=None,
                workers=None,
                on_error=None,
                retries=0,
                client=dask_client,
            )
        )


def test_partitions_are_read_lazily_and_keep_every_article() -> None:
    articles = (Article(id=str(i), text="x") for i in range(11))
    chunks = list(partitions(articles, 4))
    assert [len(c) for c in chunks] == [4, 4, 3]
    assert [a.id for c in chunks for a in c] == [str(i) for i in range(11)]
    with pytest.raises(EventwireError):
        list(partitions([], 0))


def test_nothing_to_analyze_connects_to_nothing() -> None:
    # an unreachable address: a connection attempt would fail after a timeout
    assert list(analyze_many([], engine="dask", scheduler="tcp://127.0.0.1:9")) == []
