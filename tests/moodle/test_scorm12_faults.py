"""SCORM 1.2 and 2004 under real faults in the faithful test LMS (Moodle 4.5's own JavaScript,
see test_moodle_model.py): 503s, going offline, leaving offline, re-entering a finished attempt.
Each test checks what Moodle's tracks hold afterwards: every interaction index, status,
score, exit. Every test runs for SCORM 1.2 (Moodle's standards mode on and off) and 2004."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from tests.moodle import test_scorm2004
from tests.support.learner import right_response
from tests.support.lms import ScormLMS
from tests.support.player import ui
from tests.support.scorm_session import Session, expected_interactions, recorded, until

#: cmi.exit of a finished attempt: SCORM 2004 suspends, or Moodle's 2004 player hands it nothing back.
DONE_EXIT = {"1.2": "", "2004": "suspend"}
INTERACTION = re.compile(r"^cmi\.interactions\.(\d+)\.(.+)$")


@pytest.fixture(params=[("1.2", True), ("1.2", False), ("2004", False)],
                ids=["scormstandard-on", "scormstandard-off", "scorm2004"])
def lms_for(request, unpacked, seed_unit):
    """A test LMS per call: SCORM 1.2 with Moodle's standards mode on and off, and SCORM 2004."""
    version, standard = request.param
    made = []

    def make(lang, package=None, unit=None):
        unit = unit or seed_unit
        target = "scorm2004" if version == "2004" else "scorm12"
        lms = ScormLMS(package or unpacked[(lang, target)], unit.mastery_score if unit.scored_questions else None,
                       standard=standard, version=version)
        made.append(lms)
        return lms

    yield make
    for lms in made:
        lms.close()


def status(lms) -> str:
    """The status a trainer reads: SCORM 1.2's lesson_status; in 2004 success, else completion."""
    if lms.version == "1.2":
        return lms.tracks.get("cmi.core.lesson_status", "")
    success = lms.tracks.get("cmi.success_status", "unknown")
    return success if success != "unknown" else lms.tracks.get("cmi.completion_status", "")


def ids(lms) -> list[str]:
    """The question ids of the interactions Moodle holds (2004 ids are URNs ending in them)."""
    return [i["id"].removeprefix(test_scorm2004.URN) for i in lms.interactions()]


def expected_record(lms, unit, lang):
    if lms.version == "2004":
        return test_scorm2004.expected(lang)
    return expected_interactions(unit, lang, right=True)


def recorded_for(lms):
    return test_scorm2004.recorded(lms) if lms.version == "2004" else recorded(lms)


def knowledge_check(unit):
    return next(p for p in unit.pages if p.id == "knowledge-check")


def to_knowledge_check(session, unit):
    for page in unit.pages:
        if page.id == "knowledge-check":
            return
        session.learner.next()


def at_knowledge_check(browser, lms, unit, lang="en"):
    """A learner on the knowledge-check page, once Moodle holds that location: (session, page)."""
    session = Session(browser, lms, unit, lang)
    to_knowledge_check(session, unit)
    until(lambda: lms.tracks.get(lms.el["location"]) == "knowledge-check", session.page)
    return session, knowledge_check(unit)


def finish_unit(session, unit, kc, start):
    """Answer the knowledge check from question `start` on, the last page, and see the result."""
    session.learner.answer_questions(kc.questions[start:])
    session.learner.next()
    session.learner.answer_questions(unit.pages[-1].questions)
    session.learner.next()
    assert "100" in session.learner.result_text()


def assert_complete_record(lms, unit, lang="en", logs=()):
    """What a trainer checks: every answer once, at indices 0..n-1, passed with 100; with the
    sessions' logs, every element of every interaction as the package first wrote it."""
    expected = expected_record(lms, unit, lang)
    assert lms.indices() == list(range(len(expected)))
    assert recorded_for(lms) == expected
    time = "time" if lms.version == "1.2" else "timestamp"
    for row in lms.interactions():
        assert float(row["weighting"]) in (0, 1) and row["latency"] and row[time]
    if logs:
        assert_written_whole(lms, logs)
    assert status(lms) == "passed"
    assert float(lms.tracks[lms.el["score"]]) == 100
    assert lms.tracks.get(lms.el["exit"], "") == DONE_EXIT[lms.version]


