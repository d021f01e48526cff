"""Scores computed by hand, as the LMS records them: weights, the pass mark itself and just below
it, part of the right choices, the best try or the first, completion rules.

Each case plays a small unit's SCORM 1.2 package in the real browser and reads what the test LMS
recorded (scorm-again with Moodle's rules); the expected values are worked out in the case, never
by the code under test.
"""

from __future__ import annotations

import zipfile

import pytest

from builder.build import build
from builder.load.loader import load_unit
from tests.support.lms import ScormLMS
from tests.support.scores import UNIT_YAML
from tests.support.scorm_session import Session, until

# ---- What the LMS records: scorm-again's cmi values, in the test LMS with Moodle's rules ----

def unit_yaml(unit_id: str, **keys) -> str:
    """A unit.yaml; `keys` add or replace lines (mastery_score, completion, attempts, scoring)."""
    meta = {"mastery_score": 60, "attempts": 1, **keys}
    return (UNIT_YAML.replace("id: scores", f"id: {unit_id}").replace("units/scores", f"units/{unit_id}")
            .replace("mastery_score: 60\n", "")
            .replace("attempts: 1\n", "") + "".join(f"{k}: {v}\n" for k, v in meta.items()))


WEIGHTED_QUESTIONS = """\
- id: main
  type: single-choice
  weight: 59
  prompt: {en: "Pick A."}
  feedback: {correct: {en: Yes.}, wrong: {en: No.}}
  choices:
    - {id: a, text: {en: A}, correct: true}
    - {id: b, text: {en: B}}
- id: extra
  type: true-false
  weight: 1
  correct: true
  prompt: {en: "True?"}
  feedback: {correct: {en: Yes.}, wrong: {en: No.}}
- id: rest
  type: multiple-choice
  weight: 40
  prompt: {en: "Pick A and B."}
  feedback: {correct: {en: Yes.}, wrong: {en: No.}}
  choices:
    - {id: a, text: {en: A}, correct: true}
    - {id: b, text: {en: B}, correct: true}
    - {id: c, text: {en: C}}
"""

ONE_PAGE_MD = """\
# Questions {#questions}

[question: main]

[question: extra]

[question: rest]
"""

TRY_TWICE_QUESTIONS = """\
- id: sky
  type: true-false
  correct: true
  prompt: {en: "The sky is blue?"}
  feedback: {correct: {en: Yes.}, wrong: {en: No.}}
"""

TRY_TWICE_MD = """\
# Question {#question}

[question: sky]
"""

READING_MD = """\
# Start {#start}

Read on.

# Middle {#middle}

More.

# End {#end}

Done.
"""

SCORED_READING_MD = """\
# Start {#start}

[question: sky]

# Middle {#middle}

More.

# End {#end}

Done.
"""


def scorm_unit(root, unit_id, meta, questions, md):
    """Build one small unit's SCORM 1.2 package: (unit, unpacked folder)."""
    unit_dir = root / "units" / unit_id
    unit_dir.mkdir(parents=True)
    (unit_dir / "unit.yaml").write_text(unit_yaml(unit_id, **meta), "utf-8")
    (unit_dir / "questions.yaml").write_text(questions, "utf-8")
    (unit_dir / "en.md").write_text(md, "utf-8")
    built = build(root / "units", root / "dist", [unit_id], ["en"], ["scorm12"])
    folder = root / unit_id
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(folder)
    return load_unit(unit_dir), folder


@pytest.fixture(scope="module")
def scorm_units(tmp_path_factory):
    root = tmp_path_factory.mktemp("scorm-scores")
    return {
        "weighted": scorm_unit(root, "weighted", {}, WEIGHTED_QUESTIONS, ONE_PAGE_MD),
        "first": scorm_unit(root, "first", {"attempts": 2, "scoring": "first"}, TRY_TWICE_QUESTIONS, TRY_TWICE_MD),
        "best": scorm_unit(root, "best", {"attempts": 2, "scoring": "best"}, TRY_TWICE_QUESTIONS, TRY_TWICE_MD),
        "last-page": scorm_unit(root, "reading-last", {"completion": "last-page"}, "[]\n", READING_MD),
        "all-pages": scorm_unit(root, "reading-all", {"completion": "all-pages"}, "[]\n", READING_MD),
        "last-page-scored": scorm_unit(root, "scored-last", {"completion": "last-page"}, TRY_TWICE_QUESTIONS,
                                       SCORED_READING_MD),
    }


@pytest.fixture
def launch(browser, scorm_units):
    """launch(name, tracks=None): a learner in the test LMS (Moodle's standards mode on) -> (lms, session)."""
    made = []

    def start(name, tracks=None):
        unit, folder = scorm_units[name]
        lms = ScormLMS(folder, unit.mastery_score if unit.scored_questions else None, standard=True)
        made.append(lms)
        lms.tracks.update(tracks or {})
        return lms, Session(browser, lms, unit, "en")

    yield start
    for lms in made:
        lms.close()


