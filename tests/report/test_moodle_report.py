"""`qser report --moodle FILE`: real downloads from a Moodle 4.5.6 (shared fixtures) in words.

What each learner did is what the fixtures' README says; the tests check the report says it too,
for every file and format Moodle serves. Files that are no such download, or one from another unit
or version, damaged ones and hostile cells are test_moodle_report_faults.py's.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest

from tests.support.moodle_downloads import FIXTURES, NEEDS_FIXTURES, run

pytestmark = NEEDS_FIXTURES
INTERACTIONS = [f"becoming-a-mentor-{lang}-interactions{cols}.{ext}" for lang in ("en", "de")
                for cols in ("", "-default") for ext in ("txt", "ods", "xlsx")]
BASIC = [f"becoming-a-mentor-{lang}-basic{cols}.txt" for lang in ("en", "de") for cols in ("", "-default")]

ANA, MEHMET, ZOE, ALEX, JUERGEN, KATARINA = ("Ana María López", "Mehmet Yılmaz", "Zoë O'Brien",
                                             "Αλεξάνδρα Παπαδοπούλου", "Jürgen Weiß", "Katarina Novak")

# The answers in words, as the learner saw them in the package (unit sources, in authored order).
RIGHT = {
    "en": {
        "imposes-solutions": "False",
        "practical-model": "The Circular Cycle of Mentoring",
        "mentor-skills": "Career development; Guidance; Counseling",
        "project-partners": "7",
        "relationship-basis": "confidentiality",
    },
    "de": {
        "imposes-solutions": "Falsch",
        "practical-model": "Der Circular Cycle of Mentoring",
        "mentor-skills": "Berufliche Entwicklung; Führung; Beratung",
        "project-partners": "7",
        "relationship-basis": "Vertrauen",
    },
}
WRONG = {
    "en": {
        "imposes-solutions": "True",
        "practical-model": "The Impact Circular Model",
        "mentor-skills": "Judging the mentee and comparing him/her with others; Writing the mentee's job description",
        "project-partners": "5",
        "relationship-basis": "honesty",
    },
    "de": {
        "imposes-solutions": "Richtig",
        "practical-model": "Das Impact-Circular-Modell",
        "mentor-skills": "Den Mentee beurteilen und mit anderen vergleichen; Die Arbeitsplatzbeschreibung des "
                         "Mentees verfassen",
        "project-partners": "5",
        "relationship-basis": "Ehrlichkeit",
    },
}
REFLECTIONS = {
    ("en", ANA): ("Patience, and the ability to listen without judging.", "Giving feedback that is honest but kind."),
    ("en", MEHMET): ("A mentor needs \"expert\" knowledge & experience; they're the one who knows best.",
                     "Time management <not my strength>."),
    ("de", JUERGEN): ("Geduld und die Fähigkeit, zuzuhören, ohne zu urteilen.",
                      "Konstruktives Feedback geben – ehrlich, aber wertschätzend."),
    ("de", MEHMET): ("Ein Mentor braucht „Fachwissen“ & Erfahrung; er weiß, was für den Mentee am besten ist.",
                     "Zeitmanagement <nicht meine Stärke>."),
}
# README: status, score, attempts per learner
OUTCOMES = {
    "en": {ANA: ("passed", 100, 1), MEHMET: ("failed", 0, 1), ZOE: ("incomplete", None, 1),
           ALEX: ("passed", 100, 1), JUERGEN: ("passed", 86, 1), KATARINA: ("not attempted", None, 0)},
    "de": {JUERGEN: ("passed", 100, 1), MEHMET: ("failed", 0, 1), ANA: ("incomplete", None, 1),
           ZOE: ("not attempted", None, 0), ALEX: ("not attempted", None, 0), KATARINA: ("not attempted", None, 0)},
}


def moodle_json(name: str, *args, units=None) -> dict:
    result = run("--moodle", str(FIXTURES / name), "--unit", "becoming-a-mentor", "--format", "json",
                 *(["--units", str(units)] if units else []), *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def long_reflection() -> str:
    """The 1,500 characters Αλεξάνδρα typed, as the fixtures' README gives them."""
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    text = re.search(r"### The 1,500-character reflection.*?```\n(.*?)\n```", readme, re.S).group(1)
    assert len(text) == 1500 and text[222] == "\n"
    return text


def answers_of(report: dict, learner: str) -> dict[str, dict]:
    return {q["id"]: a for q in report["questions"] for a in q["answers"] if a["learner"] == learner}


