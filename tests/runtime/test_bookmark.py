"""A bookmark from an earlier build of the unit (docs/suspend-data.md), in the real browser.

The learner answers the first page, leaves; the author then inserts a question (its id sorts
first, so every stored position moves), reorders the questions on the page and reorders the
options of one question; the learner comes back to the new build. Answers to unchanged
questions are back, the changed and the new question are simply open, nothing is logged as
an error.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest

from builder.build import build
from builder.load.loader import load_unit
from tests.runtime.test_runtime_types import QUESTIONS, runtime  # noqa: F401 (runtime: the page with the codec)
from tests.support.learner import Learner
from tests.support.lms import ScormLMS
from tests.support.scorm_session import Session

UNIT_YAML = """\
id: versions
version: 1.0.0
languages: [en]
title: {en: Versions}
description: {en: A unit that changes.}
objectives: [{en: Come back}]
duration_minutes: 5
mastery_score: 50
xapi_base: https://example.org/units/versions
"""

FEEDBACK = "  feedback: {correct: {en: Yes.}, wrong: {en: No.}}\n"
COLOUR = ("- id: colour\n  type: single-choice\n  prompt: {en: Sky?}\n" + FEEDBACK +
          "  choices:\n    - {id: blue, text: {en: Blue}, correct: true}\n    - {id: green, text: {en: Green}}\n")
CITY = "- id: city\n  type: fill-in\n  prompt: {en: Capital of France?}\n  answers: {en: [Paris]}\n" + FEEDBACK
NOTE = "- id: note\n  type: free-text\n  prompt: {en: Anything else?}\n"
NEW = ("- id: aaa-new\n  type: single-choice\n  prompt: {en: New?}\n" + FEEDBACK +
       "  choices:\n    - {id: sure, text: {en: Sure}, correct: true}\n    - {id: nope, text: {en: Nope}}\n")


def order(choices: str) -> str:
    texts = {"a": "  - {id: a, text: {en: A}, correct: true}\n", "b": "  - {id: b, text: {en: B}, correct: true}\n",
             "c": "  - {id: c, text: {en: C}}\n"}
    return ("- id: order\n  type: multiple-choice\n  prompt: {en: Which?}\n" + FEEDBACK + "  choices:\n" +
            "".join("  " + texts[c] for c in choices))


V1 = (COLOUR + CITY + order("abc") + NOTE,
      "# One {#one}\n\n[question: colour]\n\n[question: city]\n\n[question: order]\n\n"
      "# Two {#two}\n\n[question: note]\n")
V2 = (NEW + CITY + COLOUR + order("cab") + NOTE,
      "# One {#one}\n\n[question: aaa-new]\n\n[question: city]\n\n[question: colour]\n\n[question: order]\n\n"
      "# Two {#two}\n\n[question: note]\n")


def build_version(root, name, version, target):
    """The unit as built from `version`, unpacked: (unit, folder)."""
    units = root / name / "units"
    (units / "versions").mkdir(parents=True)
    (units / "versions" / "unit.yaml").write_text(UNIT_YAML, "utf-8")
    (units / "versions" / "questions.yaml").write_text(version[0], "utf-8")
    (units / "versions" / "en.md").write_text(version[1], "utf-8")
    built = build(units, root / name / "dist", ["versions"], ["en"], [target])
    folder = root / name / "package"
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(folder)
    return load_unit(units / "versions"), folder


def play_first_page(learner, unit):
    learner.answer(unit.questions["colour"], ["blue"])
    learner.answer(unit.questions["city"], "Rome")
    learner.answer(unit.questions["order"], ["a"])


def console_errors_of(target) -> list:
    """Errors the page logs (a missing favicon is the browser's, not the player's)."""
    errors = []
    target.on("console", lambda m: m.type == "error" and not m.location.get("url", "").endswith("favicon.ico")
              and errors.append(m.text))
    return errors


def assert_restored(frame, console_errors, page_errors):
    """colour and city kept (moved in position), order (options reordered) and aaa-new open."""
    assert frame.locator("#q-colour input[value=blue]").is_checked()
    assert frame.locator("#q-colour .feedback").inner_text().startswith("Correct.")  # right, as before
    assert frame.locator("#q-city input").input_value() == "Rome"
    assert frame.locator("#q-city .feedback").inner_text().startswith("Not quite.")
    for qid in ("order", "aaa-new"):
        assert frame.locator(f"#q-{qid} input:checked").count() == 0, qid
        assert frame.locator(f"#q-{qid} .feedback").inner_text() == "", qid
    assert frame.locator("#notice").inner_text() == ("This unit was updated since your last visit: your answer to "
                                                     "one question was reset. Please answer it again.")
    assert console_errors == [] and page_errors == []


def test_local_bookmark_restores_only_unchanged_questions_after_a_rebuild(page, serve, tmp_path):
    unit1, folder1 = build_version(tmp_path, "v1", V1, "html")
    unit2, folder2 = build_version(tmp_path, "v2", V2, "html")
    site = tmp_path / "site"  # one address for both builds: the browser's storage is per origin
    shutil.copytree(folder1, site)
    base = serve(site)
    console_errors = console_errors_of(page)
    page.goto(f"{base}/index.html")
    learner = Learner(page, unit1, "en")
    learner.wait_ready()
    play_first_page(learner, unit1)

    shutil.rmtree(site)
    shutil.copytree(folder2, site)
    page.reload()
    Learner(page, unit2, "en").wait_ready()
    assert_restored(page, console_errors, page.js_errors)


@pytest.mark.parametrize("standard", [True, False], ids=["scormstandard-on", "scormstandard-off"])
def test_scorm_bookmark_restores_only_unchanged_questions_after_a_package_update(browser, tmp_path, standard):
    unit1, folder1 = build_version(tmp_path, "v1", V1, "scorm12")
    unit2, folder2 = build_version(tmp_path, "v2", V2, "scorm12")
    lms = ScormLMS(folder1, unit1.mastery_score, standard=standard)
    try:
        first = Session(browser, lms, unit1, "en")
        play_first_page(first.learner, unit1)
        first.leave()
        # docs/suspend-data.md's worked example: questions in id order city, colour, note, order.
        # (SCORM adds the attempt's token, index 10: scorm/journal.js)
        assert re.fullmatch(r'\[2,0,"10",3,\["Rome","a",null,"a"\],"10110010","oqt7eb8xzaa998m0",null,0,null,"[0-9a-z]{8}"\]',
                            lms.tracks["cmi.suspend_data"])

        lms.package = folder2  # the administrator updates the package; Moodle keeps the tracks
        context = browser.new_context()
        console_errors = console_errors_of(context)
        second = Session(browser, lms, unit2, "en", context=context)
        assert_restored(second.frame, console_errors, second.errors)
        # The learner goes on: the reopened questions are answered and recorded as usual.
        second.learner.answer(unit2.questions["aaa-new"], ["sure"])
        second.learner.answer(unit2.questions["order"], ["a", "b"])
        second.leave()
        context.close()
        recorded = [i["id"] for i in lms.interactions()]
        assert recorded == ["colour", "city", "order", "aaa-new", "order"]
    finally:
        lms.close()


# ---- the codec alone (assets/runtime/tracking/bookmark.js with the type modules): a round trip per type ----

def unit_data(marks: dict) -> dict:
    questions = {qid: dict(QUESTIONS[qid], mark=marks[qid]) for qid in sorted(QUESTIONS)}
    return {"pages": ["p1", "p2", "p3"], "questions": questions}


MARKS = {qid: f"m{i:03d}" for i, qid in enumerate(sorted(QUESTIONS))}
ANSWERS = {"tf": False, "one": ["blue"], "some": ["red", "blue"], "pairs": {"s-a": "t-two", "s-b": "t-three"},
           "steps": ["blue", "green", "red"], "word": "Lyon", "count": -2.25, "scale": "blue", "note": "ö ]\"[,"}


def test_the_bookmark_keeps_every_types_answer_compactly_and_gives_it_back(runtime):
    data = unit_data(MARKS)
    state = {"page": "p2", "visited": ["p1", "p2"], "answers": ANSWERS,
             "tries": {"tf": 2, "one": 1, "word": 3}, "credit": {"one": 1}}
    encoded, back = runtime.evaluate(
        "([data, state]) => { const e = QSER.bookmark.encode(data, state, 5, 4096); return [e, QSER.bookmark.decode(data, e)]; }",
        [data, state])
    # docs/suspend-data.md: questions in id order count, note, one, pairs, scale, some, steps, tf, word
    assert json.loads(encoded) == [2, 1, "110", 5, [-2.25, "ö ]\"[,", "c", "bc", "c", "ac", "cba", 0, "Lyon"],
                                   "000011000000002030", "m000m001m002m003m004m005m006m007m008"]
    assert back == {"page": "p2", "visited": ["p1", "p2"], "answers": ANSWERS, "next": 5, "reset": 0,
                    "tries": {"one": 1, "tf": 2, "word": 3}, "credit": {"one": 1, "tf": 0, "word": 0}}


def test_the_bookmark_fits_its_limit_by_cutting_the_longest_text_visibly(runtime):
    data = unit_data(MARKS)
    state = {"page": "", "visited": [], "answers": {"note": "x" * 300, "word": "y" * 40}}
    encoded = runtime.evaluate("([data, state]) => QSER.bookmark.encode(data, state, 0, 200)", [data, state])
    answers = json.loads(encoded)[4]
    assert len(encoded) <= 200
    # 43 characters were free for the note; the codec leaves 12 of them as a margin for escapes
    assert answers[1] == "x" * 24 + "…[+276]"  # the note, cut; the shorter word kept whole
    assert answers[8] == "y" * 40


def test_a_bookmark_from_another_build_restores_by_mark_and_counts_the_rest(runtime):
    before = unit_data(MARKS)
    after = unit_data(dict(MARKS, some="zzzz"))  # multiple-choice's options changed: a new mark
    state = {"page": "p1", "visited": ["p1"], "answers": {"some": ["red"], "tf": True}, "tries": {}, "credit": {}}
    back = runtime.evaluate(
        "([b, a, s]) => QSER.bookmark.decode(a, QSER.bookmark.encode(b, s, 0, 4096))", [before, after, state])
    assert back["answers"] == {"tf": True}
    assert back["reset"] == 1


def test_the_bookmark_keeps_the_retakes_and_the_first_tries_and_drops_the_first_tries_before_any_answer(runtime):
    """docs/suspend-data.md, indexes 7 to 9: a package of one language writes null at 7."""
    data = unit_data(MARKS)
    state = {"page": "p3", "visited": ["p1"], "answers": {"word": "Paris", "one": ["green"]},
             "tries": {"word": 2, "one": 2}, "credit": {"word": 0, "one": 0},
             "first": {"word": "Lyon", "one": ["red"]}, "retakes": 1}
    encoded, back = runtime.evaluate(
        "([data, state]) => { const e = QSER.bookmark.encode(data, state, 9, 4096); return [e, QSER.bookmark.decode(data, e)]; }",
        [data, state])
    assert json.loads(encoded)[7:] == [None, 1, [None, None, "a", None, None, None, None, None, "Lyon"]]
    assert back["retakes"] == 1 and back["first"] == {"word": "Lyon", "one": ["red"]}
    assert back["answers"] == {"word": "Paris", "one": ["green"]}
    # too long for its field: the first tries go, every answer stays whole
    short = runtime.evaluate("([data, state]) => QSER.bookmark.encode(data, state, 9, 140)", [data, state])
    assert len(encoded) > 140 >= len(short) and json.loads(short)[4:5] == [json.loads(encoded)[4]]
    assert json.loads(short)[7:] == [None, 1]
    # nothing of it: the array ends where it always did
    plain = runtime.evaluate("([data, state]) => QSER.bookmark.encode(data, state, 9, 4096)",
                             [data, {"page": "p1", "visited": [], "answers": {}}])
    assert len(json.loads(plain)) == 7
