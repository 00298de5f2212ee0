"""Records as Parquet parts: what workers write and a store loads in one transaction.

At scale the Documents should not travel back to one process: each worker
analyzes its partition, turns every Document into its record
(`eventwire.records.to_record`, the same record `eventwire extract` writes)
and writes the partition as one Parquet file, `part-000042.parquet`, in a
folder every worker and the loader can reach (a local disk for a
`LocalCluster`, a shared file system on a cluster). A part is written to a
hidden temporary name and renamed when complete, so a retried or killed task
never leaves half a part; parts are named by partition number, so a retry
replaces its own part and the folder reads back in input order.

One row per article: `id`, `content_hash`, `lang`, `date`, `title`, `url`,
`outlet`, `text` (the store keeps it), `events` and `quotes` (counts), and
`record`, the whole record as JSON (Parquet's JSON logical type, which DuckDB
reads as JSON). `read_records` yields the records back exactly; `read_rows`
also gives the other columns, for a store.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.analyze.pipeline import run
from eventwire.errors import EventwireError
from eventwire.model import Article, Document
from eventwire.records import to_record

PART = re.compile(r"^part-(?P<number>\d{6})(?:\.(?P<sub>\d{4}))?\.parquet$")
COLUMNS = (
    "id",
    "content_hash",
    "lang",
    "date",
    "title",
    "url",
    "outlet",
    "text",
    "events",
    "quotes",
    "record",
)


def arrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, imported when first needed (0.2 s)."""
    import pyarrow  # type: ignore[import-untyped]
    import pyarrow.parquet  # type: ignore[import-untyped]

    return pyarrow, pyarrow.parquet


def schema() -> Any:
    pa, _ = arrow()
    text = pa.string()
    return pa.schema(
        [
            pa.field("id", text, nullable=False),
            pa.field("content_hash", text, nullable=False),
            pa.field("lang", text),
            pa.field("date", text),
            pa.field("title", text),
            pa.field("url", text),
            pa.field("outlet", text),
            pa.field("text", pa.large_string(), nullable=False),
            pa.field("events", pa.int32(), nullable=False),
            pa.field("quotes", pa.int32(), nullable=False),
            pa.field("record", pa.json_(pa.large_string()), nullable=False),
        ],
        metadata={"eventwire": "records, one row per article; see eventwire.scale.parquet_parts"},
    )


def part_name(number: int, sub: int = 0) -> str:
    """part-000042.parquet for a partition; part-000042.0003.parquet for its third
    article run on its own after the partition failed."""
    return f"part-{number:06d}.parquet" if sub == 0 else f"part-{number:06d}.{sub:04d}.parquet"


def part_table(docs: Iterable[Document]) -> Any:
    pa, _ = arrow()
    rows: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for doc in docs:
        record = to_record(doc)
        article = doc.article
        for name, value in (
            ("id", article.id),
            ("content_hash", article.content_hash),
            ("lang", doc.lang),
            ("date", record["date"]),
            ("title", article.title),
            ("url", article.url),
            ("outlet", article.outlet),
            ("text", doc.text),
            ("events", len(record["events"])),
            ("quotes", len(record["quotes"])),
            ("record", json.dumps(record, ensure_ascii=False)),
        ):
            rows[name].append(value)
    return pa.Table.from_pydict(rows, schema=schema())


def write_part(docs: Iterable[Document], folder: str | Path, number: int, sub: int = 0) -> Path:
    """Write the records of `docs` as one part, atomically; returns its path."""
    _, pq = arrow()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / part_name(number, sub)
    temporary = folder / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        pq.write_table(part_table(docs), temporary, compression="zstd")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def analyze_to_part(
    articles: list[Article], folder: str, number: int, sub: int = 0
) -> tuple[str, int, list[str]]:
    """On a worker: analyze a partition and write its part.

    Returns (path of the part, rows written, one message per article that
    failed with an `EventwireError`)."""
    if sub:  # the partition failed as a whole: no part of it may stand beside its articles'
        (Path(folder) / part_name(number)).unlink(missing_ok=True)
    docs: list[Document] = []
    errors: list[str] = []
    for article in articles:
        try:
            docs.append(run(article))
        except EventwireError as error:
            errors.append(f"{article.id}: {error}")
    path = write_part(docs, folder, number, sub)
    return str(path), len(docs), errors


def part_files(folder: str | Path) -> list[Path]:
    """The parts of a folder in input order (temporary files and others left out)."""
    found = []
    for path in Path(folder).iterdir():
        match = PART.match(path.name)
        if match:
            found.append((int(match["number"]), int(match["sub"] or 0), path))
    return [path for _, _, path in sorted(found)]


def read_rows(folder: str | Path, columns: Iterable[str] = COLUMNS) -> Iterator[dict[str, Any]]:
    """The rows of every part in input order; `record` parsed back into a dict."""
    _, pq = arrow()
    wanted = list(columns)
    for path in part_files(folder):
        table = pq.read_table(path, columns=wanted)
        for row in table.to_pylist():
            if "record" in row:
                row["record"] = json.loads(row["record"])
            yield row


def read_records(folder: str | Path) -> Iterator[dict[str, Any]]:
    """The records, exactly as `to_record` made them, in input order."""
    for row in read_rows(folder, columns=("record",)):
        yield row["record"]


def write_parts(
    articles: Iterable[Article],
    folder: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    on_error: Callable[[str], None] | None = None,
    partition_size: int | None = None,
    retries: int | None = None,
    overwrite: bool = False,
    client: Any = None,
) -> list[Path]:
    """Analyze `articles` into Parquet parts in `folder`, here or on Dask; returns the
    parts written, in input order. A folder that already holds parts is refused
    unless `overwrite`, which deletes them first."""
    from eventwire.scale import dask_engine

    folder = Path(folder)
    if folder.is_dir():
        existing = part_files(folder)
        if existing and not overwrite:
            raise EventwireError(
                f"{folder} already holds {len(existing)} part(s); "
                "choose an empty folder or overwrite"
            )
        for path in existing:
            path.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    size = partition_size or dask_engine.partition_size_default()
    written: list[Path] = []

    def report(message: str) -> None:
        if on_error is None:
            raise EventwireError(message)
        on_error(message)

    if engine == "local":
        for number, chunk in enumerate(dask_engine.partitions(articles, size)):
            part, _, errors = analyze_to_part(chunk, str(folder), number)
            written.append(Path(part))
            for message in errors:
                report(message)
        return written
    if engine != "dask":
        raise EventwireError(f"unknown engine {engine!r}; choose local or dask")
    tries = dask_engine.DEFAULT_RETRIES if retries is None else retries
    pending = dask_engine.nonempty(articles)
    if pending is None:
        return written  # nothing to do: no cluster started
    with dask_engine.client_for(client, scheduler, workers) as dask_client:
        for _, _, result in dask_engine.run_partitions(
            dask_client,
            pending,
            analyze_to_part,
            partition_size=size,
            retries=tries,
            extra=lambda number, sub: (str(folder), number, sub),
        ):
            if isinstance(result, dask_engine.Failure):
                report(result.describe())
                continue
            part, _, errors = result
            written.append(Path(part))
            for message in errors:
                report(message)
    return written
