"""SCORM 1.2 packages in a test LMS (scorm-again with Moodle's rules), as a learner leaves them and
comes back: midway, with the tab closed, after refused commits; nothing lost, nothing twice, the
tries left kept."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.learner import right_response, wrong_response
from tests.support.player import ui
from tests.support.scorm_session import (
    Session,
    expected_interactions,
    lms_for,  # noqa: F401  (fixture)
    recorded,
    until,
)


def test_leaving_midway_and_coming_back_gives_the_same_record(browser, lms_for, seed_unit):
    lms = lms_for("de")
    first = Session(browser, lms, seed_unit, "de")
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    first.learner.run_through(right=True, stop_after_page="mentors-and-mentees")
    first.learner.next()
    first.learner.next()
    first.learner.next()  # now on the knowledge check
    first.learner.answer_questions(kc.questions[:3])
    first.leave()
    assert lms.tracks["cmi.core.exit"] == "suspend"
    assert lms.tracks["cmi.core.lesson_status"] == "incomplete"
    assert lms.tracks.get("cmi.core.score.raw", "") == ""  # no score before the knowledge check is done
    assert len(lms.interactions()) == 3

    second = Session(browser, lms, seed_unit, "de")
    assert second.learner.current_page() == "knowledge-check"
    q0 = seed_unit.questions[kc.questions[0]]
    assert second.frame.locator(f"#q-{q0.id} .feedback").inner_text().startswith(ui("de")["correct"])
    second.learner.answer_questions(kc.questions[3:])
    second.learner.next()
    second.learner.answer_questions(seed_unit.pages[-1].questions)
    second.learner.next()
    assert "100" in second.learner.result_text()
    log = second.leave()
    assert log["refused"] == []
    assert lms.tracks["cmi.core.lesson_status"] == "passed"
    assert lms.tracks["cmi.core.score.raw"] == "100"
    assert recorded(lms) == expected_interactions(seed_unit, "de", right=True)


def test_refused_commits_lose_no_answer(browser, lms_for, seed_unit):
    lms = lms_for("en")
    session = Session(browser, lms, seed_unit, "en")
    session.learner.run_through(right=True, stop_after_page="summary")
    lms.fail_next = 4  # the LMS fails for a while: HTTP 503, nothing stored
    session.learner.next()
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    notice = session.frame.locator("#notice")
    for n, qid in enumerate(kc.questions):
        session.learner.answer(seed_unit.questions[qid], right_response(seed_unit.questions[qid], "en"))
        if n == 0:  # the learner is told, and goes on
            expect(notice).to_have_text(ui("en")["saving_failed"])  # once the commit has run
    # the adapter retries by itself; once the LMS takes a commit the notice goes
    notice.wait_for(state="hidden", timeout=20_000)
    assert lms.failed == 4
    stored = [i["id"] for i in lms.interactions()]
    assert stored == list(kc.questions)
    session.learner.next()
    session.learner.answer_questions(seed_unit.pages[-1].questions)
    session.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)
    assert lms.tracks["cmi.core.lesson_status"] == "passed"


def test_closing_the_tab_midway_loses_nothing_and_duplicates_nothing(browser, lms_for, seed_unit):
    lms = lms_for("en")
    first = Session(browser, lms, seed_unit, "en")
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    for _ in seed_unit.pages[:7]:
        first.learner.next()
    first.learner.answer_questions(kc.questions[:4])
    until(lambda: len(lms.interactions()) == 4, first.page)  # each answer is committed as it is given
    first.page.close(run_before_unload=True)  # the whole tab goes, LMS page included
    first.context.close()
    assert [i["id"] for i in lms.interactions()] == list(kc.questions[:4])

    second = Session(browser, lms, seed_unit, "en")
    assert second.learner.current_page() == "knowledge-check"
    second.learner.answer_questions(kc.questions[4:])
    second.learner.next()
    second.learner.answer_questions(seed_unit.pages[-1].questions)
    second.learner.next()
    second.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)
    assert lms.tracks["cmi.core.lesson_status"] == "passed"


def test_answers_the_lms_never_took_are_sent_at_the_next_launch(browser, lms_for, seed_unit):
    """The LMS refuses every commit, the learner answers and leaves (even LMSFinish fails);
    on the same device the next launch sends what was lost, once."""
    lms = lms_for("en")
    device = browser.new_context()
    first = Session(browser, lms, seed_unit, "en", device)
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    for _ in seed_unit.pages[:7]:
        first.learner.next()
    until(lambda: lms.tracks.get("cmi.core.lesson_location") == "knowledge-check", first.page)
    lms.fail_next = 10_000  # from here on the LMS stores nothing
    first.learner.answer_questions(kc.questions[:3])
    first.learner.next()  # on to the reflection page
    log = first.leave()
    assert [c for c in log["calls"] if c[0] == "LMSFinish"]
    assert lms.interactions() == [] and lms.tracks["cmi.core.lesson_location"] == "knowledge-check"

    lms.fail_next = 0  # the LMS is back
    second = Session(browser, lms, seed_unit, "en", device)
    assert second.learner.current_page() == "reflection"  # the bookmark the LMS never got
    until(lambda: lms.interactions(), second.page)
    assert [i["id"] for i in lms.interactions()] == list(kc.questions[:3])  # sent again, on their own
    assert lms.tracks["cmi.core.lesson_location"] == "reflection"
    second.frame.locator("#back").click()
    second.learner.answer_questions(kc.questions[3:])
    second.learner.next()
    second.learner.answer_questions(seed_unit.pages[-1].questions)
    second.learner.next()
    second.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)  # each answer once
    assert lms.tracks["cmi.core.lesson_status"] == "passed"

    third = Session(browser, lms, seed_unit, "en", device)  # nothing is sent twice later either
    third.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)
    device.close()


def test_every_try_is_an_interaction_and_the_tries_left_survive_a_relaunch(browser, lms_for, seed_unit):
    """Two questions: one wrong then right, one wrong once; the LMS keeps each try, the next launch knows."""
    lms = lms_for("en")
    first = Session(browser, lms, seed_unit, "en")
    while first.learner.current_page() != "knowledge-check":
        first.learner.next()
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    retried, once = (seed_unit.questions[qid] for qid in kc.questions[:2])
    first.learner.answer(retried, wrong_response(retried, "en"))
    first.learner.answer(retried, right_response(retried, "en"))
    first.learner.answer(once, wrong_response(once, "en"))
    first.leave()
    assert [(i["id"], i["result"]) for i in lms.interactions()] == [
        (retried.id, "wrong"), (retried.id, "correct"), (once.id, "wrong")]

    second = Session(browser, lms, seed_unit, "en")
    locked = second.frame.locator(f"#q-{retried.id} input:not([aria-disabled=true])")
    assert locked.count() == 0  # answered right: no more tries
    last = second.learner.answer(once, wrong_response(once, "en"))  # its second and last try
    assert ui("en")["revealed"] in last
    second.leave()
    assert [(i["id"], i["result"]) for i in lms.interactions()][-1] == (once.id, "wrong")
    assert len(lms.interactions()) == 4
