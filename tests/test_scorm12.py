"""SCORM 1.2 packages in a test LMS: scorm-again as window.API with Moodle's rules, as a learner leaves them."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import expect

from builder.build import build
from builder.loader import load_unit
from builder.questiontypes.notation import notate, notation
from tests.conftest import UNITS
from tests.learner import LONG_REFLECTION, Learner, right_response, wrong_response
from tests.support.generate import TYPES as GENERATED_TYPES
from tests.support.generate import generate_unit
from tests.support.lms import ScormLMS
from tests.support.scorm_schemas import scorm12_schema
from tests.test_check import TINY
from tests.test_player import ui

LETTERS_TEXT = "abcdefghijklmnopqrstuvwxyz"
TYPES_FOR_WORST_CASE = GENERATED_TYPES + ["free-text"] * 3  # a third of the questions are long texts
IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


def marked_cut(text: str, limit: int = 255) -> str:
    """The documented rule: the longest start that fits together with "…[+N]" (N characters cut)."""
    if len(text) <= limit:
        return text
    keep = max(k for k in range(limit) if len(text[:k] + f"…[+{len(text) - k}]") <= limit)
    return text[:keep] + f"…[+{len(text) - keep}]"


def as_parts(q, r) -> list:
    """A runtime response as notation parts (docs/question-types.md)."""
    if q.type == "matching":
        return [[s.id, r[s.id]] for s in q.choices]
    if q.type in ("single-choice", "multiple-choice"):
        return [c.id for c in q.choices if c.id in r]
    if q.type in ("sequencing",):
        return list(r)
    return [r]


def expected_interactions(unit, lang, right=True) -> list[dict]:
    rows = []
    for q in unit.questions.values():
        r = right_response(q, lang) if right else wrong_response(q, lang)
        n = notation(q, "scorm12", lang)
        row = {"id": q.id, "type": n["type"], "student_response": marked_cut(notate(n, as_parts(q, r))),
               "result": ("correct" if right else "wrong") if q.scored else "neutral"}
        if q.scored:
            row["correct_responses.0.pattern"] = n["pattern"]
        rows.append(row)
    return rows


def recorded(lms) -> list[dict]:
    keys = ("id", "type", "student_response", "result", "correct_responses.0.pattern")
    return [{k: i[k] for k in keys if k in i} for i in lms.interactions()]


def until(condition, page, seconds: float = 10) -> None:
    """Wait for something the LMS backend (not the page) will see."""
    for _ in range(int(seconds * 20)):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("the LMS never saw it")


class Session:
    """One launch of the SCO in the test LMS, in a fresh browser page (of `context`: the same
    browser profile, where the learner comes back on the same device)."""

    def __init__(self, browser, lms, unit, lang, context=None):
        self.own_context = context is None
        self.context = context or browser.new_context(viewport={"width": 1024, "height": 800})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.lms = lms
        self.page.goto(lms.url)
        self.frame = self.page.frame_locator("#sco")
        self.learner = Learner(self.frame, unit, lang)
        self.learner.wait_ready()

    def log(self) -> dict:
        return self.page.evaluate("window.lmsLog")

    def leave(self) -> None:
        """Like Moodle's "Exit activity": the SCO's page goes away; nobody calls LMSFinish for it."""
        finishes = self.lms.finishes
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function("window.lmsLog.calls.some(c => c[0] === 'LMSFinish' || c[0] === 'Terminate')")
        until(lambda: self.lms.finishes > finishes, self.page)  # the finishing commit travels in the background
        log = self.log()
        if self.own_context:
            self.context.close()
        else:
            self.page.close()
        return log


@pytest.fixture(params=[True, False], ids=["scormstandard-on", "scormstandard-off"])
def lms_for(request, unpacked, seed_unit):
    """A test LMS per call; every test runs with Moodle's standards mode on and off."""
    made = []

    def make(lang, package=None, unit=None):
        unit = unit or seed_unit
        lms = ScormLMS(package or unpacked[(lang, "scorm12")], unit.mastery_score if unit.scored_questions else None,
                       standard=request.param)
        made.append(lms)
        return lms

    yield make
    for lms in made:
        lms.close()


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
    assert lms.tracks["cmi.core.exit"] == ""  # done: not suspended
    assert recorded(lms) == expected_interactions(seed_unit, lang, right)
    for row in lms.interactions():
        assert row["weighting"] in ("1", "0")
        assert row["latency"] and row["time"]


