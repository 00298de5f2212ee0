"""Store commands: ingest, reanalyze, events, quotes, search, export."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.errors import EventwireError
from eventwire.serve.options import (
    EngineOption,
    InputLangOption,
    InputsArgument,
    SchedulerOption,
    TextColumnOption,
    WorkersOption,
    resolve_engine,
)
from eventwire.store import exports, queries
from eventwire.store.duck import Store
from eventwire.store.load import DEFAULT_BATCH_SIZE, IngestReport, ingest
from eventwire.store.search import search as full_text_search

DEFAULT_DB = Path("eventwire.duckdb")
err = Console(stderr=True)
out = Console()


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


FormatOption = Annotated[
    ListFormat, typer.Option("--format", help="table, csv or jsonl (to stdout).")
]


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store.")]
LangOption = Annotated[str | None, typer.Option("--lang", help="Only articles in this language.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this date on (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]
LimitOption = Annotated[int | None, typer.Option("--limit", help="At most this many rows.")]


def fail(error: Exception) -> NoReturn:
    err.print(f"[red]error[/red] {error}", highlight=False)
    raise typer.Exit(code=1)


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(
            f"{value!r} is not a date; write YYYY-MM-DD", param_hint=option
        ) from error


def _spinner() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def open_store(db: Path, *, read_only: bool) -> Store:
    try:
        return Store(db, read_only=read_only)
    except EventwireError as error:
        fail(error)


def ingest_command(
    inputs: InputsArgument,
    db: DbOption = DEFAULT_DB,
    lang: InputLangOption = None,
    text_column: TextColumnOption = "text",
    batch_size: Annotated[
        int,
        typer.Option("--batch-size", help="Articles per transaction (a crash loses at most one)."),
    ] = DEFAULT_BATCH_SIZE,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Analyze inputs into the store; articles already stored are skipped."""
    engine = resolve_engine(engine, scheduler, workers)
    with open_store(db, read_only=False) as store, _spinner() as bar:
        task = bar.add_task("ingesting", total=None, status="")
        counts = {"read": 0, "added": 0}

        def on_article() -> None:
            counts["read"] += 1
            bar.update(task, status=f"{counts['read']} read · {counts['added']} added")

        def on_batch(stage: str, n: int) -> None:
            if stage == "commit":
                counts["added"] += n

        def on_problem(message: str) -> None:
            bar.console.print(f"[red]error[/red] {message}", highlight=False)

        try:
            report = ingest(
                store,
                inputs,
                lang=lang,
                text_column=text_column,
                batch_size=batch_size,
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                on_problem=on_problem,
                on_article=on_article,
                on_batch=on_batch,
            )
        except EventwireError as error:
            fail(error)
        print_report(report, store)
    if report.failed:
        raise typer.Exit(code=1)


def print_report(report: IngestReport, store: Store) -> None:
    table = Table("format", "articles")
    for name, count in report.formats.items():
        table.add_row(name if name != "error" else "[red]unreadable[/red]", str(count))
    out.print(table)
    out.print(
        f"articles added: {report.added}  skipped (already stored): {report.skipped}  "
        f"failed: {report.failed}",
        highlight=False,
    )
    if report.read and not report.added and report.skipped == report.read:
        out.print(f"nothing new: all {report.read} articles were already in the store")
    if report.copies:
        out.print(f"copies from other outlets or URLs: {report.copies}")
    out.print(
        f"stories: {report.new_stories} new; articles joining an existing one: {report.joined}",
        highlight=False,
    )
    if store.needs_reanalysis:
        out.print(
            f"[yellow]note[/yellow]: {store.needs_reanalysis}; run `eventwire reanalyze "
            f"--db {store.path}` to fill them",
            highlight=False,
        )
    totals = store.totals()
    out.print(
        f"store: {store.path.resolve()} — {totals['articles']} articles, "
        f"{totals['events']} events, {totals['quotes']} quotes, {totals['stories']} stories",
        highlight=False,
    )


