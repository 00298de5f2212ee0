"""Command-line options shared by several commands (extract, ingest)."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

InputsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders, URLs (txt md html jsonl csv tsv warc rss atom); - for stdin."
    ),
]
InputLangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of inputs that do not declare one (nl, es, en)."),
]
TextColumnOption = Annotated[
    str,
    typer.Option("--text-column", help="JSON field or CSV/TSV column that holds the text."),
]
Engine = Literal["local", "dask"]
EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="local: analyze in this process; dask: on a Dask cluster (same results).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="A running Dask scheduler (tcp://host:8786); implies --engine dask. "
        "Without it, --engine dask starts a local cluster.",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Worker processes of the local Dask cluster (default: one per core).",
    ),
]


def resolve_engine(engine: Engine, scheduler: str | None, workers: int | None) -> Engine:
    """A scheduler address implies Dask; workers only size a local Dask cluster."""
    if scheduler:
        engine = "dask"
    if workers is not None and engine != "dask":
        raise typer.BadParameter("--workers sizes a local Dask cluster: add --engine dask")
    return engine
