"""The player as a learner meets it (html target, local tracker), in a real browser."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.a11y import run_axe
from tests.support.player import open_unit, ui

LANGS = ["en", "de"]


@pytest.fixture
def unit_page(page, seed_unit):
    page.seed_unit = seed_unit
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_learner_answering_everything_right_passes(unit_page, serve, unpacked, lang, seed_unit):
    base, requests, learner = open_unit(unit_page, serve, unpacked, lang)
    texts = ui(lang)
    assert unit_page.locator("html").get_attribute("lang") == lang
    seen = learner.run_through(right=True)

    for qid, (_, feedback) in seen.items():
        q = seed_unit.questions[qid]
        expected = texts["correct"] if q.scored else texts["saved"]
        assert feedback.startswith(expected), (qid, feedback)
        kind = "correct" if q.scored else "neutral"
        if kind in q.feedback:
            assert q.feedback[kind][lang] in feedback
    result = learner.result_text()
    assert texts["score"].replace("{score}", "100") in result
    assert texts["passed"].replace("{mastery}", str(seed_unit.mastery_score)) in result
    assert unit_page.js_errors == []
    assert requests and all(url.startswith(base + "/") for url in requests), requests


@pytest.mark.parametrize("lang", LANGS)
def test_learner_answering_wrong_fails_and_is_told_why(unit_page, serve, unpacked, lang, seed_unit):
    _, requests, learner = open_unit(unit_page, serve, unpacked, lang)
    texts = ui(lang)
    seen = learner.run_through(right=False)
    for qid, (_, feedback) in seen.items():
        q = seed_unit.questions[qid]
        if q.scored:
            assert feedback.startswith(texts["wrong"]), (qid, feedback)
            assert q.feedback["wrong"][lang] in feedback
    result = learner.result_text()
    assert texts["score"].replace("{score}", "0") in result
    assert texts["failed"].replace("{mastery}", str(seed_unit.mastery_score)) in result
    assert unit_page.js_errors == []


def test_unanswered_questions_are_named_on_the_result_page(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "en")
    for _ in seed_unit.pages:
        learner.next()
    result = learner.result_text()
    n = len(seed_unit.scored_questions)
    assert ui("en")["unanswered"]["other"].replace("{n}", str(n)) in result
    assert "%" not in result  # no score before the knowledge check is done


def test_a_reload_comes_back_to_the_same_page_with_answers_kept(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "de")
    learner.run_through(right=True, stop_after_page="knowledge-check")
    unit_page.reload()
    learner.wait_ready()
    assert learner.current_page() == "knowledge-check"
    tf = next(q for q in seed_unit.questions.values() if q.type == "true-false")
    assert unit_page.locator(f"#q-{tf.id} input[value={str(tf.correct).lower()}]").is_checked()
    assert unit_page.locator(f"#q-{tf.id} .feedback").inner_text().startswith(ui("de")["correct"])


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_no_accessibility_violations(unit_page, serve, unpacked, lang, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, lang)
    violations = {}

    def check(page_id):
        found = run_axe(unit_page)
        if found:
            violations[page_id] = found

    learner.run_through(right=False, on_page=check)
    # feedback shown and the result page, too
    check("result")
    assert violations == {}, json.dumps(violations, indent=1)
    # The check itself can fail: an image without alt text is caught.
    unit_page.evaluate("document.getElementById('result').appendChild(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in run_axe(unit_page)]


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_alone_can_do_everything(unit_page, serve, unpacked, seed_unit):
    """No mouse: Tab, arrows, typing, Space and Enter take the learner to a pass."""
    from tests.support.learner import right_response

    _, _, learner = open_unit(unit_page, serve, unpacked, "en")
    kb = unit_page.keyboard
    for page in seed_unit.pages:
        for qid in page.questions:
            q = seed_unit.questions[qid]
            response = right_response(q, "en")
            form = f"#q-{qid}"
            if q.type in ("true-false", "single-choice", "likert"):
                value = response[0] if isinstance(response, list) else response
                value = {True: "true", False: "false"}.get(value, value)
                tab_to(unit_page, f"{form} input")
                for _ in range(10):
                    if unit_page.evaluate("s => document.activeElement.value", None) == value:
                        break
                    kb.press("ArrowDown")
                kb.press("Space")
            elif q.type == "multiple-choice":
                for value in response:
                    tab_to(unit_page, f"{form} input[value='{value}']")
                    kb.press("Space")
            elif q.type == "matching":
                for name, value in response.items():
                    tab_to(unit_page, f"{form} select[name='{name}']")
                    for _ in range(10):
                        if unit_page.evaluate("() => document.activeElement.value") == value:
                            break
                        kb.press("ArrowDown")
            elif q.type == "sequencing":
                wanted = {item: str(i + 1) for i, item in enumerate(response)}
                for name, value in wanted.items():
                    tab_to(unit_page, f"{form} select[name='{name}']")
                    for _ in range(12):
                        if unit_page.evaluate("() => document.activeElement.value") == value:
                            break
                        kb.press("ArrowDown")
            else:
                tab_to(unit_page, f"{form} input, {form} textarea")
                kb.type(str(response))
            tab_to(unit_page, f"{form} button[type=submit]")
            kb.press("Enter")
            assert unit_page.locator(f"{form} .feedback").inner_text()
            tab_to(unit_page, "#next")  # the next question of the page, or the next page
            kb.press("Enter")
        if not page.questions:
            tab_to(unit_page, "#next")
            kb.press("Enter")
    result = learner.result_text()
    assert ui("en")["score"].replace("{score}", "100") in result


def test_on_a_phone_figures_use_their_narrow_layout_and_offer_a_text_version(unit_page, serve, unpacked, seed_unit):
    _, _, learner = open_unit(unit_page, serve, unpacked, "de")
    figures_seen = 0
    items = [sum(1 for line in image.text.read_text("utf-8").splitlines() if re.match(r"(- |\d+\. )", line))
             for page in seed_unit.pages for image in page.images["de"]]  # each text version's list items
    for page in seed_unit.pages:
        assert unit_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.id
        for fig in unit_page.locator("section.page:not([hidden]) figure").all():
            figures_seen += 1
            assert fig.get_attribute("tabindex") is None  # no tab stop that does nothing
            image = fig.locator("img").element_handle()
            unit_page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image)  # loaded (lazily)
            assert image.evaluate("i => i.currentSrc").endswith(".narrow.svg")
            assert image.evaluate("i => i.getBoundingClientRect().right <= window.innerWidth")
            assert 0 < len(image.get_attribute("alt")) <= 80  # short: the text version says the rest
            summary = fig.locator("details summary")
            assert summary.inner_text() == ui("de")["figure_text"]
            summary.click()
            assert fig.locator("details li").count() == items[figures_seen - 1] >= 3
        learner.next()
    assert figures_seen == 3
