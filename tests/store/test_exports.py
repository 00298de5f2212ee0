"""Exports: the GDELT 2.0 event layout of the demo corpus, CSV, JSON lines and
Parquet by month."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.dataset as pads
import pytest

from eventwire.store import gdelt
from eventwire.store.duck import Store
from eventwire.store.exports import export
from eventwire.store.load import ingest
from tests.conftest import DEMO_DIR

# GDELT 2.0 event columns, in order (the codebook's names)
GDELT_NAMES = "\n".join(
    [
        "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
        "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
        "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
        "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
        "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
        "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
        "NumMentions NumSources NumArticles AvgTone "
        "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
        "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
        "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
        "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
        "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
        "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
        "DATEADDED SOURCEURL"
    ]
).split()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(db) as store:
        report = ingest(store, [str(p) for p in sorted(DEMO_DIR.glob("*.jsonl"))])
        assert report.added == 42 and report.failed == 0
    return db


@pytest.fixture(scope="module")
def gdelt_rows(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("gdelt") / "events.tsv"
    with Store(demo_store, read_only=True) as store:
        written = export(store, "gdelt", path)
        expected = store.query("SELECT count(*) FROM events WHERE NOT negated")[0][0]
    assert written == expected
    columns = gdelt.read_csv_columns()
    result = duckdb.sql(
        f"SELECT * FROM read_csv('{path}', delim = '\\t', header = false, quote = '', "
        f"columns = {columns})"
    )
    assert result.columns == GDELT_NAMES
    types = dict(zip(result.columns, (str(t) for t in result.types), strict=True))
    assert types["GLOBALEVENTID"] == "BIGINT" and types["SQLDATE"] == "INTEGER"
    assert types["GoldsteinScale"] == "DOUBLE" and types["ActionGeo_Lat"] == "DOUBLE"
    assert types["EventCode"] == "VARCHAR" and types["DATEADDED"] == "BIGINT"
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.fetchall()]
    assert len(rows) == written
    return rows


def test_the_layout_has_gdelt_s_61_columns() -> None:
    assert tuple(GDELT_NAMES) == gdelt.COLUMN_NAMES and len(GDELT_NAMES) == 61


@pytest.mark.parametrize(
    ("article", "states"),
    [
        ("demo-en-01", {"USA", "CHN"}),
        ("demo-nl-01", {"FRA", "DEU"}),
        ("demo-es-01", {"MEX", "BRA"}),
    ],
)
def test_gold_consult_events_appear_with_their_cameo_root_and_quad_class(
    gdelt_rows: list[dict[str, Any]],
    demo_gold: dict[str, dict[str, Any]],
    article: str,
    states: set[str],
) -> None:
    gold = next(
        e
        for e in demo_gold[article]["events"]
        if e["type"] == "CONSULT" and {e["source_country"], e["target_country"]} == states
    )
    rows = [
        r
        for r in gdelt_rows
        if r["SOURCEURL"] == article
        and {r["Actor1CountryCode"], r["Actor2CountryCode"]} == states
        and r["EventRootCode"] == gold["cameo"][:2]
    ]
    assert rows, f"no CONSULT {states} in the GDELT export of {article}"
    row = rows[0]
    assert row["QuadClass"] == 1  # verbal cooperation
    assert row["EventCode"].startswith(row["EventBaseCode"]) and len(row["EventBaseCode"]) == 3
    date = demo_gold[article]["date"].replace("-", "")
    assert row["SQLDATE"] == int(date) and row["MonthYear"] == int(date[:6])
    assert row["Year"] == int(date[:4])
    month, day = int(date[4:6]), int(date[6:])
    assert row["FractionDate"] == pytest.approx(
        int(date[:4]) + ((month - 1) * 30 + day) / 365, abs=1e-4
    )
    assert row["NumMentions"] >= 1 and row["NumSources"] >= 1 and row["NumArticles"] >= 1
    assert row["AvgTone"] is None
    assert len(str(row["DATEADDED"])) == 14


def test_actor_codes_and_action_geography(gdelt_rows: list[dict[str, Any]]) -> None:
    blinken = next(
        r for r in gdelt_rows if r["SOURCEURL"] == "demo-en-01" and r["EventRootCode"] == "04"
    )
    assert blinken["Actor1Code"] == "USAGOV" and blinken["Actor1Type1Code"] == "GOV"
    assert blinken["Actor1Name"] == "ANTONY BLINKEN"
    assert blinken["ActionGeo_Type"] == 4 and blinken["ActionGeo_CountryCode"] == "CN"
    assert blinken["ActionGeo_Lat"] == pytest.approx(39.9, abs=0.1)
    assert blinken["ActionGeo_FullName"].startswith("Beijing")
    assert blinken["IsRootEvent"] == 1
    groups = {r["Actor1KnownGroupCode"] for r in gdelt_rows if r["Actor1KnownGroupCode"]}
    assert groups <= {"UN", "EU", "AU", "IMF", "ASEAN", "OAS", "ECOWAS", "NATO"}
    assert all(
        r["Actor1CountryCode"] is None or len(r["Actor1CountryCode"]) == 3 for r in gdelt_rows
    )


def test_csv_and_jsonl_exports(demo_store: Path, tmp_path: Path) -> None:
    with Store(demo_store, read_only=True) as store:
        total = store.query("SELECT count(*) FROM events")[0][0]
        assert export(store, "csv", tmp_path / "e.csv") == total
        assert export(store, "jsonl", tmp_path / "e.jsonl") == total
    with (tmp_path / "e.csv").open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == len(lines) == total
    first = lines[0]
    assert {"event_id", "type", "cameo", "source_country", "sentence", "story_id"} <= set(first)
    assert first["trigger"] in first["sentence"]
    assert records[0]["event_id"] == str(first["event_id"])


def test_parquet_is_partitioned_by_month(demo_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events"
    with Store(demo_store, read_only=True) as store:
        total = export(store, "parquet", out)
        months = store.query("SELECT count(DISTINCT strftime(date, '%Y-%m')) FROM events")
    folders = sorted(p.name for p in out.iterdir())
    assert all(name.startswith("year_month=") for name in folders)
    assert "year_month=2024-04" in folders
    dataset = pads.dataset(str(out), format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == total
    assert len(set(table.column("year_month").to_pylist())) >= months[0][0]
    # exporting again replaces the partitions instead of adding files
    with Store(demo_store, read_only=True) as store:
        export(store, "parquet", out)
    assert pads.dataset(str(out), format="parquet", partitioning="hive").count_rows() == total
