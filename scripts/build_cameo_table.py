"""Build packs/shared/cameo.tsv from the CAMEO→PLOVER table and GDELT's Goldstein lookup.

usage: python scripts/build_cameo_table.py CAMEO_TO_PLOVER.tsv CAMEO_GOLDSTEIN.tsv OUT.tsv

Sources: PLOVER's CAMEO2PLOVER-2021 table (openeventdata/PLOVER, CC BY-SA 4.0)
and GDELT's CAMEO.goldsteinscale.txt. QuadClass follows the CAMEO roots:
01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict,
14-20 material conflict.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def quad_class(code: str) -> int:
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def goldstein_for(code: str, goldstein: dict[str, str]) -> str:
    for prefix in (code, code[:3], code[:2]):
        if prefix in goldstein:
            return goldstein[prefix]
    return ""


def main(plover_path: str, goldstein_path: str, out_path: str) -> None:
    with open(goldstein_path, encoding="utf-8") as f:
        goldstein = {
            row["cameo_code"]: row["goldstein"] for row in csv.DictReader(f, delimiter="\t")
        }
    rows = []
    with open(plover_path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            code = row["cameo_code"].strip()
            if not row["plover_type"]:
                continue
            rows.append(
                [
                    code,
                    row["plover_type"],
                    row["plover_mode"],
                    row["plover_context"].replace(",", "|").replace(" ", ""),
                    goldstein_for(code, goldstein),
                    str(quad_class(code)),
                    row["cameo_label"],
                ]
            )
    header = "# Derived from PLOVER CAMEO2PLOVER-2021 (CC BY-SA 4.0, Open Event Data Alliance)\n"
    header += "# and GDELT CAMEO.goldsteinscale.txt; built by scripts/build_cameo_table.py\n"
    columns = ["cameo", "plover_type", "mode", "context", "goldstein", "quad_class", "label"]
    lines = ["\t".join(columns)] + ["\t".join(r) for r in rows]
    Path(out_path).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
