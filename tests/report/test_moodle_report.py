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
        "mentor-skills": "Career development\nGuidance\nCounseling",
        "project-partners": "7",
        "relationship-basis": "confidentiality",
    },
    "de": {
        "imposes-solutions": "Falsch",
        "practical-model": "Der Circular Cycle of Mentoring",
        "mentor-skills": "Berufliche Entwicklung\nFührung\nBeratung",
        "project-partners": "7",
        "relationship-basis": "Vertrauen",
    },
}
WRONG = {
    "en": {
        "imposes-solutions": "True",
        "practical-model": "The Impact Circular Model",
        "mentor-skills": "Judging the mentee and comparing him/her with others\nWriting the mentee's job description",
        "project-partners": "5",
        "relationship-basis": "honesty",
    },
    "de": {
        "imposes-solutions": "Richtig",
        "practical-model": "Das Impact-Circular-Modell",
        "mentor-skills": "Den Mentee beurteilen und mit anderen vergleichen\nDie Arbeitsplatzbeschreibung des "
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
    learners = {l["name"]: l for l in report["learners"] + report["absent"]}
    assert set(learners) == set(OUTCOMES[lang])  # the teacher is listed too, as Moodle lists her: apart
    assert {l["name"] for l in report["absent"]} == {w for w, (_, _, n) in OUTCOMES[lang].items() if n == 0}
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
        assert got["mentor-skills"]["response"] == right["mentor-skills"] + "\n" + wrong["mentor-skills"]
        assert got["mentor-skills"]["success"] is False
        assert sum(a["success"] is True for a in got.values()) == 6  # 6 of 7: the 86 % Moodle recorded
        assert "reflection-trait" not in got
        roles = answers_of(report, ANA)["mentor-roles"]["response"]
        assert roles.startswith("Career development → Helps the mentee clarify goals")
        # one pair a line: the targets' own ";" cannot be taken for a separator
        assert roles.split("\n") == ["Career development → Helps the mentee clarify goals and identify opportunities; "
                                      "facilitates decision making and networking",
                                      "Guidance → Encourages and supports the mentee, motivates him/her to act, "
                                      "promotes self-esteem and independent work",
                                      "Counseling → Gives advice and encouragement for balancing family and "
                                      "professional life"]
        assert answers_of(report, MEHMET)["learning-path"]["response"].startswith(
            "Record impact and mentoring evaluation → Become a mentor")
        # the long reflection: what the package could store, and how much is missing
        whole = long_reflection()
        got = answers_of(report, ALEX)
        assert got["reflection-trait"]["response"] == whole[:247] + "…[+1253]"
        assert got["reflection-trait"]["cut"] == 1253
        assert got["reflection-skill"]["response"] == "Saying no, politely."
        assert any("cmi.comments" in n and "track details" in n for n in report["notes"])
    no_ids = "no question ids" if lang == "en" else "keine Fragen-IDs"  # the report speaks the package's language
    assert any(no_ids in n for n in report["notes"]) is ("-default" in name)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_three_formats_give_the_same_report(lang):
    for cols in ("", "-default"):
        reports = []
        for ext in ("txt", "ods", "xlsx"):
            report = moodle_json(f"becoming-a-mentor-{lang}-interactions{cols}.{ext}")
            report.pop("source_file")
            if ext == "txt":  # the text format's dates carry the weekday; the minutes are the same
                assert report["learners"][0]["last_activity"].startswith("2026-11-23T18:1")
            reports.append(report)
        assert reports[0] == reports[1] == reports[2]


@pytest.mark.parametrize("name", BASIC)
def test_basic_report_status_and_score(name):
    lang = "de" if "-de-" in name else "en"
    report = moodle_json(name)
    assert report["questions"] == []
    learners = {l["name"]: l for l in report["learners"] + report["absent"]}
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


ENGLISH = re.compile(r"\b(report|rows?|Learners?|Score|Result|passed|failed|incomplete|not attempted|no answer|"
                     r"not reached|Summary|right answer|Notes)\b")


def test_table_and_csv_in_german_read_like_the_json_and_say_nothing_in_english():
    result = run("--moodle", str(FIXTURES / "becoming-a-mentor-de-interactions.txt"), "--unit", "becoming-a-mentor",
                 "--lang", "de")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("Ein Q-SER-Mentor werden — becoming-a-mentor 1.0.0 (de, SCORM 1.2) (Moodle-Interaktionsbericht, "
                        "becoming-a-mentor-de-interactions.txt, 6 Zeilen)")
    assert lines[1] == "Bestehensgrenze: 80 %"
    assert lines[3:9] == ["Überblick:", "  Lernende                     3", "  Begonnen                     3",
                          "  Abgeschlossen                2", "  Bestanden                    1",
                          "  Durchschnittliche Punktzahl  50"]
    ana = next(line for line in lines if line.startswith(ANA))
    assert re.fullmatch(rf"{ANA}\s+1\s+nein\s+unvollständig\s+0:00:00\s+2026-11-23 18:16", ana)
    assert f"Ohne Versuch (nicht mitgezählt): {KATARINA}, {ZOE}, {ALEX}" in lines
    assert "   ✗ Mehmet Yılmaz: Ein Mentor braucht „Fachwissen“ & Erfahrung" not in result.stdout  # neutral: ·
    assert "   · Mehmet Yılmaz: Ein Mentor braucht „Fachwissen“ & Erfahrung; er weiß" in result.stdout
    assert f"   – {ANA}: (nicht erreicht)" in lines  # she stopped at the third question
    assert "       2  Das Impact-Circular-Modell" in lines and "       1  Der Circular Cycle of Mentoring  ✓ richtige Antwort" in lines
    # every word of the report's own is German: what is left in English comes from the learners or the unit
    own = "\n".join(l for l in lines if not l.startswith(("   ✓", "   ✗", "   ·", "     ")) and "[" not in l)
    assert not ENGLISH.search(own), ENGLISH.search(own)

    out = run("--moodle", str(FIXTURES / "becoming-a-mentor-de-interactions.ods"), "--unit", "becoming-a-mentor",
              "--lang", "de", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.stdout_bytes.decode("utf-8-sig")), delimiter=";"))
    head = rows[0]
    body = {r[0]: dict(zip(head, r)) for r in rows[1:rows.index([])]}
    assert head[:8] == ["Lernende/r", "Versuche", "Abgeschlossen", "Ergebnis", "Punktzahl", "Bestehensgrenze",
                        "Lernzeit", "Zuletzt aktiv"]
    assert set(body) == {ANA, JUERGEN, MEHMET}  # who has an attempt
    assert body[JUERGEN]["Ergebnis"] == "bestanden" and body[JUERGEN]["Punktzahl"] == "100"
    assert body[MEHMET]["Bestehensgrenze"] == "80"  # the unit's mastery score: Moodle's pass mark
    assert body[ANA]["Bestehensgrenze"] == ""  # no result yet
    seventh = next(h for h in head if h.startswith("7. "))
    assert head[head.index(seventh) + 1:head.index(seventh) + 3] == ["7. Richtig beantwortet",
                                                                     "7. Frühere Antwort, die zählte"]
    assert body[JUERGEN][seventh] == "Vertrauen" and body[MEHMET][seventh] == "Ehrlichkeit"
    assert body[JUERGEN]["7. Richtig beantwortet"] == "ja"
    assert body[ANA][seventh] == "(nicht erreicht)" and body[ANA]["7. Richtig beantwortet"] == ""
    blocks = rows[rows.index([]) + 1:]
    assert blocks[:5] == [["Ohne Versuch (nicht mitgezählt)"], [KATARINA], [ZOE], [ALEX], []]
    assert blocks[5:11] == [["Überblick"], ["Lernende", "3"], ["Begonnen", "3"], ["Abgeschlossen", "2"],
                            ["Bestanden", "1"], ["Durchschnittliche Punktzahl", "50"]]
    assert blocks[12][:4] == ["Frage", "Beantwortet", "Davon richtig", "Anteil richtig"]
    second = next(r for r in blocks[13:] if r[0].startswith("2. "))
    assert second[1:] == ["3", "1", "33 %", "Das Impact-Circular-Modell", "2"]
    german = run("--moodle", str(FIXTURES / "becoming-a-mentor-de-basic-default.txt"), "--unit", "becoming-a-mentor",
                 "--lang", "de")
    assert "Hinweise:\n- Dieser Basisbericht hat keine Statusspalte" in german.stdout