def reanalyze_command(
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles per transaction.")
    ] = DEFAULT_BATCH_SIZE,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Re-run analysis on stored articles (after a lexicon change) and replace
    their events, quotes, actors, mentions and stories; articles stay as they are."""
    from eventwire.scale import analyze_many

    engine = resolve_engine(engine, scheduler, workers)
    if not db.exists():
        fail(EventwireError(f"no store at {db}; create it with `eventwire ingest INPUT --db {db}`"))
    problems: list[str] = []
    with open_store(db, read_only=False) as store, _spinner() as bar:
        before = store.totals()
        task = bar.add_task("reanalyzing", total=None, status="")
        done = 0
        try:
            batch = []
            for doc in analyze_many(
                store.stored_articles(),
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                on_error=problems.append,
            ):
                batch.append(doc)
                if len(batch) >= batch_size:
                    done += store.replace_analysis(batch)
                    batch = []
                    bar.update(task, status=f"{done} articles")
            done += store.replace_analysis(batch)
            bar.update(task, description="linking", status="")
            stories = store.relink()
        except EventwireError as error:
            fail(error)
        after = store.totals()
    for message in problems:
        err.print(f"[red]error[/red] {message} (its old rows are kept)", highlight=False)
    out.print(
        f"reanalyzed {done} articles: events {before['events']} → {after['events']}, "
        f"quotes {before['quotes']} → {after['quotes']}, stories {stories}",
        highlight=False,
    )
    if problems:
        raise typer.Exit(code=1)


def _emit(rows: Any, kind: ListFormat, columns: list[tuple[str, str]]) -> int:
    if kind is ListFormat.jsonl:
        return exports.write_jsonl(rows, sys.stdout)
    if kind is ListFormat.csv:
        return exports.write_csv(rows, sys.stdout)
    table = Table(*(title for title, _ in columns))
    count = 0
    for row in rows:
        table.add_row(*(_cell(row, key) for _, key in columns))
        count += 1
    out.print(table)
    return count


def _cell(row: dict[str, Any], key: str) -> str:
    if key == "source" or key == "target":
        name, country = row[key], row[f"{key}_country"]
        return " ".join(p for p in (name, f"[{country}]" if country else None) if p) or "—"
    if key == "counts":
        return (
            f"{row['num_mentions'] or '-'}/{row['num_sources'] or '-'}/{row['num_articles'] or '-'}"
        )
    value = row[key]
    return "—" if value is None else str(value)


EVENT_TABLE = [
    ("date", "date"),
    ("type", "type"),
    ("CAMEO", "cameo"),
    ("source", "source"),
    ("target", "target"),
    ("trigger", "trigger"),
    ("article", "article_id"),
    ("story", "story_id"),
    ("mentions/sources/articles", "counts"),
]
QUOTE_TABLE = [
    ("date", "date"),
    ("speaker", "speaker"),
    ("quote", "text"),
    ("article", "article_id"),
]


def events_command(
    dyad: Annotated[
        str | None,
        typer.Option(
            "--dyad",
            help="SOURCE-TARGET codes, e.g. VEN-RUS (either order for CONSULT, AGREE, COOPERATE).",
        ),
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--type", help="PLOVER type(s), e.g. CONSULT; repeat or comma-separate."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Part of an actor's name, a stable id or a state code."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    lang: LangOption = None,
    limit: LimitOption = None,
    output_format: FormatOption = ListFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List stored events, filtered by dyad, type, actor, dates and language."""

    def rows(store: Store) -> Iterator[dict[str, Any]]:
        selection = queries.EventFilter(
            dyad=dyad,
            types=queries.parse_types(types or []),
            actor=actor,
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            lang=lang,
            limit=limit,
        )
        return queries.events(store, selection)

    _list(db, rows, output_format, EVENT_TABLE, "events")


def quotes_command(
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Part of the speaker's name.")
    ] = None,
    contains: Annotated[
        str | None, typer.Option("--contains", help="Words the quote contains.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    lang: LangOption = None,
    limit: LimitOption = None,
    output_format: FormatOption = ListFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List stored quotes, filtered by speaker and words."""

    def rows(store: Store) -> Iterator[dict[str, Any]]:
        selection = queries.QuoteFilter(
            speaker=speaker,
            contains=contains,
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            lang=lang,
            limit=limit,
        )
        return queries.quotes(store, selection)

    _list(db, rows, output_format, QUOTE_TABLE, "quotes")


def _list(
    db: Path,
    rows: Callable[[Store], Iterator[dict[str, Any]]],
    output_format: ListFormat,
    table: list[tuple[str, str]],
    noun: str,
) -> None:
    """Print the rows a query selects from the store, in the chosen format."""
    try:
        with open_store(db, read_only=True) as store:
            count = _emit(rows(store), output_format, table)
    except EventwireError as error:
        fail(error)
    if output_format is ListFormat.table:
        err.print(f"{count} {noun}", highlight=False)


def search_command(
    query: Annotated[str, typer.Argument(help="Words to look for (any of them; ranked).")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many hits.")] = 20,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Full-text search over stored articles and quotes (DuckDB fts, BM25)."""
    try:
        with open_store(db, read_only=False) as store:
            hits = full_text_search(store, query, limit=limit)
    except EventwireError as error:
        fail(error)
    table = Table("score", "kind", "article", "date", "lang", "text")
    for hit in hits:
        text = f"{hit.speaker}: {hit.snippet}" if hit.speaker else hit.snippet
        table.add_row(
            f"{hit.score:.2f}", hit.kind, hit.article_id, hit.date or "—", hit.lang or "—", text
        )
    out.print(table)
    err.print(f"{len(hits)} hits", highlight=False)


def export_command(
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="gdelt (GDELT 2.0 event TSV), csv, jsonl or parquet."),
    ],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="File to write (a folder for parquet)."),
    ],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export every stored event: GDELT 2.0 layout, CSV, JSON lines or Parquet by month."""
    try:
        with open_store(db, read_only=True) as store:
            count = exports.export(store, output_format.value, output)
    except EventwireError as error:
        fail(error)
    except OSError as error:
        fail(EventwireError(f"cannot write {output}: {error.strerror}; check the path"))
    out.print(f"{count} events written to {output} ({output_format.value})", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("reanalyze")(reanalyze_command)
    app.command("events")(events_command)
    app.command("quotes")(quotes_command)
    app.command("search")(search_command)
    app.command("export")(export_command)
