"""The test LMS itself: does it behave like Moodle 4.5.6's own SCORM players (1.2, and 2004 where it differs)?

Each test is one behaviour read in Moodle's code (mod/scorm/datamodels/scorm_12.js, scorm_13.js,
scorm_12lib.php, scorm_13lib.php, lib.php scorm_check_mode, request.js; see docs/moodle.md),
played through the harness's API from the page, with a SCO that does nothing.
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
        api = "API_1484_11" if lms.version == "2004" else "API"
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


def test_a_number_in_another_spelling_is_the_same_value(moodle):
    """SetValue keeps a value with a range as a number (value * 1.0): after a failed commit,
    "1.0" is not sent for the weighting "1" it carried, nor "80.0" for the score 80; a string
    element in another spelling is."""
    lms, page, _ = moodle()
    call(page, "LMSInitialize", "")
    lms.fail_next = 1
    call(page, "LMSSetValue", "cmi.interactions.0.id", "q1")
    call(page, "LMSSetValue", "cmi.interactions.0.weighting", "1")
    call(page, "LMSSetValue", "cmi.interactions.0.time", "10:00:00")
    call(page, "LMSSetValue", "cmi.core.score.raw", "80")
    assert call(page, "LMSCommit", "") == "false"
    call(page, "LMSSetValue", "cmi.interactions.0.weighting", "1.0")
    call(page, "LMSSetValue", "cmi.interactions.0.time", "10:00:00.0")
    call(page, "LMSSetValue", "cmi.core.score.raw", "80.0")
    assert call(page, "LMSCommit", "") == "true"
    assert lms.commits[-1] == {"cmi.interactions.0.time": "10:00:00.0"}
    call(page, "LMSSetValue", "cmi.interactions.0.weighting", "0")  # another number is another value
    assert call(page, "LMSCommit", "") == "true"
    assert lms.commits[-1] == {"cmi.interactions.0.weighting": "0"}


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


def test_session_time_is_never_sent_and_finish_adds_it_to_total_time(moodle):
    lms, page, context = moodle()
    call(page, "LMSInitialize", "")
    call(page, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
    call(page, "LMSSetValue", "cmi.core.session_time", "0000:01:30.50")
    call(page, "LMSSetValue", "cmi.core.exit", "suspend")
    call(page, "LMSCommit", "")
    assert "cmi.core.session_time" not in lms.commits[-1]
    call(page, "LMSFinish", "")
    assert lms.tracks["cmi.core.total_time"] == "00:01:30.50"
    context.close()
    _, again, _ = moodle(lms)
    call(again, "LMSInitialize", "")
    call(again, "LMSSetValue", "cmi.core.session_time", "00:00:45")
    call(again, "LMSFinish", "")
    assert lms.tracks["cmi.core.total_time"] == "00:02:15.50"  # SCORM 1.2: kept across launches


def test_next_launch_counts_the_stored_interactions_and_resumes_after_suspend(moodle):
    lms, page, context = moodle()
    call(page, "LMSInitialize", "")
    call(page, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
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
    call(again, "LMSSetValue", "cmi.core.exit", "suspend")  # nor the exit Moodle handed back
    assert call(again, "LMSCommit", "") == "true"
    assert lms.commits[-1] == {}


def test_without_a_stored_status_the_next_launch_is_ab_initio_and_without_suspend_entry_is_empty(moodle):
    lms, page, context = moodle()
    call(page, "LMSInitialize", "")
    call(page, "LMSSetValue", "cmi.core.lesson_location", "p2")
    call(page, "LMSSetValue", "cmi.core.exit", "suspend")
    call(page, "LMSCommit", "")
    context.close()
    _, again, context = moodle(lms)
    call(again, "LMSInitialize", "")
    assert call(again, "LMSGetValue", "cmi.core.entry") == "ab-initio"  # no lesson_status yet
    assert call(again, "LMSGetValue", "cmi.core.lesson_location") == "p2"  # 1.2: handed back anyway
    call(again, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
    call(again, "LMSSetValue", "cmi.core.exit", "")
    call(again, "LMSFinish", "")
    context.close()
    _, third, _ = moodle(lms)
    call(third, "LMSInitialize", "")
    assert call(third, "LMSGetValue", "cmi.core.entry") == ""
    assert call(third, "LMSGetValue", "cmi.core.lesson_location") == "p2"


def test_a_complete_attempt_opens_again_in_review_mode_and_still_stores_what_the_sco_writes(moodle):
    """scorm_check_mode: passed, failed or completed is complete; without "Start a new attempt"
    the same attempt opens in review mode, no-credit, with every value handed back (1.2)."""
    lms, page, context = moodle()
    call(page, "LMSInitialize", "")
    call(page, "LMSSetValue", "cmi.core.score.raw", "90")
    call(page, "LMSSetValue", "cmi.core.lesson_status", "passed")
    call(page, "LMSFinish", "")
    context.close()
    _, again, context = moodle(lms)
    call(again, "LMSInitialize", "")
    assert call(again, "LMSGetValue", "cmi.core.lesson_mode") == "review"
    assert call(again, "LMSGetValue", "cmi.core.credit") == "no-credit"
    assert call(again, "LMSGetValue", "cmi.core.lesson_status") == "passed"
    assert call(again, "LMSGetValue", "cmi.core.score.raw") == "90"
    call(again, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
    call(again, "LMSFinish", "")  # no mastery override in review mode
    assert (lms.attempt, lms.tracks["cmi.core.lesson_status"]) == (1, "incomplete")


def test_start_a_new_attempt_gives_an_empty_ab_initio_attempt_only_after_a_complete_one(moodle):
    lms, page, context = moodle()
    call(page, "LMSInitialize", "")
    call(page, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
    call(page, "LMSSetValue", "cmi.suspend_data", "first")
    call(page, "LMSFinish", "")
    context.close()
    lms.start_new_attempt()  # Moodle offers it only for a complete attempt: ignored
    _, again, context = moodle(lms)
    call(again, "LMSInitialize", "")
    assert lms.attempt == 1 and call(again, "LMSGetValue", "cmi.suspend_data") == "first"
    call(again, "LMSSetValue", "cmi.core.lesson_status", "failed")
    call(again, "LMSFinish", "")
    context.close()
    lms.start_new_attempt()
    _, third, _ = moodle(lms)
    call(third, "LMSInitialize", "")
    assert lms.attempt == 2
    assert [call(third, "LMSGetValue", e) for e in ("cmi.core.entry", "cmi.core.lesson_status", "cmi.suspend_data",
                                                    "cmi.interactions._count", "cmi.core.lesson_mode")] == \
        ["ab-initio", "not attempted", "", "0", "normal"]
    call(third, "LMSSetValue", "cmi.suspend_data", "second")
    call(third, "LMSCommit", "")
    assert lms.attempts[1]["cmi.suspend_data"] == "first" and lms.attempts[2] == {"cmi.suspend_data": "second"}


@pytest.mark.parametrize("standard", [True, False], ids=["scormstandard-on", "scormstandard-off"])
def test_standards_mode_changes_only_the_lengths(moodle, standard):
    """scorm_12.js checks formats and ranges whatever the setting; `scormstandard` sets
    CMIString256/4096 to 255/4096 characters (64000 when off: Moodle's rules then let 300
    characters through, scorm-again's own 255 underneath still refuses them)."""
    lms, page, _ = moodle(standard=standard)
    call(page, "LMSInitialize", "")
    assert call(page, "LMSSetValue", "cmi.interactions.0.id", "has space") == "false" and error(page) == "405"
    assert call(page, "LMSSetValue", "cmi.interactions.0.weighting", "101") == "false"
    ok = call(page, "LMSSetValue", "cmi.core.lesson_location", "p" * 300)
    refused = page.evaluate("window.lmsLog.refused")
    if standard:
        assert ok == "false" and error(page) == "405"
        assert [r[0] for r in refused] == ["cmi.interactions.0.id", "cmi.interactions.0.weighting",
                                           "cmi.core.lesson_location"]
    else:
        assert [r[0] for r in refused] == ["cmi.interactions.0.id", "cmi.interactions.0.weighting"]


# ---- SCORM 2004 (scorm_13.js, scorm_13lib.php): where it differs ----

def call2004(page, name, *args):
    return page.evaluate("([n, a]) => String(window.API_1484_11[n].apply(window.API_1484_11, a))", [name, list(args)])


def get2004(page, element):
    return call2004(page, "GetValue", element)


def interaction2004(page, n, qid="q1"):
    for key, value in (("id", f"urn:qser:u:{qid}"), ("type", "choice"), ("learner_response", "a_b"),
                       ("result", "correct")):
        assert call2004(page, "SetValue", f"cmi.interactions.{n}.{key}", value) == "true"


def test_moodle_2004_sends_every_value_that_differs_from_the_launch_at_every_commit(moodle):
    """scorm_13.js's CollectData compares with the data-model default and records nothing:
    after a 503, the next commit carries what the failed one carried, even unchanged."""
    lms, page, _ = moodle(version="2004")
    call2004(page, "Initialize", "")
    lms.fail_next = 1
    interaction2004(page, 0)
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
    assert page.evaluate("window.lmsLog.refused") == [["cmi.interactions.0.learner_response", "impact-model", "406"],
                                                      ["cmi.interactions.0.timestamp", "2026-12-05T09:30:00+01:00", "406"]]


def test_moodle_2004_wants_an_interaction_id_first_and_its_type_before_the_response(moodle):
    lms, page, _ = moodle(version="2004")
    call2004(page, "Initialize", "")
    assert call2004(page, "SetValue", "cmi.interactions.0.type", "choice") == "false"
    assert call2004(page, "GetLastError") == "408"  # index 0 does not exist before its id
    assert call2004(page, "SetValue", "cmi.interactions.1.id", "urn:qser:u:q1") == "false"
    assert call2004(page, "GetLastError") == "351"  # beyond _count
    assert call2004(page, "SetValue", "cmi.interactions.0.id", "urn:qser:u:q1") == "true"
    assert call2004(page, "SetValue", "cmi.interactions.0.learner_response", "a") == "false"
    assert call2004(page, "GetLastError") == "408"  # type first
    assert call2004(page, "SetValue", "cmi.interactions.0.type", "choice") == "true"
    assert call2004(page, "SetValue", "cmi.interactions.0.learner_response", "a") == "true"


def finish_2004(page, exit_value, completion="completed"):
    """A finished attempt: completed and passed with 100, at the result page, then Terminate (the
    scaled score too: scorm-again, unlike Moodle, works success_status out from it)."""
    call2004(page, "Initialize", "")
    interaction2004(page, 0)
    for element, value in (("cmi.completion_status", completion), ("cmi.success_status", "passed"),
                           ("cmi.score.raw", "100"), ("cmi.score.scaled", "1"), ("cmi.location", "result"), ("cmi.suspend_data", "[2]"),
                           ("cmi.session_time", "PT1M30S"), ("cmi.exit", exit_value)):
        assert call2004(page, "SetValue", element, value) == "true"
    assert call2004(page, "Terminate", "") == "true"


@pytest.mark.parametrize("exit_value", ["normal", "logout", ""])
def test_moodle_2004_hands_nothing_back_without_suspend_in_the_same_attempt(moodle, exit_value):
    """get_scorm_default: earlier values only after exit "suspend" (logout too gives ab-initio:
    the resume branch is never reached); the completed attempt opens in review mode, and what
    the SCO then writes lands on it, total_time starting again from zero."""
    lms, page, context = moodle(version="2004")
    finish_2004(page, exit_value)
    assert lms.tracks["cmi.total_time"] == "PT1M30S"
    context.close()
    _, again, _ = moodle(lms)
    call2004(again, "Initialize", "")
    assert [get2004(again, e) for e in ("cmi.entry", "cmi.mode", "cmi.credit", "cmi.completion_status",
                                        "cmi.success_status", "cmi.score.raw", "cmi.location", "cmi.suspend_data",
                                        "cmi.interactions._count")] == \
        ["ab-initio", "review", "no-credit", "unknown", "unknown", "", "", "", "0"]
    call2004(again, "SetValue", "cmi.completion_status", "incomplete")
    call2004(again, "SetValue", "cmi.session_time", "PT10S")
    call2004(again, "Terminate", "")
    assert lms.attempt == 1  # the same attempt: its status set back, its time restarted
    assert (lms.tracks["cmi.completion_status"], lms.tracks["cmi.total_time"]) == ("incomplete", "PT10S")
    assert lms.tracks["cmi.success_status"] == "passed"  # what the SCO did not write stays


def test_moodle_2004_hands_everything_back_after_suspend(moodle):
    lms, page, context = moodle(version="2004")
    finish_2004(page, "suspend")
    context.close()
    _, again, _ = moodle(lms)
    call2004(again, "Initialize", "")
    assert [get2004(again, e) for e in ("cmi.entry", "cmi.mode", "cmi.completion_status", "cmi.success_status",
                                        "cmi.score.raw", "cmi.location", "cmi.suspend_data",
                                        "cmi.interactions._count")] == \
        ["resume", "review", "completed", "passed", "100", "result", "[2]", "1"]
    call2004(again, "SetValue", "cmi.session_time", "PT10S")
    call2004(again, "SetValue", "cmi.exit", "suspend")
    call2004(again, "Terminate", "")
    assert lms.tracks["cmi.total_time"] == "PT1M40S"  # kept across launches
    assert "cmi.exit" not in lms.commits[-1]  # the exit Moodle handed back counts as unchanged


def test_moodle_2004_opens_an_attempt_completed_only_by_success_in_normal_mode(moodle):
    """scorm_check_mode reads only completion_status in 2004: passed but incomplete is not complete."""
    lms, page, context = moodle(version="2004")
    finish_2004(page, "normal", completion="incomplete")
    context.close()
    _, again, _ = moodle(lms)
    call2004(again, "Initialize", "")
    assert (get2004(again, "cmi.mode"), get2004(again, "cmi.entry")) == ("normal", "ab-initio")