@pytest.mark.parametrize("name", INTERACTIONS)
def test_every_learner_status_score_and_answers_in_words(name):
    lang = "de" if "-de-" in name else "en"
    report = moodle_json(name)
    learners = {l["name"]: l for l in report["learners"]}
    assert set(learners) == set(OUTCOMES[lang])  # the teacher is listed too, as Moodle lists her
    for who, (status, score, attempts) in OUTCOMES[lang].items():
        l = learners[who]
        assert (l["status"], l["score"], l["attempts"]) == (status, score, attempts), who
        assert l["outcome"] == (status if status in ("passed", "failed") else "")
        assert l["completed"] is (status in ("passed", "failed"))
    assert learners[MEHMET]["last_activity"] == ("2026-11-23T18:13" if lang == "en" else "2026-11-23T18:16")
    assert [q["id"] for q in report["questions"]] == ["imposes-solutions", "practical-model", "mentor-skills",
                                                       "mentor-roles", "learning-path", "project-partners",
                                                       "relationship-basis", "reflection-trait", "reflection-skill"]
    right, wrong = RIGHT[lang], WRONG[lang]
    everything_right = [ANA, ALEX] if lang == "en" else [JUERGEN]
    for who in everything_right + [MEHMET]:
        got = answers_of(report, who)
        expected = right if who != MEHMET else wrong
        assert {q: got[q]["response"] for q in expected} == expected, who
        assert {got[q]["success"] for q in expected} == {who != MEHMET}
        assert got["reflection-trait"]["success"] is None
    # the three answers of who stopped early, and nothing else
    early = answers_of(report, ZOE if lang == "en" else ANA)
    assert {q: (a["response"], a["success"]) for q, a in early.items()} == {
        "imposes-solutions": (right["imposes-solutions"], True), "practical-model": (wrong["practical-model"], False),
        "mentor-skills": (right["mentor-skills"], True)}
    for who in [w for w, (s, _, _) in OUTCOMES[lang].items() if s == "not attempted"]:
        assert answers_of(report, who) == {}
    for (l, who), (trait, skill) in REFLECTIONS.items():
        if l == lang:
            got = answers_of(report, who)
            assert (got["reflection-trait"]["response"], got["reflection-skill"]["response"]) == (trait, skill)
            assert got["reflection-trait"]["cut"] == 0
    if lang == "en":
        # Jürgen answered twice in one attempt: his latest answers count; mentor-skills kept d,e ticked
        got = answers_of(report, JUERGEN)
        assert {q: got[q]["response"] for q in right if q != "mentor-skills"} == {
            q: t for q, t in right.items() if q != "mentor-skills"}
        assert got["mentor-skills"]["response"] == right["mentor-skills"] + "; " + wrong["mentor-skills"]
        assert got["mentor-skills"]["success"] is False
        assert sum(a["success"] is True for a in got.values()) == 6  # 6 of 7: the 86 % Moodle recorded
        assert "reflection-trait" not in got
        roles = answers_of(report, ANA)["mentor-roles"]["response"]
        assert roles.startswith("Career development → Helps the mentee clarify goals")
        assert "; Counseling → Gives advice and encouragement" in roles
        assert answers_of(report, MEHMET)["learning-path"]["response"].startswith(
            "Record impact and mentoring evaluation → Become a mentor")
        # the long reflection: what the package could store, and how much is missing
        whole = long_reflection()
        got = answers_of(report, ALEX)
        assert got["reflection-trait"]["response"] == whole[:247] + "…[+1253]"
        assert got["reflection-trait"]["cut"] == 1253
        assert got["reflection-skill"]["response"] == "Saying no, politely."
        assert any("cmi.comments" in n and "track details" in n for n in report["notes"])
    if "-default" in name:
        assert any("no question ids" in n for n in report["notes"])
    else:
        assert not any("question ids" in n for n in report["notes"])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_three_formats_give_the_same_report(lang):
    for cols in ("", "-default"):
        reports = []
        for ext in ("txt", "ods", "xlsx"):
            report = moodle_json(f"becoming-a-mentor-{lang}-interactions{cols}.{ext}")
            report.pop("source")
            if ext == "txt":  # the text format's dates carry the weekday; the minutes are the same
                assert report["learners"][0]["last_activity"].startswith("2026-11-23T18:1")
            reports.append(report)
        assert reports[0] == reports[1] == reports[2]


