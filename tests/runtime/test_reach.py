"""What a keyboard and a finger can reach: after every learner action the focus is on what is new
(a heading, a feedback, the pressed button), never on the page itself; on a 375 px phone every
control is at least 44 x 44 CSS px, in every page and state; hover shows where a mouse is and
never sticks to what a finger tapped."""

from __future__ import annotations

import re

import pytest

from tests.support.bundles import bundles  # noqa: F401  (fixture)
from tests.support.learner import Learner, right_response, wrong_response
from tests.support.player import ui

FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return "the page itself";
    if (!el.getClientRects().length) return "a hidden element: " + el.outerHTML.slice(0, 80);
    return el.id || el.className || el.tagName;
}"""

TOO_SMALL = """() => {
    const out = [];
    const controls = document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex='0']");
    for (const el of controls) {
        if (el.matches(".skip") && el !== document.activeElement) continue;  // shown only when focused
        if (!el.getClientRects().length) continue;  // not on the screen
        // a radio button or check box is hit through its whole label row
        const box = (el.matches("input[type=radio], input[type=checkbox]") && el.closest("label") || el).getBoundingClientRect();
        if (box.height < 44 - 0.01 || box.width < 44 - 0.01) {
            out.push(`${Math.round(box.width)}x${Math.round(box.height)} ${el.outerHTML.slice(0, 90)}`);
        }
    }
    return out;
}"""


class Watched(Learner):
    """A learner after each of whose actions the focus is checked: `lost` lists where it was lost."""

    def __init__(self, frame, unit, lang):
        super().__init__(frame, unit, lang)
        self.lost = []
        self.actions = 0

    def check(self, action: str) -> str:
        self.actions += 1
        where = self.frame.evaluate(FOCUS)
        if where == "the page itself" or where.startswith("a hidden"):
            self.lost.append(f"{action}: {where}")
        return where

    def next_step(self) -> None:
        super().next_step()
        self.check("Next")

    def answer(self, q, response) -> str:
        said = super().answer(q, response)
        self.check(f"check {q.id}")
        return said


@pytest.mark.parametrize("lang", ["en", "de"])
def test_focus_never_rests_on_the_page_after_any_learner_action(page, serve, unpacked, seed_unit, lang):
    page.goto(serve(unpacked[(lang, "html")]) + "/index.html")
    learner = Watched(page, seed_unit, lang)
    learner.wait_ready()
    texts = ui(lang)
    while learner.current_page() != "knowledge-check":
        learner.next()
    assert learner.check("Next") == f"title-knowledge-check"
    for q in (q for q in seed_unit.questions.values() if q.scored):
        learner.show(q.id)
        page.locator(f"#q-{q.id} button[type=submit]").click()  # nothing chosen yet: told what to do
        assert learner.check(f"empty check {q.id}") == "feedback problem"
        learner.answer(q, wrong_response(q, lang))
        learner.answer(q, wrong_response(q, lang) if q.type == "numeric" else right_response(q, lang))
        assert not page.locator(f"#q-{q.id} button[type=submit]").is_visible()  # gone, after the focus moved on
        page.keyboard.press("Shift+Tab")  # back into the locked question: still reachable
        learner.check(f"Shift+Tab after {q.id}")
    page.locator("#back").click()
    assert learner.check("Back") == "qn-project-partners"
    learner.next_step()
    learner.next_step()  # the first reflection
    page.keyboard.press("Tab")  # from the heading to the question's first control
    page.keyboard.press("Shift+Tab")  # and before it: the skip link, not the page
    assert learner.check("Shift+Tab before a question") == "skip"
    page.keyboard.press("Enter")
    assert learner.check("the skip link") == "next"
    learner.next()
    for summary in page.locator("#result summary").all():
        summary.click()
        learner.check("open a review")
    page.locator("#result .review-item a").first.click()
    assert learner.check("a review's link") == "qn-imposes-solutions"
    learner.next()
    learner.next()
    page.get_by_role("button", name=texts["retake"]).click()
    assert learner.check("retake") == "qn-imposes-solutions"
    assert learner.lost == [] and learner.actions > 40
    assert page.js_errors == []


def test_the_language_switch_keeps_the_focus_and_the_place(page, serve, bundles, seed_unit):  # noqa: F811
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(serve(bundles["html"]) + "/index.html")
    learner = Watched(page, seed_unit, "en")
    learner.wait_ready()
    while learner.current_page() != "characteristics":
        learner.next()
    page.evaluate("window.scrollTo(0, 400)")
    reading = """() => {
        const parts = [...document.querySelector("section.page:not([hidden])").children];
        const i = parts.findIndex(p => p.getBoundingClientRect().bottom > 0);
        return [i, Math.round(parts[i].getBoundingClientRect().top)];
    }"""
    before = page.evaluate(reading)
    switch = page.get_by_role("button", name="Deutsch", exact=True)
    box = switch.bounding_box()  # in reach: the header stays on the screen
    assert box["y"] >= 0 and box["y"] + box["height"] <= 667
    switch.focus()
    page.keyboard.press("Enter")
    learner.check("switch")
    assert page.evaluate("document.activeElement.getAttribute('data-lang')") == "de"
    assert page.evaluate("document.documentElement.lang") == "de"
    after = page.evaluate(reading)  # the same part of the page, where the learner was reading (to a pixel: rounding)
    assert after[0] == before[0] and abs(after[1] - before[1]) <= 1, (before, after)

    # a saved reflection's counter counts its characters in the other language too
    learner.lang = "de"
    while learner.current_page() != "reflection":
        learner.next()
    note = seed_unit.questions[seed_unit.pages[-1].questions[0]]
    learner.answer(note, "Zuhören.")
    page.get_by_role("button", name="English", exact=True).click()
    assert page.locator(f"#q-{note.id} .hint").inner_text() == ui("en")["characters_left"].replace(
        "{n}", str(note.max_length - len("Zuhören.")))
    assert learner.lost == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_control_is_at_least_44_px_on_a_phone(browser, serve, unpacked, seed_unit, lang):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(serve(unpacked[(lang, "html")]) + "/index.html")
    learner = Learner(page, seed_unit, lang)
    learner.wait_ready()
    small, states = {}, 0

    def measure(state: str) -> None:
        nonlocal states
        states += 1
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        found = page.evaluate(TOO_SMALL)
        if found:
            small[state] = found

    page.keyboard.press("Tab")
    measure("skip link focused")
    for p in seed_unit.pages:
        measure(p.id)
        for i, qid in enumerate(p.questions):
            q = seed_unit.questions[qid]
            learner.answer(q, wrong_response(q, lang))
            measure(f"{qid} tried")
            if q.scored:
                learner.answer(q, wrong_response(q, lang) if i % 2 else right_response(q, lang))
                measure(f"{qid} done")
        learner.next()
    measure("result")
    context.close()
    assert small == {} and states > 20


BACKGROUND = "el => getComputedStyle(el).backgroundColor"


def test_hover_shows_on_a_desktop_and_sticks_to_nothing_on_a_touch_screen(browser, serve, bundles):  # noqa: F811
    """A pointer that hovers sees which language it is over, unlike the one shown; a finger's tap
    leaves no hover colour behind (a touch screen keeps :hover on what was tapped last)."""
    desktop = browser.new_page(viewport={"width": 1280, "height": 800})
    desktop.goto(serve(bundles["html"]) + "/index.html")
    desktop.locator("html[data-ready=true]").wait_for(state="attached")
    shown = desktop.locator(".languages button[aria-pressed=true]")
    other = desktop.locator(".languages button[aria-pressed=false]").first
    at_rest = other.evaluate(BACKGROUND)
    text = "el => getComputedStyle(el).color"
    other.hover()
    hovered = other.evaluate(BACKGROUND)
    assert hovered != at_rest  # the pointer shows where it is
    # and it still reads as a language not shown: light, its text unchanged, unlike the filled one
    assert all(int(c) > 200 for c in re.findall(r"\d+", hovered)[:3]), hovered
    assert other.evaluate(text) != shown.evaluate(text)
    desktop.close()

    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(serve(bundles["html"]) + "/index.html")
    phone.locator("html[data-ready=true]").wait_for(state="attached")
    assert phone.evaluate("matchMedia('(hover: hover)').matches") is False
    next_button = phone.locator("#next")
    at_rest = next_button.evaluate(BACKGROUND)
    next_button.tap()
    assert next_button.evaluate("el => el.matches(':hover')")  # what was tapped stays hovered
    assert next_button.evaluate(BACKGROUND) == at_rest
    context.close()
