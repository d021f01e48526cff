"""Benchmarks: build time, package weight, LMS traffic. Prints a table; not part of the tests.

    python3 -m benchmarks.run            # everything
    python3 -m benchmarks.run build      # one section: build | weight | scorm
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from builder import ASSETS, TOOL_ROOT
from builder.build import build
from builder.loader import load_unit

SEED = "becoming-a-mentor"
UNITS = TOOL_ROOT / "units"


def row(name: str, value: str) -> None:
    print(f"| {name:<58} | {value:>22} |")


def bench_build() -> None:
    """Wall and CPU seconds of `qser build` (interpreter start included), median of 5."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(5):
            before = os.times()
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "builder", "build", "--out", out], cwd=TOOL_ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
            after = os.times()
            cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    row("build seed unit, all languages and targets: wall s", f"{statistics.median(walls):.2f}")
    row("build seed unit, all languages and targets: CPU s", f"{statistics.median(cpus):.2f}")


def bench_weight() -> None:
    with tempfile.TemporaryDirectory() as out:
        for b in build(UNITS, Path(out), [SEED]):
            with zipfile.ZipFile(b.path) as zf:
                media = sum(i.compress_size for i in zf.infolist() if i.filename.startswith("media/"))
            row(f"zip {b.path.name}", f"{b.size / 1024:.1f} KiB ({media / 1024:.1f} media)")
    runtime = [ASSETS / "runtime" / "player.js", ASSETS / "css" / "player.css"]
    for adapter in sorted((ASSETS / "runtime").glob("tracker-*.js")):
        files = runtime + [adapter]
        raw = sum(f.stat().st_size for f in files)
        gz = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
        row(f"runtime JS+CSS with {adapter.name}", f"{raw / 1024:.1f} KiB ({gz / 1024:.1f} gz)")


def bench_scorm() -> None:
    """SCORM API calls of one full run-through (all answers right), counted at the LMS side."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.learner import Learner
    from tests.support.lms import ScormLMS

    unit = load_unit(UNITS / SEED)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        built = build(UNITS, Path(tmp) / "dist", [SEED], ["en"], ["scorm12"])
        folder = Path(tmp) / "sco"
        with zipfile.ZipFile(built[0].path) as zf:
            zf.extractall(folder)
        lms = ScormLMS(folder, unit.mastery_score)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(lms.url)
        learner = Learner(page.frame_locator("#sco"), unit, "en")
        learner.wait_ready()
        learner.run_through(right=True)
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_function("window.lmsLog.calls.some(c => c[0] === 'LMSFinish')")
        log = page.evaluate("window.lmsLog")
        page.wait_for_timeout(300)
        browser.close()
        lms.close()
    moments = len(unit.pages) + len(unit.questions)
    row("SCORM 1.2 run-through: page changes + answers", str(moments))
    row("SCORM 1.2 run-through: LMSSetValue calls", str(log["setValues"]))
    row("SCORM 1.2 run-through: LMSCommit calls", str(log["commits"]))
    row("SCORM 1.2 run-through: HTTP requests to the LMS", str(len(lms.commits)))
    row("SCORM 1.2 run-through: LMSGetValue calls", str(sum(c[0] == "LMSGetValue" for c in log["calls"])))


SECTIONS = {"build": bench_build, "weight": bench_weight, "scorm": bench_scorm}


def main(names: list[str]) -> None:
    print(f"| {'measure':<58} | {'value':>22} |")
    print(f"|{'-' * 60}|{'-' * 24}:|")
    for name in names or SECTIONS:
        SECTIONS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
