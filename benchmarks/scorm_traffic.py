"""Benchmark section `scorm`: what one learner's run-through costs the LMS, SCORM 1.2 and 2004."""

from __future__ import annotations

import tempfile

from benchmarks.common import SEED, UNITS, _unpacked, row
from builder.load.loader import load_unit


def bench_scorm() -> None:
    """SCORM API calls and HTTP requests of one full run-through (all answers right), counted at
    the LMS side (Moodle's own request behaviour, tests/harness/moodle-request.js), for SCORM 1.2
    and 2004; then the same with the two commits after answers 1 and 2 answered 503, to see what
    recovery costs."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.support.learner import Learner
    from tests.support.lms import ScormLMS


    unit = load_unit(UNITS / SEED)
    kc = next(p for p in unit.pages if p.id == "knowledge-check")
    moments = len(unit.pages) + 1 + len(unit.questions)  # every page, the result page, every answer
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for version, target, calls in (("1.2", "scorm12", ("LMSSetValue", "LMSGetValue", "LMSCommit")),
                                        ("2004", "scorm2004", ("SetValue", "GetValue", "Commit"))):
            folder = _unpacked(tmp, UNITS, SEED, "en", target)
            runs = {}
            for faults in (0, 2):
                lms = ScormLMS(folder, unit.mastery_score, version=version)
                page = browser.new_page()
                page.goto(lms.url)
                learner = Learner(page.frame_locator("#sco"), unit, "en")
                learner.wait_ready()

                def on_page(page_id, lms=lms, faults=faults):
                    if page_id == kc.id:
                        lms.fail_next = faults
                learner.run_through(right=True, on_page=on_page)
                page.evaluate("document.getElementById('sco').src = 'about:blank'")
                page.wait_for_function("window.lmsLog.calls.some(c => c[0] === 'LMSFinish' || c[0] === 'Terminate')")
                log = page.evaluate("window.lmsLog")
                page.wait_for_timeout(300)
                runs[faults] = (log, sum(len(c) for c in lms.commits), len(lms.interactions()))
                page.close()
                lms.close()
            name = f"SCORM {version} run-through"
            log, values, interactions = runs[0]
            row(f"{name}: page changes + answers", str(moments))
            row(f"{name}: {calls[0]} / {calls[1]} / {calls[2]} calls",
                f"{log['setValues']} / {log['getValues']} / {log['commits']}")
            row(f"{name}: HTTP requests (of them beacons)", f"{log['requests']} ({log['beacons']})")
            row(f"{name}: values sent in all requests", str(values))
            row(f"{name}: interactions Moodle holds", str(interactions))
            log, values, interactions = runs[2]
            row(f"  same, 2 store requests answered 503: {calls[2]} calls / requests",
                f"{log['commits']} / {log['requests']}")
            row("  same, 2 store requests answered 503: interactions Moodle holds", str(interactions))
        browser.close()