def first_written(logs) -> dict[str, str]:
    """Each interaction element as the package first wrote it (what an undisturbed run stores)."""
    first: dict[str, str] = {}
    for log in logs:
        for call in log["calls"]:
            if call[0] in ("LMSSetValue", "SetValue") and INTERACTION.match(call[1]):
                first.setdefault(call[1], call[2])
    return first


def assert_written_whole(lms, logs) -> None:
    """Resent interactions are identical in every element to their first send, and a stand-in
    Moodle stored is gone with the very next commit it took."""
    first = first_written(logs)
    stored = {k: v for k, v in lms.tracks.items() if INTERACTION.match(k)}
    assert stored == first
    for before, after in zip(lms.commits, lms.commits[1:]):
        for element, value in before.items():
            if INTERACTION.match(element) and value != first[element]:
                assert after.get(element) == first[element], (element, value)


def leave_without_waiting(session):
    """Exit activity while the LMS cannot be reached: the finishing beacon goes nowhere."""
    session.page.evaluate("document.getElementById('sco').src = 'about:blank'")
    session.page.wait_for_function("window.lmsLog.calls.some(c => c[0] === 'LMSFinish' || c[0] === 'Terminate')")
    log = session.log()
    session.page.close()
    return log


def test_answers_given_while_commits_fail_reach_moodle_once_it_answers(browser, lms_for, seed_unit):
    """The issue's case: 503 to the commits after answers 1 and 2, answer 3 goes through; later
    a 503 after an unscored answer (weighting 0). Every element arrives as first written."""
    lms = lms_for("en")
    session, kc = at_knowledge_check(browser, lms, seed_unit)
    notice = session.frame.locator("#notice")
    for n, qid in enumerate(kc.questions[:3]):
        session.learner.show(qid)  # one question at a time: paged to it before the LMS fails
        if n:  # the earlier failure's retry (2 s later) has gone through: this 503 is this answer's
            notice.wait_for(state="hidden")
        lms.fail_next = 1 if n < 2 else 0
        session.learner.answer(seed_unit.questions[qid], right_response(seed_unit.questions[qid], "en"))
        if n < 2:
            expect(notice).to_have_text(ui("en")["saving_failed"])  # once the commit has run
    # no stand-in left behind once the commit after it went through
    until(lambda: recorded_for(lms) == expected_record(lms, seed_unit, "en")[:3], session.page)
    assert ids(lms) == list(kc.questions[:3])
    notice.wait_for(state="hidden")
    session.learner.answer_questions(kc.questions[3:])
    session.learner.next()
    reflections = seed_unit.pages[-1].questions
    lms.fail_next = 1
    session.learner.answer_questions(reflections[:1])
    until(lambda: lms.failed == 3, session.page)
    session.learner.answer_questions(reflections[1:])
    session.learner.next()
    assert "100" in session.learner.result_text()
    log = session.leave()
    assert lms.failed == 3
    assert_complete_record(lms, seed_unit, logs=[log])


def test_a_failed_commit_is_retried_on_the_clock_with_the_page_untouched(browser, lms_for, seed_unit):
    """The browser's clock is paused and moved on by hand: the retry comes from the timer alone."""
    lms = lms_for("en")
    session, kc = at_knowledge_check(browser, lms, seed_unit)
    session.page.clock.install()
    session.page.clock.pause_at(datetime.fromtimestamp(session.page.evaluate("Date.now()") / 1000 + 1, timezone.utc))
    q = seed_unit.questions[kc.questions[0]]
    lms.fail_next = 1
    session.learner.answer(q, right_response(q, "en"))
    session.page.clock.run_for(100)  # the commit after the answer: answered 503
    expect(session.frame.locator("#notice")).to_have_text(ui("en")["saving_failed"])
    assert lms.failed == 1 and lms.indices() == []
    session.page.clock.run_for(1500)  # not yet: the first retry is due 2 s after the failure
    assert lms.indices() == []
    session.page.clock.run_for(600)
    until(lambda: lms.indices() == [0], session.page)
    assert ids(lms) == [q.id]


