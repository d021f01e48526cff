"""cmi5 packages launched by a cmi5 LMS (tests/support/cmi5_lms.py) in front of a real LRS (Ralph).

The LMS does its part for real (registration, LMS.LaunchData, one-time fetch URL, `launched`)
and checks every statement the AU sends against the cmi5 rules before Ralph stores it; what
the tests check is what Ralph stored, and that no rule was broken.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.parse

import pytest

from builder.report.from_lrs import build_report
from tests.support.cmi5_lms import Cmi5LMS
from tests.support.lrs import VENV, RalphLRS
from tests.support.player import ui
from tests.support.xapi_checks import problems
from tests.support.xapi_session import ERIKA, MAX, Session, expected_events, verb

CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
BASE = "https://example.org/q-ser/units/becoming-a-mentor"


@pytest.fixture(scope="module")
def site(unpacked, serve, tmp_path_factory):
    """One origin serving each language's AU, and a page the LMS sends learners back to."""
    root = tmp_path_factory.mktemp("cmi5-site")
    for lang in ("en", "de"):
        shutil.copytree(unpacked[(lang, "cmi5")], root / lang)
    (root / "course.html").write_text("<!doctype html><title>Course</title><p>The course page", "utf-8")
    return serve(root)


@pytest.fixture(scope="module")
def lrs(tmp_path_factory):
    if not (VENV / "bin" / "python").exists():
        pytest.fail(f"Ralph not installed at {VENV}: run scripts/setup-tests")
    ralph = RalphLRS(tmp_path_factory.mktemp("ralph-cmi5"), []).start()
    yield ralph
    ralph.stop()


@pytest.fixture(scope="module")
def lms(lrs):
    server = Cmi5LMS(lrs)
    yield server
    server.close()


@pytest.fixture(autouse=True)
def cmi5_rules_kept(request):
    """After each test that used the LMS: no cmi5 rule broken, and everything Ralph stored passes
    Learning Locker's validator."""
    if "lms" not in request.fixturenames:
        yield
        return
    lms, ralph = request.getfixturevalue("lms"), request.getfixturevalue("lrs")
    before, broken = len(ralph.raw_statements()), len(lms.violations)
    yield
    assert lms.violations[broken:] == []
    assert problems(ralph.raw_statements()[before:]) == []


def stored(lrs, agent, registration, terminated: int = 1) -> list[dict]:
    """The registration's statements in Ralph, in time order, once `terminated` of them arrived."""
    for _ in range(100):
        found = lrs.statements(agent, registration)
        if sum(verb(s) == "terminated" for s in found) >= terminated:
            return sorted(found, key=lambda s: s["timestamp"])
        time.sleep(0.1)
    raise AssertionError("the terminated statement did not reach the LRS")


def events(statements, launch) -> list[tuple[str, str]]:
    """(verb, what): "unit" for the AU's own statements, else the page or question id."""
    return [(verb(s), "unit" if s["object"]["id"] == launch.activity_id else s["object"]["id"].rsplit("/", 1)[1])
            for s in statements]


def as_au(expected, unit) -> list[tuple[str, str]]:
    return [(v, "unit" if what == unit.id else what) for v, what in expected]


def defined(s) -> bool:
    return {"id": CMI5, "objectType": "Activity"} in s["context"]["contextActivities"].get("category", [])


def leave(session, lrs, agent, registration, terminated=1) -> list[dict]:
    session.page.goto("about:blank")
    found = stored(lrs, agent, registration, terminated)
    session.context.close()
    return found


@pytest.mark.parametrize("lang,agent", [("en", ERIKA), ("de", MAX)])
def test_normal_mode_a_learner_who_passes(browser, site, lms, lrs, seed_unit, lang, agent):
    unit = seed_unit
    url, launch = lms.launch(f"{site}/{lang}", agent, f"{BASE}/{lang}")
    session = Session(browser, url, unit, lang)
    assert session.notice() is None
    session.learner.run_through(right=True)
    assert "100" in session.learner.result_text()
    session.settled()
    statements = leave(session, lrs, agent, launch.registration)

    assert events(statements, launch) == [("launched", "unit")] + as_au(expected_events(unit, "passed"), unit) + [
        ("terminated", "unit")]
    assert lms.fetch_count(launch) == 1  # the token fetched once
    assert lms.rules.moved_on(launch.registration, "CompletedAndPassed")
    assert [verb(s) for s in statements if defined(s)] == ["launched", "initialized", "passed", "completed", "terminated"]
    tag = {"en": "en-US", "de": "de-DE"}[lang]
    for s in statements[1:]:  # the AU's, with the LMS's context template in each
        assert s["context"]["extensions"][SESSION] == launch.session
        assert s["context"]["registration"] == launch.registration
        assert s["context"]["language"] == tag
        assert s["context"]["contextActivities"]["grouping"][0] == {"id": f"{BASE}/{lang}", "objectType": "Activity"}
        assert s["actor"] == agent
    by_verb = {verb(s): s for s in statements}
    passed, completed = by_verb["passed"], by_verb["completed"]
    assert passed["result"]["score"] == {"raw": 100, "min": 0, "max": 100, "scaled": 1.0}
    assert passed["result"]["success"] is True and "completion" not in passed["result"]
    assert passed["context"]["extensions"][MASTERY] == 0.8
    assert {"id": MOVEON, "objectType": "Activity"} in passed["context"]["contextActivities"]["category"]
    assert completed["result"]["completion"] is True
    assert "score" not in completed["result"] and "success" not in completed["result"]
    assert "duration" in by_verb["terminated"]["result"]
    answered = [s for s in statements if verb(s) == "answered"]
    assert [s["object"]["id"] for s in answered] == [f"{BASE}/questions/{q}" for q in unit.questions]
    assert not any(defined(s) for s in answered)

    # The trainers' report reads cmi5 statements as it reads xAPI ones.
    report = build_report(statements, BASE, lang, list(unit.questions))
    learner, = report.learners
    assert (learner.completed, learner.outcome, learner.score, learner.pass_mark) == (True, "passed", 100, 80)
    assert [q.id for q in report.questions] == list(unit.questions)
    assert all(len(q.answers) == 1 for q in report.questions)


