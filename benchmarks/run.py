"""Benchmarks: build time, package weight, LMS traffic. Prints a table; not part of the tests.

    python3 -m benchmarks.run            # everything
    python3 -m benchmarks.run build      # sections: build scale weight scorm paint suspend xapi cmi5 report bundle pdf
"""

from __future__ import annotations

import gzip
import re
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

from benchmarks.common import SEED, UNITS, ZIP_TARGETS, _browser, _unpacked, row
from benchmarks.languages import bench_bundle
from benchmarks.paper import bench_pdf
from benchmarks.paint import bench_paint
from benchmarks.traffic import bench_cmi5, bench_xapi
from builder import ASSETS, TOOL_ROOT
from builder.build import build
from builder.load.loader import load_unit
from builder.render.runtime import player_script, tracker_script
from builder.targets import all_targets

from .scorm_traffic import bench_scorm  # noqa: F401 (a section)

#: the targets that make a player zip; the pdf target has a section of its own
ZIP_ARGS = [arg for name in ZIP_TARGETS for arg in ("--target", name)]

def bench_build() -> None:
    """Wall and CPU seconds of `qser build` (interpreter start included), median of 5."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(5):
            before = os.times()
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "builder", "build", "--out", out, *ZIP_ARGS], cwd=TOOL_ROOT,
                           check=True, stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
            after = os.times()
            cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    row("build seed unit, all languages and zip targets: wall s", f"{statistics.median(walls):.2f}")
    row("build seed unit, all languages and zip targets: CPU s", f"{statistics.median(cpus):.2f}")


def bench_weight() -> None:
    """Zip sizes, split into runtime (the style and scripts inside index.html), content (pages, runtime
    data, manifest) and author media (media/). The runtime's share is what index.html compresses to
    with them less what it compresses to without them."""
    with tempfile.TemporaryDirectory() as out:
        for b in build(UNITS, Path(out), [SEED], targets=[*ZIP_TARGETS, "moodle"]):
            if not zipfile.is_zipfile(b.path):  # a Moodle backup (.mbz) of the scorm12 zips
                row(f"backup {b.path.name}: KiB", f"{b.size / 1024:.1f}")
                continue
            with zipfile.ZipFile(b.path) as zf:
                parts = {"runtime": 0, "content": 0, "media": 0}
                for info in zf.infolist():
                    parts["media" if info.filename.startswith("media/") else "content"] += info.compress_size
                runtime = _compressed(zf.read("index.html")) - _compressed(_without_runtime(zf.read("index.html")))
            parts["runtime"], parts["content"] = runtime, parts["content"] - runtime
            split = " / ".join(f"{parts[k] / 1024:.1f}" for k in ("runtime", "content", "media"))
            row(f"zip {b.path.name}: KiB", f"{b.size / 1024:.1f}")
            row("  of which runtime / content / media, compressed KiB", split)
    runtime = [player_script(), (ASSETS / "css" / "player.css").read_bytes()]  # as inlined into index.html
    for target in (all_targets()[name] for name in ZIP_TARGETS):
        shipped = runtime + [tracker_script(target.runtime)]
        raw = sum(len(b) for b in shipped)
        gz = sum(len(gzip.compress(b, 9)) for b in shipped)
        row(f"runtime JS+CSS with the {target.tracker} adapter: KiB raw / gzip", f"{raw / 1024:.1f} / {gz / 1024:.1f}")


def _compressed(data: bytes) -> int:
    """Bytes as the zip holds them (raw deflate, level 9)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return len(packer.compress(data) + packer.flush())


def _without_runtime(page: bytes) -> bytes:
    """index.html without its style and scripts (the runtime data, JSON, stays)."""
    return re.sub(rb"<(style|script)>.*?</\1>", b"", page, flags=re.S)


def bench_scale() -> None:
    """Generated units (10 pages, 12 questions of every type, two languages), all targets."""
    from tests.support.generate import generate_unit

    for count in (10, 100, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            units = Path(tmp) / "units"
            for i in range(count):
                generate_unit(units, f"unit-{i:04d}")
            before = os.times()
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "builder", "build", "--units", str(units), "--out", f"{tmp}/dist",
                            *ZIP_ARGS], check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            packages = len(list(Path(tmp, "dist").glob("*.zip")))
        row(f"build {count} generated units ({packages} zips): wall s / CPU s", f"{wall:.1f} / {cpu:.1f}")
        row(f"build {count} generated units: wall ms per unit", f"{1000 * wall / count:.1f}")


