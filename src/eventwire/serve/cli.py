"""The `eventwire` command line."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.analyze.pipeline import run
from eventwire.errors import EventwireError, InputError
from eventwire.evaluate import score
from eventwire.ingest.files import read_inputs
from eventwire.model import Article
from eventwire.records import to_record
from eventwire.serve.options import (
    EngineOption,
    InputLangOption,
    InputsArgument,
    SchedulerOption,
    TextColumnOption,
    WorkersOption,
    resolve_engine,
)
from eventwire.store.duck import Store

app = typer.Typer(
    help="eventwire: who did what to whom, when and where, and who said what — from news.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()
DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"
DEFAULT_DEMO_DB = "eventwire-demo.duckdb"


def progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def extracted(
    inputs: list[str],
    lang: str | None,
    problems: list[str],
    *,
    text_column: str,
    engine: str,
    scheduler: str | None,
    workers: int | None,
) -> Iterator[dict[str, Any]]:
    """`extract`'s records in input order, on the chosen engine; unreadable inputs
    and failed articles are reported and counted in `problems`.

    On Dask, workers write Parquet parts and only file names travel back: sending
    whole Documents to this process would cost as much as a worker's analysis.
    """
    items = list(read_inputs(inputs, lang, text_column=text_column))

    def report(message: str) -> None:
        problems.append(message)
        err.print(f"[red]error[/red] {message}", highlight=False)

    with progress() as bar:
        task = bar.add_task("analyzing", total=len(items))

        def articles() -> Iterator[Article]:
            for item in items:
                if isinstance(item, InputError):
                    bar.advance(task)
                    report(str(item))
                else:
                    yield item

        try:
            if engine == "dask":
                yield from _records_on_dask(articles(), scheduler, workers, report)
                bar.update(task, completed=len(items))
                return
            from eventwire.scale import analyze_many

            for doc in analyze_many(articles(), engine=engine, on_error=report):
                bar.advance(task)
                yield to_record(doc)
        except EventwireError as error:  # the engine itself: no cluster, a bad address
            err.print(f"[red]error[/red] {error}", highlight=False)
            raise typer.Exit(code=2) from error


def _records_on_dask(
    articles: Iterator[Article],
    scheduler: str | None,
    workers: int | None,
    report: Callable[[str], None],
) -> Iterator[dict[str, Any]]:
    from eventwire.scale.parquet_parts import read_records, write_parts

    with tempfile.TemporaryDirectory(prefix="eventwire-parts-") as folder:
        write_parts(
            articles,
            folder,
            engine="dask",
            scheduler=scheduler,
            workers=workers,
            on_error=report,
        )
        yield from read_records(folder)


@app.command()
def extract(
    inputs: InputsArgument,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write JSON lines here (default: stdout).")
    ] = None,
    lang: InputLangOption = None,
    text_column: TextColumnOption = "text",
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Extract events, quotes, actors and credits: one JSON line per article."""
    engine = resolve_engine(engine, scheduler, workers)
    problems: list[str] = []
    count = 0
    target: Any = output.open("w", encoding="utf-8") if output else nullcontext(sys.stdout)
    with target as handle:
        for record in extracted(
            inputs,
            lang,
            problems,
            text_column=text_column,
            engine=engine,
            scheduler=scheduler,
            workers=workers,
        ):
            _write_line(handle, record)
            count += 1
    err.print(f"{count} articles written" + (f" to {output}" if output else ""), highlight=False)
    if problems:
        err.print(f"[yellow]{len(problems)} input(s) skipped[/yellow]")
        raise typer.Exit(code=1)


def _write_line(handle: IO[str], record: dict[str, Any]) -> None:
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_gold(path: Path) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise typer.BadParameter(f"{path}:{number}: not JSON: {error.msg}") from error
            records[str(record["id"])] = record
    return records


def predict(gold: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    predictions = {}
    with progress() as bar:
        task = bar.add_task("extracting", total=len(gold))
        for doc_id, record in gold.items():
            article = Article(
                id=doc_id, text=record["text"], lang=record.get("lang"), date=record.get("date")
            )
            predictions[doc_id] = to_record(run(article))
            bar.advance(task)
    return predictions


@app.command("eval")
def evaluate(
    gold_path: Annotated[
        Path, typer.Argument(help="Gold JSON lines (../shared/eval/FORMAT.md).", exists=True)
    ],
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Score these predictions instead of extracting.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only documents in this language.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    save: Annotated[
        Path | None, typer.Option("--save", help="Also write the predictions here.")
    ] = None,
) -> None:
    """Precision, recall and F1 for events, event types, quotes and countries."""
    gold = read_gold(gold_path)
    if lang:
        gold = {k: v for k, v in gold.items() if v.get("lang") == lang}
    predictions = read_gold(pred) if pred else predict(gold)
    if save:
        with save.open("w", encoding="utf-8") as handle:
            for record in predictions.values():
                _write_line(handle, record)
    result = score(gold, predictions)
    if as_json:
        out.print_json(json.dumps(result))
        return
    out.print(
        f"documents: {result['documents']}  without prediction: {result['missing_predictions']}"
    )
    table = Table("scope", "part", "P", "R", "F1", "tp", "fp", "fn")
    for scope, parts in result["scores"].items():
        for name, s in sorted(parts.items(), key=lambda kv: (kv[0].startswith("type:"), kv[0])):
            table.add_row(
                scope,
                name,
                f"{s['p']:.3f}",
                f"{s['r']:.3f}",
                f"{s['f1']:.3f}",
                str(s["tp"]),
                str(s["fp"]),
                str(s["fn"]),
            )
    out.print(table)


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to write.")] = Path(
        DEFAULT_DEMO_DB
    ),
) -> None:
    """Analyze the bundled demo corpus into a DuckDB store and summarise it."""
    from eventwire.store.load import ingest

    files = sorted(str(p) for p in DEMO_DIR.glob("*.jsonl"))
    with Store(db) as store, progress() as bar:
        bar.add_task("analyzing the demo corpus", total=None)
        report = ingest(store, files)
    with Store(db) as store:
        summarise(store, report.added)
    out.print(f"store: {db.resolve()}")


def summarise(store: Store, added: int) -> None:
    out.print(f"[bold]articles added[/bold]: {added}")
    table = Table("language", "articles")
    for lang, n in store.query("SELECT lang, count(*) FROM articles GROUP BY 1 ORDER BY 1"):
        table.add_row(str(lang), str(n))
    out.print(table)
    table = Table("PLOVER type", "events")
    for kind, n in store.query("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"):
        table.add_row(kind, str(n))
    out.print(table)
    table = Table("dyad", "events")
    rows = store.query(
        "SELECT coalesce(source_country, '—') || ' → ' || coalesce(target_country, '—'), count(*) "
        "FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
    )
    for dyad, n in rows:
        table.add_row(dyad, str(n))
    out.print(table)
    (quotes,) = store.query("SELECT count(*) FROM quotes")[0]
    out.print(f"[bold]quotes[/bold]: {quotes}")


def register_command_modules() -> None:
    """Commands of other features live in `eventwire.serve.commands.*`."""
    from eventwire.serve import commands

    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}").register(app)


register_command_modules()

if __name__ == "__main__":
    app()
