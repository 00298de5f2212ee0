"""Parquet parts: records written per partition (here and on the cluster), read back exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.errors import EventwireError
from eventwire.model import Article, Document
from eventwire.records import to_record
from eventwire.scale.parquet_parts import (
    part_files,
    read_records,
    read_rows,
    write_part,
    write_parts,
)
from tests.scale.helpers import broken


def test_parts_round_trip_the_records_in_input_order(
    tmp_path: Path, demo_articles: list[Article], demo_documents: list[Document]
) -> None:
    written = write_parts(demo_articles, tmp_path / "parts", partition_size=10)
    assert [p.name for p in written] == [f"part-00000{n}.parquet" for n in range(5)]
    assert part_files(tmp_path / "parts") == written
    assert list(read_records(tmp_path / "parts")) == [to_record(d) for d in demo_documents]
    rows = list(read_rows(tmp_path / "parts"))
    assert [r["content_hash"] for r in rows] == [d.article.content_hash for d in demo_documents]
    assert [r["text"] for r in rows] == [d.text for d in demo_documents]
    assert [r["events"] for r in rows] == [len(d.events) for d in demo_documents]


def test_workers_write_the_same_parts(
    tmp_path: Path, dask_client: Any, demo_articles: list[Article], demo_documents: list[Document]
) -> None:
    written = write_parts(
        demo_articles, tmp_path, engine="dask", partition_size=8, client=dask_client
    )
    assert len(written) == 6
    assert list(read_records(tmp_path)) == [to_record(d) for d in demo_documents]


def test_a_store_reads_the_parts_as_one_table(
    tmp_path: Path, demo_documents: list[Document]
) -> None:
    write_part(demo_documents[:3], tmp_path, 0)
    write_part(demo_documents[3:5], tmp_path, 1)
    rows = duckdb.sql(
        f"SELECT id, record->>'$.lang' FROM read_parquet('{tmp_path}/part-*.parquet') ORDER BY id"
    ).fetchall()
    assert rows == sorted((d.article.id, d.lang) for d in demo_documents[:5])


def test_a_folder_with_parts_is_not_mixed_with_new_ones(
    tmp_path: Path, demo_articles: list[Article]
) -> None:
    write_parts(demo_articles[:2], tmp_path)
    with pytest.raises(EventwireError, match="already holds 1 part"):
        write_parts(demo_articles[:2], tmp_path)
    written = write_parts(demo_articles[2:4], tmp_path, overwrite=True, partition_size=1)
    assert part_files(tmp_path) == written
    assert [r["id"] for r in read_records(tmp_path)] == [a.id for a in demo_articles[2:4]]


def test_a_partition_failed_as_a_whole_is_replaced_by_its_articles(
    tmp_path: Path, dask_client: Any, demo_articles: list[Article], demo_documents: list[Document]
) -> None:
    articles = [*demo_articles[:3], broken("broken-3"), demo_articles[3]]
    errors: list[str] = []
    write_parts(
        articles,
        tmp_path,
        engine="dask",
        partition_size=3,
        retries=0,
        on_error=errors.append,
        client=dask_client,
    )
    # partition 1 (broken-3, then the fourth article) failed: the article that reads
    # fine is written on its own (sub-part 2); the broken one (sub-part 1) is reported
    assert [p.name for p in part_files(tmp_path)] == [
        "part-000000.parquet",
        "part-000001.0002.parquet",
    ]
    assert list(read_records(tmp_path)) == [to_record(d) for d in demo_documents[:4]]
    assert [e.split(" ")[0] for e in errors] == ["partition", "broken-3:"]
