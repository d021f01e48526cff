"""The runtime's question-type modules and its one response formatter, in the real browser:
a table per type of what a response becomes in each standard's notation and how each type
judges. Expected values are written out by hand from the standards (SCORM 1.2 letters and
digits, SCORM 2004 / xAPI ids with [,] and [.]), never computed by the code under test. The
bookmark codec's round trips per type are in test_bookmark.py, on this file's page."""

from __future__ import annotations

import pytest

from builder import ASSETS
from builder.render.runtime import player_runtime, without_comments

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
    """A blank page with the question types, tracking/notation.js and tracking/bookmark.js loaded, as the package ships them."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="de"><body></body></html>')
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    core = {"player/questions.js", "player/result.js", "player/player.js"}  # they need a rendered unit
    for name in [n for n in player_runtime() if n not in core] + ["tracking/notation.js", "tracking/bookmark.js"]:
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
        ["read", "restore", "lock", "unlock", "judge", "words", "rightWords", "review", "parts", "encode", "decode"]
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


def test_shipped_scripts_lose_whole_line_comments_and_nothing_else():
    source = ('/*\n * A header.\n */\n(function () {\n  "use strict";\n  // a note\n'
              '  var url = "http://example.org/*"; // kept: the line holds code\n'
              '  /** One line. */\n  try { f(); } catch (e) { /* ignored */ }\n\n  /* two\n     lines */\n'
              '  /* a */ g();\n})();\n')
    assert without_comments(source) == ('(function () {\n"use strict";\n'
                                        'var url = "http://example.org/*"; // kept: the line holds code\n'
                                        'try { f(); } catch (e) { /* ignored */ }\n/* a */ g();\n})();\n')
