"""Benchmarks of bundles (every language in one package) against one language's package:
zip size per target, and the SCORM 1.2 bookmark's worst case in a bundle (first paint: benchmarks/paint.py)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from builder.build import build
from builder.load.loader import load_unit

from .common import SEED, UNITS, _browser, row


def _unpack(path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(path) as zf:
        zf.extractall(folder)
    return folder


def bench_bundle() -> None:
    """Per target: the German package and the en+de bundle: zip KiB and index.html KiB (the page,
    its style and scripts in one file). Their first paint on a phone is section `paint`."""
    manager, browser = _browser()
    with tempfile.TemporaryDirectory() as tmp:
        built = build(UNITS, Path(tmp) / "dist", [SEED], targets=["html", "scorm12", "xapi"], languages="both")
        for target in ("html", "scorm12", "xapi"):
            for b in (x for x in built if x.target == target and x.lang in ("de", "en+de")):
                index = _unpack(b.path, Path(tmp) / f"{b.lang}-{target}") / "index.html"
                row(f"{target} {b.lang}: zip / index.html KiB", f"{b.size / 1024:.1f} / {index.stat().st_size / 1024:.1f}")
        bench_bundle_suspend(browser, Path(tmp))
    browser.close()
    manager.stop()


def bench_bundle_suspend(browser, tmp: Path) -> None:
    """suspend_data of the worst case (50 questions, a third 1,500-character answers) in a bundle,
    the learner switching language once: the bookmark also holds the language."""
    from tests.support.learner import Learner
    from tests.support.generate import TYPES, generate_unit
    from tests.support.lms import ScormLMS

    units = tmp / "units"
    generate_unit(units, "worst", questions=50, types=TYPES + ["free-text"] * 3)
    unit = load_unit(units / "worst")
    built = build(units, tmp / "worst-dist", ["worst"], targets=["scorm12"], languages="bundle")
    lms = ScormLMS(_unpack(built[0].path, tmp / "worst-bundle"), unit.mastery_score, language="de")
    page = browser.new_page()
    page.goto(lms.url)
    frame = page.frame_locator("#sco")
    learner = Learner(frame, unit, "de")
    learner.wait_ready()
    frame.locator(".languages button[lang=en]").click()
    learner.lang = "en"
    learner.run_through(right=True, free_text="ö" * 1500)
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_timeout(500)
    lms.close()
    page.close()
    row("suspend_data in a bundle, 50 questions, long answers: chars",
        f"{len(lms.tracks['cmi.suspend_data'])} of 4096")
