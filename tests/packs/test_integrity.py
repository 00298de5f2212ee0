"""Every pack loads, validates, and covers all 16 PLOVER types."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import PackError
from eventwire.model import PLOVER_TYPES, SECTORS
from eventwire.packs import schema
from eventwire.packs.loader import available_languages, load_pack, load_shared
from tests.conftest import LANGUAGES


def test_first_languages_are_available() -> None:
    assert set(LANGUAGES) <= set(available_languages())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pack_covers_every_plover_type(lang: str) -> None:
    pack = load_pack(lang)
    assert {p.type for p in pack.events} - {schema.NOT_AN_EVENT} == set(PLOVER_TYPES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pack_entries_are_consistent(lang: str) -> None:
    pack = load_pack(lang)
    shared = load_shared()
    assert pack.speech_verbs and pack.quote_pairs and pack.negation
    assert all(sector in SECTORS for _, sector in pack.roles.values())
    for pattern in pack.events:
        assert pattern.cameo in shared.cameo or pattern.type == schema.NOT_AN_EVENT
        assert "~" not in (pattern.tokens[0], pattern.tokens[-1]), pattern
    assert all(org in shared.organizations for org in pack.organizations.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_month_names_come_from_cldr(lang: str) -> None:
    assert len(set(load_pack(lang).months.values())) == 12


def test_shared_people_have_valid_dates() -> None:
    for person in load_shared().people:
        if person.start and person.end:
            assert person.start <= person.end, person


def test_a_malformed_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "roles.tsv"
    path.write_text("phrase\trole\tsector\nminister\tminister\tXXX\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"roles.tsv:2"):
        for number, row in schema.read_tsv(path, schema.TSV_COLUMNS["roles.tsv"]):
            schema.check_role_row(path, number, row)


def test_a_wrong_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    path.write_text("pattern\ttype\n", encoding="utf-8")
    with pytest.raises(PackError, match="header"):
        list(schema.read_tsv(path, schema.TSV_COLUMNS["events.tsv"]))


def test_a_none_row_carries_no_cameo_code(tmp_path: Path) -> None:
    from eventwire.packs import schema

    schema.check_event_row(
        tmp_path,
        1,
        {"pattern": "a pedido de", "type": "NONE", "mode": "", "context": "", "cameo": ""},
        set(),
    )
    with pytest.raises(schema.PackError):
        schema.check_event_row(
            tmp_path,
            2,
            {"pattern": "a pedido de", "type": "NONE", "mode": "", "context": "", "cameo": "100"},
            {"100"},
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_event_pattern_is_listed_once(lang: str) -> None:
    patterns = [p.tokens for p in load_pack(lang).events]
    repeated = {p for p in patterns if patterns.count(p) > 1}
    assert not repeated, repeated