@pytest.mark.parametrize("name", BASIC)
def test_basic_report_status_and_score(name):
    lang = "de" if "-de-" in name else "en"
    report = moodle_json(name)
    assert report["questions"] == []
    learners = {l["name"]: l for l in report["learners"]}
    for who, (status, score, attempts) in OUTCOMES[lang].items():
        l = learners[who]
        assert l["attempts"] == attempts
        if "-default" not in name:
            assert (l["status"], l["score"]) == (status, score), who
        elif score:  # no status column: only a score above 0 says something
            assert (l["outcome"], l["score"]) == (status, score), who
        else:  # a 0 is 0 % or no score yet: the report does not pretend to know
            assert l["outcome"] == "" and l["score"] is None, who
    if "-default" in name:
        assert any("Track details = Yes" in n for n in report["notes"])


def test_table_and_csv_in_german_read_like_the_json():
    result = run("--moodle", str(FIXTURES / "becoming-a-mentor-de-interactions.txt"), "--unit", "becoming-a-mentor",
                 "--lang", "de")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ein Q-SER-Mentor werden — becoming-a-mentor 1.0.0 (de, SCORM 1.2) (Moodle Interactions")
    ana = next(line for line in lines if line.startswith(ANA))
    assert re.fullmatch(rf"{ANA}\s+1\s+nein\s+unvollständig\s+2026-11-23 18:16", ana)
    assert "   ✗ Mehmet Yılmaz: Ein Mentor braucht „Fachwissen“ & Erfahrung" not in result.stdout  # neutral: ·
    assert "   · Mehmet Yılmaz: Ein Mentor braucht „Fachwissen“ & Erfahrung; er weiß" in result.stdout
    out = run("--moodle", str(FIXTURES / "becoming-a-mentor-de-interactions.ods"), "--unit", "becoming-a-mentor",
              "--lang", "de", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.stdout_bytes.decode("utf-8-sig")), delimiter=";"))
    head, body = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert head[:4] == ["Lernende/r", "Versuche", "Abgeschlossen", "Ergebnis"]
    assert body[JUERGEN]["Ergebnis"] == "bestanden" and body[JUERGEN]["Punktzahl"] == "100"
    assert body[ZOE]["Ergebnis"] == "nicht begonnen"
    seventh = next(h for h in head if h.startswith("7. "))
    assert body[JUERGEN][seventh] == "Vertrauen" and body[MEHMET][seventh] == "Ehrlichkeit"
    assert body[JUERGEN][head[head.index(seventh) + 1]] == "ja"
    german = run("--moodle", str(FIXTURES / "becoming-a-mentor-de-basic-default.txt"), "--unit", "becoming-a-mentor",
                 "--lang", "de")
    assert "Hinweise:\n- Dieser Basisbericht hat keine Statusspalte" in german.stdout


def test_the_moodle_html_report_is_accessible(page, tmp_path):
    from tests.support.a11y import run_axe

    html = tmp_path / "report.html"
    result = run("--moodle", str(FIXTURES / "becoming-a-mentor-en-interactions-default.xlsx"), "--unit",
                 "becoming-a-mentor", "--format", "html", "--output", str(html))
    assert result.exit_code == 0, result.output
    page.goto(html.as_uri())
    assert run_axe(page) == []
    text = page.inner_text("body")
    assert "they're the one who knows best." in text and "<not my strength>" in text  # decoded once, escaped once
    assert "&amp;" not in text and "&#039;" not in text
    rows = {r.split("\t")[0]: r.split("\t") for r in page.locator("table").first.inner_text().splitlines()}
    assert rows[ZOE][3] == "incomplete" and rows[KATARINA][3] == "not attempted" and rows[JUERGEN][3:5] == ["passed", "86"]
    assert "no question ids" in text  # the trainer learns how the answers were matched
    assert zipfile.is_zipfile(FIXTURES / "becoming-a-mentor-en-interactions.xlsx")  # the fixtures are untouched


def test_answers_are_counted_per_option_from_moodles_letters():
    """The German download's latest answers: imposes-solutions f, t, f; practical-model a, a, b;
    mentor-skills a,b,c twice and d,e once (read in the file). Open answers get no count."""
    report = moodle_json("becoming-a-mentor-de-interactions.txt")
    counts = {q["id"]: q["distribution"] for q in report["questions"]}
    assert counts["imposes-solutions"] == [["Richtig", 1], ["Falsch", 2]]
    assert counts["practical-model"] == [["Das Impact-Circular-Modell", 2], ["Der Circular Cycle of Mentoring", 1],
                                         ["Beide sind gleich praktisch.", 0]]
    assert [n for _, n in counts["mentor-skills"]] == [2, 2, 2, 1, 1]
    assert counts["mentor-roles"] is counts["project-partners"] is counts["reflection-trait"] is None
