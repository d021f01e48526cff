"""`qser report --moodle` on the Interactions download of a SCORM 2004 activity.

Moodle 4.5.6's Interactions report reads only SCORM 1.2's element names (`cmi.interactions_N.id`,
mod/scorm/report/interactions/classes/report.php); its column count (reportlib.php
get_scorm_question_count, a LIKE 'cmi.interactions_%.id' that also matches 2004's
`cmi.interactions.0.id`) gives a 2004 activity one group of columns, empty in every row. The
download here is the real 1.2 fixture cut to that shape: the same first seven columns, one group.
"""

from __future__ import annotations

import csv
import io
import json

from tests.support.moodle_downloads import FIXTURES, NEEDS_FIXTURES, run

pytestmark = NEEDS_FIXTURES


def as_2004_download(tmp_path, lang: str):
    rows = list(csv.reader(io.StringIO((FIXTURES / f"becoming-a-mentor-{lang}-interactions.txt").read_text("utf-8")),
                           delimiter="\t"))
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(rows[0][:11])  # ..., the SCO column, Question 0, Response 0, Right answer 0, Result 0
    for row in rows[1:]:
        writer.writerow(row[:7] + [""] * 4)
    path = tmp_path / f"{lang}-2004.txt"
    path.write_text(out.getvalue(), "utf-8")
    return path


def test_a_2004_download_gives_status_and_scores_and_says_where_the_answers_are(tmp_path):
    result = run("--moodle", str(as_2004_download(tmp_path, "en")), "--unit", "becoming-a-mentor", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["unit"].endswith("(en, SCORM 2004)")
    assert report["questions"] == []
    learners = {entry["name"]: (entry["status"], entry["score"]) for entry in report["learners"]}
    assert learners["Ana María López"] == ("passed", 100) and learners["Mehmet Yılmaz"] == ("failed", 0)
    assert learners["Zoë O'Brien"] == ("incomplete", None)
    note = report["notes"][0]
    assert "SCORM 2004" in note and "Track details" in note and "--target scorm12" in note


def test_the_2004_note_is_in_the_reports_language(tmp_path):
    result = run("--moodle", str(as_2004_download(tmp_path, "de")), "--unit", "becoming-a-mentor", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "SCORM-2004-Aktivität" in result.stdout and "Tracking-Details" in result.stdout
