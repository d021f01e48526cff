"""The `pdf` section: how long the printed handouts take to build, and how big they are."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import SEED, UNITS, row
from builder import TOOL_ROOT
from builder.load.loader import load_unit
from builder.render.paper import paper_html


def bench_pdf() -> None:
    """`qser build --target pdf` of the seed unit (2 languages x handout and trainer's edition),
    median of 3 in fresh processes; one document's share of HTML and of WeasyPrint; sizes and pages."""
    from pypdf import PdfReader

    from builder.targets.pdf import render_pdf

    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(3):
            before, start = os.times(), time.perf_counter()
            subprocess.run([sys.executable, "-m", "builder", "build", SEED, "--target", "pdf", "--out", out],
                           cwd=TOOL_ROOT, check=True, stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
            after = os.times()
            cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
        row("build seed unit, pdf target (4 documents): wall s", f"{statistics.median(walls):.2f}")
        row("build seed unit, pdf target (4 documents): CPU s", f"{statistics.median(cpus):.2f}")
        for path in sorted(Path(out).glob("*.pdf")):
            pages = len(PdfReader(path).pages)
            row(f"{path.name}: KiB / pages", f"{path.stat().st_size / 1024:.1f} / {pages}")

    unit = load_unit(UNITS / SEED)
    html, whole, cpu = [], [], []
    for _ in range(3):
        start = time.perf_counter()
        paper_html(unit, "de", "trainer")
        html.append(time.perf_counter() - start)
        start, started = time.perf_counter(), time.process_time()
        render_pdf(unit, "de", "trainer")
        whole.append(time.perf_counter() - start)
        cpu.append(time.process_time() - started)
    row("de trainer's edition in-process: HTML / whole PDF, wall ms",
        f"{1000 * statistics.median(html):.0f} / {1000 * statistics.median(whole):.0f}")
    row("de trainer's edition in-process: whole PDF, CPU ms", f"{1000 * statistics.median(cpu):.0f}")
    row("load average while measuring (1 min)", f"{os.getloadavg()[0]:.1f}")
