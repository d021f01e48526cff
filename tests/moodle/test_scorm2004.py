"""SCORM 2004 4th edition packages in the test LMS: scorm-again's SCORM 2004 runtime as
API_1484_11, with the request model and format checks of Moodle's SCORM 2004 player, the
package unzipped unmodified. What a trainer reads in the LMS afterwards, literally."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from builder.build import build
from builder.cli import main
from builder.targets.validate import scorm2004_schema, validate_package
from tests.conftest import UNITS
from tests.support.learner import LONG_REFLECTION
from tests.support.lms import ScormLMS
from tests.support.scorm_session import Session

URN = "urn:qser:becoming-a-mentor:"
REFLECTION = {qid: f"{qid}: {LONG_REFLECTION}" for qid in ("reflection-trait", "reflection-skill")}
#: What the LMS holds for each question answered rightly: (id, type, learner_response, pattern, result).
RIGHT = [
    ("imposes-solutions", "true-false", "false", "false", "correct"),
    ("practical-model", "choice", "mentoring_cycle", "mentoring_cycle", "correct"),
    ("mentor-skills", "choice", "career_development[,]guidance[,]counselling",
     "career_development[,]guidance[,]counselling", "correct"),
    ("mentor-roles", "matching", "career_development[.]clarify_goals[,]guidance[.]motivate_support[,]counselling[.]give_advice",
     "career_development[.]clarify_goals[,]guidance[.]motivate_support[,]counselling[.]give_advice", "correct"),
    ("learning-path", "sequencing",
     "project_results[,]impact_model[,]mentoring_cycle[,]become_mentor[,]form_groups[,]record_impact",
     "project_results[,]impact_model[,]mentoring_cycle[,]become_mentor[,]form_groups[,]record_impact", "correct"),
    ("project-partners", "numeric", "7", "7", "correct"),
    ("relationship-basis", "fill-in", {"en": "confidentiality", "de": "Vertraulichkeit"},
     {"en": "{case_matters=false}confidentiality", "de": "{case_matters=false}Vertraulichkeit"},
     "correct"),  # each package's own answer and pattern
    ("reflection-trait", "long-fill-in", REFLECTION["reflection-trait"], None, "neutral"),
    ("reflection-skill", "long-fill-in", REFLECTION["reflection-skill"], None, "neutral"),
]
WRONG = {
    "imposes-solutions": "true", "practical-model": "impact_model", "mentor-skills": "judging_comparing",
    "mentor-roles": "career_development[.]motivate_support[,]guidance[.]give_advice[,]counselling[.]judge_compare",
    "learning-path": "record_impact[,]form_groups[,]become_mentor[,]mentoring_cycle[,]impact_model[,]project_results",
    "project-partners": "107", "relationship-basis": "no idea",
}


def expected(lang: str, right: bool = True) -> list[dict]:
    rows = []
    for qid, kind, response, pattern, result in RIGHT:
        row = {"id": URN + qid, "type": kind,
               "learner_response": response[lang] if isinstance(response, dict) else response,
               "result": result}
        if not right and qid in WRONG:
            row.update(learner_response=WRONG[qid], result="incorrect")
        if pattern is not None:
            row["correct_responses.0.pattern"] = pattern[lang] if isinstance(pattern, dict) else pattern
        rows.append(row)
    return rows


def recorded(lms) -> list[dict]:
    keys = ("id", "type", "learner_response", "result", "correct_responses.0.pattern")
    return [{k: i[k] for k in keys if k in i} for i in lms.interactions()]


@pytest.fixture
def lms_2004(unpacked, seed_unit):
    """A test LMS per call, serving the seed unit's SCORM 2004 package in `lang` (or `package`)."""
    made = []

    def make(lang, package=None, mastery=80):
        lms = ScormLMS(package or unpacked[(lang, "scorm2004")], mastery, version="2004")
        made.append(lms)
        return lms

    yield make
    for lms in made:
        lms.close()