def test_leaving_midway_and_coming_back_gives_the_same_record(browser, lms_for, seed_unit):
    lms = lms_for("de")
    first = Session(browser, lms, seed_unit, "de")
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    first.learner.run_through(right=True, stop_after_page="mentors-and-mentees")
    first.learner.next()
    first.learner.next()
    first.learner.next()  # now on the knowledge check
    first.learner.answer_questions(kc.questions[:3])
    first.leave()
    assert lms.tracks["cmi.core.exit"] == "suspend"
    assert lms.tracks["cmi.core.lesson_status"] == "incomplete"
    assert lms.tracks.get("cmi.core.score.raw", "") == ""  # no score before the knowledge check is done
    assert len(lms.interactions()) == 3

    second = Session(browser, lms, seed_unit, "de")
    assert second.learner.current_page() == "knowledge-check"
    q0 = seed_unit.questions[kc.questions[0]]
    assert second.frame.locator(f"#q-{q0.id} .feedback").inner_text().startswith(ui("de")["correct"])
    second.learner.answer_questions(kc.questions[3:])
    second.learner.next()
    second.learner.answer_questions(seed_unit.pages[-1].questions)
    second.learner.next()
    assert "100" in second.learner.result_text()
    log = second.leave()
    assert log["refused"] == []
    assert lms.tracks["cmi.core.lesson_status"] == "passed"
    assert lms.tracks["cmi.core.score.raw"] == "100"
    assert recorded(lms) == expected_interactions(seed_unit, "de", right=True)


def test_refused_commits_lose_no_answer(browser, lms_for, seed_unit):
    lms = lms_for("en")
    session = Session(browser, lms, seed_unit, "en")
    session.learner.run_through(right=True, stop_after_page="summary")
    lms.fail_next = 4  # the LMS fails for a while: HTTP 503, nothing stored
    session.learner.next()
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    notice = session.frame.locator("#notice")
    for n, qid in enumerate(kc.questions):
        session.learner.answer(seed_unit.questions[qid], right_response(seed_unit.questions[qid], "en"))
        if n == 0:  # the learner is told, and goes on
            expect(notice).to_have_text(ui("en")["saving_failed"])  # once the commit has run
    # the adapter retries by itself; once the LMS takes a commit the notice goes
    notice.wait_for(state="hidden", timeout=20_000)
    assert lms.failed == 4
    stored = [i["id"] for i in lms.interactions()]
    assert stored == list(kc.questions)
    session.learner.next()
    session.learner.answer_questions(seed_unit.pages[-1].questions)
    session.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)
    assert lms.tracks["cmi.core.lesson_status"] == "passed"


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


@pytest.mark.parametrize("lang", ["en", "de"])
def test_manifest_validates_and_lists_exactly_the_files_of_the_zip(dist, seed_unit, lang):
    with zipfile.ZipFile(dist[(lang, "scorm12")]) as zf:
        names = set(zf.namelist())
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    schema = scorm12_schema()
    assert schema.validate(manifest), schema.error_log
    listed = {f.get("href") for f in manifest.iter(f"{IMSCP}file")}
    assert listed == names - {"imsmanifest.xml"}
    assert manifest.find(f".//{ADLCP}masteryscore").text == str(seed_unit.mastery_score)
    resource = manifest.find(f".//{IMSCP}resource")
    assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("href") == "index.html"


def test_the_interaction_table_beside_the_zip_names_ids_letters_and_texts(tmp_path, seed_unit):
    build(UNITS, tmp_path,
          [seed_unit.id], ["de"], ["scorm12"])
    table = (tmp_path / f"{seed_unit.id}-de-{seed_unit.version}-scorm12-questions.html").read_text("utf-8")
    single = next(q for q in seed_unit.questions.values() if q.type == "single-choice")
    assert f"<code>{single.id}</code>" in table and single.prompt["de"] in table
    for i, choice in enumerate(single.choices):
        assert f"<li>{LETTERS_TEXT[i]} = {choice.text['de']}</li>" in table
    assert f"<code>{notation(single, 'scorm12', 'de')['pattern']}</code>" in table


def test_the_schema_check_catches_a_broken_manifest(dist):
    with zipfile.ZipFile(dist[("en", "scorm12")]) as zf:
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    manifest.find(f".//{IMSCP}resource").set(f"{ADLCP}scormtype", "lesson")
    assert not scorm12_schema().validate(manifest)


