"""The Moodle app double itself: does it behave like the Moodle app 5.0.0's SCORM 1.2 player?

Each test is one behaviour read in the app's code (src/addons/mod/scorm: classes/data-model-12.ts,
services/scorm.ts, scorm-offline.ts, scorm-sync.ts, pages/player/player.ts; docs/moodle.md, "In the
Moodle app"), played through window.API with a SCO that does nothing.
"""

from __future__ import annotations

import json

import pytest

from tests.support.moodle_app import MoodleApp


@pytest.fixture
def moodle_app(browser, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>SCO</title><p>idle</p>")
    made = []

    def start(app=None, context=None):
        app = app or MoodleApp(tmp_path, 80)
        context = context or browser.new_context()
        page = app.open(context)
        made.append((app, context))
        return app, page, context

    yield start
    for app, context in made:
        context.close()
        app.close()


def call(page, name, *args):
    return page.evaluate("([n, a]) => String(window.API[n].apply(window.API, a))", [name, list(args)])


def play(page, **options):
    launched = page.evaluate("o => app.play(o)", options)
    page.wait_for_function("document.getElementById('scorm_object').contentDocument.readyState === 'complete'")
    call(page, "LMSInitialize", "")
    return launched


def local(page) -> dict:
    """The app's database: attempt -> element -> value as stored (JSON text)."""
    return {int(n): {k: row["value"] for k, row in tracks.items()} for n, tracks in page.evaluate("app.local()").items()}


def interaction(page, n, qid="q1", weighting="1"):
    for key, value in (("id", qid), ("type", "choice"), ("student_response", "a"), ("result", "wrong"),
                       ("weighting", weighting)):
        assert call(page, "LMSSetValue", f"cmi.interactions.{n}.{key}", value) == "true"


def test_offline_a_commit_is_stored_on_the_device_and_answers_true(moodle_app):
    app, page, context = moodle_app()
    page.evaluate("app.download()")
    context.set_offline(True)
    assert play(page) == {"attempt": 1, "mode": "normal", "offline": True}  # a new attempt, made on the device
    interaction(page, 0)
    call(page, "LMSSetValue", "cmi.core.score.raw", "0")
    assert call(page, "LMSCommit", "") == "true" and call(page, "LMSGetLastError") == "0"
    stored = local(page)[1]
    assert stored["cmi.interactions_0.id"] == '"q1"' and stored["cmi.interactions_0.weighting"] == "1"
    assert stored["cmi.core.score.raw"] == "0"  # the number 0, as JSON
    assert app.attempts == {}


def test_an_online_commit_that_fails_goes_offline_for_good_and_keeps_the_same_tracks(moodle_app):
    app, page, _ = moodle_app()
    play(page)
    assert page.evaluate("window.API.offline") is False
    app.fail_next = 1
    interaction(page, 0)
    assert call(page, "LMSCommit", "") == "true"
    assert page.evaluate("window.API.offline") is True
    assert local(page)[1]["cmi.interactions_0.id"] == '"q1"'
    call(page, "LMSSetValue", "cmi.core.lesson_location", "p2")
    assert call(page, "LMSCommit", "") == "true"  # the site is back, but the model stays offline
    assert app.attempts.get(1, {}) == {} and local(page)[1]["cmi.core.lesson_location"] == '"p2"'


def test_sync_sends_each_value_or_empty_so_a_number_zero_arrives_empty(moodle_app):
    app, page, context = moodle_app()
    page.evaluate("app.download()")
    context.set_offline(True)
    play(page)
    interaction(page, 0, weighting="0")
    for element, value in (("cmi.core.score.raw", "0"), ("cmi.core.score.min", "0.0"), ("cmi.core.lesson_status", "failed"),
                           ("cmi.suspend_data", "0")):
        call(page, "LMSSetValue", element, value)
    call(page, "LMSFinish", "")
    assert page.evaluate("app.sync()") == {"synced": [], "refused": "offline"}
    context.set_offline(False)
    assert page.evaluate("app.sync()") == {"synced": [1], "refused": None}
    tracks = app.attempts[1]
    assert (tracks["cmi.core.score.raw"], tracks["cmi.core.score.min"], tracks["cmi.interactions.0.weighting"]) == ("", "", "")
    assert tracks["cmi.suspend_data"] == "0"  # a string "0" survives
    assert tracks["cmi.core.lesson_status"] == "failed" and tracks["cmi.interactions.0.id"] == "q1"
    assert local(page) == {}  # the synced attempt is gone from the device


FINISHED = [{"element": "cmi.core.lesson_status", "value": "passed"}, {"element": "cmi.suspend_data", "value": "x"},
            {"element": "cmi.interactions_0.id", "value": "q1"}]
EMPTY = ["ab-initio", "not attempted", "", "0", "normal"]


def fresh_model(page) -> list[str]:
    return [call(page, "LMSGetValue", e) for e in ("cmi.core.entry", "cmi.core.lesson_status", "cmi.suspend_data",
                                                   "cmi.interactions._count", "cmi.core.lesson_mode")]


def test_a_new_attempt_starts_ab_initio_with_nothing_in_the_model(moodle_app):
    app, page, _ = moodle_app()
    app.insert(1, FINISHED, False)
    assert play(page, newAttempt=True) == {"attempt": 2, "mode": "normal", "offline": False}
    assert fresh_model(page) == EMPTY
    # what a SCO can see of the app's model: its attempt, and methods Moodle's browser API lacks
    assert page.evaluate("[window.API.attempt, window.API.offline, typeof window.API.loadSco, "
                         "typeof window.API.setOffline]") == [2, False, "function", "function"]


def test_offline_a_new_attempt_is_made_on_the_device_and_starts_empty_too(moodle_app):
    app, page, context = moodle_app()
    app.insert(1, FINISHED, False)
    page.evaluate("app.download()")
    context.set_offline(True)
    assert play(page, newAttempt=True) == {"attempt": 2, "mode": "normal", "offline": True}
    assert fresh_model(page) == EMPTY


def test_a_finished_attempt_opens_in_review_mode_and_still_stores(moodle_app):
    app, page, _ = moodle_app()
    app.insert(1, [{"element": "cmi.core.lesson_status", "value": "passed"}, {"element": "cmi.core.score.raw", "value": "90"}],
               False)
    assert play(page) == {"attempt": 1, "mode": "review", "offline": False}
    assert [call(page, "LMSGetValue", e) for e in ("cmi.core.lesson_mode", "cmi.core.credit", "cmi.core.lesson_status",
                                                   "cmi.core.score.raw")] == ["review", "no-credit", "passed", "90"]
    call(page, "LMSSetValue", "cmi.core.lesson_status", "incomplete")
    call(page, "LMSFinish", "")
    assert app.attempts[1]["cmi.core.lesson_status"] == "incomplete"


def test_values_with_a_range_come_back_as_numbers_and_interactions_are_write_only(moodle_app):
    app, page, _ = moodle_app()
    play(page)
    call(page, "LMSSetValue", "cmi.core.score.raw", "85.0")
    assert page.evaluate("window.API.LMSGetValue('cmi.core.score.raw')") == 85
    interaction(page, 0)
    assert page.evaluate("window.API.LMSGetValue('cmi.interactions._count')") == 1
    assert call(page, "LMSGetValue", "cmi.interactions.0.id") == "" and call(page, "LMSGetLastError") == "404"
    assert call(page, "LMSSetValue", "cmi.interactions.0.student_response", "x" * 256) == "false"  # 255, always
    assert call(page, "LMSGetLastError") == "405"


@pytest.mark.parametrize("stored, count", [(10, 10), (11, 10), (12, 10), (15, 13)])
def test_the_count_of_stored_interactions_is_rebuilt_too_low_from_eleven_on(moodle_app, stored, count):
    """init counts in the order Moodle returns the elements (by name: _10 before _2)."""
    app, page, _ = moodle_app()
    app.insert(1, [{"element": "cmi.core.lesson_status", "value": "incomplete"}] +
               [{"element": f"cmi.interactions_{n}.id", "value": f"q{n}"} for n in range(stored)], False)
    play(page)
    assert call(page, "LMSGetValue", "cmi.interactions._count") == str(count)


def test_finish_applies_the_mastery_score_and_adds_total_time(moodle_app):
    app, page, _ = moodle_app()
    play(page)
    call(page, "LMSSetValue", "cmi.core.lesson_status", "completed")
    call(page, "LMSSetValue", "cmi.core.score.raw", "79")
    call(page, "LMSSetValue", "cmi.core.session_time", "0000:01:30.00")
    assert call(page, "LMSFinish", "") == "true"
    assert app.attempts[1]["cmi.core.lesson_status"] == "failed"  # whatever "mastery score overrides status" says
    assert app.attempts[1]["cmi.core.total_time"] == "00:01:30"
    assert "cmi.core.session_time" not in app.attempts[1]
    assert json.loads(json.dumps(app.inserts[-1][1]))[-1]["element"] == "cmi.core.total_time"
