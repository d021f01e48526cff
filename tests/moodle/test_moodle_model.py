"""The test LMS itself: does it behave like Moodle 4.5's own SCORM JavaScript (1.2, and 2004 where it differs)?

Each test is one point of design.md, "What Moodle 4.5's own SCORM JavaScript does", played
through the harness's window.API from the page, with a SCO that does nothing.
"""

from __future__ import annotations

import pytest

from tests.support.lms import ScormLMS


@pytest.fixture
def moodle(browser, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>SCO</title><p>idle</p>")
    made = []

    def open_lms(lms=None, standard=True, version="1.2"):
        lms = lms or ScormLMS(tmp_path, 80, standard=standard, version=version)
        context = browser.new_context()
        page = context.new_page()
        page.goto(lms.url)
        api = "API_1484_11" if version == "2004" else "API"
        page.wait_for_function(f"window.{api} && document.getElementById('sco').contentDocument.readyState === 'complete'")
        made.append((lms, context))
        return lms, page, context

    yield open_lms
    for lms, context in made:
        context.close()
        lms.close()


def call(page, name, *args):
    return page.evaluate("([n, a]) => String(window.API[n].apply(window.API, a))", [name, list(args)])


def error(page):
    return call(page, "LMSGetLastError")


def interaction(page, n, qid="q1", response="a"):
    for key, value in (("id", qid), ("type", "choice"), ("student_response", response), ("result", "correct")):
        assert call(page, "LMSSetValue", f"cmi.interactions.{n}.{key}", value) == "true"


def test_a_commit_sends_only_what_changed_since_the_last_one(moodle):
    lms, page, _ = moodle()
    call(page, "LMSInitialize", "")
    call(page, "LMSSetValue", "cmi.core.lesson_location", "p1")
    assert call(page, "LMSCommit", "") == "true"
    assert lms.commits[-1] == {"cmi.core.lesson_location": "p1"}
    call(page, "LMSSetValue", "cmi.core.lesson_location", "p1")  # the same value again
    call(page, "LMSSetValue", "cmi.suspend_data", "x")
    assert call(page, "LMSCommit", "") == "true"
    assert lms.commits[-1] == {"cmi.suspend_data": "x"}


def test_a_503_answers_false_101_and_what_it_carried_is_never_sent_again(moodle):
    lms, page, _ = moodle()
    call(page, "LMSInitialize", "")
    lms.fail_next = 1
    interaction(page, 0)
    call(page, "LMSSetValue", "cmi.core.lesson_location", "p1")
    assert call(page, "LMSCommit", "") == "false"
    assert error(page) == "101"
    assert lms.failed == 1 and lms.tracks == {}
    interaction(page, 0)  # setting the same values again does not help
    call(page, "LMSSetValue", "cmi.core.lesson_location", "p1")
    assert call(page, "LMSCommit", "") == "true"
    assert error(page) == "0"
    assert lms.tracks == {}  # Moodle marked them sent while building the failed request
    interaction(page, 1, "q2", "b")  # a new index is sent; a changed value is sent
    call(page, "LMSSetValue", "cmi.core.lesson_location", "p2")
    assert call(page, "LMSCommit", "") == "true"
    assert lms.indices() == [1]
    assert lms.tracks["cmi.core.lesson_location"] == "p2"


def test_offline_a_commit_says_true_and_its_values_are_gone(moodle):
    lms, page, context = moodle()
    call(page, "LMSInitialize", "")
    context.set_offline(True)
    interaction(page, 0)
    assert call(page, "LMSCommit", "") == "true"  # the XHR threw: sendBeacon, reported as success
    assert error(page) == "0"
    assert page.evaluate("window.lmsLog.beacons") == 1
    context.set_offline(False)
    assert call(page, "LMSCommit", "") == "true"
    assert lms.indices() == []  # never arrived, never sent again


def test_leaving_sends_a_beacon_and_mastery_score_overrides_status(moodle):
    lms, page, _ = moodle()
    call(page, "LMSInitialize", "")
    call(page, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
    call(page, "LMSSetValue", "cmi.core.score.raw", "85")
    call(page, "LMSCommit", "")
    # The SCO calls LMSFinish from its pagehide, as ours does when Moodle's "Exit activity" unloads it.
    page.evaluate("""document.getElementById('sco').contentWindow.addEventListener('pagehide',
                     () => window.API.LMSFinish(''))""")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.lmsLog.calls.some(c => c[0] === 'LMSFinish')")
    assert page.evaluate("window.lmsLog.beacons") == 1
    for _ in range(100):
        if lms.finishes:
            break
        page.wait_for_timeout(50)
    assert lms.tracks["cmi.core.lesson_status"] == "passed"  # 85 >= mastery score 80


def test_next_launch_counts_the_stored_interactions_and_resumes_after_suspend(moodle):
    lms, page, context = moodle()
    call(page, "LMSInitialize", "")
    interaction(page, 0)
    interaction(page, 1, "q2")
    call(page, "LMSSetValue", "cmi.core.exit", "suspend")
    call(page, "LMSCommit", "")
    context.close()
    _, again, _ = moodle(lms)
    call(again, "LMSInitialize", "")
    assert call(again, "LMSGetValue", "cmi.interactions._count") == "2"
    assert call(again, "LMSGetValue", "cmi.core.entry") == "resume"
    interaction(again, 1, "q2")  # what Moodle holds counts as collected: not sent again
    assert call(again, "LMSCommit", "") == "true"
    assert lms.commits[-1] == {}


@pytest.mark.parametrize("standard", [True, False], ids=["scormstandard-on", "scormstandard-off"])
def test_standards_mode_refuses_what_moodle_refuses_only_when_on(moodle, standard):
    lms, page, _ = moodle(standard=standard)
    call(page, "LMSInitialize", "")
    ok = call(page, "LMSSetValue", "cmi.interactions.0.id", "has space")
    if standard:
        assert ok == "false" and error(page) == "405"
        assert page.evaluate("window.lmsLog.refused") == [["cmi.interactions.0.id", "has space"]]
    else:
        assert page.evaluate("window.lmsLog.refused") == []


def call2004(page, name, *args):
    return page.evaluate("([n, a]) => String(window.API_1484_11[n].apply(window.API_1484_11, a))", [name, list(args)])


def test_moodle_2004_sends_every_value_that_differs_from_the_launch_at_every_commit(moodle):
    """scorm_13.js's CollectData compares with the data-model default and records nothing:
    after a 503, the next commit carries what the failed one carried, even unchanged."""
    lms, page, _ = moodle(version="2004")
    call2004(page, "Initialize", "")
    lms.fail_next = 1
    for key, value in (("id", "urn:qser:u:q1"), ("type", "choice"), ("learner_response", "a_b"), ("result", "correct")):
        assert call2004(page, "SetValue", f"cmi.interactions.0.{key}", value) == "true"
    call2004(page, "SetValue", "cmi.location", "p1")
    assert call2004(page, "Commit", "") == "false"
    assert call2004(page, "GetLastError") == "101"
    assert lms.tracks == {}
    assert call2004(page, "Commit", "") == "true"  # nothing set since: all of it again
    assert lms.commits[-1] == {"cmi.interactions.0.id": "urn:qser:u:q1", "cmi.interactions.0.type": "choice",
                               "cmi.interactions.0.learner_response": "a_b", "cmi.interactions.0.result": "correct",
                               "cmi.location": "p1"}  # launch values (completion "unknown") are not sent


def test_moodle_2004_refuses_option_ids_with_hyphens_and_times_without_a_fraction(moodle):
    lms, page, _ = moodle(version="2004")
    call2004(page, "Initialize", "")
    call2004(page, "SetValue", "cmi.interactions.0.id", "urn:qser:u:q1")
    call2004(page, "SetValue", "cmi.interactions.0.type", "choice")
    assert call2004(page, "SetValue", "cmi.interactions.0.learner_response", "impact-model") == "false"
    assert call2004(page, "GetLastError") == "406"
    assert call2004(page, "SetValue", "cmi.interactions.0.learner_response", "impact_model") == "true"
    assert call2004(page, "SetValue", "cmi.interactions.0.timestamp", "2026-12-05T09:30:00+01:00") == "false"
    assert call2004(page, "SetValue", "cmi.interactions.0.timestamp", "2026-12-05T09:30:00.0+01:00") == "true"
    assert page.evaluate("window.lmsLog.refused") == [["cmi.interactions.0.learner_response", "impact-model"],
                                                      ["cmi.interactions.0.timestamp", "2026-12-05T09:30:00+01:00"]]
