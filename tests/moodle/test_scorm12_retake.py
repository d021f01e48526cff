"""A retake of the knowledge check in a SCORM 1.2 package, in the test LMS (scorm-again with Moodle's
rules): the learner who did not pass takes the check again within the same Moodle attempt. The LMS
keeps the earlier result until the retake is done, then gets the retake's score and status; each
answer of the retake is a new interaction (Moodle keeps one value per element); the bookmark keeps
the retake across a relaunch; the seed unit allows one retake (unit.yaml's default)."""

from __future__ import annotations

from tests.support.learner import right_response, wrong_response
from tests.support.player import ui
from tests.support.scorm_session import Session, lms_for, until  # noqa: F401  (fixture)


def scored(unit):
    return [q for q in unit.questions.values() if q.scored]


def test_a_retake_after_a_fail_is_recorded_as_the_new_result(browser, lms_for, seed_unit):
    texts = ui("en")
    lms = lms_for("en")
    first = Session(browser, lms, seed_unit, "en")
    first.learner.run_through(right=False)
    assert texts["next_retake"] in first.learner.result_text()
    assert texts["retakes_left"]["one"] in first.learner.result_text()
    until(lambda: lms.tracks.get("cmi.core.lesson_status") == "failed", first.page)
    first.frame.get_by_role("button", name=texts["retake"]).click()
    questions = scored(seed_unit)
    for q in questions[:3]:
        first.learner.answer(q, right_response(q, "en"))
    first.leave()
    # the retake is not done: Moodle keeps the earlier result
    assert (lms.tracks["cmi.core.lesson_status"], lms.tracks["cmi.core.score.raw"]) == ("failed", "0")
    assert len(lms.interactions()) == len(seed_unit.questions) + 3

    second = Session(browser, lms, seed_unit, "en")  # back in the retake, its answers kept
    assert second.learner.current_page() == "knowledge-check"
    for q in questions[:3]:
        assert second.frame.locator(f"#q-{q.id} .feedback").inner_text().startswith(texts["correct"])
    for q in questions[3:]:  # the first round's answers do not come back
        assert second.frame.locator(f"#q-{q.id} .feedback").inner_text() == ""
    for q in questions[3:]:
        second.learner.answer(q, right_response(q, "en"))
    while second.learner.current_page() != "":
        second.learner.next()
    result = second.learner.result_text()
    assert texts["score"].replace("{score}", "100") in result and texts["next_passed"] in result
    assert second.frame.get_by_role("button", name=texts["retake"]).count() == 0  # passed: nothing to retake
    log = second.leave()

    assert log["refused"] == [] and first.errors == [] and second.errors == []
    assert (lms.tracks["cmi.core.lesson_status"], lms.tracks["cmi.core.score.raw"]) == ("passed", "100")
    assert lms.tracks.get("cmi.core.exit", "") == ""  # done: not suspended (Moodle sends no unchanged "")
    rows = lms.interactions()
    assert len(rows) == len(seed_unit.questions) + len(questions)  # every try of both rounds, each its own
    assert [(r["id"], r["result"]) for r in rows[-len(questions):]] == [(q.id, "correct") for q in questions]


def test_the_retakes_run_out_and_the_last_score_stands(browser, lms_for, seed_unit):
    texts = ui("de")
    lms = lms_for("de")
    first = Session(browser, lms, seed_unit, "de")
    questions = scored(seed_unit)
    for q in questions:  # three of seven right: 43 %
        first.learner.answer(q, right_response(q, "de") if q in questions[:3] else wrong_response(q, "de"))
    while first.learner.current_page() != "":
        first.learner.next()
    until(lambda: lms.tracks.get("cmi.core.score.raw") == "43", first.page)
    first.frame.get_by_role("button", name=texts["retake"]).click()
    first.learner.answer(questions[0], wrong_response(questions[0], "de"))
    first.leave()

    second = Session(browser, lms, seed_unit, "de")  # the bookmark knows the one retake is taken
    for q in questions[1:]:
        second.learner.answer(q, wrong_response(q, "de"))
    while second.learner.current_page() != "":
        second.learner.next()
    result = second.learner.result_text()
    assert texts["score"].replace("{score}", "0") in result
    assert texts["next_failed"] in result  # what to do next, now that no retake is left
    assert second.frame.get_by_role("button", name=texts["retake"]).count() == 0
    second.leave()
    # the retake's score replaces the earlier one (docs/moodle.md, "Retakes")
    assert (lms.tracks["cmi.core.lesson_status"], lms.tracks["cmi.core.score.raw"]) == ("failed", "0")
    assert len(lms.interactions()) == 2 * len(questions)
