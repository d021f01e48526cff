"""The trainers' report in its formats: a terminal table, CSV for spreadsheets, an HTML page,
JSON, and the workshop sheet (one printable page for the session). Every word comes from
texts.py in the report's language. Nothing an LRS or a learner wrote reaches a terminal or a
spreadsheet raw."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from ..printable import printable_cell as printable
from ..printable import safe_cell
from ..render.templates import template
from .model import Answer, Learner, Report
from .summary import missed, summarize
from .texts import plural, words


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
        return f"{w['src_' + report.source]}, {report.source_file}, {plural(w, 'rows', report.statements)}"
    return plural(w, "statements", report.statements)


def percent(value: float | None, w: dict, share: bool = True) -> str:
    """A share (0 to 1) or a percentage, as the report's language writes percent."""
    return "" if value is None else w["percent"].format(n=_score(round(value * 100) if share else value, w))


def _flag(value: bool | None, w: dict) -> str:
    return "" if value is None else (w["yes"] if value else w["no"])


def _score(value: float | None, w: dict | None = None) -> str:
    """A score as the report's language writes numbers (71.5, 71,5)."""
    return "" if value is None else f"{value:g}".replace(".", (w or {}).get("decimal", "."))


def gap_word(reached: bool, w: dict) -> str:
    return w["no_answer"] if reached else w["not_reached"]


def counted_up(report: Report) -> Report:
    """The report with its summary (summary.settle makes it; a report made otherwise gets it here)."""
    if report.summary is None:
        report.summary = summarize(report)
    return report


def summary_rows(report: Report, w: dict) -> list[tuple[str, str]]:
    s = report.summary
    return [(w["s_learners"], str(s.learners)), (w["s_attempted"], str(s.attempted)),
            (w["s_completed"], str(s.completed)), (w["s_passed"], str(s.passed)),
            (w["s_average"], _score(s.average_score, w))]


def as_json(report: Report) -> str:
    return json.dumps(asdict(counted_up(report)), ensure_ascii=False, indent=2) + "\n"


