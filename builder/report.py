"""The trainers' report: who finished, who passed, and every answer, from the LRS's statements.

Statements in (plain xAPI JSON, as an LRS returns them), a Report out; then one of four
formats. Question and choice texts come from the activity definitions the packages send, in
the trainer's language where the definitions have it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field

from .render import catalog, template
from .report_safety import printable, safe_cell

VERBS = "http://adlnet.gov/expapi/verbs/"
CHOICE_TYPES = ("choice", "true-false", "likert")


@dataclass
class Learner:
    key: str
    name: str
    attempts: int = 0
    completed: bool = False
    outcome: str = ""  # passed, failed, or "" before the knowledge check is done
    score: float | None = None
    seconds: float | None = 0.0  # None: the source does not say (Moodle's downloads)
    last_activity: str = ""
    status: str = ""  # the LMS's own status word (Moodle: passed, failed, incomplete, not attempted, …)


@dataclass
class Answer:
    learner: str
    key: str  # the learner's identity (mbox or account), as in Learner.key
    response: str  # as the trainer reads it: choice texts, not ids
    success: bool | None
    timestamp: str
    cut: int = 0  # characters of a long free text the source does not have (SCORM 1.2's 255 limit)


@dataclass
class Question:
    id: str
    type: str
    text: str
    answers: list[Answer] = field(default_factory=list)
    distribution: list[tuple[str, int]] | None = None  # choice questions: (choice text, learners)

    @property
    def right(self) -> int:
        return sum(a.success is True for a in self.answers)


@dataclass
class Report:
    unit: str
    title: str
    lang: str
    statements: int
    learners: list[Learner]
    questions: list[Question]
    source: str = ""  # where the data came from when not the LRS, e.g. a Moodle download
    notes: list[str] = field(default_factory=list)  # what the reader should know about gaps in the data


def pick(language_map: dict | None, lang: str) -> str:
    """The text in the trainer's language, else English, else any: never nothing if there is text."""
    if not language_map:
        return ""
    for wanted in (lang, "en"):
        for tag, text in language_map.items():
            if tag.lower() == wanted or tag.lower().startswith(wanted + "-"):
                return text
    return next(iter(language_map.values()))


def actor_key(actor: dict) -> tuple[str, str]:
    """(identity, display name) of an xAPI actor."""
    if actor.get("mbox"):
        key = actor["mbox"]
    elif actor.get("account"):
        key = f"{actor['account'].get('homePage')}|{actor['account'].get('name')}"
    else:
        key = actor.get("mbox_sha1sum") or actor.get("openid") or json.dumps(actor, sort_keys=True)
    name = actor.get("name") or key.removeprefix("mailto:").split("|")[-1]
    return key, name


def seconds(duration: str | None) -> float:
    """ISO 8601 duration (PT1H2M3.45S, P1DT2H) to seconds; 0 for what is not one."""
    m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?",
                     duration or "")
    if not m:
        return 0.0
    d, h, mi, s = (float(x) if x else 0.0 for x in m.groups())
    return ((d * 24 + h) * 60 + mi) * 60 + s


def verb(statement: dict) -> str:
    return statement.get("verb", {}).get("id", "").removeprefix(VERBS)


def score_of(result: dict) -> float | None:
    score = (result or {}).get("score") or {}
    if "raw" in score:
        return score["raw"]
    if "scaled" in score:
        return round(score["scaled"] * 100, 2)
    return None


