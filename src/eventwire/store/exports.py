"""Exports of the event table: GDELT 2.0 TSV (`gdelt.py`), CSV, JSON lines, and
Parquet partitioned by month (a pyarrow dataset with a `year_month` column:
`PATH/year_month=2024-05/part-0.parquet`; undated events under `undated`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pyarrow.dataset as pads  # type: ignore[import-untyped]

from eventwire.errors import StoreError
from eventwire.store import gdelt
from eventwire.store.duck import Store
from eventwire.store.queries import EVENT_ORDER, EVENT_SELECT, EventFilter, events

FORMATS = ("gdelt", "csv", "jsonl", "parquet")


def json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def write_jsonl(records: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    count = 0
    for record in records:
        handle.write(
            json.dumps({k: json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n"
        )
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for record in records:
        if writer is None:
            writer = csv.DictWriter(handle, fieldnames=list(record))
            writer.writeheader()
        writer.writerow({k: json_value(v) for k, v in record.items()})
        count += 1
    return count


def write_parquet(store: Store, path: Path) -> int:
    sql = (
        "SELECT *, coalesce(strftime(date, '%Y-%m'), 'undated') AS year_month FROM ("
        + EVENT_SELECT
        + EVENT_ORDER
        + ")"
    )
    table = store.connection.execute(sql).to_arrow_table()
    path.mkdir(parents=True, exist_ok=True)
    pads.write_dataset(
        table,
        str(path),
        format="parquet",
        partitioning=["year_month"],
        partitioning_flavor="hive",
        existing_data_behavior="delete_matching",
    )
    return int(table.num_rows)


def export(store: Store, kind: str, path: Path, selection: EventFilter | None = None) -> int:
    """Write every event (or a selection, for csv and jsonl) to PATH; returns the count."""
    if kind == "gdelt":
        return gdelt.write(store, path)
    if kind == "parquet":
        return write_parquet(store, path)
    if kind in ("csv", "jsonl"):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = write_csv if kind == "csv" else write_jsonl
            return writer(events(store, selection), handle)
    raise StoreError(f"unknown export format {kind!r}; choose one of {', '.join(FORMATS)}")