def test_closing_the_tab_midway_loses_nothing_and_duplicates_nothing(browser, lms_for, seed_unit):
    lms = lms_for("en")
    first = Session(browser, lms, seed_unit, "en")
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    for _ in seed_unit.pages[:7]:
        first.learner.next()
    first.learner.answer_questions(kc.questions[:4])
    until(lambda: len(lms.interactions()) == 4, first.page)  # each answer is committed as it is given
    first.page.close(run_before_unload=True)  # the whole tab goes, LMS page included
    first.context.close()
    assert [i["id"] for i in lms.interactions()] == list(kc.questions[:4])

    second = Session(browser, lms, seed_unit, "en")
    assert second.learner.current_page() == "knowledge-check"
    second.learner.answer_questions(kc.questions[4:])
    second.learner.next()
    second.learner.answer_questions(seed_unit.pages[-1].questions)
    second.learner.next()
    second.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)
    assert lms.tracks["cmi.core.lesson_status"] == "passed"


def test_answers_the_lms_never_took_are_sent_at_the_next_launch(browser, lms_for, seed_unit):
    """The LMS refuses every commit, the learner answers and leaves (even LMSFinish fails);
    on the same device the next launch sends what was lost, once."""
    lms = lms_for("en")
    device = browser.new_context()
    first = Session(browser, lms, seed_unit, "en", device)
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    for _ in seed_unit.pages[:7]:
        first.learner.next()
    until(lambda: lms.tracks.get("cmi.core.lesson_location") == "knowledge-check", first.page)
    lms.fail_next = 10_000  # from here on the LMS stores nothing
    first.learner.answer_questions(kc.questions[:3])
    first.learner.next()  # on to the reflection page
    log = first.leave()
    assert [c for c in log["calls"] if c[0] == "LMSFinish"]
    assert lms.interactions() == [] and lms.tracks["cmi.core.lesson_location"] == "knowledge-check"

    lms.fail_next = 0  # the LMS is back
    second = Session(browser, lms, seed_unit, "en", device)
    assert second.learner.current_page() == "reflection"  # the bookmark the LMS never got
    until(lambda: lms.interactions(), second.page)
    assert [i["id"] for i in lms.interactions()] == list(kc.questions[:3])  # sent again, on their own
    assert lms.tracks["cmi.core.lesson_location"] == "reflection"
    second.frame.locator("#back").click()
    second.learner.answer_questions(kc.questions[3:])
    second.learner.next()
    second.learner.answer_questions(seed_unit.pages[-1].questions)
    second.learner.next()
    second.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)  # each answer once
    assert lms.tracks["cmi.core.lesson_status"] == "passed"

    third = Session(browser, lms, seed_unit, "en", device)  # nothing is sent twice later either
    third.leave()
    assert recorded(lms) == expected_interactions(seed_unit, "en", right=True)
    device.close()


def test_every_try_is_an_interaction_and_the_tries_left_survive_a_relaunch(browser, lms_for, seed_unit):
    """Two questions: one wrong then right, one wrong once; the LMS keeps each try, the next launch knows."""
    lms = lms_for("en")
    first = Session(browser, lms, seed_unit, "en")
    while first.learner.current_page() != "knowledge-check":
        first.learner.next()
    kc = next(p for p in seed_unit.pages if p.id == "knowledge-check")
    retried, once = (seed_unit.questions[qid] for qid in kc.questions[:2])
    first.learner.answer(retried, wrong_response(retried, "en"))
    first.learner.answer(retried, right_response(retried, "en"))
    first.learner.answer(once, wrong_response(once, "en"))
    first.leave()
    assert [(i["id"], i["result"]) for i in lms.interactions()] == [
        (retried.id, "wrong"), (retried.id, "correct"), (once.id, "wrong")]

    second = Session(browser, lms, seed_unit, "en")
    locked = second.frame.locator(f"#q-{retried.id} input:not([disabled])")
    assert locked.count() == 0  # answered right: no more tries
    last = second.learner.answer(once, wrong_response(once, "en"))  # its second and last try
    assert ui("en")["revealed"] in last
    second.leave()
    assert [(i["id"], i["result"]) for i in lms.interactions()][-1] == (once.id, "wrong")
    assert len(lms.interactions()) == 4
