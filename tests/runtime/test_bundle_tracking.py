"""A bundle (every language in one package) tracked by an LMS and an LRS: a language switch mid-unit
and on resume keeps one session, one set of interactions and activities, one score and status.

SCORM 1.2: scorm-again as window.API with Moodle's rules (tests/support/lms.py); xAPI: Ralph.
"""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from click.testing import CliRunner

from builder.cli import main
from tests.support.bundles import bundles, trio  # noqa: F401  (fixtures)
from tests.support.learner import Learner
from tests.support.lms import ScormLMS
from tests.support.player import ui
from tests.support.scorm_session import Session as ScormSession
from tests.support.scorm_session import expected_interactions, recorded
from tests.support.xapi_session import ERIKA, MAX, every_statement_valid, in_order, launch_url, lrs, verb  # noqa: F401  (fixtures)
from tests.support.xapi_session import Session as XapiSession

KNOWLEDGE_CHECK = ["imposes-solutions", "practical-model", "mentor-skills", "mentor-roles", "learning-path",
                   "project-partners", "relationship-basis"]
REFLECTION = ["reflection-trait", "reflection-skill"]


def switch(frame, name: str) -> None:
    """The learner presses the language switch's button named `name` (in its own language)."""
    frame.get_by_role("button", name=name, exact=True).click()


def initialize_calls(log: dict) -> int:
    return sum(1 for c in log["calls"] if c[0] == "LMSInitialize")


def test_scorm12_one_attempt_across_a_switch_mid_unit_and_on_resume(browser, bundles, seed_unit):  # noqa: F811
    unit = seed_unit
    lms = ScormLMS(bundles["scorm12"], unit.mastery_score, language="de")  # the learner's profile says German
    try:
        first = ScormSession(browser, lms, unit, "de")
        frame, learner = first.frame, first.learner
        assert frame.locator("html").get_attribute("lang") == "de"  # the LMS's preference opened
        learner.run_through(stop_after_page="summary")
        learner.next()
        learner.answer_questions(KNOWLEDGE_CHECK[:4])
        switch(frame, "English")
        assert learner.current_page() == "knowledge-check"
        assert frame.locator("section.page:not([hidden]) h1").inner_text() == "Knowledge check"
        assert frame.locator("#q-imposes-solutions .feedback").inner_text().startswith(ui("en")["correct"])
        learner.lang = "en"
        learner.answer_questions(KNOWLEDGE_CHECK[4:])  # the fill-in in English
        log = first.leave()
        assert initialize_calls(log) == 1 and log["refused"] == []
        assert first.errors == []
        assert json.loads(lms.tracks["cmi.suspend_data"])[7] == "en"
        assert lms.tracks["cmi.core.lesson_status"] == "incomplete"

        second = ScormSession(browser, lms, unit, "en")
        frame, learner = second.frame, second.learner
        assert frame.locator("html").get_attribute("lang") == "en"  # the learner's choice beats the profile
        assert learner.current_page() == "knowledge-check"
        assert frame.locator("#q-relationship-basis input").input_value() == "confidentiality"
        switch(frame, "Deutsch")
        assert frame.locator("#q-relationship-basis .feedback").inner_text().startswith(ui("de")["correct"])
        learner.lang = "de"
        learner.next()
        learner.answer_questions(REFLECTION)
        learner.next()
        assert "Ihre Punktzahl: 100\u00a0%" in learner.result_text()
        log = second.leave()
        assert initialize_calls(log) == 1 and log["refused"] == []
        assert second.errors == []
    finally:
        lms.close()
    assert lms.tracks["cmi.core.lesson_status"] == "passed"
    assert lms.tracks["cmi.core.score.raw"] == "100"
    # one interaction per answer, the same ids as in either language's package; only the
    # fill-in's text (and its pattern) is the language it was answered in
    german, english = expected_interactions(unit, "de"), expected_interactions(unit, "en")
    expected = german[:4] + english[4:7] + german[7:]
    assert [r["id"] for r in recorded(lms)] == KNOWLEDGE_CHECK + REFLECTION
    assert recorded(lms) == expected
    assert recorded(lms)[6]["student_response"] == "confidentiality"