def test_a_report_language_without_words_falls_back_to_english_and_says_so():
    result = run("--moodle", str(FIXTURES / "becoming-a-mentor-en-basic.txt"), "--unit", "becoming-a-mentor",
                 "--lang", "es")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("note: the report has no words in 'es' (it has en, de, fr): its headings are in English; "
                             "question and answer texts are in 'es' where the source has them\n")
    assert "Summary:" in result.stdout
    french = run("--moodle", str(FIXTURES / "becoming-a-mentor-en-basic.txt"), "--unit", "becoming-a-mentor",
                 "--lang", "fr-CH")
    assert french.stderr == "" and "\nSynthèse\u00a0:\n" in french.stdout  # French: a space before the colon
    assert "rapport de base de Moodle" in french.stdout
    assert "\nSans tentative (non compté·es)\u00a0: Katarina Novak\n" in french.stdout
    bad = run("--moodle", str(FIXTURES / "becoming-a-mentor-en-basic.txt"), "--unit", "becoming-a-mentor",
              "--lang", "en_GB!")
    assert bad.exit_code == 2 and "--lang 'en_GB!' is not a language code; give one like en, de, fr" in bad.output


def test_the_moodle_html_report_is_accessible(page, tmp_path):
    from tests.support.a11y import run_axe

    html = tmp_path / "report.html"
    result = run("--moodle", str(FIXTURES / "becoming-a-mentor-en-interactions-default.xlsx"), "--unit",
                 "becoming-a-mentor", "--format", "html", "--output", str(html))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {html} (5 learners, 9 questions, 6 rows)\n"
    page.goto(html.as_uri())
    assert run_axe(page) == []
    text = page.inner_text("body")
    assert "they're the one who knows best." in text and "<not my strength>" in text  # decoded once, escaped once
    assert "&amp;" not in text and "&#039;" not in text
    summary = dict(r.split("\t") for r in page.locator("table.summary").inner_text().splitlines())
    assert summary == {"Learners": "5", "Attempted": "5", "Completed": "4", "Passed": "3", "Average score": "71.5"}
    table = page.locator("table:not(.summary)").first.inner_text()
    rows = {r.split("\t")[0]: r.split("\t") for r in table.splitlines()}
    assert rows[ZOE][3] == "incomplete" and rows[JUERGEN][3:5] == ["passed", "86"] and KATARINA not in rows
    assert "No attempt (not counted): Katarina Novak" in text
    # the chart marks the right option
    practical = page.locator("section.question").nth(1)
    assert practical.locator(".bar.is-right").inner_text().split("\n")[0] == (
        "The Circular Cycle of Mentoring ✓ right answer")
    assert practical.locator(".bar:not(.is-right)").count() == 2
    assert "no question ids" in text  # the trainer learns how the answers were matched
    assert zipfile.is_zipfile(FIXTURES / "becoming-a-mentor-en-interactions.xlsx")  # the fixtures are untouched


def test_answers_are_counted_per_option_from_moodles_letters():
    """The German download's latest answers: imposes-solutions f, t, f; practical-model a, a, b;
    mentor-skills a,b,c twice and d,e once (read in the file). Open answers get no count; the
    right options are marked."""
    report = moodle_json("becoming-a-mentor-de-interactions.txt")
    counts = {q["id"]: [(p["text"], p["count"], p["right"]) for p in q["distribution"] or []]
              for q in report["questions"]}
    assert counts["imposes-solutions"] == [("Richtig", 1, False), ("Falsch", 2, True)]
    assert counts["practical-model"] == [("Das Impact-Circular-Modell", 2, False),
                                         ("Der Circular Cycle of Mentoring", 1, True),
                                         ("Beide sind gleich praktisch.", 0, False)]
    assert [(n, right) for _, n, right in counts["mentor-skills"]] == [(2, True), (2, True), (2, True), (1, False),
                                                                       (1, False)]
    assert counts["mentor-roles"] == counts["project-partners"] == counts["reflection-trait"] == []
