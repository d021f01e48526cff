"""The real downloads from a Moodle 4.5.6 (shared fixtures) and `qser report` run on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import TOOL_ROOT
from builder.cli import main

FIXTURES = TOOL_ROOT.parent / "shared" / "fixtures" / "moodle-4.5-scorm12"
#: The units folder of the version those downloads come from (1.0.0; see its README.md).
PLAYED_UNITS = Path(__file__).resolve().parent.parent / "fixtures" / "moodle-1.0.0"
NEEDS_FIXTURES = pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"Moodle fixtures not found at {FIXTURES}: they "
                                    "live in the shared folder beside the tool's checkout")


def run(*args):
    """`qser report ARGS`, reading the unit as Moodle played it unless ARGS name --units."""
    units = [] if "--units" in args else ["--units", str(PLAYED_UNITS)]
    return CliRunner().invoke(main, ["--project", str(TOOL_ROOT), "report", *args, *units])


def records(name: str) -> list[list[str]]:
    """The records of a real text download, cells as Moodle wrote them (escapes and all)."""
    import csv
    import io

    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')]


def tab_separated(rows: list[list[str]]) -> bytes:
    """Rows as Moodle's "Download in text format" writes them (fixtures README): UTF-8 without a
    BOM, tabs, LF after every record, PHP fputcsv quoting (a field with a space, tab, quote,
    backslash, CR or LF is enclosed in quotes, quotes inside doubled). For downloads the real
    fixtures do not hold, such as a learner's second attempt."""
    def field(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ' \t"\\\r\n') else cell

    return "".join("\t".join(field(c) for c in row) + "\n" for row in rows).encode("utf-8")
