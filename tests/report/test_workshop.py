"""What a trainer preparing the workshop reads, from the real Moodle downloads (shared fixtures):
the summary, the workshop sheet (en and de, with and without names), which answer counted and
which is the latest across tries and attempts, and options checked before any LRS is asked.

Expected figures are what the fixtures' README says the learners did; question texts, right
answers and explanations are read from the unit at test time (its wording may change)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from builder import TOOL_ROOT
from builder.cli import main
from builder.load.loader import load_unit
from tests.report.test_moodle_report import ALEX, ANA, JUERGEN, KATARINA, MEHMET, REFLECTIONS, ZOE, long_reflection
from tests.support.fake_lrs import FakeLRS
from tests.support.moodle_downloads import FIXTURES, NEEDS_FIXTURES, PLAYED_UNITS, records, run, tab_separated

pytestmark = NEEDS_FIXTURES
UNIT = load_unit(PLAYED_UNITS / "becoming-a-mentor")  # the version Moodle played
NAMES = [ANA, MEHMET, ZOE, ALEX, JUERGEN, KATARINA]
# The README: who did what. en: Ana and Αλεξάνδρα all right, Mehmet all wrong, Zoë stopped after
# three answers (right, wrong a, right), Jürgen all wrong then all right but mentor-skills (86).
SUMMARY = {
    "en": {"learners": 5, "attempted": 5, "completed": 4, "passed": 3, "average_score": 71.5},
    "de": {"learners": 3, "attempted": 3, "completed": 2, "passed": 1, "average_score": 50.0},
}
# answered right / answered, per question (latest answers)
SHARES = {
    "en": {"imposes-solutions": (4, 5), "practical-model": (3, 5), "mentor-skills": (3, 5), "mentor-roles": (3, 4),
           "learning-path": (3, 4), "project-partners": (3, 4), "relationship-basis": (3, 4)},
    "de": {"imposes-solutions": (2, 3), "practical-model": (1, 3), "mentor-skills": (2, 3), "mentor-roles": (1, 2),
           "learning-path": (1, 2), "project-partners": (1, 2), "relationship-basis": (1, 2)},
}


def report_json(name, *args, path=None):
    result = run("--moodle", str(path or FIXTURES / name), "--unit", "becoming-a-mentor", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def option_text(qid, option_id, lang):
    return next(o.text[lang] for o in UNIT.questions[qid].choices + UNIT.questions[qid].targets if o.id == option_id)


@pytest.mark.parametrize("name", [f"becoming-a-mentor-{lang}-interactions{cols}.{ext}" for lang in ("en", "de")
                                  for cols in ("", "-default") for ext in ("txt", "ods", "xlsx")])
def test_the_summary_counts_who_attempted_passed_and_what_the_group_got_wrong(name):
    lang = "de" if "-de-" in name else "en"
    report = report_json(name)
    summary = report["summary"]
    assert {k: summary[k] for k in SUMMARY[lang]} == SUMMARY[lang]
    shares = {q["id"]: (q["right"], q["answered"], q["share_right"]) for q in summary["questions"] if q["scored"]}
    assert shares == {qid: (r, n, round(r / n, 3)) for qid, (r, n) in SHARES[lang].items()}
    reflections = [q for q in summary["questions"] if not q["scored"]]
    assert [q["id"] for q in reflections] == ["reflection-trait", "reflection-skill"]
    assert all(q["share_right"] is None and q["common_wrong"] is None for q in reflections)
    wrong = {q["id"]: q["common_wrong"] for q in summary["questions"]}
    # practical-model: the first option ("a") twice (Mehmet and the one who stopped early)
    assert wrong["practical-model"] == {"response": option_text("practical-model", "impact-model", lang), "count": 2}
    assert wrong["relationship-basis"] == {"response": {"en": "honesty", "de": "Ehrlichkeit"}[lang], "count": 1}
    assert wrong["imposes-solutions"]["count"] == 1
    # the teacher (and, in German, the two who never opened it) are not learners of these numbers
    assert [l["name"] for l in report["absent"]] == ([KATARINA] if lang == "en" else [KATARINA, ZOE, ALEX])
    everyone = report_json(name, "--include-not-attempted")
    assert everyone["absent"] == [] and len(everyone["learners"]) == 6
    assert (everyone["summary"]["learners"], everyone["summary"]["attempted"]) == (6, SUMMARY[lang]["attempted"])


def test_the_most_common_wrong_answer_is_the_most_frequent_one_then_the_first_in_order():
    from builder.report.model import Answer, Question
    from builder.report.summary import question_summary

    def answers(*given):
        return [Answer(learner=f"L{i}", key=f"k{i}", response=r, success=ok, timestamp="") for i, (r, ok) in
                enumerate(given)]

    q = Question(id="q", type="choice", text="Q", answers=answers(("Zebra", False), ("Ant", False), ("Zebra", False),
                                                                  ("Right", True)))
    summary = question_summary(q)
    assert (summary.right, summary.answered, summary.share_right) == (1, 4, 0.25)
    assert (summary.common_wrong.response, summary.common_wrong.count) == ("Zebra", 2)
    q.answers = answers(("Zebra", False), ("Ant", False))
    assert question_summary(q).common_wrong.response == "Ant"  # a tie: the first in alphabetical order
    q.scored, q.answers = False, answers(("my own words", None))
    assert (question_summary(q).share_right, question_summary(q).common_wrong) == (None, None)


def test_every_report_language_has_every_word():
    from builder.report.texts import TEXTS

    assert list(TEXTS) == ["en", "de", "fr"]
    for lang, words in TEXTS.items():
        assert words.keys() == TEXTS["en"].keys(), lang
        for key, value in words.items():  # plurals stay pairs, placeholders stay the same
            assert type(value) is type(TEXTS["en"][key]), (lang, key)
            assert re.findall(r"{\w+}", str(value)) == re.findall(r"{\w+}", str(TEXTS["en"][key])), (lang, key)


@pytest.mark.parametrize("name, passed, completed, average", [
    ("becoming-a-mentor-en-basic.txt", 3, 4, 71.5),
    ("becoming-a-mentor-de-basic.txt", 1, 2, 50.0),
    # no status column: a score of 0 may be "no score yet", so only the scores above 0 count
    ("becoming-a-mentor-en-basic-default.txt", 3, 3, 95.3),
])
def test_the_summary_of_a_basic_report(name, passed, completed, average):
    summary = report_json(name)["summary"]
    assert (summary["passed"], summary["completed"], summary["average_score"]) == (passed, completed, average)
    assert summary["questions"] == []


def sheet(name, lang, *args):
    result = run("--moodle", str(FIXTURES / name), "--unit", "becoming-a-mentor", "--format", "workshop",
                 "--lang", lang, *args)
    assert result.exit_code == 0, result.output
    return result.stdout, lxml_html.fromstring(result.stdout)


def select(root, css: str) -> list:
    """The elements a simple CSS selector ("tag", ".class", "tag.class", descendants) picks, by XPath."""
    steps = []
    for token in css.split():
        tag, _, cls = token.partition(".")
        test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
        steps.append(f"{tag or '*'}{test}")
    return root.xpath(".//" + "//".join(steps))


def texts(root, css):
    return [e.text_content().strip() for e in select(root, css)]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_workshop_sheet_has_the_summary_the_missed_questions_and_every_reflection(lang):
    source, root = sheet(f"becoming-a-mentor-{lang}-interactions.ods", lang)
    assert root.get("lang") == lang and "<script" not in source and "http" not in source.replace(
        "http://www.w3.org", "")  # a page alone: nothing to fetch
    words = {"en": ("Learners", "Attempted", "Completed", "Passed", "Average score"),
             "de": ("Lernende", "Begonnen", "Abgeschlossen", "Bestanden", "Durchschnittliche Punktzahl")}[lang]
    figures = dict(zip(texts(root, ".summary dt"), texts(root, ".summary dd")))
    assert figures == dict(zip(words, [str(v) for v in SUMMARY[lang].values()][:4] +
                                      [{"en": "71.5", "de": "50"}[lang]]))
    assert texts(root, ".absent") == [{
        "en": f"1 person without an attempt is not counted: {KATARINA}.",
        "de": f"3 Personen ohne Versuch sind nicht mitgezählt: {KATARINA}, {ZOE}, {ALEX}."}[lang]]

    # the questions most often missed: the least share right first, ties in the unit's order
    shares = SHARES[lang]
    order = sorted(shares, key=lambda q: (shares[q][0] / shares[q][1], list(UNIT.questions).index(q)))
    assert texts(root, ".missed h3") == [UNIT.questions[q].prompt[lang] for q in order]
    articles = {select(a, "h3")[0].text_content(): a for a in select(root, ".missed article")}
    for qid in order:
        q = UNIT.questions[qid]
        article = articles[q.prompt[lang]]
        right, answered = shares[qid]
        assert texts(article, ".share") == [
            {"en": f"Answered right: {right} of {answered} ({round(100 * right / answered)}%)",
             "de": f"Richtig beantwortet: {right} von {answered} ({round(100 * right / answered)} %)"}[lang]]
        assert texts(article, ".why") == [{"en": "Explanation: ", "de": "Erklärung: "}[lang] + q.feedback["reveal"][lang]]
    practical = articles[UNIT.questions["practical-model"].prompt[lang]]
    assert texts(practical, ".good .answer") == [option_text("practical-model", "mentoring-cycle", lang)]
    assert texts(practical, ".bad .label") == [{"en": "Most common wrong answer (2×)",
                                                "de": "Häufigste falsche Antwort (2×)"}[lang]]
    assert texts(practical, ".bad .answer") == [option_text("practical-model", "impact-model", lang)]
    skills = articles[UNIT.questions["mentor-skills"].prompt[lang]]
    assert texts(skills, ".good .answer") == ["\n".join(c.text[lang] for c in UNIT.questions["mentor-skills"].choices
                                                      if c.correct)]
    basis = articles[UNIT.questions["relationship-basis"].prompt[lang]]
    assert texts(basis, ".good .answer") == [" / ".join(UNIT.questions["relationship-basis"].answers[lang])]

    # every reflection question, every answer in full, and who left it empty or never got there
    reflections = [q for q in UNIT.questions.values() if not q.scored]
    assert texts(root, ".reflections h3") == [q.prompt[lang] for q in reflections]
    for i, article in enumerate(select(root, ".reflections article")):
        got = [(select(li, ".who")[0].text_content(), select(li, "p.text")[0].text_content())
               for li in select(article, "li")]
        expected = [(who, pair[i]) for (l, who), pair in REFLECTIONS.items() if l == lang]
        if lang == "en":  # what the package could keep of Αλεξάνδρα's 1,500 characters, and where the rest is
            expected.append((ALEX, long_reflection()[:247] + "…" if i == 0 else "Saying no, politely."))
        assert sorted(got) == sorted(expected)
        assert texts(article, ".gaps") == {
            "en": [f"No answer: {JUERGEN}", f"Not reached: {ZOE}"],
            "de": [f"Nicht erreicht: {ANA}"]}[lang]
    assert texts(root, ".cut") == (["(1253 more characters only in Moodle's track details)"] if lang == "en" else [])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_anonymous_sheet_numbers_learners_by_start_and_keeps_each_ones_answers_together(lang):
    source, root = sheet(f"becoming-a-mentor-{lang}-interactions.txt", lang, "--anonymous")
    for secret in NAMES + [e for e in re.findall(r"[\w.]+@example\.com", (FIXTURES / "README.md").read_text("utf-8"))]:
        assert secret not in source
    report = report_json(f"becoming-a-mentor-{lang}-interactions.txt")
    began = {l["name"]: l["first_activity"] for l in report["learners"]}
    alias = {"en": "Learner {}", "de": "Lernende/r {}"}[lang]
    by_alias = {}
    for i, article in enumerate(select(root, ".reflections article")):
        for li in select(article, "li"):
            by_alias.setdefault(select(li, ".who")[0].text_content(), []).append(select(li, "p.text")[0].text_content())
    # each alias holds one real learner's two reflections: the same person in every part of the sheet
    pairs = {who: list(pair) for (l, who), pair in REFLECTIONS.items() if l == lang}
    found = {}
    for name, answers in by_alias.items():
        match = [who for who, pair in pairs.items() if pair == answers]
        if match:
            found[match[0]] = name
    assert set(found) == set(pairs)
    # numbered in the order they began: who began strictly before another has the smaller number
    numbers = {who: int(re.fullmatch(alias.format(r"(\d+)"), name).group(1)) for who, name in found.items()}
    for a in numbers:
        for b in numbers:
            if began[a] < began[b]:
                assert numbers[a] < numbers[b]
    if lang == "en":
        assert numbers[ANA] == 1  # the only one who began at 18:12
    assert texts(root, ".absent") == [{"en": "1 person without an attempt is not counted.",
                                       "de": "3 Personen ohne Versuch sind nicht mitgezählt."}[lang]]
    # the other formats agree: the same aliases for the same learners
    table = run("--moodle", str(FIXTURES / f"becoming-a-mentor-{lang}-interactions.txt"), "--unit",
                "becoming-a-mentor", "--lang", lang, "--anonymous", "--format", "json")
    data = json.loads(table.stdout)
    assert {l["name"] for l in data["learners"]} == {alias.format(n) for n in range(1, len(data["learners"]) + 1)}
    assert all(l["key"].startswith("learner-") for l in data["learners"] + data["absent"])
    assert not any(secret in table.stdout for secret in NAMES)


def test_the_sheet_prints_on_a4_and_is_accessible(page, tmp_path):
    """Chromium's print to PDF: A4 pages, a question never cut across two pages; axe finds nothing."""
    from tests.support.a11y import run_axe

    out = tmp_path / "sheet.html"
    result = run("--moodle", str(FIXTURES / "becoming-a-mentor-en-interactions.xlsx"), "--unit", "becoming-a-mentor",
                 "--format", "workshop", "--output", str(out))
    assert result.exit_code == 0, result.output
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    assert run_axe(page) == []
    assert requests == [out.as_uri()]  # the page alone: no script, font or image is fetched
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert sizes and all((round(float(w)), round(float(h))) == (595, 842) for w, h in sizes)  # A4 in points
    assert 2 <= len(sizes) <= 5
    page.emulate_media(media="print")
    breaks = page.evaluate("[...document.querySelectorAll('article, .answers li')].map(e => getComputedStyle(e).breakInside)")
    assert set(breaks) == {"avoid"}


