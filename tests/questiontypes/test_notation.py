"""The response notation per question type and standard, as literal strings (questiontypes/notation.py)."""

from __future__ import annotations

import json
import re

import pytest

from builder.model import Option, Question
from builder.questiontypes.notation import notate, notation, parse


def opts(*ids, correct=()):
    return tuple(Option(id=i, text={"en": i.upper()}, correct=i in correct) for i in ids)


Q = {
    "true-false": Question(id="tf", type="true-false", prompt={}, feedback={}, correct=True),
    "single-choice": Question(id="sc", type="single-choice", prompt={}, feedback={},
                              choices=opts("x", "y", "z", correct=("y",))),
    "multiple-choice": Question(id="mc", type="multiple-choice", prompt={}, feedback={},
                                choices=opts("x", "y", "z", correct=("x", "z"))),
    "matching": Question(id="ma", type="matching", prompt={}, feedback={},
                         choices=(Option(id="src", text={}, match="tgt"), Option(id="two", text={}, match="one")),
                         targets=opts("one", "tgt")),
    "sequencing": Question(id="se", type="sequencing", prompt={}, feedback={}, choices=opts("p", "q", "r")),
    "fill-in": Question(id="fi", type="fill-in", prompt={}, feedback={},
                        answers={"en": ("  Mentor  role ", "guide"), "de": ("Mentorin",)}),
    "numeric": Question(id="nu", type="numeric", prompt={}, feedback={}, correct=7, tolerance=0.5),
    "likert": Question(id="li", type="likert", prompt={}, feedback={}, choices=opts("no", "maybe", "yes")),
    "free-text": Question(id="ft", type="free-text", prompt={}, feedback={}),
}

# (type, parts of a response, standard, the response, the type, the pattern)
TABLE = [
    ("true-false", [False], "scorm12", "f", "true-false", "t"),
    ("true-false", [False], "scorm2004", "false", "true-false", "true"),
    ("true-false", [True], "xapi", "true", "true-false", "true"),
    ("single-choice", ["z"], "scorm12", "c", "choice", "b"),
    ("single-choice", ["z"], "xapi", "z", "choice", "y"),
    ("multiple-choice", ["x", "z"], "scorm12", "a,c", "choice", "a,c"),
    ("multiple-choice", ["x", "z"], "scorm2004", "x[,]z", "choice", "x[,]z"),
    ("multiple-choice", ["y"], "xapi", "y", "choice", "x[,]z"),
    ("matching", [["src", "one"], ["two", "tgt"]], "scorm12", "1.a,2.b", "matching", "1.b,2.a"),
    ("matching", [["src", "one"], ["two", "tgt"]], "xapi", "src[.]one[,]two[.]tgt", "matching",
     "src[.]tgt[,]two[.]one"),
    ("sequencing", ["r", "p", "q"], "scorm12", "c,a,b", "sequencing", "a,b,c"),
    ("sequencing", ["r", "p", "q"], "scorm2004", "r[,]p[,]q", "sequencing", "p[,]q[,]r"),
    ("fill-in", ["mentor"], "scorm12", "mentor", "fill-in", "  Mentor  role "),
    ("fill-in", ["mentor"], "xapi", "mentor", "fill-in", "{case_matters=false}Mentor role"),
    ("numeric", [7.0], "scorm12", "7", "numeric", "7"),
    ("numeric", [6.75], "xapi", "6.75", "numeric", "6.5[:]7.5"),
    ("numeric", [-2], "scorm2004", "-2", "numeric", "6.5[:]7.5"),
    ("likert", ["maybe"], "scorm12", "b", "likert", None),
    ("likert", ["maybe"], "xapi", "maybe", "likert", None),
    ("free-text", ["Ich, ich. [,]"], "scorm12", "Ich, ich. [,]", "fill-in", None),
    ("free-text", ["long"], "scorm2004", "long", "long-fill-in", None),
    ("free-text", ["long"], "xapi", "long", "long-fill-in", None),
]


@pytest.mark.parametrize("qtype,parts,standard,text,interaction,pattern", TABLE)
def test_a_response_reads_as_the_standard_writes_it(qtype, parts, standard, text, interaction, pattern):
    n = notation(Q[qtype], standard, "en")
    assert (notate(n, parts), n["type"], n["pattern"]) == (text, interaction, pattern)
    assert parse(n, text) == parts


