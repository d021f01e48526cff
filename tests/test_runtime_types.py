"""The runtime's question-type modules, its one response formatter and its bookmark codec, in the
real browser: a table per type of what a response becomes in each standard's notation, and of
what the compact bookmark stores and gives back. Expected values are written out by hand from
the standards (SCORM 1.2 letters and digits, SCORM 2004 / xAPI ids with [,] and [.]) and from
docs/suspend-data.md, never computed by the code under test."""

from __future__ import annotations

import json

import pytest

from builder import ASSETS
from builder.runtime import player_runtime, without_comments

# Notations as the build hands them (tracker config "notations"): per standard, one per question.
OPTIONS = ["red", "green", "blue"]
TARGETS = ["t-one", "t-two", "t-three"]
SOURCES = ["s-a", "s-b"]


def notation(standard: str, kind: str, ids=(), sources=()) -> dict:
    scorm12 = standard == "scorm12"
    return {"type": kind,
            "tokens": {i: ("abcdefghijklmnopqrstuvwxyz"[n] if scorm12 else i) for n, i in enumerate(ids)},
            "sources": {s: (str(n + 1) if scorm12 else s) for n, s in enumerate(sources)},
            "join": "," if scorm12 else "[,]", "pair": "." if scorm12 else "[.]",
            "true": "t" if scorm12 else "true", "false": "f" if scorm12 else "false", "pattern": None}


QUESTIONS = {
    "tf": {"type": "true-false", "correct": True},
    "one": {"type": "single-choice", "options": OPTIONS, "correct": ["green"]},
    "some": {"type": "multiple-choice", "options": OPTIONS, "correct": ["red", "blue"]},
    "pairs": {"type": "matching", "options": SOURCES, "targets": TARGETS, "correct": {"s-a": "t-three", "s-b": "t-one"}},
    "steps": {"type": "sequencing", "options": OPTIONS, "correct": OPTIONS},
    "word": {"type": "fill-in", "correct": ["Paris"]},
    "count": {"type": "numeric", "correct": 7, "tolerance": 0.5},
    "scale": {"type": "likert", "options": OPTIONS},
    "note": {"type": "free-text", "maxLength": 2000},
}

KINDS = {"tf": ("true-false", (), ()), "one": ("choice", OPTIONS, ()), "some": ("choice", OPTIONS, ()),
         "pairs": ("matching", TARGETS, SOURCES), "steps": ("sequencing", OPTIONS, ()),
         "word": ("fill-in", (), ()), "count": ("numeric", (), ()), "scale": ("likert", OPTIONS, ()),
         "note": ("fill-in", (), ())}

# question, the response as the player holds it, SCORM 1.2, SCORM 2004 / xAPI
RESPONSES = [
    ("tf", True, "t", "true"),
    ("tf", False, "f", "false"),
    ("one", ["blue"], "c", "blue"),
    ("some", ["blue", "red"], "a,c", "red[,]blue"),  # ticked order does not matter: authored order
    ("pairs", {"s-b": "t-one", "s-a": "t-three"}, "1.c,2.a", "s-a[.]t-three[,]s-b[.]t-one"),
    ("steps", ["blue", "red", "green"], "c,a,b", "blue[,]red[,]green"),
    ("word", "  Saint   Tropez ", "Saint Tropez", "Saint Tropez"),  # as the player compared it
    ("count", 3.5, "3.5", "3.5"),
    ("count", 7, "7", "7"),
    ("scale", "green", "b", "green"),
    ("note", "Line one,\nline [two].", "Line one,\nline [two].", "Line one,\nline [two]."),
]


@pytest.fixture(scope="module")
def runtime(browser):
    """A blank page with the question types, notation.js and bookmark.js loaded, as the package ships them."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="de"><body></body></html>')
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    core = {"questions.js", "result.js", "player.js"}  # they need a rendered unit
    for name in [n for n in player_runtime() if n not in core] + ["notation.js", "bookmark.js"]:
        page.add_script_tag(content=(ASSETS / "runtime" / name).read_text("utf-8"))
    page.errors = errors
    yield page
    context.close()


@pytest.mark.parametrize("qid, response, scorm12, ids", RESPONSES, ids=[f"{r[0]}-{i}" for i, r in enumerate(RESPONSES)])
def test_a_response_in_each_standards_notation(runtime, qid, response, scorm12, ids):
    kind = KINDS[qid]
    got = runtime.evaluate("([n12, n04, q, r]) => [QSER.notateResponse(n12, q, r), QSER.notateResponse(n04, q, r)]",
                           [notation("scorm12", *kind), notation("scorm2004", *kind), QUESTIONS[qid], response])
    assert got == [scorm12, ids]
    assert runtime.errors == []


def test_every_type_is_a_module_with_the_whole_interface(runtime):
    got = runtime.evaluate("""() => Object.keys(QSER.questionTypes).sort().map(name => [name,
        ["read", "restore", "reveal", "lock", "judge", "parts", "encode", "decode"]
          .filter(f => typeof QSER.questionTypes[name][f] !== "function")])""")
    assert got == [[t, []] for t in ["fill-in", "free-text", "likert", "matching", "multiple-choice", "numeric",
                                     "sequencing", "single-choice", "true-false"]]


# question, response, right?  (fill-in: case and runs of spaces ignored; numeric: within 0.5)
JUDGED = [("tf", True, True), ("tf", False, False), ("one", ["green"], True), ("one", ["red"], False),
          ("some", ["blue", "red"], True), ("some", ["red"], False),
          ("pairs", {"s-a": "t-three", "s-b": "t-one"}, True), ("pairs", {"s-a": "t-one", "s-b": "t-three"}, False),
          ("steps", ["red", "green", "blue"], True), ("steps", ["green", "red", "blue"], False),
          ("word", "  paris ", True), ("word", "Pa ris", False), ("count", 7.5, True), ("count", 7.6, False),
          ("scale", "red", None), ("note", "text", None)]


def test_each_type_judges_its_answers(runtime):
    got = runtime.evaluate("(cases) => cases.map(([q, r]) => QSER.questionTypes[q.type].judge(q, r))",
                           [[QUESTIONS[q], r] for q, r, _ in JUDGED])
    assert got == [right for _, _, right in JUDGED]


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


def test_shipped_scripts_lose_whole_line_comments_and_nothing_else():
    source = ('/*\n * A header.\n */\n(function () {\n  "use strict";\n  // a note\n'
              '  var url = "http://example.org/*"; // kept: the line holds code\n'
              '  /** One line. */\n  try { f(); } catch (e) { /* ignored */ }\n\n  /* two\n     lines */\n'
              '  /* a */ g();\n})();\n')
    assert without_comments(source) == ('(function () {\n"use strict";\n'
                                        'var url = "http://example.org/*"; // kept: the line holds code\n'
                                        'try { f(); } catch (e) { /* ignored */ }\n/* a */ g();\n})();\n')
