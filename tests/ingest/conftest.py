"""Fixtures for the readers: a local HTTP server on 127.0.0.1 (never the internet) and an
HTTP client with short timeouts that records its backoff instead of sleeping."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.ingest.fetch import Fetcher, FetchSettings
from tests.ingest.helpers import LocalServer, start_server


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1 and a free port; tests set `server.routes`."""
    local, httpd = start_server()
    try:
        yield local
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps: list[float]) -> Iterator[Fetcher]:
    """A client with short timeouts that records its backoff sleeps instead of sleeping."""
    settings = FetchSettings(connect_timeout=2, read_timeout=2, backoff=0.5, max_bytes=100_000)
    with Fetcher(settings, sleep=sleeps.append) as client:
        yield client
