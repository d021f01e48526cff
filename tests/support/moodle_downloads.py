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