def test_answers_given_offline_are_sent_when_the_browser_is_online_again(browser, lms_for, seed_unit):
    lms = lms_for("de")
    session = Session(browser, lms, seed_unit, "de")
    kc = knowledge_check(seed_unit)
    to_knowledge_check(session, seed_unit)
    session.learner.answer_questions(kc.questions[:1])
    until(lambda: lms.indices() == [0], session.page)
    session.context.set_offline(True)
    session.learner.answer_questions(kc.questions[1:3])
    notice = session.frame.locator("#notice")
    expect(notice).to_have_text(ui("de")["answers_waiting"])  # the learner is told, quietly
    assert lms.indices() == [0]
    session.context.set_offline(False)
    session.learner.answer_questions(kc.questions[3:4])
    until(lambda: lms.indices() == [0, 1, 2, 3], session.page)
    notice.wait_for(state="hidden")
    finish_unit(session, seed_unit, kc, 4)
    log = session.leave()
    assert_complete_record(lms, seed_unit, "de", logs=[log])


def test_going_online_alone_sends_what_waits(browser, lms_for, seed_unit):
    """No further answer needed: the browser's "online" is the moment to send."""
    lms = lms_for("en")
    session = Session(browser, lms, seed_unit, "en")
    kc = knowledge_check(seed_unit)
    to_knowledge_check(session, seed_unit)
    session.context.set_offline(True)
    session.learner.answer_questions(kc.questions[:2])
    session.context.set_offline(False)
    until(lambda: lms.indices() == [0, 1], session.page)
    session.leave()
    assert lms.tracks[lms.el["exit"]] == "suspend"


@pytest.mark.parametrize("comes_back", [True, False], ids=["learner-comes-back", "learner-never-returns"])
def test_leaving_while_offline(browser, lms_for, seed_unit, comes_back):
    lms = lms_for("en")
    device = browser.new_context()
    first = Session(browser, lms, seed_unit, "en", device)
    kc = knowledge_check(seed_unit)
    to_knowledge_check(first, seed_unit)
    first.learner.answer_questions(kc.questions[:2])
    until(lambda: lms.indices() == [0, 1], first.page)
    device.set_offline(True)
    first.learner.answer_questions(kc.questions[2:5])
    log = leave_without_waiting(first)
    assert log["beacons"] >= 1  # Moodle's JavaScript said "true" to all of it
    logs = [log]
    device.set_offline(False)
    # Moodle holds what arrived before the connection went; the rest waits in this browser.
    assert lms.indices() == [0, 1]
    assert status(lms) == "incomplete"
    if not comes_back:
        device.close()
        return
    second = Session(browser, lms, seed_unit, "en", device)
    assert second.learner.current_page() == "knowledge-check"
    until(lambda: lms.indices() == [0, 1, 2, 3, 4], second.page)  # sent at the launch, at their own numbers
    assert ids(lms) == list(kc.questions[:5])
    finish_unit(second, seed_unit, kc, 5)
    logs.append(second.leave())
    assert_complete_record(lms, seed_unit, logs=logs)
    third = Session(browser, lms, seed_unit, "en", device)  # nothing is sent twice later
    assert third.learner.current_page() == ""  # a finished attempt opens on its result page
    logs.append(third.leave())
    assert_complete_record(lms, seed_unit, logs=logs)
    device.close()


