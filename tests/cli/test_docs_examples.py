"""Every `qser ...` line in README.md, docs/ and the starter project's README runs as written.

Each line is run in a shell, in a project holding the seed unit (or, for the starter's README,
in a project made by `qser init`), with QSER_LRS_* pointing at a real Ralph and the Moodle
downloads a line names copied from the real fixtures. Paths under /tmp/ are moved into the
test's own temporary folder. A line's exit code must be 0 and nothing may print a traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from tincan.http_request import HTTPRequest

from builder import TOOL_ROOT
from builder.load.loader import load_unit
from tests.support.lrs import VENV, RalphLRS
from tests.support.moodle_downloads import PLAYED_UNITS
from tests.support.statements import synthetic

DOCS = [TOOL_ROOT / "README.md", *sorted((TOOL_ROOT / "docs").glob("*.md")),
        TOOL_ROOT / "templates" / "starter" / "README.md"]
MOODLE = TOOL_ROOT.parent / "shared" / "fixtures" / "moodle-4.5-scorm12"
# The Moodle download each file name in the docs stands for.
DOWNLOADS = {".xlsx": "becoming-a-mentor-en-interactions.xlsx", ".ods": "becoming-a-mentor-de-interactions.ods",
             ".txt": "becoming-a-mentor-en-interactions.txt"}


def examples() -> list[tuple[str, str]]:
    """(where, command) for each line of a sh/bash block that starts with `qser `."""
    found = []
    for doc in DOCS:
        block = False
        for number, line in enumerate(doc.read_text("utf-8").splitlines(), 1):
            if line.startswith("```"):
                block = not block and line[3:].strip() in ("sh", "bash", "console", "shell")
                continue
            if block and line.startswith("qser "):
                found.append((f"{doc.relative_to(TOOL_ROOT)}:{number}", line))
    return found


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):
    if not (VENV / "bin" / "python").exists():
        pytest.fail(f"Ralph not installed at {VENV}: run scripts/setup-tests")
    lrs = RalphLRS(tmp_path_factory.mktemp("ralph"), []).start()
    statements = synthetic(load_unit(TOOL_ROOT / "units" / "becoming-a-mentor"), learners=3, per_learner=12)
    sent = lrs.remote()._send_request(HTTPRequest(method="POST", resource="statements", content=json.dumps(statements),
                                                  headers={"Content-Type": "application/json"}))
    assert sent.success, sent.data
    yield lrs
    lrs.stop()


def prepare(command: str, where: str, tmp: Path) -> tuple[str, Path]:
    """The command as it runs here, and the folder it runs in."""
    if where.startswith("templates/starter"):
        project = tmp / "starter"
        if not project.exists():
            subprocess.run([sys.executable, "-m", "builder", "init", str(project)], check=True, capture_output=True)
    elif "--moodle" in command:  # run where the units are at the version Moodle played, as the docs say
        project = tmp / "played"
        if not project.exists():
            shutil.copytree(PLAYED_UNITS, project / "units")
    else:
        project = tmp / "project"
        if not project.exists():
            shutil.copytree(TOOL_ROOT / "units", project / "units")
    command = command.replace("/tmp/", f"{tmp}/tmp/").replace("<uuid>", str(uuid.UUID(int=1, version=4)))  # learner 0's
    for name in re.findall(r'--moodle ("[^"]+"|\S+)', command):
        name = name.strip('"')
        source = MOODLE / DOWNLOADS[Path(name).suffix]
        if not source.exists():
            pytest.skip(f"no Moodle fixtures at {MOODLE}")
        shutil.copy(source, project / name)
    return command, project


@pytest.mark.parametrize("where, command", examples(), ids=[w for w, _ in examples()])
def test_the_example_runs_as_written(where, command, tmp_path_factory, ralph):
    tmp = tmp_path_factory.getbasetemp() / "examples"
    (tmp / "tmp").mkdir(parents=True, exist_ok=True)
    command, cwd = prepare(command, where, tmp)
    if " validate " in f" {command} " and not list((cwd / "dist").glob("*.zip")):
        subprocess.run([sys.executable, "-m", "builder", "build"], cwd=cwd, check=True, capture_output=True)
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "QSER_LRS_ENDPOINT": ralph.endpoint,
           "QSER_LRS_USER": ralph.user, "QSER_LRS_PASSWORD": ralph.password}
    assert shutil.which("qser", path=env["PATH"]), "qser is not installed next to this Python: run scripts/setup"
    if command.startswith("qser preview"):
        process = subprocess.Popen(["bash", "-c", f"exec {command} --port 0"], cwd=cwd, env=env, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
        assert first.startswith("previewing "), first + process.stderr.read()
        return
    # a line that makes PDFs takes seconds of CPU, on a loaded machine minutes
    run = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"{where}: {command}\n{run.stdout}\n{run.stderr}"
    assert "Traceback" not in run.stdout + run.stderr
