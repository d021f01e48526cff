"""Scores computed by hand on the result page: weights, the pass mark itself, tolerance, "3,5",
fill-in spelling.

Each case plays a small unit in the real browser and reads the result page (html target); the
expected values are worked out in the case, never by the code under test. What the LMS records
(weights, the pass mark, the best try or the first, completion rules) is test_scores_scorm.py's.
"""

from __future__ import annotations

import zipfile

import pytest

from builder.build import build
from builder.load.loader import load_unit
from tests.support.learner import Learner
from tests.support.player import ui
from tests.support.scores import UNIT_YAML

QUESTIONS_YAML = """\
- id: heavy
  type: single-choice
  weight: 3
  prompt: {en: "Pick A."}
  feedback: {correct: {en: Yes.}, wrong: {en: No.}}
  choices:
    - {id: a, text: {en: A}, correct: true}
    - {id: b, text: {en: B}}
- id: amount
  type: numeric
  correct: 3.5
  tolerance: 0.2
  prompt: {en: "How much?"}
  feedback: {correct: {en: Yes.}, wrong: {en: No.}}
- id: city
  type: fill-in
  answers: {en: [Paris]}
  prompt: {en: "Capital of France?"}
  feedback: {correct: {en: Yes.}, wrong: {en: No.}}
"""

EN_MD = """\
# Questions {#questions}

[question: heavy]

[question: amount]

[question: city]
"""

# (case, heavy, amount, city, score shown, passed): weights 3 + 1 + 1 = 5
CASES = [
    ("weight-3-of-5-is-exactly-the-pass-mark", "a", "9", "Rome", 60, True),  # 3/5 = 60 % = mastery
    ("light-ones-right-heavy-wrong", "b", "3,5", "  pARIS ", 40, False),  # 2/5; comma decimal, case, spaces
    ("within-tolerance", "b", "3.6", "Lyon", 20, False),  # |3.6-3.5| <= 0.2: 1/5
    ("outside-tolerance", "a", "3.8", "Paris", 80, True),  # 3.8 is 0.3 off: (3+1)/5
    ("at-the-edge-of-the-tolerance", "a", "3.7", "Lyon", 80, True),  # 3.7 - 3.5 is 0.2 (0.2000…02 in floats): (3+1)/5
]


@pytest.fixture(scope="module")
def scores_folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("scores")
    unit_dir = root / "units" / "scores"
    unit_dir.mkdir(parents=True)
    (unit_dir / "unit.yaml").write_text(UNIT_YAML, "utf-8")
    (unit_dir / "questions.yaml").write_text(QUESTIONS_YAML, "utf-8")
    (unit_dir / "en.md").write_text(EN_MD, "utf-8")
    built = build(root / "units", root / "dist", ["scores"], ["en"], ["html"])
    folder = root / "html"
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(folder)
    return load_unit(unit_dir), folder


@pytest.mark.parametrize("case,heavy,amount,city,score,passed", CASES, ids=[c[0] for c in CASES])
def test_the_result_page_shows_the_hand_computed_score(page, serve, scores_folder, case, heavy, amount, city,
                                                       score, passed):
    unit, folder = scores_folder
    page.goto(f"{serve(folder)}/index.html")
    learner = Learner(page, unit, "en")
    learner.wait_ready()
    for qid, response in (("heavy", heavy), ("amount", amount), ("city", city)):
        learner.answer(unit.questions[qid], response)
    learner.next()
    result = learner.result_text()
    texts = ui("en")
    assert texts["score"].replace("{score}", str(score)) in result
    verdict = texts["passed" if passed else "failed"].replace("{mastery}", "60")
    assert verdict in result
    assert page.js_errors == []
