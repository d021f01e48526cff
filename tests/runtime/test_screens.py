"""Every page and state, in both languages, at desktop and phone widths: what a reviewer would look at.
Each question of the knowledge check (shown one at a time) tried, then right or revealed; the
result page (failed) with its review opened; a retake played right; the result page passed.

Writes full-page screenshots to test-artifacts/screenshots/ (not committed) and runs two
accessibility engines on each state: axe-core and IBM's Equal Access engine.
"""

from __future__ import annotations

import json
import re

import pytest

from builder import TOOL_ROOT
from tests.support.a11y import run_axe, run_ibm
from tests.support.learner import Learner, right_response, wrong_response
from tests.support.player import ui

SHOTS = TOOL_ROOT / "test-artifacts" / "screenshots"


def too_wide(page) -> list:
    """Anything the learner would have to scroll sideways to see."""
    return page.evaluate("""() => {
        const out = [];
        if (document.documentElement.scrollWidth > window.innerWidth) out.push("page " + document.documentElement.scrollWidth);
        document.querySelectorAll("section.page:not([hidden]) img, section.page:not([hidden]) select, " +
                                  "section.page:not([hidden]) input, section.page:not([hidden]) label, button").forEach(el => {
            const r = el.getBoundingClientRect();
            if (r.width && (r.right > window.innerWidth + 0.5 || r.left < -0.5)) out.push(el.outerHTML.slice(0, 80));
        });
        return out;
    }""")


def breakable_short_words(page) -> list:
    """Words like "Q-SER" shown where a line could break at their hyphen ("Q-" / "SER"), and
    a number whose "%" could go to the next line ("80 %" in German)."""
    return page.evaluate("""() => {
        const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const parent = n.parentElement;
            if (!parent || parent.closest("script, template, option") || !parent.getClientRects().length) continue;
            const word = n.data.match(/(^|[^\\w-])(\\w{1,2}-\\w+)/);
            if (word && getComputedStyle(parent).whiteSpace !== "nowrap") out.push(word[2] + " in " + n.data.slice(0, 60));
            if (/\\d[ \\t\\n]+%/.test(n.data)) out.push("% apart from its number in " + n.data.slice(0, 60));
        }
        return out;
    }""")


def figure_texts_complete(page) -> list:
    """Each visible figure's text version holds every word the figure shows (its SVG text)."""
    missing = []
    for fig in page.locator("section.page:not([hidden]) figure").all():
        src = fig.locator("img").evaluate("i => i.currentSrc || i.src")
        svg = page.evaluate("u => fetch(u).then(r => r.text())", src)
        shown = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg))
        text = fig.locator("details").evaluate("d => d.textContent").lower()
        for word in re.findall(r"[\w-]{4,}", shown.replace("-\u0020", "")):
            if word.rstrip("-").lower() not in text:
                missing.append((src.rsplit("/", 1)[-1], word))
    return missing


@pytest.mark.parametrize("width", [1280, 375, 320])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_and_state_fits_and_passes_two_accessibility_engines(browser, serve, unpacked, seed_unit, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(serve(unpacked[(lang, "html")]) + "/index.html")
    learner = Learner(page, seed_unit, lang)
    learner.wait_ready()
    problems, n = {}, 0
    engines = width != 320  # the narrowest width checks layout only: the engines saw the same DOM at 375

    def state(name: str) -> None:
        nonlocal n
        n += 1
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.wait_for_function("() => [...document.querySelectorAll('section.page:not([hidden]) img')].every(i => i.complete && i.naturalWidth)")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{lang}-{width}-{n:02d}-{name}-screen.png"))  # as the learner sees it
        # the whole page: the bars that stay in reach drawn once, where they are in the page
        unstick = page.add_style_tag(content=".pager, .unit-header { position: static !important; }")
        page.screenshot(path=str(SHOTS / f"{lang}-{width}-{n:02d}-{name}.png"), full_page=True)
        unstick.evaluate("s => s.remove()")
        found = {"wide": too_wide(page), "figure text": figure_texts_complete(page),
                 "breaks at a hyphen": breakable_short_words(page)}
        if engines:
            found.update(axe=run_axe(page), ibm=run_ibm(page))
        found = {k: v for k, v in found.items() if v}
        if found:
            problems[name] = found
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = false)")

    for p in seed_unit.pages:
        state(p.id)  # with the rules of the knowledge check before its first question
        for i, qid in enumerate(p.questions):  # one question at a time: each its own states
            q = seed_unit.questions[qid]
            if not q.scored:
                learner.answer(q, right_response(q, lang))
                state(qid + "-saved")
                continue
            if q.type == "numeric":
                learner.answer(q, "seven")  # a message: not a number
            learner.answer(q, wrong_response(q, lang))
            state(qid + "-tried")
            # then right, or wrong again: the review marks in the question
            learner.answer(q, wrong_response(q, lang) if i % 2 else right_response(q, lang))
            state(qid + ("-revealed" if i % 2 else "-right"))
        learner.next()
    state("result")  # failed, every review opened
    page.get_by_role("button", name=ui(lang)["retake"]).click()
    state("retake")
    for q in (q for q in seed_unit.questions.values() if q.scored):  # the retake: right at once
        learner.answer(q, right_response(q, lang))
    while page.locator("#result").is_hidden():
        learner.next_step()
    state("result-passed")
    context.close()
    assert errors == []
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_the_accessibility_engines_can_fail(browser, serve, unpacked):
    """Both engines report a broken page: an image without a text alternative."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(unpacked[("en", "html")]) + "/index.html")
    page.locator("html[data-ready=true]").wait_for(state="attached")
    page.evaluate("document.querySelector('main').appendChild(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in run_axe(page)]
    assert run_ibm(page)
    context.close()

