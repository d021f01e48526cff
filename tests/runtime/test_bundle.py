"""One package for every language (a bundle, `qser build --languages bundle`): what it holds,
which language opens, and a switch that keeps page, answers and drafts (html target, local tracker).

SCORM 1.2 and xAPI sessions with a bundle are tests/runtime/test_bundle_tracking.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from builder import TOOL_ROOT
from builder.build import build
from builder.cli import main
from tests.conftest import SEED, UNITS
from tests.support.a11y import run_axe, run_ibm
from tests.support.bundles import bundles, trio  # noqa: F401  (fixtures)
from tests.support.learner import Learner, right_response
from tests.support.player import ui
from tests.support.scorm_schemas import scorm12_schema

SHOTS = TOOL_ROOT / "test-artifacts" / "screenshots"
IMSMD = "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}"
TINCAN = "{http://projecttincan.com/tincan.xsd}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_both_builds_a_zip_per_language_and_a_bundle_byte_identical_on_rebuild(tmp_path):
    targets = ["html", "scorm12", "xapi"]
    first = build(UNITS, tmp_path / "a", [SEED], targets=targets, languages="both")
    again = build(UNITS, tmp_path / "b", [SEED], targets=targets, languages="both")
    assert sorted(b.path.name for b in first) == [
        "becoming-a-mentor-de-1.1.0-html.zip", "becoming-a-mentor-de-1.1.0-scorm12.zip",
        "becoming-a-mentor-de-1.1.0-xapi.zip", "becoming-a-mentor-en+de-1.1.0-html.zip",
        "becoming-a-mentor-en+de-1.1.0-scorm12.zip", "becoming-a-mentor-en+de-1.1.0-xapi.zip",
        "becoming-a-mentor-en-1.1.0-html.zip", "becoming-a-mentor-en-1.1.0-scorm12.zip",
        "becoming-a-mentor-en-1.1.0-xapi.zip"]
    for a, b in zip(first, again):
        assert a.path.read_bytes() == b.path.read_bytes(), a.path.name
    # the trainers' letter tables of a SCORM bundle: one per language
    assert sorted(p.name for p in (tmp_path / "a").glob("*en+de*.html")) == [
        "becoming-a-mentor-en+de-1.1.0-scorm12-questions-de.html",
        "becoming-a-mentor-en+de-1.1.0-scorm12-questions-en.html"]


def test_a_bundle_of_one_language_is_that_languages_package(tmp_path):
    bundle = build(UNITS, tmp_path / "a", [SEED], ["de"], ["xapi"], languages="bundle")
    each = build(UNITS, tmp_path / "b", [SEED], ["de"], ["xapi"])
    assert [b.path.name for b in bundle] == ["becoming-a-mentor-de-1.1.0-xapi.zip"]
    assert bundle[0].path.read_bytes() == each[0].path.read_bytes()


def test_an_unknown_languages_choice_is_a_clear_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", "--units", str(UNITS), "--out", str(tmp_path), "--languages", "all"])
    assert result.exit_code == 2
    assert "Invalid value for '--languages': 'all' is not one of 'each', 'bundle', 'both'." in result.output


def test_manifests_carry_every_language_and_one_identity(bundles):
    manifest = etree.parse(str(bundles["scorm12"] / "imsmanifest.xml"))
    schema = scorm12_schema()
    assert schema.validate(manifest), schema.error_log
    general = manifest.find(f".//{IMSMD}general")
    titles = {s.get(XML_LANG): s.text for s in general.find(f"{IMSMD}title")}
    assert titles == {"en": "Becoming a Q-SER mentor", "de": "Ein Q-SER-Mentor werden"}
    assert [l.text for l in general.findall(f"{IMSMD}language")] == ["en", "de"]
    assert [s.get(XML_LANG) for s in general.find(f"{IMSMD}description")] == ["en", "de"]

    tincan = etree.parse(str(bundles["xapi"] / "tincan.xml")).getroot()
    unit = tincan.find(f"{TINCAN}activities/{TINCAN}activity")
    # the language-neutral unit IRI: the one activity (and Moodle activity) whatever the language
    assert unit.get("id") == "https://example.org/q-ser/units/becoming-a-mentor"
    assert {n.get("lang"): n.text for n in unit.findall(f"{TINCAN}name")} == {
        "en-US": "Becoming a Q-SER mentor", "de-DE": "Ein Q-SER-Mentor werden"}
    html = (bundles["xapi"] / "index.html").read_text("utf-8")
    # the first language's screen is in the document, as in its own package; the others wait inert
    assert re.findall(r'<template id="lang-(\w+)" lang="\w+">', html) == ["de"]
    assert html.split("<body>")[1].split("<template")[0].count('<main id="main">') == 1


def open_bundle(browser, serve, folder: Path, locale: str, unit=None, lang="en"):
    context = browser.new_context(locale=locale, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.js_errors, page.requests = [], []
    page.on("pageerror", lambda e: page.js_errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(f"{serve(folder)}/index.html")
    learner = Learner(page, unit, lang)
    learner.wait_ready()
    return page, learner


@pytest.mark.parametrize("locale, shown, heading", [
    ("fr-CA", "fr", "Bienvenue"),  # same primary language
    ("de-AT", "de", "Willkommen"),
    ("pt-BR", "en", "Welcome"),  # none of the unit's: its first language
])
def test_the_browsers_language_opens_else_the_units_first(browser, serve, trio, locale, shown, heading):
    page, _ = open_bundle(browser, serve, trio["html"], locale)
    assert page.evaluate("document.documentElement.lang") == shown
    assert page.locator("section.page:not([hidden]) h1").inner_text() == heading
    switch = page.locator(".languages button")
    assert [(b.inner_text(), b.get_attribute("lang")) for b in switch.all()] == [
        ("English", "en"), ("Deutsch", "de"), ("Français", "fr")]
    assert page.locator(".languages").get_attribute("aria-label") == ui(shown)["language_choice"]
    assert page.js_errors == []
    page.context.close()


def test_a_third_language_switches_and_any_languages_answer_is_accepted(browser, serve, trio):
    page, learner = open_bundle(browser, serve, trio["html"], "fr-FR")
    page.evaluate("window.sameDocument = true")
    learner.next()
    page.locator("#q-sky input[value=green]").check()  # a draft: not checked yet
    learner.next_step()  # one question at a time: on to the next
    rain = page.locator("#q-rain")
    rain.locator("input").fill("Regen")  # German, while French is shown
    rain.locator("button[type=submit]").click()
    assert rain.locator(".feedback").inner_text() == "Correct. C’est la pluie."
    page.get_by_role("button", name="Deutsch").click()
    assert page.evaluate("window.sameDocument") is True  # switched in place, no reload
    assert page.locator("section.page:not([hidden]) h1").inner_text() == "Prüfung"
    assert page.locator("#q-rain").is_visible()  # the same question of the page
    assert page.locator("#q-rain .feedback").inner_text() == f"{ui('de')['correct']} Es ist Regen."
    assert not page.locator("#q-rain input").is_editable()  # still locked: answered right
    assert page.locator("#q-sky input[value=green]").is_checked()  # the draft came along
    assert page.get_by_role("button", name="Deutsch").get_attribute("aria-pressed") == "true"
    assert page.js_errors == []
    page.context.close()


def test_a_fill_in_accepts_the_answers_of_its_packages_languages(seed_unit):
    """A package of one language accepts that language's answers only (its learners never read the
    other's words); a bundle, whose learner may switch, accepts every language's, the shown one's
    first (the one a reveal writes in)."""
    from builder.render.bundle import bundle_data
    from builder.render.package import runtime_data

    qid, q = "relationship-basis", seed_unit.questions["relationship-basis"]
    single = {lang: runtime_data(seed_unit, lang, {})["questions"][qid]["correct"] for lang in seed_unit.languages}
    assert single == {lang: list(q.answers[lang]) for lang in seed_unit.languages}
    data = bundle_data(seed_unit, {}, {lang: {} for lang in seed_unit.languages})
    assert data["questions"][qid]["correct"] == list(q.answers["en"] + q.answers["de"])
    assert data["texts"]["de"]["questions"][qid]["correct"] == {"=": list(q.answers["de"] + q.answers["en"])}


def test_switching_by_keyboard_keeps_page_answers_tries_and_focus(browser, serve, bundles, seed_unit):
    page, learner = open_bundle(browser, serve, bundles["html"], "en-GB", seed_unit, "en")
    learner.run_through(stop_after_page="summary")
    learner.next()
    tf = seed_unit.questions["imposes-solutions"]
    # every figure page was shown in English: no German figure was fetched
    assert [u for u in page.requests if "/media/" in u and ".de." in u] == []
    assert [u for u in page.requests if "/media/" in u and ".en." in u] != []
    learner.answer(tf, not right_response(tf, "en"))  # wrong: one try left
    fill = seed_unit.questions["relationship-basis"]
    learner.show(fill.id)
    page.locator(f"#q-{fill.id} input").fill("trus")  # typed, not checked
    page.evaluate("window.sameDocument = true")
    page.locator(".languages button[lang=de]").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.sameDocument") is True
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.evaluate("document.activeElement.getAttribute('lang')") == "de"  # focus stays on the switch
    assert learner.current_page() == "knowledge-check"
    assert page.locator("#progress-text").inner_text() == "Seite 8 von 10"
    assert page.locator(f"#q-{fill.id}").is_visible()  # the same question of the page
    assert page.locator(f"#q-{tf.id} .feedback").inner_text().startswith(
        ui("de")["wrong"] + " ")
    assert page.locator(f"#q-{tf.id} .feedback").inner_text().endswith(ui("de")["tries_left_first"]["one"])
    assert page.locator(f"#q-{fill.id} input").input_value() == "trus"
    state = page.evaluate("QSER.player.state")
    assert state["tries"] == {"imposes-solutions": 1} and state["credit"] == {"imposes-solutions": 0}
    stored = page.evaluate("JSON.parse(localStorage.getItem('qser:becoming-a-mentor:1.1.0:en+de'))")
    assert stored["lang"] == "de" and stored["page"] == "knowledge-check"
    # a reload opens the learner's choice, not the browser's language
    page.reload()
    learner.wait_ready()
    assert page.evaluate("document.documentElement.lang") == "de"
    assert learner.current_page() == "knowledge-check"
    assert page.js_errors == []
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_switch_is_accessible_and_screenshotted(browser, serve, bundles, seed_unit, lang):
    """axe-core and IBM's engine with the switch on a page of questions; screenshots to look at."""
    page, learner = open_bundle(browser, serve, bundles["html"], "en-US", seed_unit, "en")
    learner.run_through(stop_after_page="summary")
    learner.next()
    if lang != "en":
        page.locator(f".languages button[lang={lang}]").click()
    page.locator(".languages button[aria-pressed=true]").focus()
    assert run_axe(page) == []
    assert run_ibm(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"bundle-switch-{lang}-desktop.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"bundle-switch-{lang}-phone.png"))
    assert page.js_errors == []
    page.context.close()
