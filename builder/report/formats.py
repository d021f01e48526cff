"""The trainers' report in its four formats: a terminal table, CSV for spreadsheets, an HTML
page, JSON. Nothing an LRS or a learner wrote reaches a terminal or a spreadsheet raw."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from ..printable import printable_cell as printable
from ..printable import safe_cell
from ..render.templates import template
from .model import Learner, Report

HEAD = {
    "en": {"learner": "Learner", "attempts": "Attempts", "completed": "Completed", "outcome": "Result",
           "score": "Score", "time": "Time spent", "last": "Last activity", "answer": "Answer", "right": "Right",
           "yes": "yes", "no": "no", "passed": "passed", "failed": "failed", "questions": "Questions",
           "learners": "Learners", "statements": "statements", "chosen": "learners chose it", "rows": "rows",
           "st_incomplete": "incomplete", "st_completed": "completed", "st_not attempted": "not attempted",
           "st_browsed": "browsed", "notes": "Notes",
           "pass_mark": "Pass mark", "page": "Page", "counted": "counted for the result"},
    "de": {"learner": "Lernende/r", "attempts": "Versuche", "completed": "Abgeschlossen", "outcome": "Ergebnis",
           "score": "Punktzahl", "time": "Lernzeit", "last": "Zuletzt aktiv", "answer": "Antwort", "right": "Richtig",
           "yes": "ja", "no": "nein", "passed": "bestanden", "failed": "nicht bestanden", "questions": "Fragen",
           "learners": "Lernende", "statements": "Statements", "chosen": "Lernende wählten dies", "rows": "Zeilen",
           "st_incomplete": "unvollständig", "st_completed": "abgeschlossen", "st_not attempted": "nicht begonnen",
           "st_browsed": "durchgesehen", "notes": "Hinweise",
           "pass_mark": "Bestehensgrenze", "page": "Seite", "counted": "zählte für das Ergebnis"},
}


def words(lang: str) -> dict:
    return HEAD.get(lang, HEAD["en"])


def clock(seconds_: float | None) -> str:
    if seconds_ is None:
        return ""
    s = int(round(seconds_))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def result_word(learner: Learner, w: dict) -> str:
    """passed/failed, else the LMS's status (incomplete, not attempted), in the report's language."""
    if learner.outcome:
        return w.get(learner.outcome, learner.outcome)
    return w.get("st_" + learner.status, learner.status)


def origin(report: Report, w: dict) -> str:
    """Where the data came from, for the line under the title."""
    if report.source:
        return f"{report.source}, {report.statements} {w['rows']}"
    return f"{report.statements} {w['statements']}"


def _flag(value: bool | None, w: dict) -> str:
    return "" if value is None else (w["yes"] if value else w["no"])


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def as_json(report: Report) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n"


def as_table(report: Report) -> str:
    w = words(report.lang)
    rows = [[w["learner"], w["attempts"], w["completed"], w["outcome"], w["score"], w["time"], w["last"]]]
    for l in report.learners:
        rows.append([l.name, str(l.attempts), _flag(l.completed, w), result_word(l, w), _score(l.score),
                     clock(l.seconds), l.last_activity[:16].replace("T", " ")])
    rows = [[printable(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = [f"{report.title} — {report.unit} ({origin(report, w)})"]
    if report.pass_mark is not None:
        out.append(f"{w['pass_mark']}: {_score(report.pass_mark)}%")
    out.append("")
    out += ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    for n, q in enumerate(report.questions, start=1):
        out += ["", f"{n}. {q.text}  [{q.id}]" + (f" — {w['page']}: {q.page}" if q.page else "")]
        if q.distribution:
            out += [f"     {count:>3}  {label}" for label, count in q.distribution]
        for a in q.answers:
            mark = {True: "✓", False: "✗", None: "·"}[a.success]
            out.append(f"   {mark} {a.learner}: {a.response}" + (f"  ({w['counted']})" if a.counted else ""))
    if report.notes:
        out += ["", f"{w['notes']}:"] + [f"- {n}" for n in report.notes]
    return "\n".join(printable(line) for line in out) + "\n"


def as_csv(report: Report) -> bytes:
    """One row per learner (with the pass mark their result was measured against), two columns
    per question. UTF-8 with a byte order mark, so that
    spreadsheet programs read umlauts right; ';' between fields for German (what German Excel
    expects), ',' otherwise; CRLF line ends (RFC 4180)."""
    w = words(report.lang)
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";" if report.lang == "de" else ",", lineterminator="\r\n")
    head = [w["learner"], w["attempts"], w["completed"], w["outcome"], w["score"], w["pass_mark"], w["time"], w["last"]]
    for n, q in enumerate(report.questions, start=1):
        head += [f"{n}. {q.text}", f"{n}. {w['right']}"]
    out.writerow([safe_cell(c) for c in head])
    for l in report.learners:
        row = [l.name, l.attempts, _flag(l.completed, w), result_word(l, w), _score(l.score), _score(l.pass_mark),
               clock(l.seconds), l.last_activity]
        for q in report.questions:
            answer = next((a for a in q.answers if a.key == l.key), None)
            row += [answer.response, _flag(answer.success, w)] if answer else ["", ""]
        out.writerow([safe_cell(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_html(report: Report) -> str:
    return template("report/report.html").render(report=report, w=words(report.lang), clock=clock, score=_score,
                                                 flag=_flag, result_word=result_word, origin=origin)