def readable(definition: dict, response: str, lang: str) -> str:
    """A response in xAPI's format (ids, [,] and [.]) as the texts the learner saw."""
    kind = definition.get("interactionType")

    def texts(component: str) -> dict[str, str]:
        return {c["id"]: pick(c.get("description"), lang) or c["id"] for c in definition.get(component) or []}

    if kind == "true-false":
        labels = catalog(lang) if lang in ("en", "de") else catalog("en")
        return labels["label_true"] if response == "true" else labels["label_false"]
    if kind in ("choice", "sequencing"):
        names = texts("choices")
        parts = [names.get(i, i) for i in response.split("[,]") if i]
        return " → ".join(parts) if kind == "sequencing" else "; ".join(parts)
    if kind == "likert":
        return texts("scale").get(response, response)
    if kind == "matching":
        sources, targets = texts("source"), texts("target")
        pairs = [p.split("[.]", 1) for p in response.split("[,]") if "[.]" in p]
        return "; ".join(f"{sources.get(s, s)} → {targets.get(t, t)}" for s, t in pairs)
    return response  # fill-in, long-fill-in, numeric, other: as written


def distribution(definition: dict, latest: list[tuple[str, str]], lang: str) -> list[tuple[str, int]] | None:
    """How many learners chose each option (their latest answers)."""
    kind = definition.get("interactionType")
    if kind == "true-false":
        labels = catalog(lang) if lang in ("en", "de") else catalog("en")
        return [(labels["label_true"], sum(r == "true" for _, r in latest)),
                (labels["label_false"], sum(r == "false" for _, r in latest))]
    component = {"choice": "choices", "likert": "scale"}.get(kind)
    if not component:
        return None
    return [(pick(c.get("description"), lang) or c["id"],
             sum(c["id"] in r.split("[,]") for _, r in latest)) for c in definition.get(component) or []]


def build_report(statements, unit_iri: str, lang: str, order: list[str] | None = None) -> Report:
    """Statements (any iterable, read once) -> Report. Only the latest of each learner's answers
    and outcomes is kept, so memory grows with learners x questions, not with statements.

    `order`: question ids in the unit's order, where the unit is known; else first answered first."""
    learners: dict[str, Learner] = {}
    registrations: dict[str, set] = {}
    title = ""
    count = 0
    definitions: dict[str, dict] = {}
    latest: dict[str, dict[str, tuple[str, str, bool | None]]] = {}  # question -> learner -> (time, response, success)
    outcomes: dict[str, tuple[str, str, float | None]] = {}  # learner -> (time, verb, score)
    for s in statements:
        count += 1
        key, name = actor_key(s.get("actor", {}))
        learner = learners.setdefault(key, Learner(key=key, name=name))
        registrations.setdefault(key, set()).add(s.get("context", {}).get("registration"))
        stamp = s.get("timestamp", "")
        learner.last_activity = max(learner.last_activity, stamp)
        obj, v, result = s.get("object", {}), verb(s), s.get("result") or {}
        if obj.get("id") == unit_iri:
            title = pick(obj.get("definition", {}).get("name"), lang) or title
            if v == "completed":
                learner.completed = True
            elif v in ("passed", "failed") and stamp >= outcomes.get(key, ("",))[0]:
                outcomes[key] = (stamp, v, score_of(result))
            elif v == "terminated":
                learner.seconds += seconds(result.get("duration"))
        elif v == "answered":
            qid = obj.get("id", "")
            if obj.get("definition"):
                definitions[qid] = obj["definition"]
            definitions.setdefault(qid, {})
            answers = latest.setdefault(qid, {})
            if stamp >= answers.get(key, ("",))[0]:
                answers[key] = (stamp, result.get("response", ""), result.get("success"))
    for key, (_, outcome, score) in outcomes.items():
        learners[key].outcome, learners[key].score = outcome, score
    for key, regs in registrations.items():
        learners[key].attempts = len(regs)

    names = {k: l.name for k, l in learners.items()}
    ids = list(definitions)
    if order:
        rank = {f"{unit_iri}/questions/{q}": i for i, q in enumerate(order)}
        ids.sort(key=lambda i: rank.get(i, len(rank)))
    questions = []
    for qid in ids:
        d = definitions[qid]
        by_learner = sorted(latest[qid].items(), key=lambda kv: names[kv[0]].casefold())
        answers = [Answer(learner=names[k], key=k, response=readable(d, response, lang), success=success,
                          timestamp=stamp) for k, (stamp, response, success) in by_learner]
        questions.append(Question(
            id=qid.removeprefix(f"{unit_iri}/questions/"), type=d.get("interactionType", ""),
            text=pick(d.get("description"), lang) or pick(d.get("name"), lang) or qid, answers=answers,
            distribution=distribution(d, [(k, response) for k, (_, response, _) in by_learner], lang)))
    return Report(unit=unit_iri, title=title or unit_iri, lang=lang, statements=count,
                  learners=sorted(learners.values(), key=lambda l: l.name.casefold()), questions=questions)


