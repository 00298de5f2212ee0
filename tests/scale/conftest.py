"""One LocalCluster (2 single-threaded worker processes) for the whole session:
starting one costs seconds, so every scale test shares it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from eventwire.ingest.files import read_inputs
from eventwire.model import Article, Document
from eventwire.scale import analyze_many
from tests.scale.helpers import DEMO_DIR


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    from eventwire.scale.dask_engine import dask_client, warm_up

    with dask_client(workers=2) as client:
        client.run(warm_up)
        yield client


@pytest.fixture(scope="session")
def demo_articles() -> list[Article]:
    files = sorted(str(p) for p in DEMO_DIR.glob("*.jsonl"))
    return [item for item in read_inputs(files) if isinstance(item, Article)]


@pytest.fixture(scope="session")
def demo_documents(demo_articles: list[Article]) -> list[Document]:
    """The local engine's Documents: the reference every engine must match."""
    return list(analyze_many(demo_articles, engine="local"))
