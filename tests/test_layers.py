"""The folders are the pipeline (docs/architecture.md): each stage imports only from the stages below it.

import-linter checks the contracts written in pyproject.toml; this runs it with the suite, so a
change that makes a stage reach upwards (or closes a circle) turns the tests red, not only a review.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from builder import PACKAGE, TOOL_ROOT

#: modules that sit beside the stages: the model every stage shares, errors and the terminal-safe
#: text they print, the last-resort guard of the command line, and the build that runs the stages
TOP_LEVEL = {"__init__.py", "__main__.py", "model.py", "errors.py", "guard.py", "printable.py", "build.py"}
STAGES = {"load", "questiontypes", "render", "targets", "report", "cli"}


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    command = [str(lint)] if lint.exists() else [shutil.which("lint-imports") or "lint-imports"]
    result = subprocess.run([*command, "--no-cache"], cwd=TOOL_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout and "3 kept" in result.stdout, result.stdout[-2000:]


def test_builder_holds_only_the_stages_and_the_modules_named_at_the_top():
    modules = {p.name for p in PACKAGE.glob("*.py")}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert modules == TOP_LEVEL, f"a module beside the stages: {sorted(modules - TOP_LEVEL)}; give it a stage"
    assert folders == STAGES