def test_the_manifests_validate_against_the_4th_edition_schemas(dist):
    schema = scorm2004_schema()
    for lang in ("en", "de"):
        with zipfile.ZipFile(dist[(lang, "scorm2004")]) as zf:
            manifest = etree.fromstring(zf.read("imsmanifest.xml"))
        assert schema.validate(manifest), schema.error_log
        text = etree.tostring(manifest).decode()
        assert "<schemaversion>2004 4th Edition</schemaversion>" in text
        assert '<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>' in text  # mastery score 80
        assert 'adlcp:scormType="sco"' in text
        report = validate_package(dist[(lang, "scorm2004")])
        assert report.problems == [] and report.kind == "SCORM 2004 4th Edition"


def test_validate_names_what_breaks_a_2004_manifest(dist, tmp_path):
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(dist[("en", "scorm2004")]) as src, zipfile.ZipFile(broken, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "imsmanifest.xml":
                data = data.replace(b"<imsss:minNormalizedMeasure>0.8<", b"<imsss:minNormalizedMeasure>80<")
            out.writestr(info, data)
    report = validate_package(broken)
    messages = [str(p) for p in report.problems]
    assert any("does not match the SCORM 2004 4th edition schemas" in m and "minNormalizedMeasure" in m
               for m in messages), messages
    assert any("minNormalizedMeasure '80' is not from 0 to 1" in m for m in messages), messages


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("right", [True, False], ids=["all-right", "all-wrong"])
def test_the_lms_records_completion_success_score_and_every_answer(browser, lms_2004, seed_unit, lang, right):
    lms = lms_2004(lang)
    session = Session(browser, lms, seed_unit, lang)
    session.learner.run_through(right=right)
    log = session.leave()

    assert log["refused"] == []  # nothing Moodle's 2004 player would refuse
    assert session.errors == []
    assert recorded(lms) == expected(lang, right)
    t = lms.tracks
    assert t["cmi.completion_status"] == "completed"
    assert t["cmi.success_status"] == ("passed" if right else "failed")
    assert (t["cmi.score.raw"], t["cmi.score.scaled"]) == (("100", "1") if right else ("0", "0"))
    assert (t["cmi.score.min"], t["cmi.score.max"]) == ("0", "100")
    assert t["cmi.exit"] == "suspend" and t["cmi.progress_measure"] == "1"  # finished, and resumable
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S", t["cmi.session_time"])
    rows = lms.interactions()
    assert [r["weighting"] for r in rows] == ["1"] * 7 + ["0"] * 2
    assert all(re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.0[+-]\d\d:\d\d", r["timestamp"]) for r in rows)
    assert all(re.fullmatch(r"PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S", r["latency"]) for r in rows)
    first = {"en": "True or false? A good mentor imposes solutions on the mentee.",
             "de": "Richtig oder falsch? Ein guter Mentor zwingt dem Mentee Lösungen auf."}[lang]
    assert rows[0]["description"] == first


@pytest.fixture(scope="module")
def long_text_packages(tmp_path_factory):
    """The seed unit with room for long reflections (4,000 and 10,000 characters), as 2004 zips,
    unpacked: lang -> folder."""
    root = tmp_path_factory.mktemp("long-2004")
    units = root / "units"
    shutil.copytree(UNITS / "becoming-a-mentor", units / "becoming-a-mentor")
    questions = units / "becoming-a-mentor" / "questions.yaml"
    text = questions.read_text("utf-8")
    text = text.replace("- id: reflection-trait\n  type: free-text\n", "- id: reflection-trait\n  type: free-text\n  max_length: 4000\n")
    text = text.replace("- id: reflection-skill\n  type: free-text\n", "- id: reflection-skill\n  type: free-text\n  max_length: 10000\n")
    questions.write_text(text, "utf-8")
    folders = {}
    for built in build(units, root / "dist", ["becoming-a-mentor"], None, ["scorm2004"]):
        folders[built.lang] = root / built.lang
        with zipfile.ZipFile(built.path) as zf:
            zf.extractall(folders[built.lang])
    return folders


def reflection(length: int) -> str:
    """A learner's long answer: paragraphs, quotes, umlauts, brackets; exactly `length` characters."""
    paragraph = ('Zuhören zuerst: "Was brauchst du?" – dann [gemeinsam] Lösungen finden, Schritt für Schritt; '
                 "Vertrauen & Respekt wachsen langsam, <nicht> über Nacht. ")
    text = ""
    while len(text) < length:
        text += (paragraph * 3).rstrip() + "\n\n"
    return text[:length - 1] + "."


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_3000_character_reflection_is_kept_whole_in_learner_response(browser, lms_2004, seed_unit, long_text_packages,
                                                                       lang):
    long, longer = reflection(3000), reflection(9000)
    lms = lms_2004(lang, long_text_packages[lang])
    session = Session(browser, lms, seed_unit, lang)
    session.learner.run_through(right=True, stop_after_page="knowledge-check")
    session.learner.next()
    trait, skill = (seed_unit.questions[q] for q in ("reflection-trait", "reflection-skill"))
    session.learner.answer(trait, long)
    session.learner.answer(skill, longer)
    session.learner.next()
    log = session.leave()

    assert log["refused"] == [] and session.errors == []
    rows = {r["id"]: r for r in lms.interactions()}
    # whole: 3,000 characters, each paragraph break as " ¶ " (scorm-again refuses line breaks there)
    assert rows[URN + "reflection-trait"]["learner_response"] == long.replace("\n\n", " ¶ ")
    assert rows[URN + "reflection-trait"]["type"] == "long-fill-in"
    whole = longer.replace("\n\n", " ¶ ")
    cut = rows[URN + "reflection-skill"]["learner_response"]  # over 4,000: its start, saying how much is missing
    kept = cut.rsplit("…[+", 1)[0]
    assert len(cut) <= 4000 and whole.startswith(kept) and cut == f"{kept}…[+{len(whole) - len(kept)}]"
    comments = [lms.tracks[f"cmi.comments_from_learner.{n}.comment"] for n in range(3)]
    assert "".join(comments) == whole  # and whole in the learner's comments, 4,000 characters each
    assert [lms.tracks[f"cmi.comments_from_learner.{n}.location"] for n in range(3)] == ["reflection-skill"] * 3


def test_resume_where_the_learner_left_with_answers_and_numbering(browser, lms_2004, seed_unit):
    lms = lms_2004("de")
    first = Session(browser, lms, seed_unit, "de")
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    first.learner.run_through(right=True, stop_after_page="summary")
    first.learner.next()
    first.learner.answer_questions(kc.questions[:3])
    first.leave()
    t = lms.tracks
    assert (t["cmi.exit"], t["cmi.location"], t["cmi.completion_status"]) == ("suspend", "knowledge-check", "incomplete")
    assert "cmi.success_status" not in t and "cmi.score.raw" not in t  # no score before the knowledge check is done
    assert t["cmi.progress_measure"] == "0.89"  # 8 of 9 pages seen
    assert len(lms.interactions()) == 3
    assert lms.launch_cmi()["cmi.entry"] == "resume"

    second = Session(browser, lms, seed_unit, "de")
    assert second.learner.current_page() == "knowledge-check"
    assert second.frame.locator(f"#q-{kc.questions[0]} .feedback").inner_text() != ""  # restored
    second.learner.answer_questions(kc.questions[3:])
    second.learner.next()
    second.learner.answer_questions(seed_unit.pages[-1].questions)
    second.learner.next()
    assert "100" in second.learner.result_text()
    log = second.leave()
    assert log["refused"] == []
    assert recorded(lms) == expected("de")  # indices 0..8, each answer once
    assert (lms.tracks["cmi.success_status"], lms.tracks["cmi.exit"]) == ("passed", "suspend")


def test_validate_says_when_the_2004_schemas_cannot_be_read(dist, tmp_path):
    """A damaged --schemas folder is named, not a traceback."""
    (tmp_path / "imscp_v1p1.xsd").write_text("<not a schema")
    result = CliRunner().invoke(main, ["validate", "--schemas", str(tmp_path), str(dist[("en", "scorm2004")])])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert (f"imsmanifest.xml: cannot be checked against the SCORM 2004 4th edition schemas: the XSDs in {tmp_path} "
            "cannot be read (") in result.stderr
    assert "fix: point --schemas at the official XSDs, unchanged" in result.stderr
    assert "Traceback" not in result.output
