"""The real downloads from a Moodle 4.5.6 (shared fixtures) and `qser report` run on them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from builder import TOOL_ROOT
from builder.cli import main

FIXTURES = TOOL_ROOT.parent / "shared" / "fixtures" / "moodle-4.5-scorm12"
NEEDS_FIXTURES = pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"Moodle fixtures not found at {FIXTURES}: they "
                                    "live in the shared folder beside the tool's checkout")


def run(*args):
    return CliRunner().invoke(main, ["--project", str(TOOL_ROOT), "report", *args])