def bench_suspend() -> None:
    """suspend_data of the worst case: 50 questions, a third of them 1,500-character answers."""
    from tests.support.learner import Learner
    from tests.support.generate import TYPES, generate_unit
    from tests.support.lms import ScormLMS

    manager, browser = _browser()
    with tempfile.TemporaryDirectory() as tmp:
        units = Path(tmp) / "units"
        generate_unit(units, "worst", questions=50, types=TYPES + ["free-text"] * 3)
        unit = load_unit(units / "worst")
        lms = ScormLMS(_unpacked(tmp, units, "worst", "de", "scorm12"), unit.mastery_score)
        page = browser.new_page()
        page.goto(lms.url)
        learner = Learner(page.frame_locator("#sco"), unit, "de")
        learner.wait_ready()
        learner.run_through(right=True, free_text="ö" * 1500)
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_timeout(500)
        lms.close()
    browser.close()
    manager.stop()
    row("suspend_data, 50 questions with long answers: characters", f"{len(lms.tracks['cmi.suspend_data'])} of 4096")


def bench_report() -> None:
    """`qser report` over 10,000 statements of 200 learners in Ralph: median of 3, peak memory."""
    import json as _json
    import resource

    import tincan

    from tests.support.lrs import RalphLRS
    from tests.support.statements import synthetic

    unit = load_unit(UNITS / SEED)
    with tempfile.TemporaryDirectory() as tmp:
        lrs = RalphLRS(Path(tmp) / "ralph", []).start()
        statements = synthetic(unit, learners=200, per_learner=50)
        remote = lrs.remote()
        for i in range(0, len(statements), 1000):
            remote._send_request(tincan.http_request.HTTPRequest(
                method="POST", resource="statements", content=_json.dumps(statements[i:i + 1000]),
                headers={"Content-Type": "application/json"}))
        env = dict(os.environ, QSER_LRS_PASSWORD=lrs.password)
        command = [sys.executable, "-m", "builder", "report", "--endpoint", lrs.endpoint, "--user", lrs.user,
                   "--unit", SEED, "--format", "html", "--output", f"{tmp}/report.html"]
        # each run from a fresh parent, so that its peak memory is the report's alone
        probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                 "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
                 "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        runs = [subprocess.run([sys.executable, "-c", probe, *command], env=env, cwd=TOOL_ROOT, check=True,
                               capture_output=True, text=True).stdout.split() for _ in range(3)]
        walls = [float(r[0]) for r in runs]
        peak = max(int(r[1]) for r in runs) / 1024
        lrs.stop()
    row("report, 10,000 statements / 200 learners: wall s", f"{statistics.median(walls):.1f}")
    row("report, 10,000 statements / 200 learners: peak MiB", f"{peak:.0f}")


SECTIONS = {"build": bench_build, "scale": bench_scale, "weight": bench_weight, "scorm": bench_scorm,
            "paint": bench_paint, "suspend": bench_suspend, "xapi": bench_xapi, "cmi5": bench_cmi5,
            "report": bench_report, "bundle": bench_bundle, "pdf": bench_pdf}


def main(names: list[str]) -> None:
    if any(n not in SECTIONS for n in names):
        usage = (f"usage: python3 -m benchmarks.run [SECTION ...]\n"
                 f"Prints the README's benchmark table; SECTION is one of: {' '.join(SECTIONS)} (default: all).")
        helping = any(n in ("-h", "--help") for n in names)
        unknown = [n for n in names if n not in SECTIONS and n not in ("-h", "--help")]
        print(usage if helping else f"unknown section {', '.join(map(repr, unknown))}\n{usage}",
              file=sys.stdout if helping else sys.stderr)
        sys.exit(0 if helping else 2)
    print(f"| {'measure':<58} | {'value':>22} |")
    print(f"|{'-' * 60}|{'-' * 24}:|")
    for name in names or SECTIONS:
        SECTIONS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
