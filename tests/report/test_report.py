"""`qser report` against a real Ralph LRS holding statements from real run-throughs."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import uuid

import pytest
from click.testing import CliRunner

from builder.cli import main
from tests.support.learner import LONG_REFLECTION, right_response, wrong_response
from tests.support.lrs import RalphLRS
from tests.support.statements import right_for, synthetic
from tests.support.xapi_session import (  # noqa: F401
    ERIKA,
    MAX,
    Session,
    every_statement_valid,
    launch_id,
    launch_url,
    lrs,
    site,  # (fixtures)
    sites,
)

LENA = {"name": "Lena Schmidt", "mbox": "mailto:lena@example.org", "objectType": "Agent"}
JONAS = {"name": "Jonas Beispiel", "account": {"homePage": "https://moodle.example.org", "name": "77"},
         "objectType": "Agent"}
ESSAY = ("Vertrauen – trust – is what I would work on first. " + LONG_REFLECTION + " ") * 5  # ~2,000 chars


@pytest.fixture(scope="module")
def classroom(browser, sites, lrs, seed_unit):  # noqa: F811
    """Four learners, both languages: passed, failed, unfinished, one who corrected an answer (a second
    try the score does not count), and one who came back in a new registration and answered again."""
    unit = seed_unit

    def session(agent, lang):
        registration = str(uuid.uuid4())
        s = Session(browser, launch_url(sites[lang], lrs.endpoint, lrs.auth, agent, registration, launch_id(unit, lang)),
                    unit, lang)
        s.registration = registration
        return s

    def done(s, agent):
        s.settled()
        s.leave(lrs, agent, s.registration)  # waits until the LRS has the last statement

    erika = session(ERIKA, "en")
    erika.learner.run_through(right=True, free_text=ESSAY)
    done(erika, ERIKA)
    max_ = session(MAX, "de")
    max_.learner.run_through(right=False)
    done(max_, MAX)
    lena = session(LENA, "en")
    lena.learner.run_through(stop_after_page="summary")
    lena.learner.next()
    kc = unit.pages[7].questions
    for qid in kc[:3]:
        lena.learner.answer(unit.questions[qid], right_response(unit.questions[qid], "en"))
    done(lena, LENA)
    jonas = session(JONAS, "de")
    jonas.learner.run_through(stop_after_page="summary")
    jonas.learner.next()
    first = unit.questions[kc[1]]
    jonas.learner.answer(first, wrong_response(first, "de"))  # then thinks again
    for qid in kc:
        jonas.learner.answer(unit.questions[qid], right_response(unit.questions[qid], "de"))
    jonas.learner.next()
    for qid in unit.pages[8].questions:
        jonas.learner.answer(unit.questions[qid], right_response(unit.questions[qid], "de"))
    jonas.learner.next()
    done(jonas, JONAS)
    again = session(ERIKA, "en")  # a new attempt: one answer, wrong this time, and she leaves
    again.learner.run_through(stop_after_page="summary")
    again.learner.next()
    again.learner.answer(first, wrong_response(first, "en"))
    done(again, ERIKA)
    return lrs


def report(lrs, *args, password=None):
    env = {"QSER_LRS_ENDPOINT": lrs.endpoint, "QSER_LRS_USER": lrs.user, "QSER_LRS_PASSWORD": password or lrs.password}
    return CliRunner(env=env).invoke(main, ["report", "--unit", "becoming-a-mentor", *args])


def test_json_report_counts_and_answers_exactly(classroom, seed_unit):
    result = report(classroom, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    people = {l["name"]: l for l in data["learners"]}
    assert list(people) == ["Erika Muster", "Jonas Beispiel", "Lena Schmidt", "Max Mustermann"]
    # Jonas corrected one answer: the first try counts (scoring: first), so 6 of 7; Erika's result
    # is her first registration's, her second has no result
    assert {n: (l["attempts"], l["completed"], l["outcome"], l["score"]) for n, l in people.items()} == {
        "Erika Muster": (2, True, "passed", 100), "Jonas Beispiel": (1, True, "passed", 86),
        "Lena Schmidt": (1, False, "", None), "Max Mustermann": (1, True, "failed", 0)}
    assert all(l["seconds"] > 0 for l in data["learners"])
    assert data["title"] == seed_unit.title["en"]
    assert {k: data["summary"][k] for k in ("learners", "attempted", "completed", "passed", "average_score")} == {
        "learners": 4, "attempted": 4, "completed": 3, "passed": 2, "average_score": 62.0}
    assert data["absent"] == []

    questions = {q["id"]: q for q in data["questions"]}
    assert list(questions) == list(seed_unit.questions)  # in the unit's order
    practical = questions["practical-model"]
    assert practical["text"] == seed_unit.questions["practical-model"].prompt["en"]
    choices = {c.id: c.text["en"] for c in seed_unit.questions["practical-model"].choices}
    # latest answers: Jonas (corrected), Lena right; Erika (again) and Max wrong (the first wrong choice)
    assert [(p["text"], p["count"], p["right"]) for p in practical["distribution"]] == [
        (choices["impact-model"], 2, False), (choices["mentoring-cycle"], 2, True), (choices["equally-practical"], 0, False)]
    assert [(a["learner"], a["response"], a["success"]) for a in practical["answers"]] == [
        ("Erika Muster", choices["impact-model"], False), ("Jonas Beispiel", choices["mentoring-cycle"], True),
        ("Lena Schmidt", choices["mentoring-cycle"], True), ("Max Mustermann", choices["impact-model"], False)]
    summary = {q["id"]: q for q in data["summary"]["questions"]}["practical-model"]
    assert (summary["right"], summary["answered"], summary["share_right"]) == (2, 4, 0.5)
    assert summary["common_wrong"] == {"response": choices["impact-model"], "count": 2}
    # read from the statements alone: the pass mark, each question's page, the answers that counted
    assert data["pass_mark"] == seed_unit.mastery_score
    assert {n: l["pass_mark"] for n, l in people.items()} == {
        "Erika Muster": seed_unit.mastery_score, "Jonas Beispiel": seed_unit.mastery_score,
        "Lena Schmidt": None, "Max Mustermann": seed_unit.mastery_score}
    for qid, page in ((q, p) for p in seed_unit.pages for q in p.questions):
        assert questions[qid]["page"] == page.title["en"]
    # the answer each result counted, where it is not the latest: Erika's right one of her first
    # registration (her second has no result); Jonas's first, wrong try (scoring: first).
    # Lena has no result: nothing counted yet
    counted = {a["learner"]: (a["counted"], a["counted_answer"] and (a["counted_answer"]["response"],
                                                                     a["counted_answer"]["success"]))
               for a in practical["answers"]}
    assert counted == {"Erika Muster": (False, (choices["mentoring-cycle"], True)),
                       "Jonas Beispiel": (False, (choices["impact-model"], False)),
                       "Lena Schmidt": (None, None), "Max Mustermann": (True, None)}
    assert all(a["counted"] is True for q in data["questions"] if q["id"] != "practical-model"
               for a in q["answers"] if a["success"] is not None and a["learner"] != "Lena Schmidt")
    essay = {a["learner"]: a for a in questions["reflection-trait"]["answers"]}
    assert essay["Erika Muster"]["response"] == ESSAY  # in full
    assert essay["Erika Muster"]["success"] is None
    assert set(essay) == {"Erika Muster", "Jonas Beispiel", "Max Mustermann"}
    # Lena stopped on the knowledge check: its other questions she left, the reflections she never reached
    gaps = {q: [(g["learner"], g["reached"]) for g in questions[q]["gaps"]] for q in questions}
    kc = seed_unit.pages[7].questions
    assert {q: gaps[q] for q in kc[3:]} == {q: [("Lena Schmidt", True)] for q in kc[3:]}
    assert gaps["reflection-trait"] == [("Lena Schmidt", False)]
    roles = {a["learner"]: a["response"] for a in questions["mentor-roles"]["answers"]}
    q = seed_unit.questions["mentor-roles"]
    targets = {t.id: t.text["en"] for t in q.targets}
    assert roles["Erika Muster"] == "\n".join(f"{s.text['en']} → {targets[s.match]}" for s in q.choices)  # one pair a line
    # right answers and explanations from the unit, since --unit names it
    assert questions["practical-model"]["right_answer"] == choices["mentoring-cycle"]
    assert questions["practical-model"]["explanation"] == seed_unit.questions["practical-model"].feedback["reveal"]["en"]


def test_the_report_shows_the_latest_answer_not_the_first(classroom, seed_unit):
    """One learner answered the same question wrong, then right (two tries in one registration);
    another right, then wrong (two registrations). The answer shown is the latest each time."""
    data = json.loads(report(classroom, "--format", "json").stdout)
    practical = next(q for q in data["questions"] if q["id"] == "practical-model")
    latest = {a["learner"]: a["success"] for a in practical["answers"]}
    assert (latest["Jonas Beispiel"], latest["Erika Muster"]) == (True, False)


def test_german_table_csv_and_html_say_the_same(classroom, seed_unit, tmp_path):
    q = seed_unit.questions["practical-model"]
    right_text = next(c.text["de"] for c in q.choices if c.correct)
    wrong_text = next(c.text["de"] for c in q.choices if not c.correct)

    table = report(classroom, "--lang", "de")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert re.fullmatch(rf"{re.escape(seed_unit.title['de'])} — {re.escape(seed_unit.xapi_base)} \(\d+ Statements\)",
                        lines[0])
    assert lines[1] == f"Bestehensgrenze: {seed_unit.mastery_score:g} %"
    assert lines[3:9] == ["Überblick:", "  Lernende                     4", "  Begonnen                     4",
                          "  Abgeschlossen                3", "  Bestanden                    2",
                          "  Durchschnittliche Punktzahl  62"]
    page_title = next(p.title["de"] for p in seed_unit.pages if "practical-model" in p.questions)
    n = list(seed_unit.questions).index("practical-model") + 1
    assert f"{n}. {q.prompt['de']}  [practical-model] — Seite: {page_title}" in lines
    head = next(i for i, line in enumerate(lines) if line.startswith("Lernende/r "))
    assert lines[head].split() == ["Lernende/r", "Versuche", "Abgeschlossen", "Ergebnis", "Punktzahl", "Lernzeit",
                                   "Zuletzt", "aktiv"]
    assert lines[head + 1].split()[:6] == ["Erika", "Muster", "2", "ja", "bestanden", "100"]
    assert lines[head + 4].split()[:6] == ["Max", "Mustermann", "1", "ja", "nicht", "bestanden"]
    jonas = lines.index(f"   ✓ Jonas Beispiel: {right_text}")
    assert lines[jonas + 1] == " " * len("   ✓ Jonas Beispiel: ") + (
        f"↳ für das Ergebnis zählte eine frühere Antwort: {wrong_text} ✗")
    assert "   – Lena Schmidt: (nicht erreicht)" in lines

    out = tmp_path / "report.csv"
    assert report(classroom, "--lang", "de", "--format", "csv", "--output", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM, CRLF
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    head = rows[0]
    assert head[:8] == ["Lernende/r", "Versuche", "Abgeschlossen", "Ergebnis", "Punktzahl", "Bestehensgrenze",
                        "Lernzeit", "Zuletzt aktiv"]
    column = head.index(f"{n}. {q.prompt['de']}")
    assert head[column + 1:column + 3] == [f"{n}. Richtig beantwortet", f"{n}. Frühere Antwort, die zählte"]
    by_name = {r[0]: r for r in rows[1:rows.index([])]}
    assert by_name["Max Mustermann"][3:6] == ["nicht bestanden", "0", f"{seed_unit.mastery_score:g}"]
    assert by_name["Lena Schmidt"][3:6] == ["", "", ""]  # no result yet: no pass mark either
    assert by_name["Jonas Beispiel"][column:column + 3] == [right_text, "ja", wrong_text]
    assert by_name["Max Mustermann"][column:column + 3] == [wrong_text, "nein", ""]
    essay = head.index(f"{list(seed_unit.questions).index('reflection-trait') + 1}. "
                       f"{seed_unit.questions['reflection-trait'].prompt['de']}")
    assert by_name["Erika Muster"][essay] == ESSAY
    assert by_name["Lena Schmidt"][essay] == "(nicht erreicht)"
    assert ["Bestanden", "2"] in rows and ["Durchschnittliche Punktzahl", "62"] in rows

    html_file = tmp_path / "report.html"
    assert report(classroom, "--lang", "de", "--format", "html", "--output", str(html_file)).exit_code == 0
    html = html_file.read_text("utf-8")
    assert '<html lang="de">' in html and "http" not in html.split("<body>")[0].replace(seed_unit.xapi_base, "")
    assert "<script" not in html and "<link" not in html  # self-contained, nothing to fetch
    assert f'<span>{right_text} <span class="right">✓ richtige Antwort</span></span>' in html
    assert '<span class="num">2</span>' in html
    assert ESSAY.replace("–", "–") in html.replace("&#39;", "'")
    assert f"Bestehensgrenze: {seed_unit.mastery_score:g} %" in html and f"Seite: {page_title}" in html
    assert "für das Ergebnis zählte eine frühere Antwort: " in html


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_workshop_sheet_from_the_lrs(classroom, seed_unit, lang):
    from lxml import html as lxml_html

    from tests.report.test_workshop import select, texts

    result = report(classroom, "--lang", lang, "--format", "workshop")
    assert result.exit_code == 0, result.output
    root = lxml_html.fromstring(result.stdout)
    figures = dict(zip(texts(root, ".summary dt"), texts(root, ".summary dd")))
    assert list(figures.values()) == ["4", "4", "3", "2", "62"]
    assert texts(root, ".absent") == []
    # practical-model and the first question are the ones missed (2 of 4): the right answer and the explanation
    practical = seed_unit.questions["practical-model"]
    missed = texts(root, ".missed h3")
    assert missed[0] == practical.prompt[lang]
    article = select(root, ".missed article")[0]
    assert texts(article, ".good .answer") == [next(c.text[lang] for c in practical.choices if c.correct)]
    assert texts(article, ".bad .answer") == [next(c.text[lang] for c in practical.choices if not c.correct)]
    assert texts(article, ".why")[0].endswith(practical.feedback["reveal"][lang])
    reflections = [q for q in seed_unit.questions.values() if not q.scored]
    assert texts(root, ".reflections h3") == [q.prompt[lang] for q in reflections]
    trait = select(root, ".reflections article")[0]
    answers = {select(li, ".who")[0].text_content(): select(li, "p.text")[0].text_content()
               for li in select(trait, "li")}
    assert answers["Erika Muster"] == ESSAY  # in full: an LRS keeps the whole text
    assert set(answers) == {"Erika Muster", "Jonas Beispiel", "Max Mustermann"}
    assert texts(trait, ".gaps") == [{"en": "Not reached: Lena Schmidt", "de": "Nicht erreicht: Lena Schmidt"}[lang]]
    anonymous = report(classroom, "--lang", lang, "--format", "workshop", "--anonymous").stdout
    for name in ("Erika", "Jonas", "Lena", "Max", "@example.org", "mailto:", "moodle.example.org"):
        assert name not in anonymous
    root = lxml_html.fromstring(anonymous)
    trait = select(root, ".reflections article")[0]
    aliases = {select(li, ".who")[0].text_content(): select(li, "p.text")[0].text_content() for li in select(trait, "li")}
    first = {"en": "Learner 1", "de": "Lernende/r 1"}[lang]
    assert aliases[first] == ESSAY  # Erika began first


def test_credentials_never_show(classroom, tmp_path):
    html = tmp_path / "r.html"
    ok = report(classroom, "--format", "html", "--output", str(html))
    refused = report(classroom, password="not-the-password")
    secrets = [classroom.password, classroom.auth.split()[1], "not-the-password"]
    for text in (ok.output, refused.output, html.read_text("utf-8"), (classroom.data / "ralph.log").read_text()):
        assert not any(s in text for s in secrets)
    assert refused.exit_code == 1
    assert refused.stderr == (f"error: the LRS at {classroom.endpoint} refused the credentials (401); check --user "
                              "and --password (or QSER_LRS_USER and QSER_LRS_PASSWORD)\n")


def test_clear_errors_for_endpoint_unit_and_empty_result(classroom, tmp_path):
    env = {"QSER_LRS_USER": "u", "QSER_LRS_PASSWORD": "p"}
    nowhere = CliRunner(env=env).invoke(main, ["report", "--unit", "becoming-a-mentor",
                                               "--endpoint", "http://user:secret@127.0.0.1:9/xAPI/"])
    assert nowhere.exit_code == 1
    assert nowhere.stderr == ("error: cannot reach the LRS at http://127.0.0.1:9/xAPI/: Connection refused; "
                              "check --endpoint and that the LRS is running\n")
    unknown = report(classroom, "--unit", "becoming-a-menter")
    assert unknown.exit_code == 1 and "unknown unit 'becoming-a-menter'" in unknown.stderr
    empty = report(classroom, "--unit", "https://example.org/units/none")
    assert empty.exit_code == 1
    assert empty.stderr.startswith("error: the LRS has no statements for https://example.org/units/none;")
    later = report(classroom, "--since", "2099-01-01T00:00:00Z")
    assert later.exit_code == 1 and "since 2099-01-01T00:00:00Z" in later.stderr


def test_ten_thousand_statements_of_200_learners_page_into_a_correct_report(seed_unit, tmp_path):
    lrs = RalphLRS(tmp_path / "ralph", []).start()
    try:
        statements = synthetic(seed_unit, learners=200, per_learner=50)
        assert len(statements) == 10_000
        remote = lrs.remote()
        for i in range(0, len(statements), 1000):
            response = remote._send_request(__import__("tincan").http_request.HTTPRequest(
                method="POST", resource="statements", content=json.dumps(statements[i:i + 1000]),
                headers={"Content-Type": "application/json"}))
            assert response.success, response.data
        env = dict(os.environ, QSER_LRS_PASSWORD=lrs.password)
        run = subprocess.run([sys.executable, "-m", "builder", "report", "--endpoint", lrs.endpoint, "--user", lrs.user,
                              "--unit", "becoming-a-mentor", "--format", "json"],
                             capture_output=True, text=True, env=env, check=True)
        data = json.loads(run.stdout)
    finally:
        lrs.stop()
    assert data["statements"] == 10_000
    assert len(data["learners"]) == 200
    assert all(l["seconds"] == 600 and l["attempts"] == 1 for l in data["learners"])
    scored = seed_unit.scored_questions
    for j, q in enumerate(scored):
        answers = next(x for x in data["questions"] if x["id"] == q.id)["answers"]
        assert len(answers) == 200
        # each learner's latest answer to question j: the last k with k % len(scored) == j
        assert sum(a["success"] for a in answers) == sum(right_for(i, j) for i in range(200))


def test_the_html_report_is_accessible(classroom, page, tmp_path):
    from tests.support.a11y import run_axe

    html = tmp_path / "report.html"
    assert report(classroom, "--lang", "de", "--format", "html", "--output", str(html)).exit_code == 0
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(html.as_uri())
    assert run_axe(page) == []
    assert requests == [html.as_uri()]  # the page alone: no script, font or image is fetched


@pytest.mark.parametrize("order", ["oldest first", "newest first"])
def test_the_latest_answer_wins_in_whatever_order_the_lrs_sends_statements(seed_unit, order):
    """Ralph 5.1.0's file backend answers `ascending=true` newest first within a page; other LRSs
    oldest first. A wrong try, then a right one, then the outcome that counted the wrong one (the
    unit's scoring: first), and in a new registration a wrong answer without a result: the report
    shows that last answer, and under it the one the result counted."""
    from builder.report.from_lrs import build_report
    from builder.targets.xapi import page_iri, question_activity, unit_activity

    q = seed_unit.questions["practical-model"]
    activity = question_activity(seed_unit, q).as_version()
    unit = unit_activity(seed_unit, "en").as_version()
    right, wrong = (next(c.id for c in q.choices if c.correct), next(c.id for c in q.choices if not c.correct))

    page = page_iri(seed_unit, next(p.id for p in seed_unit.pages if q.id in p.questions))

    def statement(n, verb, obj, registration, result):  # placed as the package places them (xapi/statements.js)
        where = ({"parent": [{"id": page}], "grouping": [{"id": unit["id"]}, {"id": seed_unit.xapi_base}]}
                 if obj is activity else {"grouping": [{"id": seed_unit.xapi_base}]})
        return {"id": str(uuid.UUID(int=n)), "actor": ERIKA, "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
                "object": obj, "result": result, "timestamp": f"2026-11-0{n}T10:00:00Z",
                "context": {"registration": registration, "contextActivities": where}}

    one, two = str(uuid.UUID(int=101)), str(uuid.UUID(int=102))
    attempt = f"{seed_unit.xapi_base}/extensions/attempt"
    statements = [
        statement(1, "answered", activity, one, {"response": wrong, "success": False, "extensions": {attempt: 1}}),
        statement(2, "answered", activity, one, {"response": right, "success": True, "extensions": {attempt: 2}}),
        statement(3, "failed", unit, one, {"score": {"raw": 86}, "success": False, "extensions": {
            f"{seed_unit.xapi_base}/extensions/answers": {activity["id"]: str(uuid.UUID(int=1))}}}),
        statement(4, "answered", activity, two, {"response": right, "success": True, "extensions": {attempt: 1}}),
        statement(5, "answered", activity, two, {"response": wrong, "success": False, "extensions": {attempt: 2}}),
    ]
    if order == "newest first":
        statements.reverse()
    result = build_report(statements, seed_unit.xapi_base, "en", unit=seed_unit)
    answer = next(x for x in result.questions if x.id == "practical-model").answers[0]
    texts = {c.id: c.text["en"] for c in q.choices}
    assert (answer.response, answer.success, answer.counted) == (texts[wrong], False, False)
    assert (answer.counted_answer.response, answer.counted_answer.success) == (texts[wrong], False)
    assert answer.counted_answer.timestamp == "2026-11-01T10:00:00Z"  # the first try, not the right second one
    assert (result.learners[0].attempts, result.learners[0].outcome, result.learners[0].score) == (2, "failed", 86)
