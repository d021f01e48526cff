"""`qser report` against a real Ralph LRS holding statements from real run-throughs."""

from __future__ import annotations

import csv
import io
import json
import os
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
    """Four learners, both languages: passed, failed, unfinished, and one who corrected an answer."""
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
    # Jonas corrected one answer: the first try counts (scoring: first), so 6 of 7
    assert {n: (l["attempts"], l["completed"], l["outcome"], l["score"]) for n, l in people.items()} == {
        "Erika Muster": (1, True, "passed", 100), "Jonas Beispiel": (1, True, "passed", 86),
        "Lena Schmidt": (1, False, "", None), "Max Mustermann": (1, True, "failed", 0)}
    assert all(l["seconds"] > 0 for l in data["learners"])
    assert data["title"] == seed_unit.title["en"]

    questions = {q["id"]: q for q in data["questions"]}
    assert list(questions) == list(seed_unit.questions)  # in the unit's order
    practical = questions["practical-model"]
    assert practical["text"] == seed_unit.questions["practical-model"].prompt["en"]
    choices = {c.id: c.text["en"] for c in seed_unit.questions["practical-model"].choices}
    # latest answers: Erika, Jonas (corrected), Lena right; Max wrong (the first wrong choice)
    assert practical["distribution"] == [[choices["impact-model"], 1], [choices["mentoring-cycle"], 3],
                                         [choices["equally-practical"], 0]]
    assert [(a["learner"], a["response"], a["success"]) for a in practical["answers"]] == [
        ("Erika Muster", choices["mentoring-cycle"], True), ("Jonas Beispiel", choices["mentoring-cycle"], True),
        ("Lena Schmidt", choices["mentoring-cycle"], True), ("Max Mustermann", choices["impact-model"], False)]
    # read from the statements alone: the pass mark, each question's page, the answers that counted
    assert data["pass_mark"] == seed_unit.mastery_score
    assert {n: l["pass_mark"] for n, l in people.items()} == {
        "Erika Muster": seed_unit.mastery_score, "Jonas Beispiel": seed_unit.mastery_score,
        "Lena Schmidt": None, "Max Mustermann": seed_unit.mastery_score}
    for qid, page in ((q, p) for p in seed_unit.pages for q in p.questions):
        assert questions[qid]["page"] == page.title["en"]
    # Lena has no result: nothing counted yet; Jonas's latest answer is not the one that counted
    # (scoring: first: his first, wrong try did); the others' latest answers are what counted
    assert [(a["learner"], a["counted"]) for a in practical["answers"]] == [
        ("Erika Muster", True), ("Jonas Beispiel", False), ("Lena Schmidt", None), ("Max Mustermann", True)]
    essay = {a["learner"]: a for a in questions["reflection-trait"]["answers"]}
    assert essay["Erika Muster"]["response"] == ESSAY  # in full
    assert essay["Erika Muster"]["success"] is None
    assert set(essay) == {"Erika Muster", "Jonas Beispiel", "Max Mustermann"}
    roles = {a["learner"]: a["response"] for a in questions["mentor-roles"]["answers"]}
    q = seed_unit.questions["mentor-roles"]
    targets = {t.id: t.text["en"] for t in q.targets}
    assert roles["Erika Muster"] == "; ".join(f"{s.text['en']} → {targets[s.match]}" for s in q.choices)


def test_german_table_csv_and_html_say_the_same(classroom, seed_unit, tmp_path):
    q = seed_unit.questions["practical-model"]
    right_text = next(c.text["de"] for c in q.choices if c.correct)

    table = report(classroom, "--lang", "de")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].startswith(f"{seed_unit.title['de']} — {seed_unit.xapi_base} (")
    assert lines[1] == f"Bestehensgrenze: {seed_unit.mastery_score:g}%"
    page_title = next(p.title["de"] for p in seed_unit.pages if "practical-model" in p.questions)
    n = list(seed_unit.questions).index("practical-model") + 1
    assert f"{n}. {q.prompt['de']}  [practical-model] — Seite: {page_title}" in lines
    lines = lines[:1] + lines[2:]
    assert lines[2].split() == ["Lernende/r", "Versuche", "Abgeschlossen", "Ergebnis", "Punktzahl", "Lernzeit",
                                "Zuletzt", "aktiv"]
    assert lines[3].split()[:6] == ["Erika", "Muster", "1", "ja", "bestanden", "100"]
    assert lines[6].split()[:6] == ["Max", "Mustermann", "1", "ja", "nicht", "bestanden"]
    assert f"   ✓ Jonas Beispiel: {right_text}" in lines  # his first, wrong try counted, not this one
    assert f"   ✓ Erika Muster: {right_text}  (zählte für das Ergebnis)" in lines

    out = tmp_path / "report.csv"
    assert report(classroom, "--lang", "de", "--format", "csv", "--output", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM, CRLF
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    n = list(seed_unit.questions).index("practical-model") + 1
    assert rows[0][:8] == ["Lernende/r", "Versuche", "Abgeschlossen", "Ergebnis", "Punktzahl", "Bestehensgrenze",
                           "Lernzeit", "Zuletzt aktiv"]
    assert rows[0][8 + 2 * (n - 1)] == f"{n}. {q.prompt['de']}"
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Max Mustermann"][3:6] == ["nicht bestanden", "0", f"{seed_unit.mastery_score:g}"]
    assert by_name["Lena Schmidt"][3:6] == ["", "", ""]  # no result yet: no pass mark either
    assert by_name["Jonas Beispiel"][8 + 2 * (n - 1):10 + 2 * (n - 1)] == [right_text, "ja"]
    essay_col = 8 + 2 * (list(seed_unit.questions).index("reflection-trait"))
    assert by_name["Erika Muster"][essay_col] == ESSAY

    html_file = tmp_path / "report.html"
    assert report(classroom, "--lang", "de", "--format", "html", "--output", str(html_file)).exit_code == 0
    html = html_file.read_text("utf-8")
    assert '<html lang="de">' in html and "http" not in html.split("<body>")[0].replace(seed_unit.xapi_base, "")
    assert "<script" not in html and "<link" not in html  # self-contained, nothing to fetch
    assert f"<span>{right_text}</span>" in html and '<span class="num">3</span>' in html
    assert ESSAY.replace("–", "–") in html.replace("&#39;", "'")
    assert f"Bestehensgrenze: {seed_unit.mastery_score:g}%" in html and f"Seite: {page_title}" in html


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