# ---- which answer counted, which is the latest: across tries in one attempt and across attempts ----

def download_with(tmp_path, edit) -> str:
    """The real English Interactions download (text format), with `edit(rows)` applied, written as Moodle writes it."""
    rows = records("becoming-a-mentor-en-interactions.txt")
    edit(rows)
    path = tmp_path / "interactions.txt"
    path.write_bytes(tab_separated(rows))
    return str(path)


def row_of(rows, name):
    return next(r for r in rows if r[0] == name)


def test_a_second_attempt_shows_the_latest_answer_and_the_one_the_result_counted(tmp_path):
    """Mehmet failed attempt 1 (all wrong); in attempt 2 he answers the first question right and
    leaves. His result is still attempt 1's, which counted "True"; his latest answer is "False"."""
    def second_attempt(rows):
        first = row_of(rows, MEHMET)
        again = first[:2] + ["2", "Tuesday, 24 November 2026, 9:00 AM", "Tuesday, 24 November 2026, 9:05 AM", "0",
                             "Incomplete", "imposes-solutions", "f", "f", "correct"]
        rows.insert(rows.index(first) + 1, again + [""] * (len(first) - len(again)))

    report = report_json("", path=download_with(tmp_path, second_attempt))
    mehmet = next(l for l in report["learners"] if l["name"] == MEHMET)
    assert (mehmet["attempts"], mehmet["outcome"], mehmet["score"], mehmet["status"]) == (2, "failed", 0, "incomplete")
    assert mehmet["seconds"] == 5 * 60  # 18:13 to 18:13, then 9:00 to 9:05
    answer = next(a for q in report["questions"] if q["id"] == "imposes-solutions" for a in q["answers"]
                  if a["learner"] == MEHMET)
    assert (answer["response"], answer["success"], answer["counted"]) == ("False", True, False)
    assert answer["counted_answer"] == {"response": "True", "success": False, "timestamp": "2026-11-23T18:13"}
    other = next(a for q in report["questions"] if q["id"] == "practical-model" for a in q["answers"]
                 if a["learner"] == MEHMET)
    assert (other["counted"], other["counted_answer"]) == (True, None)  # attempt 2 did not touch it
    assert report["summary"]["questions"][0]["share_right"] == 1.0  # everyone's latest answer is right now
    table = run("--moodle", download_with(tmp_path, second_attempt), "--unit", "becoming-a-mentor").stdout
    assert f"   ✓ {MEHMET}: False\n{' ' * len(f'   ✓ {MEHMET}: ')}↳ the result counted an earlier answer: True ✗\n" in table