def finished_record(lms) -> dict:
    """What re-entering a finished attempt must never change: status, score, location, exit."""
    keys = ("cmi.core.lesson_status",) if lms.version == "1.2" else ("cmi.completion_status", "cmi.success_status")
    keys += (lms.el["score"], lms.el["location"], lms.el["exit"])
    return {k: lms.tracks.get(k, "") for k in keys}


def test_a_finished_attempt_stays_finished_on_reentry(browser, lms_for, seed_unit):
    lms = lms_for("en")
    first = Session(browser, lms, seed_unit, "en")
    first.learner.run_through(right=True)
    first.leave()
    assert_complete_record(lms, seed_unit)
    finished = finished_record(lms)

    second = Session(browser, lms, seed_unit, "en")  # the same attempt again, in review mode
    assert lms.launch_cmi()[lms.el["mode"]] == "review"
    assert second.learner.current_page() == ""  # on the result page, the score as it was
    assert "100" in second.learner.result_text()
    second.leave()
    assert_complete_record(lms, seed_unit)
    assert finished_record(lms) == finished

    third = Session(browser, lms, seed_unit, "en")  # back to the questions: answered ones stay locked
    kc = knowledge_check(seed_unit)
    while third.learner.current_page() != kc.id:
        third.learner.frame.locator("#back").click()
    form = third.learner.frame.locator(f"#q-{kc.questions[0]}")
    assert "locked" in form.get_attribute("class")
    third.leave()
    assert finished_record(lms) == finished
    assert len(lms.indices()) == len(seed_unit.questions)  # nothing new, nothing lost
    fourth = Session(browser, lms, seed_unit, "en")  # left on a question page: still opens on the result
    assert fourth.learner.current_page() == ""
    fourth.leave()
    assert finished_record(lms) == finished


def test_a_finished_attempt_stays_finished_even_without_its_bookmark(browser, lms_for, seed_unit):
    """Another device, or a bookmark that did not arrive (1.2); in 2004, an attempt an earlier
    package ended with exit "normal", which Moodle's 2004 player reopens in review mode with an
    empty data model: the LMS's own record keeps it finished, and nothing is written over it."""
    lms = lms_for("en")
    first = Session(browser, lms, seed_unit, "en")
    first.learner.run_through(right=True)
    first.leave()
    if lms.version == "2004":
        lms.tracks["cmi.exit"] = "normal"
    else:
        del lms.tracks["cmi.suspend_data"]
    finished, commits = finished_record(lms), len(lms.commits)
    again = Session(browser, lms, seed_unit, "en")
    if lms.version == "2004":
        launch = lms.launch_cmi()
        assert (launch["cmi.entry"], launch["cmi.mode"], launch.get("cmi.location")) == ("ab-initio", "review", None)
    assert again.frame.locator(".feedback:not(:empty)").count() == 0  # no answers to restore
    assert again.learner.current_page() == ""  # the result page, from what the LMS holds
    said = again.learner.result_text()  # the outcome the LMS holds, above the result page's review
    if lms.version == "2004":
        assert ui("en")["completed"] in said, said
    else:
        assert said.startswith(ui("en")["score"].replace("{score}", "100") + "\n"), said
        assert ui("en")["passed"].replace("{mastery}", "80") in said, said
    again.learner.frame.locator("#back").click()  # looking around writes nothing either
    again.leave()
    assert finished_record(lms) == finished
    if lms.version == "1.2":
        assert_complete_record(lms, seed_unit)
    else:  # only what Moodle's own Terminate sends: the time of this visit
        assert [set(c) for c in lms.commits[commits:]] == [{"cmi.session_time", "cmi.total_time"}]


