"""A retake of the knowledge check in an xAPI package, reporting to a real LRS (Ralph): each answer of
the retake is a statement of its own (its try counted from 1 again), and once the retake is done
the LRS gets the new outcome (passed or failed, completed) with the new score and the retake's
answers as the ones the score counted. Moodle's tincanlaunch grades from the highest score on
"completed" (docs/moodle.md, "Retakes")."""

from __future__ import annotations

import uuid

from tests.support.learner import right_response, wrong_response
from tests.support.player import ui
from tests.support.xapi_session import (  # noqa: F401  (fixtures)
    ERIKA,
    Session,
    check_common,
    events,
    every_statement_valid,
    expected_events,
    in_order,
    launch_id,
    launch_url,
    lrs,
    site,
    sites,
    verb,
)


def failed_first_round(browser, sites, lrs, unit, lang):
    """Erika's session in `lang` after a knowledge check answered all wrong, the retake started:
    (session, registration)."""
    registration = str(uuid.uuid4())
    session = Session(browser, launch_url(sites[lang], lrs.endpoint, lrs.auth, ERIKA, registration,
                                          launch_id(unit, lang)), unit, lang)
    session.learner.run_through(right=False)
    session.page.get_by_role("button", name=ui(lang)["retake"]).click()
    return session, registration


def test_a_retake_sends_its_answers_then_the_new_outcome(browser, sites, lrs, seed_unit):
    unit, texts = seed_unit, ui("en")
    session, registration = failed_first_round(browser, sites, lrs, unit, "en")
    scored = [q for q in unit.questions.values() if q.scored]
    for q in scored:
        session.learner.answer(q, right_response(q, "en"))
    while session.learner.current_page() != "":
        session.learner.next()
    assert texts["score"].replace("{score}", "100") in session.learner.result_text()
    session.settled()
    statements = in_order(session.leave(lrs, ERIKA, registration))

    assert events(statements) == (expected_events(unit, "failed") + [("experienced", "knowledge-check")]
                                  + [("answered", q.id) for q in scored] + [("passed", unit.id), ("completed", unit.id)]
                                  + [("experienced", "reflection"), ("terminated", unit.id)])
    check_common(statements, unit, "en", registration, ERIKA)
    outcomes = [(verb(s), s["result"]["score"]["raw"], s["result"]["success"]) for s in statements
                if verb(s) in ("passed", "failed", "completed")]
    assert outcomes == [("failed", 0, False), ("completed", 0, False), ("passed", 100, True), ("completed", 100, True)]
    retake = [s for s in statements if verb(s) == "answered"][len(unit.questions):]
    attempt = f"{unit.xapi_base}/extensions/attempt"
    assert [(s["result"]["success"], s["result"]["extensions"][attempt]) for s in retake] == [(True, 1)] * len(scored)
    passed = next(s for s in statements if verb(s) == "passed")
    counted = next(iter(v for k, v in passed["result"]["extensions"].items() if k.endswith("/answers")))
    assert sorted(counted.values()) == sorted(s["id"] for s in retake)  # the score counted the retake's answers
    assert session.errors == []


def test_a_retake_with_the_same_result_is_reported_again(browser, sites, lrs, seed_unit):
    """Failing the retake as the first round (each first try wrong, the second right: the first counts):
    the LRS still hears that the retake was failed, and which answers counted."""
    unit, texts = seed_unit, ui("de")
    session, registration = failed_first_round(browser, sites, lrs, unit, "de")
    scored = [q for q in unit.questions.values() if q.scored]
    for q in scored:
        session.learner.answer(q, wrong_response(q, "de"))
        session.learner.answer(q, right_response(q, "de"))
    session.settled()
    statements = in_order(session.leave(lrs, ERIKA, registration))
    assert [(verb(s), s["result"]["score"]["raw"]) for s in statements if verb(s) in ("failed", "completed")] == [
        ("failed", 0), ("completed", 0), ("failed", 0), ("completed", 0)]
    retake = [s for s in statements if verb(s) == "answered"][len(unit.questions):]
    first_tries = [s["id"] for s in retake if not s["result"]["success"]]
    failed = [s for s in statements if verb(s) == "failed"][-1]
    counted = next(v for k, v in failed["result"]["extensions"].items() if k.endswith("/answers"))
    assert len(first_tries) == len(scored) and sorted(counted.values()) == sorted(first_tries)


def test_two_bookmarks_of_one_attempt_merge_without_bringing_back_an_earlier_rounds_answers(page):
    """xapi/state.js: this browser's bookmark and the State API's (another device, or a lagging copy)."""
    from builder import ASSETS

    page.add_script_tag(path=str(ASSETS / "runtime" / "xapi" / "state.js"))
    before = {"v": 1, "at": 2000, "elapsed": 50, "counted": {"a": {"id": "s1", "n": 1}},
              "state": {"page": "p2", "visited": ["p1", "p2"], "answers": {"a": ["x"], "b": True, "note": "mine"},
                        "tries": {"a": 1, "b": 1}, "credit": {"a": 0, "b": 1}}}
    retook = {"v": 1, "at": 1000, "elapsed": 80, "counted": {"b": {"id": "s9", "n": 1}},
              "state": {"page": "p1", "visited": ["p1"], "answers": {"b": False}, "tries": {"b": 1},
                        "credit": {"b": 0}, "retakes": 1}}
    merged = page.evaluate("([a, b]) => QSER.xapiStateStore({}).merge(a, b)", [before, retook])
    # the retake's round counts, though its copy is older: the first round's answers stay away
    assert merged["state"]["answers"] == {"b": False} and merged["state"]["retakes"] == 1
    assert merged["counted"] == {"b": {"id": "s9", "n": 1}}
    assert merged["state"]["visited"] == ["p1", "p2"] and merged["elapsed"] == 80
    same = page.evaluate("([a, b]) => QSER.xapiStateStore({}).merge(a, b)",
                         [before, dict(retook, state=dict(retook["state"], retakes=0))])
    assert same["state"]["answers"] == {"a": ["x"], "b": True, "note": "mine"}  # one round: answer by answer