def test_a_try_the_score_did_not_count_is_shown_as_the_latest_not_as_the_counted_one(tmp_path):
    """Jürgen's attempt as a package with `scoring: first` records it: first tries all wrong, the
    second tries right but mentor-skills, and the score of the first tries, 0. The report shows
    his latest answers, and under each the first try his 0 counted."""
    def scored_first(rows):
        row = row_of(rows, JUERGEN)
        row[5] = row[6] = "0"

    report = report_json("", path=download_with(tmp_path, scored_first))
    juergen = next(l for l in report["learners"] if l["name"] == JUERGEN)
    assert (juergen["outcome"], juergen["score"]) == ("failed", 0)
    mine = {q["id"]: a for q in report["questions"] for a in q["answers"] if a["learner"] == JUERGEN}
    assert (mine["imposes-solutions"]["response"], mine["imposes-solutions"]["success"]) == ("False", True)
    assert mine["imposes-solutions"]["counted_answer"] == {"response": "True", "success": False,
                                                            "timestamp": "2026-11-23T18:15"}
    assert mine["project-partners"]["response"] == "7" and mine["project-partners"]["counted_answer"]["response"] == "5"
    assert mine["mentor-skills"]["success"] is False and mine["mentor-skills"]["counted_answer"]["response"] == (
        "\n".join(option_text("mentor-skills", c, "en") for c in ("judging-comparing", "job-description")))
    assert all(a["counted"] is False for a in mine.values() if a["success"] is not None)
    # the real file, from a package that counted the latest try: the latest answers are the counted ones
    real = report_json("becoming-a-mentor-en-interactions.txt")
    assert all(a["counted"] is True and a["counted_answer"] is None for q in real["questions"] for a in q["answers"]
               if a["learner"] == JUERGEN and a["success"] is not None)


