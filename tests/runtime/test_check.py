"""The knowledge check as a learner meets it: the rules said before the first question, one question
at a time, feedback that never contradicts the score, a result page that says what counted, reviews
every answer and says what to do next, a retake; the focus never lost, every target big enough.

The expected words are the unit's own texts and the catalogs' (tests/support/player.ui), put
together here by hand, never by the code under test. What an LMS or LRS records of a retake is in
tests/moodle/test_scorm12_retake.py and tests/xapi/test_xapi_retake.py.
"""

from __future__ import annotations

import pytest

from builder.model import Question
from tests.support.learner import Learner, right_response, wrong_response
from tests.support.player import open_unit, ui

LANGS = ["en", "de"]


@pytest.fixture
def unit_page(page, seed_unit):
    page.seed_unit = seed_unit
    return page


def percent(lang: str, n: int) -> str:
    return ui(lang)["percent"].replace("{n}", str(n))


def words(q: Question, response, lang: str) -> list[str]:
    """A response as the learner should read it back: the unit's own words for it, line by line."""
    texts = ui(lang)
    if q.type == "true-false":
        return [texts["label_true"] if response else texts["label_false"]]
    if q.type in ("single-choice", "multiple-choice"):
        return [c.text[lang] for c in q.choices if c.id in response]
    if q.type == "matching":
        targets = {t.id: t.text[lang] for t in q.targets}
        return [f"{s.text[lang]} → {targets[response[s.id]]}" for s in q.choices]
    if q.type == "sequencing":
        items = {c.id: c.text[lang] for c in q.choices}
        return [items[i] for i in response]
    return [str(response)]


def scored(unit) -> list[Question]:
    return [q for q in unit.questions.values() if q.scored]


def to_page(learner: Learner, page_id: str) -> None:
    while learner.current_page() != page_id:
        learner.next()


def plural(lang: str, key: str, n: int, **values) -> str:
    entry = ui(lang)[key]
    text = entry if isinstance(entry, str) else entry["one" if n == 1 else "other"]
    for k, v in dict(values, n=n).items():
        text = text.replace("{" + k + "}", str(v))
    return text


@pytest.mark.parametrize("lang", LANGS)
def test_wrong_then_right_on_every_question_the_result_says_what_counted(unit_page, serve, unpacked, seed_unit, lang):
    page = unit_page
    _, _, learner = open_unit(page, serve, unpacked, lang)
    texts = ui(lang)
    questions = scored(seed_unit)
    to_page(learner, "knowledge-check")

    # Before the first question: how the check works, from the unit's own numbers.
    rules = page.locator(".check-rules").inner_text()
    assert texts["check_title"] in rules
    assert plural(lang, "check_size", len(questions), mastery=percent(lang, seed_unit.mastery_score)) in rules
    assert plural(lang, "check_tries", seed_unit.attempts) in rules
    assert texts["check_counts_first"] in rules
    assert texts["check_retakes_practice"] in rules  # the html package: as often as the learner likes
    assert page.evaluate(f"""document.querySelector('.check-rules').compareDocumentPosition(
        document.getElementById('q-{questions[0].id}')) & Node.DOCUMENT_POSITION_FOLLOWING""")

    for n, q in enumerate(questions, start=1):
        first = learner.answer(q, wrong_response(q, lang))
        assert page.locator(f"#qn-{q.id}").inner_text().lower() == texts["question_of"].replace(
            "{n}", str(n)).replace("{total}", str(len(questions))).lower()
        assert first.startswith(texts["wrong"]) and plural(lang, "tries_left_first", 1) in first
        second = learner.answer(q, right_response(q, lang))
        # the verdict and, in the same breath, that this try does not change the score
        assert second.startswith(f"{texts['correct']} {texts['first_counted']}"), second
    learner.next()  # the reflections, left unanswered
    learner.next()

    result = learner.result_text()
    assert texts["score"].replace("{score}", "0") in result
    assert texts["failed"].replace("{mastery}", str(seed_unit.mastery_score)) in result
    assert texts["counted_first"] in result
    assert texts["next_retake"] in result
    assert page.get_by_role("button", name=texts["retake"]).is_visible()

    items = page.locator("#result .review-item")
    assert items.count() == len(questions)
    for n, q in enumerate(questions, start=1):
        item = items.nth(n - 1)
        summary = item.locator("summary")
        assert summary.inner_text() == (f"✗ {texts['review_wrong']} "
                                        f"{texts['question_number'].replace('{n}', str(n))}: {q.prompt[lang]}")
        summary.click()
        said = item.inner_text()
        counted, later = said.index(texts["answer_counted"]), said.index(texts["answer_later"])
        for line in words(q, wrong_response(q, lang), lang):
            assert line in said[counted:later], (q.id, line)
        for line in words(q, right_response(q, lang), lang):
            assert line in said[later:], (q.id, line)
        assert q.feedback["reveal"][lang] in said

    reflections = page.locator("#result .reflection-list > li")
    assert reflections.count() == 2
    for i in range(2):
        assert texts["reflection_skipped"] in reflections.nth(i).inner_text()
    reflections.nth(1).get_by_role("link", name=texts["answer_now"]).click()
    second_reflection = seed_unit.pages[-1].questions[1]
    assert page.evaluate("document.activeElement.id") == f"qn-{second_reflection}"
    assert page.locator(f"#q-{second_reflection}").is_visible()
    assert page.js_errors == []


