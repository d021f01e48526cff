"""SCORM 1.2 packages in a test LMS: scorm-again as window.API with Moodle's rules, run through by a
learner: what Moodle records, long answers, no LMS, no scored questions, the 4096-character
suspend_data. Leaving and coming back is test_scorm12_relaunch.py's, the manifest
test_scorm12_manifest.py's, faults (503s, offline) test_scorm12_faults.py's."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from lxml import etree

from builder.build import build
from builder.load.loader import load_unit
from tests.support.generate import TYPES as GENERATED_TYPES
from tests.support.generate import generate_unit
from tests.support.learner import LONG_REFLECTION, Learner, right_response
from tests.support.player import ui
from tests.support.scorm_session import (
    ADLCP,
    Session,
    expected_interactions,
    lms_for,  # noqa: F401  (fixture)
    recorded,
)
from tests.support.tiny import TINY

TYPES_FOR_WORST_CASE = GENERATED_TYPES + ["free-text"] * 3  # a third of the questions are long texts


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("right", [True, False], ids=["all-right", "all-wrong"])
def test_moodle_records_status_score_and_every_answer(browser, lms_for, seed_unit, lang, right):
    lms = lms_for(lang)
    session = Session(browser, lms, seed_unit, lang)
    session.learner.run_through(right=right)
    log = session.leave()

    assert log["refused"] == []  # nothing Moodle's standards mode would drop
    assert session.errors == []
    assert lms.tracks["cmi.core.lesson_status"] == ("passed" if right else "failed")
    assert lms.tracks["cmi.core.score.raw"] == ("100" if right else "0")
    assert lms.tracks["cmi.core.score.min"] == "0" and lms.tracks["cmi.core.score.max"] == "100"
    assert lms.tracks.get("cmi.core.exit", "") == ""  # done: not suspended (Moodle sends no unchanged "")
    assert recorded(lms) == expected_interactions(seed_unit, lang, right)
    for row in lms.interactions():
        assert row["weighting"] in ("1", "0")
        assert row["latency"] and row["time"]


def test_a_long_free_text_answer_is_marked_in_the_interaction_and_kept_whole(browser, lms_for, seed_unit):
    lms = lms_for("en")
    session = Session(browser, lms, seed_unit, "en")
    for _ in seed_unit.pages[:-1]:
        session.learner.next()
    q = seed_unit.questions[seed_unit.pages[-1].questions[0]]
    long_text = (LONG_REFLECTION + " ") * 3
    session.learner.answer(q, long_text)
    session.leave()
    response = lms.interactions()[0]["student_response"]
    assert len(response) <= 255
    assert response.endswith(f"…[+{len(long_text) - len(response.rsplit('…', 1)[0])}]")
    assert long_text.startswith(response.rsplit("…", 1)[0])
    assert lms.tracks["cmi.comments"] == f"[{q.id}] {long_text}"
    second = Session(browser, lms, seed_unit, "en")
    assert second.frame.locator(f"#q-{q.id} textarea").input_value() == long_text
    second.leave()


def test_without_an_lms_the_learner_is_told_and_can_read(page, serve, unpacked, seed_unit):
    page.goto(serve(unpacked[("de", "scorm12")]) + "/index.html")
    learner = Learner(page, seed_unit, "de")
    learner.wait_ready()
    assert page.locator("#notice").inner_text() == ui("de")["not_connected"]
    learner.run_through(right=True)
    assert "100" in learner.result_text()
    assert page.js_errors == []


def test_a_unit_without_scored_questions_ends_completed(browser, lms_for, tmp_path):
    units = tmp_path / "units"
    shutil.copytree(TINY, units / "tiny")
    for lang in ("en", "de"):
        md = units / "tiny" / f"{lang}.md"
        md.write_text(md.read_text().replace("[question: colour]\n", "").replace("[question: pairs]\n", ""))
    qs = (units / "tiny" / "questions.yaml").read_text()
    (units / "tiny" / "questions.yaml").write_text(qs[qs.index("- id: note"):])
    unit = load_unit(units / "tiny")
    built = build(units, tmp_path / "dist", ["tiny"], ["en"], ["scorm12"])
    folder = tmp_path / "sco"
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(folder)
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    assert manifest.find(f".//{ADLCP}masteryscore") is None
    lms = lms_for("en", folder, unit)
    session = Session(browser, lms, unit, "en")
    session.learner.run_through()
    session.leave()
    assert lms.tracks["cmi.core.lesson_status"] == "completed"
    assert lms.tracks.get("cmi.core.score.raw", "") == ""


def test_suspend_data_stays_within_4096_for_50_questions_and_long_answers(browser, lms_for, tmp_path):
    units = tmp_path / "units"
    generate_unit(units, "worst", pages=10, questions=50, types=TYPES_FOR_WORST_CASE)
    unit = load_unit(units / "worst")
    built = build(units, tmp_path / "dist", ["worst"], ["de"], ["scorm12"])
    folder = tmp_path / "sco"
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(folder)
    lms = lms_for("de", folder, unit)
    long_text = "Ä" + "ö" * 1498 + "ß"  # 1,500 characters, none of them ASCII
    session = Session(browser, lms, unit, "de")
    session.learner.run_through(right=True, stop_after_page="page-5", free_text=long_text)
    log = session.leave()
    assert log["refused"] == []
    assert len(lms.tracks["cmi.suspend_data"]) <= 4096
    free_texts = [q for q in unit.questions.values() if q.type == "free-text"]
    assert len(free_texts) * len(long_text) > 4096  # the case is really too big to keep whole

    second = Session(browser, lms, unit, "de")  # every answer is back, texts shortened where they had to be
    assert second.learner.current_page() == "page-5"
    answered = [qid for page in unit.pages[:6] for qid in page.questions]
    for qid in answered:
        feedback = second.frame.locator(f"#q-{qid} .feedback").inner_text()
        assert feedback, qid
    texts = [second.frame.locator(f"#q-{q.id} textarea").input_value() for q in free_texts if q.id in answered]
    for text in texts:  # cut, not blanked: a start of the answer and how many characters were cut
        kept, marker, cut = text.partition("…[+")
        assert kept and long_text.startswith(kept), text
        assert not marker or len(kept) + int(cut.rstrip("]")) == len(long_text), text
    for page in unit.pages[6:]:
        second.learner.next()
        for qid in page.questions:
            q = unit.questions[qid]
            second.learner.answer(q, long_text if q.type == "free-text" else right_response(q, "de"))
    second.learner.next()
    log = second.leave()
    assert log["refused"] == []
    assert len(lms.tracks["cmi.suspend_data"]) <= 4096
    assert lms.tracks["cmi.core.lesson_status"] == "passed"
    assert [i["id"] for i in lms.interactions()] == list(unit.questions)