# ---- options checked before the LRS is asked (issue 26, point 10) ----

@pytest.fixture
def lrs():
    fake = FakeLRS()
    yield fake
    fake.close()


def lrs_report(lrs, *args):
    env = {"QSER_LRS_ENDPOINT": lrs.endpoint, "QSER_LRS_USER": "trainer", "QSER_LRS_PASSWORD": "pw"}
    return CliRunner(env=env).invoke(main, ["--project", str(TOOL_ROOT), "report", "--unit", "becoming-a-mentor",
                                            *args])


@pytest.mark.parametrize("args, message", [
    (["--since", "yesterday"], "--since 'yesterday' is not a date or time; give an ISO 8601 time with a time zone, "
                               "e.g. 2026-11-01T08:00:00Z or 2026-11-01T09:00:00+01:00, or a date"),
    (["--until", "2026-13-01"], "--until '2026-13-01' is not a date or time"),
    (["--since", "2026-11-01T10:00"], "--since '2026-11-01T10:00' has no time zone, so it means a different moment "
                                      "to the LRS than to you; add Z (UTC) or an offset like +01:00"),
    (["--since", "2026-11-02", "--until", "2026-11-01T23:00:00Z"],
     "--since 2026-11-02T00:00:00Z is not before --until 2026-11-01T23:00:00Z"),
    (["--registration", "123"], "--registration '123' is not a registration: xAPI registrations are UUIDs like "
                                "3f2b8c1d-5e6a-4b7c-9d0e-1f2a3b4c5d6e"),
    (["--lang", "deutsch!"], "--lang 'deutsch!' is not a language code; give one like en, de, fr"),
])
def test_options_that_cannot_be_right_are_refused_before_the_lrs_is_asked(lrs, args, message):
    result = lrs_report(lrs, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert lrs.requests == []


def test_good_options_reach_the_lrs_in_its_own_form(lrs):
    registration = "3F2B8C1D-5E6A-4B7C-9D0E-1F2A3B4C5D6E"
    result = lrs_report(lrs, "--since", "2026-11-01", "--until", "2026-11-30T18:00:00+01:00",
                        "--registration", registration)
    assert result.exit_code == 1 and "the LRS has no statements" in result.stderr  # asked, and it had none
    (path, _), = lrs.requests
    assert "since=2026-11-01T00%3A00%3A00Z" in path and "until=2026-11-30T17%3A00%3A00Z" in path
    assert f"registration={registration.lower()}" in path


def test_lrs_options_with_a_moodle_download_are_a_usage_error():
    result = run("--moodle", str(FIXTURES / "becoming-a-mentor-en-basic.txt"), "--unit", "becoming-a-mentor",
                 "--since", "2026-11-01")
    assert result.exit_code == 2
    assert "--since select statements in an LRS; a Moodle download has what Moodle exported" in result.output