def test_normal_mode_a_failure_is_told_once_when_the_session_ends(browser, site, lms, lrs, seed_unit):
    unit = seed_unit
    url, launch = lms.launch(f"{site}/en", ERIKA, f"{BASE}/en", mastery=0.3)
    session = Session(browser, url, unit, "en")
    session.learner.run_through(right=False)
    assert "30%" in session.learner.result_text()  # the LMS's pass mark, not the unit's 80%
    statements = leave(session, lrs, ERIKA, launch.registration)
    assert events(statements, launch) == [("launched", "unit")] + as_au(expected_events(unit, None), unit) + [
        ("failed", "unit"), ("terminated", "unit")]
    failed = next(s for s in statements if verb(s) == "failed")
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0.0
    assert failed["context"]["extensions"][MASTERY] == 0.3
    assert not lms.rules.moved_on(launch.registration, "CompletedAndPassed")
    assert lms.rules.moved_on(launch.registration, "Completed")


def test_relaunch_in_the_same_registration_resumes_and_reports_once(browser, site, lms, lrs, seed_unit):
    unit = seed_unit
    middle = unit.pages[2].id
    url, first = lms.launch(f"{site}/en", MAX, f"{BASE}/en", language="en-US")
    session = Session(browser, url, unit, "en")
    session.learner.run_through(right=True, stop_after_page=middle)
    session.settled()
    one = leave(session, lrs, MAX, first.registration)
    assert events(one, first)[-2:] == [("suspended", "unit"), ("terminated", "unit")]

    url, second = lms.launch(f"{site}/en", MAX, f"{BASE}/en", registration=first.registration)
    assert (second.activity_id, second.session != first.session) == (first.activity_id, True)
    session = Session(browser, url, unit, "en")
    assert session.learner.current_page() == middle  # where the learner left off
    session.learner.next()
    for page in unit.pages[3:]:
        session.learner.answer_questions(page.questions)
        if page is not unit.pages[-1]:
            session.learner.next()
    session.learner.next()
    assert "100" in session.learner.result_text()
    two = [s for s in leave(session, lrs, MAX, first.registration, terminated=2)
           if s["context"]["extensions"].get(SESSION) == second.session]
    assert [v for v, _ in events(two, second) if v in ("initialized", "resumed", "passed", "completed", "terminated")] == [
        "initialized", "resumed", "passed", "completed", "terminated"]

    url, third = lms.launch(f"{site}/en", MAX, f"{BASE}/en", registration=first.registration)
    session = Session(browser, url, unit, "en")
    assert "100" in session.learner.result_text()  # back on the result page
    three = [s for s in leave(session, lrs, MAX, first.registration, terminated=3)
             if s["context"]["extensions"].get(SESSION) == third.session]
    assert [v for v, _ in events(three, third)] == ["launched", "initialized", "resumed", "terminated"]
    assert session.errors == []


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_change_no_outcome_and_exit_goes_back_to_the_lms(browser, site, lms, lrs, seed_unit, mode):
    unit = seed_unit
    url, launch = lms.launch(f"{site}/de", ERIKA, f"{BASE}/de", mode=mode, return_url=f"{site}/course.html")
    session = Session(browser, url, unit, "de")
    assert session.notice() == ui("de")["cmi5_" + mode.lower()]
    session.learner.run_through(right=True)
    session.page.locator("#exit").click()
    session.page.wait_for_url(f"{site}/course.html")
    statements = stored(lrs, ERIKA, launch.registration)
    session.context.close()
    assert [verb(s) for s in statements if defined(s)] == ["launched", "initialized", "terminated"]
    assert not {"completed", "passed", "failed"} & {verb(s) for s in statements}
    assert sum(verb(s) == "answered" for s in statements) == len(unit.questions)  # allowed statements
    # What the learner did while browsing is no record: a Normal launch starts afresh.
    url, normal = lms.launch(f"{site}/de", ERIKA, f"{BASE}/de", registration=launch.registration)
    again = Session(browser, url, unit, "de")
    assert again.learner.current_page() == unit.pages[0].id
    assert again.page.locator("#exit").is_hidden()  # no returnURL this time
    leave(again, lrs, ERIKA, launch.registration, terminated=2)