def test_a_paste_over_the_limit_says_what_was_cut_and_the_marker_counts_it(browser, lms_for, seed_unit):
    """The issue's case: 3,000 characters pasted into a 2,000-character reflection (SCORM 1.2's
    255 characters cut it again; SCORM 2004 keeps all 2,000: test_scorm2004)."""
    lms = lms_for("de")
    if lms.version == "2004":
        pytest.skip("SCORM 1.2's limit")
    session = Session(browser, lms, seed_unit, "de")
    for _ in seed_unit.pages[:-1]:
        session.learner.next()
    q = seed_unit.questions[seed_unit.pages[-1].questions[0]]
    assert q.max_length == 2000
    form = session.frame.locator(f"#q-{q.id}")
    hint = form.locator(".hint")
    assert "2000" in hint.inner_text()  # the limit is shown before typing
    pasted = ("Zuhören, nachfragen; Geduld. " * 120)[:3000]
    form.locator("textarea").evaluate("""(area, text) => {
        area.focus();
        const data = new DataTransfer();
        data.setData('text/plain', text);
        area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", pasted)
    assert form.locator("textarea").input_value() == pasted[:2000]
    ui_de = ui("de")
    assert hint.inner_text() == (ui_de["limit_reached"].replace("{max}", "2000") + " "
                                 + ui_de["paste_cut"].replace("{n}", "1000"))
    form.locator("button[type=submit]").click()
    form.locator(".feedback").wait_for()
    session.leave()
    response = lms.interactions()[-1]["student_response"]
    kept = response.rsplit("…[+", 1)[0]
    assert len(response) <= 255 and pasted.startswith(kept)
    assert response == f"{kept}…[+{3000 - len(kept)}]"  # counts from what was pasted, not from 2,000


def journals(page) -> list[str]:
    """The package's journals in this browser (scorm/journal.js): one per attempt with values Moodle lacks."""
    return page.evaluate("Object.keys(localStorage).filter(k => /^qser-scorm(12|2004)-journal:/.test(k))")


def test_a_journal_is_never_replayed_into_another_attempt(browser, lms_for, seed_unit):
    """Finished and passed, then offline a last look around (the bookmark never arrives); then a
    new attempt: it starts empty and records only its own answers; the old journal goes."""
    lms = lms_for("en")
    device = browser.new_context()
    first = Session(browser, lms, seed_unit, "en", device)
    first.learner.run_through(right=True)
    until(lambda: status(lms) == "passed", first.page)
    device.set_offline(True)
    first.learner.frame.locator("#back").click()
    assert len(journals(first.page)) == 1  # kept for this attempt
    leave_without_waiting(first)
    device.set_offline(False)
    finished = dict(lms.tracks)

    lms.start_new_attempt()
    second = Session(browser, lms, seed_unit, "en", device)
    assert lms.attempt == 2
    assert second.learner.current_page() == seed_unit.pages[0].id  # not where the last attempt was
    assert journals(second.page) == []
    kc = knowledge_check(seed_unit)
    while second.learner.current_page() != kc.id:
        second.learner.next()
    q = seed_unit.questions[kc.questions[0]]
    second.learner.answer(q, right_response(q, "en"))
    second.leave()
    assert ids(lms) == [q.id] and status(lms) == "incomplete"
    assert lms.attempts[1] == finished


def test_an_attempt_whose_values_never_arrived_gets_its_journal_at_the_next_launch(browser, lms_for, seed_unit):
    """Moodle answers 503 from the first commit on: nothing of the attempt arrives, so the next
    launch (an empty attempt in Moodle) is that attempt, and its journal goes into it."""
    lms = lms_for("en")
    device = browser.new_context()
    lms.fail_next = 10_000
    first = Session(browser, lms, seed_unit, "en", device)
    to_knowledge_check(first, seed_unit)
    kc = knowledge_check(seed_unit)
    first.learner.answer_questions(kc.questions[:3])
    first.leave()
    assert lms.tracks == {} and lms.failed
    lms.fail_next = 0
    second = Session(browser, lms, seed_unit, "en", device)
    assert second.learner.current_page() == kc.id
    until(lambda: ids(lms) == list(kc.questions[:3]), second.page)
    until(lambda: journals(second.page) == [], second.page)  # all delivered: nothing kept
    second.leave()