def test_a_retake_clears_the_check_and_the_new_score_counts(unit_page, serve, unpacked, seed_unit):
    page = unit_page
    _, _, learner = open_unit(page, serve, unpacked, "en")
    texts = ui("en")
    learner.run_through(right=False)
    assert texts["failed"].replace("{mastery}", "80") in learner.result_text()
    reflection = seed_unit.pages[-1].questions[0]

    page.get_by_role("button", name=texts["retake"]).click()
    first = scored(seed_unit)[0]
    assert learner.current_page() == "knowledge-check"
    assert page.evaluate("document.activeElement.id") == f"qn-{first.id}"
    for q in scored(seed_unit):  # open again, empty, nothing marked
        form = page.locator(f"#q-{q.id}")
        assert "locked" not in form.get_attribute("class")
        assert form.locator(".feedback").inner_text() == "" and form.locator(".mark").count() == 0
        assert form.locator("input:checked").count() == 0
    assert page.locator(f"#q-{reflection} textarea").input_value()  # the reflection stays
    assert page.evaluate("QSER.player.outcome().score") is None  # no score until the retake is done

    for q in scored(seed_unit):
        assert learner.answer(q, right_response(q, "en")) == f"{texts['correct']} {q.feedback['correct']['en']}"
    page.reload()  # the retake and its answers survive a reload
    learner.wait_ready()
    to_page(learner, "")
    result = learner.result_text()
    assert texts["score"].replace("{score}", "100") in result
    assert texts["passed"].replace("{mastery}", "80") in result
    assert texts["next_practice"] in result  # the html package: practice goes on after a pass
    assert page.evaluate("QSER.player.state.retakes") == 1
    assert page.js_errors == []


def test_after_the_last_try_the_question_keeps_the_learners_answer_and_marks_the_right_one(unit_page, serve, unpacked,
                                                                                       seed_unit):
    page = unit_page
    _, _, learner = open_unit(page, serve, unpacked, "de")
    texts = ui("de")
    to_page(learner, "knowledge-check")
    q = next(q for q in scored(seed_unit) if q.type == "single-choice")
    wrong = wrong_response(q, "de")
    learner.answer(q, wrong)
    last = learner.answer(q, wrong)
    assert last.startswith(f"{texts['wrong']} {texts['first_counted']} {texts['revealed']}")
    form = page.locator(f"#q-{q.id}")
    chosen = form.locator(f"label:has(input[value='{wrong[0]}'])")
    right = form.locator(f"label:has(input[value='{right_response(q, 'de')[0]}'])")
    assert chosen.locator("input").is_checked()  # the learner's own answer stays
    assert chosen.locator(".mark").inner_text() == "✗ " + texts["mark_yours_wrong"]
    assert right.locator(".mark").inner_text() == "✓ " + texts["mark_right"]
    assert not right.locator("input").is_checked()
    # locked, and still readable and reachable: the answer cannot change
    right.click(force=True)  # (playwright would wait for an aria-disabled control; a person just clicks)
    chosen.locator("input").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert chosen.locator("input").is_checked() and not right.locator("input").is_checked()
    assert page.evaluate("QSER.player.state.tries")[q.id] == 2
    assert form.locator("input[disabled]").count() == 0

    seq = next(q for q in scored(seed_unit) if q.type == "sequencing")
    learner.answer(seq, right_response(seq, "de"))
    shown = page.locator(f"#q-{seq.id} .review.right li").all_inner_texts()
    assert shown == [c.text["de"] for c in seq.choices]  # the right order, not the shuffled one


@pytest.mark.parametrize("lang", LANGS)
def test_no_hint_or_message_shows_a_number_the_question_accepts(unit_page, serve, unpacked, seed_unit, lang):
    """The seed's answer is 7; the player's own hint and error used to say "e.g. 7"."""
    page = unit_page
    _, _, learner = open_unit(page, serve, unpacked, lang)
    to_page(learner, "knowledge-check")
    q = next(q for q in scored(seed_unit) if q.type == "numeric")
    said = learner.answer(q, "seven") + " " + page.locator(f"#{q.id}-hint").inner_text()
    assert said == ui(lang)["number_expected"] + " " + ui(lang)["number_hint"]
    assert not any(ch.isdigit() for ch in said)


def test_one_question_at_a_time_with_the_progress_and_next_always_in_reach(unit_page, serve, unpacked, seed_unit):
    page = unit_page
    page.set_viewport_size({"width": 375, "height": 667})
    _, _, learner = open_unit(page, serve, unpacked, "en")
    texts = ui("en")
    total = len(seed_unit.pages) + 1  # the result page counts
    assert page.locator("#progress").get_attribute("aria-hidden") == "true"  # the text says it, once
    for n, p in enumerate(seed_unit.pages, start=1):
        # the unit's title once: not above a page whose heading is the same title
        assert page.locator("#unit-title").is_visible() is (p.title["en"] != seed_unit.title["en"]), p.id
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert page.locator("#progress-text").inner_text() == texts["progress"].replace("{n}", str(n)).replace(
            "{total}", str(total))
        for button in ("#next", "#progress-text"):  # in the viewport, even at the end of a long page
            box = page.locator(button).bounding_box()
            assert 0 <= box["y"] and box["y"] + box["height"] <= 667, (p.id, button)
        if len(p.questions) > 1:
            assert page.locator("section.page:not([hidden]) form.question:visible").count() == 1
        learner.next()
    assert page.locator("#progress-text").inner_text() == texts["progress"].replace("{n}", str(total)).replace(
        "{total}", str(total))
    assert page.evaluate("document.getElementById('progress').value === document.getElementById('progress').max")