def test_the_notation_is_the_contract_the_runtime_reads():
    assert notation(Q["matching"], "scorm12") == {
        "type": "matching", "tokens": {"one": "a", "tgt": "b"}, "sources": {"src": "1", "two": "2"},
        "join": ",", "pair": ".", "true": "t", "false": "f", "pattern": "1.b,2.a"}
    assert notation(Q["multiple-choice"], "xapi") == {
        "type": "choice", "tokens": {"x": "x", "y": "y", "z": "z"}, "sources": {},
        "join": "[,]", "pair": "[.]", "true": "true", "false": "false", "pattern": "x[,]z"}


def test_scorm2004_tokens_have_no_hyphens_and_read_back():
    """Moodle's 2004 player refuses option ids with hyphens (error 406)."""
    q = Question(id="ma", type="matching", prompt={}, feedback={},
                 choices=(Option(id="career-development", text={}, match="clarify-goals"),),
                 targets=opts("clarify-goals", "give-advice"))
    n = notation(q, "scorm2004")
    assert n["pattern"] == "career_development[.]clarify_goals"
    assert parse(n, "career_development[.]give_advice") == [["career-development", "give-advice"]]
    assert notation(q, "xapi")["pattern"] == "career-development[.]clarify-goals"


def test_the_fill_in_pattern_is_the_answer_of_the_package_language():
    assert notation(Q["fill-in"], "scorm12", "de")["pattern"] == "Mentorin"


@pytest.mark.parametrize("qtype,standard,text,message", [
    ("true-false", "scorm12", "true", "'true' is not t or f"),
    ("multiple-choice", "scorm12", "a,d", "'a,d' is not made of a, b, c joined by ','"),
    ("single-choice", "scorm12", "", "'' is not made of a, b, c joined by ','"),
    ("matching", "scorm12", "1.a,3.b", "'3.b' is not a pair like 1.a of the 2 items and 2 answers"),
    ("matching", "xapi", "src.one", "'src.one' is not a pair like src[.]one of the 2 items and 2 answers"),
    ("numeric", "scorm12", "3,5", "'3,5' is not a number"),
])
def test_text_no_question_can_have_written_is_refused(qtype, standard, text, message):
    with pytest.raises(ValueError) as e:
        parse(notation(Q[qtype], standard), text)
    assert str(e.value) == message


def handed_notations(unpacked, lang: str, target: str) -> dict:
    html = (unpacked[(lang, target)] / "index.html").read_text("utf-8")
    raw = re.search(r'<script type="application/json" id="unit-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)["tracker"]["notations"]


def test_the_packages_hand_the_runtime_the_notations_of_their_standard(unpacked, seed_unit):
    """Read in the seed unit's questions.yaml: mentor-roles matches career-development, guidance
    and counselling with clarify-goals, motivate-support and give-advice (targets in that order
    with judge-compare third); relationship-basis accepts Vertraulichkeit in German, confidentiality
    in English."""
    scorm = handed_notations(unpacked, "de", "scorm12")
    xapi = {lang: handed_notations(unpacked, lang, "xapi") for lang in ("en", "de")}
    assert set(scorm) == set(xapi["de"]) == set(seed_unit.questions)
    assert scorm["mentor-roles"] == {
        "type": "matching", "sources": {"career-development": "1", "guidance": "2", "counselling": "3"},
        "tokens": {"clarify-goals": "a", "motivate-support": "b", "give-advice": "c", "judge-compare": "d"},
        "join": ",", "pair": ".", "true": "t", "false": "f", "pattern": "1.a,2.b,3.c"}
    assert (scorm["relationship-basis"]["type"], scorm["relationship-basis"]["pattern"]) == ("fill-in", "Vertraulichkeit")
    assert (scorm["reflection-trait"]["type"], scorm["reflection-trait"]["pattern"]) == ("fill-in", None)
    assert xapi["de"]["mentor-roles"]["pattern"] == (
        "career-development[.]clarify-goals[,]guidance[.]motivate-support[,]counselling[.]give-advice")
    assert xapi["de"]["reflection-trait"]["type"] == "long-fill-in"
    # one activity per question, whatever the package language; a fill-in names the package language's answer
    assert {lang: n["relationship-basis"]["pattern"] for lang, n in xapi.items()} == {
        "en": "{case_matters=false}confidentiality", "de": "{case_matters=false}Vertraulichkeit"}
    assert {q: n for q, n in xapi["en"].items() if q != "relationship-basis"} == {
        q: n for q, n in xapi["de"].items() if q != "relationship-basis"}