@pytest.fixture(scope="module")
def site(trio, serve, tmp_path_factory):  # noqa: F811
    """The three-language bundle on one origin (the LRS fixture allows it)."""
    root = tmp_path_factory.mktemp("bundle-site")
    shutil.copytree(trio["xapi"], root / "trio")
    return root, serve(root)


TRIO_IRI = "https://example.org/units/trio"


def launch(browser, site, lrs, agent, locale, lang):  # noqa: F811
    registration = str(uuid.uuid4())
    context = browser.new_context(locale=locale, viewport={"width": 1024, "height": 800})
    url = launch_url(f"{site[1]}/trio", lrs.endpoint, lrs.auth, agent, registration, TRIO_IRI)
    session = XapiSession(browser, url, None, lang, context=context)
    session.registration = registration
    return session


def answer(page, qid: str, value=None, text: str | None = None) -> None:
    Learner(page, None, "").show(qid)  # one question at a time: Next or Back to it
    form = page.locator(f"#q-{qid}")
    if text is not None:
        form.locator("input, textarea").fill(text)
    else:
        form.locator(f"input[value={value}]").check()
    form.locator("button[type=submit]").click()
    form.locator(".feedback").wait_for()


def test_xapi_statements_say_the_language_shown_and_the_report_groups_them(browser, site, lrs):  # noqa: F811
    erika = launch(browser, site, lrs, ERIKA, "fr-FR", "fr")
    page = erika.page
    assert page.evaluate("document.documentElement.lang") == "fr"
    page.locator("#next").click()
    answer(page, "sky", "blue")
    switch(page, "Deutsch")
    answer(page, "rain", text="Regen")
    erika.settled()
    page.reload()  # leaves (suspended, terminated) and comes back: the bookmark keeps German
    erika.learner.wait_ready()
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.locator("#q-sky .feedback").inner_text() == f"{ui('de')['correct']} Der Himmel ist blau."
    answer(page, "sure", "true")
    answer(page, "note", text="Danke.")
    page.locator("#next").click()
    assert "Ihre Punktzahl: 100\u00a0%" in page.locator("#result").inner_text()
    erika.settled()
    statements = in_order(erika.leave(lrs, ERIKA, erika.registration))
    answered = [(s["object"]["id"], s["context"]["language"]) for s in statements if verb(s) == "answered"]
    assert answered == [(f"{TRIO_IRI}/questions/sky", "fr-FR"), (f"{TRIO_IRI}/questions/rain", "de-DE"),
                        (f"{TRIO_IRI}/questions/sure", "de-DE"), (f"{TRIO_IRI}/questions/note", "de-DE")]
    # a switch is not a page visit: the check page was experienced once per launch
    assert [s["object"]["id"] for s in statements if verb(s) == "experienced"].count(f"{TRIO_IRI}/pages/check") == 2
    passed = [s for s in statements if verb(s) == "passed"]
    assert [(s["object"]["id"], s["result"]["score"]["scaled"]) for s in passed] == [(TRIO_IRI, 1.0)]

    max_ = launch(browser, site, lrs, MAX, "en-US", "en")
    max_.page.locator("#next").click()
    answer(max_.page, "sky", "green")
    answer(max_.page, "rain", text="rain")
    answer(max_.page, "sure", "true")
    max_.page.locator("#next").click()
    max_.settled()
    max_.leave(lrs, MAX, max_.registration)

    env = {"QSER_LRS_ENDPOINT": lrs.endpoint, "QSER_LRS_USER": lrs.user, "QSER_LRS_PASSWORD": lrs.password}
    result = CliRunner(env=env).invoke(main, ["report", "--unit", TRIO_IRI, "--format", "json", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["title"] == "Trois langues"
    people = {l["name"]: (l["completed"], l["outcome"], l["score"]) for l in report["learners"]}
    assert people == {"Erika Muster": (True, "passed", 100), "Max Mustermann": (True, "passed", 67)}
    sky = next(q for q in report["questions"] if q["id"] == "sky")
    assert sky["text"] == "De quelle couleur est le ciel ?"
    # answered in French by one learner, in English by the other: one question, both answers
    assert [(a["learner"], a["response"], a["success"]) for a in sky["answers"]] == [
        ("Erika Muster", "Bleu", True), ("Max Mustermann", "Vert", False)]
