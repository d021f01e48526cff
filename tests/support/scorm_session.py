"""A learner in a SCORM 1.2 package framed by the test LMS (tests/support/lms.py: scorm-again with
Moodle's rules), and what the LMS should record: shared by the SCORM test modules."""

from __future__ import annotations

import pytest

from builder.questiontypes.notation import notate, notation
from tests.support.learner import Learner, right_response, wrong_response
from tests.support.lms import ScormLMS

IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


def marked_cut(text: str, limit: int = 255) -> str:
    """The documented rule: the longest start that fits together with "…[+N]" (N characters cut)."""
    if len(text) <= limit:
        return text
    keep = max(k for k in range(limit) if len(text[:k] + f"…[+{len(text) - k}]") <= limit)
    return text[:keep] + f"…[+{len(text) - keep}]"


def as_parts(q, r) -> list:
    """A runtime response as notation parts (docs/question-types.md)."""
    if q.type == "matching":
        return [[s.id, r[s.id]] for s in q.choices]
    if q.type in ("single-choice", "multiple-choice"):
        return [c.id for c in q.choices if c.id in r]
    if q.type in ("sequencing",):
        return list(r)
    return [r]


def expected_interactions(unit, lang, right=True) -> list[dict]:
    rows = []
    for q in unit.questions.values():
        r = right_response(q, lang) if right else wrong_response(q, lang)
        n = notation(q, "scorm12", lang)
        row = {"id": q.id, "type": n["type"], "student_response": marked_cut(notate(n, as_parts(q, r))),
               "result": ("correct" if right else "wrong") if q.scored else "neutral"}
        if q.scored:
            row["correct_responses.0.pattern"] = n["pattern"]
        rows.append(row)
    return rows


def recorded(lms) -> list[dict]:
    keys = ("id", "type", "student_response", "result", "correct_responses.0.pattern")
    return [{k: i[k] for k in keys if k in i} for i in lms.interactions()]


def until(condition, page, seconds: float = 10) -> None:
    """Wait for something the LMS backend (not the page) will see."""
    for _ in range(int(seconds * 20)):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("the LMS never saw it")


class Session:
    """One launch of the SCO in the test LMS, in a fresh browser page (of `context`: the same
    browser profile, where the learner comes back on the same device)."""

    def __init__(self, browser, lms, unit, lang, context=None):
        self.own_context = context is None
        self.context = context or browser.new_context(viewport={"width": 1024, "height": 800})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.lms = lms
        self.page.goto(lms.url)
        self.frame = self.page.frame_locator("#sco")
        self.learner = Learner(self.frame, unit, lang)
        self.learner.wait_ready()

    def log(self) -> dict:
        return self.page.evaluate("window.lmsLog")

    def leave(self) -> None:
        """Like Moodle's "Exit activity": the SCO's page goes away; nobody calls LMSFinish for it."""
        finishes = self.lms.finishes
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function("window.lmsLog.calls.some(c => c[0] === 'LMSFinish' || c[0] === 'Terminate')")
        until(lambda: self.lms.finishes > finishes, self.page)  # the finishing commit travels in the background
        log = self.log()
        if self.own_context:
            self.context.close()
        else:
            self.page.close()
        return log


@pytest.fixture(params=[True, False], ids=["scormstandard-on", "scormstandard-off"])
def lms_for(request, unpacked, seed_unit):
    """A test LMS per call; every test runs with Moodle's standards mode on and off."""
    made = []

    def make(lang, package=None, unit=None):
        unit = unit or seed_unit
        lms = ScormLMS(package or unpacked[(lang, "scorm12")], unit.mastery_score if unit.scored_questions else None,
                       standard=request.param)
        made.append(lms)
        return lms

    yield make
    for lms in made:
        lms.close()