# ---- formats ----

HEAD = {
    "en": {"learner": "Learner", "attempts": "Attempts", "completed": "Completed", "outcome": "Result",
           "score": "Score", "time": "Time spent", "last": "Last activity", "answer": "Answer", "right": "Right",
           "yes": "yes", "no": "no", "passed": "passed", "failed": "failed", "questions": "Questions",
           "learners": "Learners", "statements": "statements", "chosen": "learners chose it", "rows": "rows",
           "st_incomplete": "incomplete", "st_completed": "completed", "st_not attempted": "not attempted",
           "st_browsed": "browsed", "notes": "Notes"},
    "de": {"learner": "Lernende/r", "attempts": "Versuche", "completed": "Abgeschlossen", "outcome": "Ergebnis",
           "score": "Punktzahl", "time": "Lernzeit", "last": "Zuletzt aktiv", "answer": "Antwort", "right": "Richtig",
           "yes": "ja", "no": "nein", "passed": "bestanden", "failed": "nicht bestanden", "questions": "Fragen",
           "learners": "Lernende", "statements": "Statements", "chosen": "Lernende wählten dies", "rows": "Zeilen",
           "st_incomplete": "unvollständig", "st_completed": "abgeschlossen", "st_not attempted": "nicht begonnen",
           "st_browsed": "durchgesehen", "notes": "Hinweise"},
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
    out = [f"{report.title} — {report.unit} ({origin(report, w)})", ""]
    out += ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    for n, q in enumerate(report.questions, start=1):
        out += ["", f"{n}. {q.text}  [{q.id}]"]
        if q.distribution:
            out += [f"     {count:>3}  {label}" for label, count in q.distribution]
        for a in q.answers:
            mark = {True: "✓", False: "✗", None: "·"}[a.success]
            out.append(f"   {mark} {a.learner}: {a.response}")
    if report.notes:
        out += ["", f"{w['notes']}:"] + [f"- {n}" for n in report.notes]
    return "\n".join(printable(line) for line in out) + "\n"


def as_csv(report: Report) -> bytes:
    """One row per learner, two columns per question. UTF-8 with a byte order mark, so that
    spreadsheet programs read umlauts right; ';' between fields for German (what German Excel
    expects), ',' otherwise; CRLF line ends (RFC 4180)."""
    w = words(report.lang)
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";" if report.lang == "de" else ",", lineterminator="\r\n")
    head = [w["learner"], w["attempts"], w["completed"], w["outcome"], w["score"], w["time"], w["last"]]
    for n, q in enumerate(report.questions, start=1):
        head += [f"{n}. {q.text}", f"{n}. {w['right']}"]
    out.writerow([safe_cell(c) for c in head])
    for l in report.learners:
        row = [l.name, l.attempts, _flag(l.completed, w), result_word(l, w), _score(l.score), clock(l.seconds),
               l.last_activity]
        for q in report.questions:
            answer = next((a for a in q.answers if a.key == l.key), None)
            row += [answer.response, _flag(answer.success, w)] if answer else ["", ""]
        out.writerow([safe_cell(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_html(report: Report) -> str:
    return template("report/report.html").render(report=report, w=words(report.lang), clock=clock, score=_score,
                                                 flag=_flag, result_word=result_word, origin=origin)