# (case, main, extra, rest, score.raw, lesson_status, results): weights 59 + 1 + 40 = 100, mastery 60
WEIGHTED_CASES = [
    ("just-below-the-pass-mark", "a", False, ["c"], "59", "failed", ["correct", "wrong", "wrong"]),
    ("exactly-the-pass-mark", "a", True, ["b", "c"], "60", "passed", ["correct", "correct", "wrong"]),
    ("part-of-the-right-choices-earns-nothing", "b", True, ["a"], "1", "failed", ["wrong", "correct", "wrong"]),
    ("the-heavy-one-wrong", "b", True, ["a", "b"], "41", "failed", ["wrong", "correct", "correct"]),
    ("all-right", "a", True, ["a", "b"], "100", "passed", ["correct", "correct", "correct"]),
]


@pytest.mark.parametrize("case,main,extra,rest,raw,status,results", WEIGHTED_CASES, ids=[c[0] for c in WEIGHTED_CASES])
def test_moodle_records_the_weighted_score_and_the_verdict_at_the_pass_mark(launch, case, main, extra, rest, raw,
                                                                            status, results):
    lms, session = launch("weighted")
    unit = session.learner.unit
    for qid, response in (("main", main), ("extra", extra), ("rest", rest)):
        session.learner.answer(unit.questions[qid], response)
    session.learner.next()
    session.learner.result_text()
    session.leave()
    assert lms.tracks["cmi.core.score.raw"] == raw
    assert lms.tracks["cmi.core.lesson_status"] == status
    assert [(i["id"], i["result"], i["weighting"]) for i in lms.interactions()] == [
        ("main", results[0], "59"), ("extra", results[1], "1"), ("rest", results[2], "40")]
    assert session.errors == []


@pytest.mark.parametrize("scoring,raw,status", [("first", "0", "failed"), ("best", "100", "passed")])
def test_a_right_second_try_counts_only_when_the_best_try_scores(launch, scoring, raw, status):
    lms, session = launch(scoring)
    q = session.learner.unit.questions["sky"]
    session.learner.answer(q, False)
    session.learner.answer(q, True)
    session.learner.next()
    session.learner.result_text()
    session.leave()
    assert (lms.tracks["cmi.core.score.raw"], lms.tracks["cmi.core.lesson_status"]) == (raw, status)
    assert [(i["id"], i["result"]) for i in lms.interactions()] == [("sky", "wrong"), ("sky", "correct")]


# Moodle hands back only a location (no bookmark, as after a package without one): the learner
# opens the unit on its last page without having seen the others.
ON_THE_LAST_PAGE = {"cmi.core.lesson_location": "end", "cmi.core.exit": "suspend", "cmi.core.lesson_status": "incomplete"}


@pytest.mark.parametrize("name,status", [("last-page", "completed"), ("all-pages", "incomplete")])
def test_reaching_the_last_page_completes_only_under_the_last_page_rule(launch, name, status):
    lms, session = launch(name, ON_THE_LAST_PAGE)
    assert session.learner.current_page() == "end"
    session.leave()
    assert lms.tracks["cmi.core.lesson_status"] == status
    assert "cmi.core.score.raw" not in lms.tracks or lms.tracks["cmi.core.score.raw"] == ""


def test_last_page_rule_without_scored_questions_completes_on_the_last_page_not_before(launch):
    lms, session = launch("last-page")
    session.learner.next()
    assert session.learner.current_page() == "middle"
    until_committed(lms, session, "cmi.core.lesson_location", "middle")
    assert lms.tracks["cmi.core.lesson_status"] == "incomplete"
    session.learner.next()
    session.leave()
    assert lms.tracks["cmi.core.lesson_status"] == "completed"
    assert lms.tracks.get("cmi.core.score.raw", "") == ""


def test_last_page_rule_with_a_scored_question_waits_for_its_answer(launch):
    lms, session = launch("last-page-scored", ON_THE_LAST_PAGE)
    assert session.learner.current_page() == "end"
    session.leave()
    assert lms.tracks["cmi.core.lesson_status"] == "incomplete"  # the last page, the question unanswered
    assert lms.tracks.get("cmi.core.score.raw", "") == ""
    lms2, session = launch("last-page-scored")
    session.learner.answer(session.learner.unit.questions["sky"], True)
    until_committed(lms2, session, "cmi.interactions.0.result", "correct")
    assert lms2.tracks["cmi.core.lesson_status"] == "incomplete"  # answered, the last page not reached
    session.learner.next()
    session.learner.next()
    session.leave()
    assert (lms2.tracks["cmi.core.lesson_status"], lms2.tracks["cmi.core.score.raw"]) == ("passed", "100")


def until_committed(lms, session, key, value):
    until(lambda: lms.tracks.get(key) == value, session.page)