def as_table(report: Report) -> str:
    w = words(counted_up(report).lang)
    rows = [[w["learner"], w["attempts"], w["completed"], w["outcome"], w["score"], w["time"], w["last"]]]
    for l in report.learners:
        rows.append([l.name, str(l.attempts), _flag(l.completed, w), result_word(l, w), _score(l.score, w),
                     clock(l.seconds), l.last_activity[:16].replace("T", " ")])
    rows = [[printable(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = [f"{report.title} — {report.unit} ({origin(report, w)})"]
    if report.pass_mark is not None:
        out.append(f"{w['pass_mark']}{w['colon']} {percent(report.pass_mark, w, share=False)}")
    out += ["", f"{w['summary']}{w['colon']}"]
    pairs = summary_rows(report, w)
    width = max(len(label) for label, _ in pairs)
    out += [f"  {label.ljust(width)}  {value}".rstrip() for label, value in pairs]
    out.append("")
    out += ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    if report.absent:
        out += ["", f"{w['absent']}{w['colon']} " + ", ".join(printable(l.name) for l in report.absent)]
    for n, (q, s) in enumerate(zip(report.questions, report.summary.questions), start=1):
        out += ["", f"{n}. {q.text}  [{q.id}]" + (f" — {w['page']}{w['colon']} {q.page}" if q.page else "")]
        if s.share_right is not None:
            line = f"   {w['share_right']}{w['colon']} {w['right_of'].format(right=s.right, answered=s.answered)} ({percent(s.share_right, w)})"
            if s.common_wrong:
                line += f" · {w['common_wrong']}{w['colon']} {_one_line(s.common_wrong.response)} ({w['times'].format(n=s.common_wrong.count)})"
            out.append(line)
        if q.distribution:
            out += [f"     {pick.count:>3}  {pick.text}" + (f"  ✓ {w['right_option']}" if pick.right else "")
                    for pick in q.distribution]
        for a in q.answers:
            out += _answer_lines(a, w)
        out += [f"   – {g.learner}{w['colon']} ({gap_word(g.reached, w)})" for g in q.gaps]
    if report.notes:
        out += ["", f"{w['notes']}{w['colon']}"] + [f"- {n}" for n in report.notes]
    return "\n".join(printable(line) for line in out) + "\n"


def _one_line(text: str) -> str:
    return text.replace("\n", " / ")


def _answer_lines(a: Answer, w: dict) -> list[str]:
    """One answer in the terminal: each part (choice, pair, line of a text) on a line of its own,
    under the first; below it, where the learner's result counted an earlier answer, that one."""
    mark = {True: "✓", False: "✗", None: "·"}[a.success]
    head = f"   {mark} {a.learner}{w['colon']} "
    lines = a.response.split("\n")
    out = [head + lines[0]] + [" " * len(head) + line for line in lines[1:]]
    if a.counted is False:
        earlier = a.counted_answer
        said = (w["counted_instead"].format(answer=_one_line(earlier.response)) +
                {True: " ✓", False: " ✗", None: ""}[earlier.success]) if earlier else w["counted_unknown"]
        out.append(" " * len(head) + f"↳ {said}")
    return out


def as_csv(report: Report) -> bytes:
    """One row per learner (with the pass mark their result was measured against), two columns
    per question (three for scored ones: the earlier answer the result counted, where it is not
    the latest); then, after an empty row, who has no attempt and the summary. UTF-8 with a byte
    order mark, so that spreadsheet programs read umlauts right; ';' between fields for German
    (what German Excel expects), ',' otherwise; CRLF line ends (RFC 4180)."""
    w = words(counted_up(report).lang)
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";" if report.lang == "de" else ",", lineterminator="\r\n")
    head = [w["learner"], w["attempts"], w["completed"], w["outcome"], w["score"], w["pass_mark"], w["time"], w["last"]]
    for n, q in enumerate(report.questions, start=1):
        head += [f"{n}. {q.text}", f"{n}. {w['answered_right']}"] + ([f"{n}. {w['counted_earlier']}"] if q.scored else [])
    rows = [head]
    for l in report.learners:
        row = [l.name, l.attempts, _flag(l.completed, w), result_word(l, w), _score(l.score, w), _score(l.pass_mark, w),
               clock(l.seconds), l.last_activity]
        for q in report.questions:
            answer = next((a for a in q.answers if a.key == l.key), None)
            gap = next((g for g in q.gaps if g.key == l.key), None)
            if answer:
                row += [answer.response, _flag(answer.success, w)]
            else:
                row += [f"({gap_word(gap.reached, w)})" if gap else "", ""]
            if q.scored:
                earlier = answer.counted_answer if answer and answer.counted is False else None
                row.append(earlier.response if earlier else "")
        rows.append(row)
    if report.absent:
        rows += [[], [w["absent"]]] + [[l.name] for l in report.absent]
    rows += [[], [w["summary"]]] + [list(pair) for pair in summary_rows(report, w)]
    rows += [[], [w["question"], w["answered"], w["right_count"], w["share"], w["common_wrong"], "×"]]
    for n, s in enumerate(report.summary.questions, start=1):
        if s.scored:
            wrong = s.common_wrong
            rows.append([f"{n}. {s.text}", s.answered, s.right, percent(s.share_right, w),
                         wrong.response if wrong else "", wrong.count if wrong else ""])
    for row in rows:
        out.writerow([safe_cell(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _helpers(report: Report) -> dict:
    counted_up(report)
    return dict(report=report, w=words(report.lang), clock=clock, score=_score, flag=_flag, result_word=result_word,
                origin=origin, percent=percent, gap_word=gap_word, summary_rows=summary_rows, plural=plural,
                shown=lambda a: a.response.removesuffix(f"[+{a.cut}]") if a.cut else a.response,
                stats=dict(zip((q.id for q in report.questions), report.summary.questions)))


def as_html(report: Report) -> str:
    return template("report/report.html").render(**_helpers(report))


def as_workshop(report: Report) -> str:
    """The sheet for the session: the summary, the questions most often missed with the right
    answer and the explanation, and every reflection in full. A4, to print from a browser."""
    return template("report/workshop.html").render(
        **_helpers(report), missed=missed(report), reflections=[q for q in report.questions if not q.scored])
