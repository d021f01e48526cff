"""Tries, messages and the result page, as a learner meets them in the player (html target)."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from builder.build import build
from builder.load.loader import load_unit
from tests.conftest import SEED, UNITS
from tests.support.learner import Learner, right_response, wrong_response
from tests.support.player import open_unit, ui


@pytest.fixture
def unit_page(page, seed_unit):
    page.seed_unit = seed_unit
    return page


def to_page(learner: Learner, page_id: str) -> None:
    while learner.current_page() != page_id:
        learner.next()


def q_of_type(unit, qtype):
    return next(q for q in unit.questions.values() if q.type == qtype)


def test_a_wrong_first_try_gets_a_hint_and_another_try_the_last_shows_the_answer(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "en")
    texts = ui("en")
    to_page(learner, "knowledge-check")
    q = q_of_type(seed_unit, "single-choice")
    form = unit_page.locator(f"#q-{q.id}")

    first = learner.answer(q, wrong_response(q, "en"))
    # scoring: first: the next try is for learning, and the learner is told so now
    assert first == f"{texts['wrong']} {q.feedback['wrong']['en']} {texts['tries_left_first']['one']}"
    assert q.feedback["reveal"]["en"] not in first  # the hint does not give the answer away
    assert form.locator("button[type=submit]").is_visible()

    last = learner.answer(q, wrong_response(q, "en"))
    assert last == f"{texts['wrong']} {texts['first_counted']} {texts['revealed']} {q.feedback['reveal']['en']}"
    right = right_response(q, "en")[0]
    assert form.locator(f"label:has(input[value='{right}']) .mark").inner_text() == "✓ " + texts["mark_right"]
    assert form.locator(f"input[value='{wrong_response(q, 'en')[0]}']").is_checked()  # the learner's own stays
    assert "locked" in form.get_attribute("class")  # and the question takes no more answers
    assert form.locator("input[aria-disabled=true]").count() == len(q.choices)
    assert not form.locator("button[type=submit]").is_visible()
    assert unit_page.js_errors == []


def test_a_right_answer_locks_the_question_and_the_feedback_says_the_verdict_once(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "de")
    texts = ui("de")
    to_page(learner, "knowledge-check")
    q = q_of_type(seed_unit, "true-false")
    said = learner.answer(q, right_response(q, "de"))
    assert said == f"{texts['correct']} {q.feedback['correct']['de']}"
    assert said.count(texts["correct"]) == 1 and not said.startswith(ui("de")["label_true"])
    assert unit_page.locator(f"#q-{q.id} input:not([aria-disabled=true])").count() == 0


@pytest.mark.parametrize("typed", ["7", " 7 ", "7,0", "7.0"])
def test_numeric_answers_written_as_people_write_numbers_are_read(unit_page, serve, unpacked, seed_unit, typed):
    _, _, learner = open_unit(unit_page, serve, unpacked, "en")
    to_page(learner, "knowledge-check")
    q = q_of_type(seed_unit, "numeric")
    assert learner.answer(q, typed).startswith(ui("en")["correct"])


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("typed", ["seven", "7 partners", ""])
def test_an_answer_that_is_not_a_number_is_told_what_is_expected(unit_page, serve, unpacked, seed_unit, typed, lang):
    _, _, learner = open_unit(unit_page, serve, unpacked, lang)
    to_page(learner, "knowledge-check")
    q = q_of_type(seed_unit, "numeric")
    assert learner.answer(q, typed) == ui(lang)["number_expected"]
    # not counted as a try: the learner still has them all
    assert "project-partners" not in unit_page.evaluate("QSER.player.state.tries")
    assert unit_page.locator(f"#q-{q.id}").get_attribute("aria-labelledby")
    assert unit_page.locator(f"#{q.id}-hint").inner_text() == ui(lang)["number_hint"]


def test_a_position_used_twice_is_named(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "en")
    to_page(learner, "knowledge-check")
    q = q_of_type(seed_unit, "sequencing")
    learner.show(q.id)
    form = unit_page.locator(f"#q-{q.id}")
    for item in q.choices:
        form.locator(f"select[name='{item.id}']").select_option("2")
    form.locator("button[type=submit]").click()
    assert form.locator(".feedback").inner_text() == ui("en")["position_twice"].replace("{n}", "2")
    for item in q.choices[:-1]:
        form.locator(f"select[name='{item.id}']").select_option("")
    form.locator("button[type=submit]").click()
    assert form.locator(".feedback").inner_text() == ui("en")["position_all"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_failed_learner_gets_a_link_to_each_question_in_the_review(unit_page, serve, unpacked, seed_unit, lang):
    _, _, learner = open_unit(unit_page, serve, unpacked, lang)
    texts = ui(lang)
    learner.run_through(right=False)
    result = learner.result_text()
    assert texts["failed"].replace("{mastery}", str(seed_unit.mastery_score)) in result
    assert "(s)" not in result and "(n)" not in result
    total = len(seed_unit.pages) + 1
    assert unit_page.locator("#progress-text").inner_text() == texts["progress"].replace(
        "{n}", str(total)).replace("{total}", str(total))  # the result page is the last, counted
    links = unit_page.locator("#result .review-item a")
    scored = [q for q in seed_unit.questions.values() if q.scored]
    assert links.count() == len(scored)
    for i, q in enumerate(scored):
        assert unit_page.locator("#result .review-item summary").nth(i).inner_text().endswith(": " + q.prompt[lang])
    unit_page.locator("#result .review-item summary").nth(2).click()
    links.nth(2).click()
    assert learner.current_page() == "knowledge-check"
    assert unit_page.evaluate("document.activeElement.id") == f"qn-{scored[2].id}"
    assert unit_page.locator(f"#q-{scored[2].id}").is_visible()
    page = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    assert unit_page.title() == f"{page.title[lang]} – {seed_unit.title[lang]}"


def test_every_page_has_a_title_of_its_own(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "de")
    titles = []
    for page in seed_unit.pages:
        titles.append(unit_page.title())
        unit = seed_unit.title["de"]  # a page titled like the unit (the welcome page) is named once
        assert titles[-1] == (unit if page.title["de"] == unit else f"{page.title['de']} – {unit}")
        learner.next()
    assert unit_page.title() == f"{ui('de')['result_title']} – {seed_unit.title['de']}"


def test_plurals_follow_the_language(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "de")
    to_page(learner, "knowledge-check")
    scored = [q for q in seed_unit.questions.values() if q.scored]
    for q in scored[1:]:
        learner.answer(q, right_response(q, "de"))
    while learner.current_page() != "":
        learner.next()
    assert "Noch zu beantworten: 1 Frage des Wissenschecks." in learner.result_text()


def test_tries_survive_a_reload(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "en")
    to_page(learner, "knowledge-check")
    q = q_of_type(seed_unit, "true-false")
    learner.answer(q, wrong_response(q, "en"))
    unit_page.reload()
    learner.wait_ready()
    last = learner.answer(q, wrong_response(q, "en"))
    assert ui("en")["revealed"] in last and ui("en")["first_counted"] in last


@pytest.fixture(scope="module")
def best_of_three(tmp_path_factory):
    """The seed unit with scoring: best and three tries, built as an html preview."""
    root = tmp_path_factory.mktemp("units")
    shutil.copytree(UNITS / SEED, root / SEED)
    meta = root / SEED / "unit.yaml"
    meta.write_text(meta.read_text("utf-8") + "attempts: 3\nscoring: best\n", "utf-8")
    out = tmp_path_factory.mktemp("dist-best")
    built = build(root, out, [SEED], ["en"], ["html"])
    folder = tmp_path_factory.mktemp("best-html")
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(folder)
    return load_unit(root / SEED), folder


@pytest.mark.parametrize("scoring", ["first", "best"])
def test_the_score_counts_the_first_or_the_best_try(page, serve, unpacked, seed_unit, best_of_three, scoring):
    unit, folder = (seed_unit, unpacked[("en", "html")]) if scoring == "first" else best_of_three
    page.goto(serve(folder) + "/index.html")
    learner = Learner(page, unit, "en")
    learner.wait_ready()
    to_page(learner, "knowledge-check")
    scored = [q for q in unit.questions.values() if q.scored]
    learner.answer(scored[0], wrong_response(scored[0], "en"))
    if scoring == "best":
        learner.answer(scored[0], wrong_response(scored[0], "en"))
        assert ui("en")["tries_left"]["one"] in page.locator(f"#q-{scored[0].id} .feedback").inner_text()
    learner.answer(scored[0], right_response(scored[0], "en"))
    for q in scored[1:]:
        learner.answer(q, right_response(q, "en"))
    while learner.current_page() != "":
        learner.next()
    expected = 100 if scoring == "best" else round(100 * (len(scored) - 1) / len(scored))
    assert re.search(rf"\b{expected}\s?%", learner.result_text())