def test_the_fetch_url_gives_its_token_once(browser, site, lms, lrs, seed_unit):
    url, launch = lms.launch(f"{site}/en", ERIKA, f"{BASE}/en")
    first = Session(browser, url, seed_unit, "en")
    first.settled()
    again = Session(browser, url, seed_unit, "en")  # the same launch link opened a second time
    assert lms.fetch_count(launch) == 2
    assert again.notice() == ui("en")["cmi5_token"].replace("{code}", "1")
    again.learner.next()
    assert again.page.evaluate("QSER.xapi.queue") == 0 and again.page.evaluate("QSER.cmi5.token") == "none"
    again.context.close()
    leave(first, lrs, ERIKA, launch.registration)


def test_learner_preferences_pick_the_language(browser, site, lms, lrs, seed_unit):
    url, launch = lms.launch(f"{site}/de", MAX, f"{BASE}/de", language="fr-FR,de-AT,en-US")
    session = Session(browser, url, seed_unit, "de")
    session.settled()
    assert session.page.evaluate("QSER.cmi5.language") == "de-DE"  # de-AT: German is what the package has
    pick = "(p, a) => QSER.cmi5Launch.language(p, a)"
    assert session.page.evaluate(f"({pick})('fr-FR,de-AT,en-US', ['en-US', 'de-DE'])") == "de-DE"
    assert session.page.evaluate(f"({pick})('en-GB', ['de-DE', 'en-US'])") == "en-US"
    assert session.page.evaluate(f"({pick})('zh-CN,fr-BE', ['fr-FR', 'fr-BE'])") == "fr-BE"
    assert session.page.evaluate(f"({pick})('', ['de-DE', 'en-US'])") == "de-DE"
    leave(session, lrs, MAX, launch.registration)


def test_an_lrs_answering_503_then_recovering_loses_nothing(browser, site, lms, lrs, seed_unit):
    unit = seed_unit
    url, launch = lms.launch(f"{site}/en", ERIKA, f"{BASE}/en")
    session = Session(browser, url, unit, "en")
    session.settled()
    lms.mode = "503"
    try:
        session.learner.answer_questions(unit.pages[0].questions)
        session.learner.next()
        session.page.wait_for_timeout(1500)
        assert session.notice() == ui("en")["saving_failed"] and session.stats()["queue"] >= 1
    finally:
        lms.mode = "pass"
    session.settled()
    assert session.notice() is None
    session.page.context.set_offline(True)  # then offline for a page and its answers
    session.learner.next()
    session.learner.answer_questions(unit.pages[2].questions)
    assert session.stats()["queue"] >= 1
    session.page.context.set_offline(False)
    session.settled()
    statements = leave(session, lrs, ERIKA, launch.registration)
    pages = [p.id for p in unit.pages[:3]]
    expected = [("launched", "unit")] + as_au(expected_events(unit, "passed", unit.pages[:3]), unit)
    assert events(statements, launch) == expected + [("suspended", "unit"), ("terminated", "unit")]
    assert [what for v, what in events(statements, launch) if v == "experienced"] == pages
    ids = [s["id"] for s in lrs.raw_statements() if s.get("context", {}).get("registration") == launch.registration]
    assert len(ids) == len(set(ids))  # each once


def test_a_tin_can_launch_of_a_cmi5_package_names_the_missing_fetch_url(browser, site, lms, lrs, seed_unit):
    q = lambda v: urllib.parse.quote(v, safe="")  # noqa: E731
    url = (f"{site}/en/index.html?endpoint={q(lms.endpoint)}&auth={q(lrs.auth)}&actor={q(json.dumps(ERIKA))}"
           f"&registration=6f1c2a52-6c1e-4b8e-9d43-0d6f3c1b2a10&activity_id={q(BASE + '/en')}")
    session = Session(browser, url, seed_unit, "en")
    assert session.notice() == ui("en")["launch_invalid"].replace("{what}", ui("en")["launch_fetch"])
    session.learner.next()
    assert session.page.evaluate("QSER.xapi.requests") == 0 and session.page.evaluate("QSER.xapi.queue") == 0
    assert session.errors == []
    session.context.close()


def test_without_launch_data_the_learner_is_told_and_nothing_is_sent(browser, site, lms, lrs, seed_unit):
    url, launch = lms.launch(f"{site}/en", ERIKA, f"{BASE}/en")
    with lms.state.lock:  # an LMS that failed to write LMS.LaunchData
        del lms.state.documents[(launch.activity_id, json.dumps(ERIKA, sort_keys=True), "LMS.LaunchData",
                                 launch.registration)]
    session = Session(browser, url, seed_unit, "en")
    assert session.notice() == ui("en")["cmi5_launch_data"]
    session.learner.next()
    assert session.page.evaluate("QSER.xapi.queue") == 0
    session.context.close()
    assert [verb(s) for s in lrs.statements(ERIKA, launch.registration)] == ["launched"]
