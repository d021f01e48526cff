"""A Moodle SCORM report download -> the same Report as from the LRS, so all four formats follow.

What the download does not say is worked out from the unit's sources, never guessed silently:
the package language from the SCO column's title, passed/failed from the score and the unit's
mastery score (Moodle's "mastery score overrides status"), questions from ids or, in the
default columns that have no ids, from the order the package records answers in.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..model import Unit
from ..questiontypes import get
from ..questiontypes.notation import notation
from .from_unit import explanation, right_answer, right_tokens, text_in
from .model import Answer, Gap, Given, Learner, Pick, Question, Report
from .moodle_answers import NoFit, align, cut_of, judge, labels, words
from .moodle_downloads import Download, MoodleFileError, Row, parse_download
from .texts import words as report_words

# Moodle's status words (mod/scorm lang strings) in the languages we know -> SCORM 1.2 status
STATUS = {
    "passed": "passed", "failed": "failed", "completed": "completed", "incomplete": "incomplete",
    "not attempted": "not attempted", "browsed": "browsed",
    "bestanden": "passed", "nicht bestanden": "failed", "abgeschlossen": "completed",
    "unvollständig": "incomplete", "nicht versucht": "not attempted", "durchgesehen": "browsed",
}
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS |= {m: i for i, m in enumerate(
    "januar februar märz april mai juni juli august september oktober november dezember".split(), 1)}


def iso_time(text: str) -> str:
    """Moodle's localised date ("Monday, 23 November 2026, 6:12 PM", "23. November 2026, 18:12")
    as 2026-11-23T18:12, in the downloading user's time zone; as written when it is none of these."""
    m = re.search(r"(\d{1,2})\.?\s+([^\W\d_]+)\s+(\d{4}),?\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm])?", text)
    if not m or m.group(2).casefold() not in MONTHS:
        return text.strip() if text.strip() != "-" else ""
    day, month, year, hour, minute = int(m.group(1)), MONTHS[m.group(2).casefold()], m.group(3), int(m.group(4)), m.group(5)
    if m.group(6):
        hour = hour % 12 + (12 if m.group(6).lower() == "pm" else 0)
    return f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute}"


def package_language(download: Download, unit: Unit, lang: str) -> str:
    """The language of the package Moodle played: its SCO is titled with the unit's title in it."""
    if download.sco_title is None:  # the default Basic report has no SCO column
        return lang if lang in unit.languages else unit.languages[0]
    for code in unit.languages:
        if unit.title.get(code, "").strip() == download.sco_title:
            return code
    titles = "; ".join(f"{code}: {unit.title[code]!r}" for code in unit.languages)
    raise MoodleFileError(f"{download.path}: its SCO column is {download.sco_title!r}, which is not a title of unit "
                          f"{unit.id} {unit.version} ({titles}); this download is from another unit: pass that "
                          "unit's id with --unit")



def _span(row: Row) -> float | None:
    """Seconds from an attempt's start to its last access (both to the minute); None where unreadable."""
    try:
        start, last = (datetime.fromisoformat(iso_time(t)) for t in (row.started, row.last))
    except ValueError:
        return None
    return max(0.0, (last - start).total_seconds())


def _score_of(row: Row) -> float | None:
    """The attempt's score in percent: the SCO column (Interactions "86", Basic "86/100"); in the
    default Basic report, which has none, Moodle's Score above 0 (0 is also "no score yet")."""
    if row.sco is None:
        return float(row.score) if re.fullmatch(r"\d+(\.\d+)?", row.score) and float(row.score) else None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:/(\d+(?:\.\d+)?))?", row.sco)
    if not m:
        return None
    raw, top = float(m.group(1)), float(m.group(2) or 100)
    return round(raw * 100 / top, 2) if top else raw


def _status(row: Row, w: dict, notes: list[str]) -> str:
    """The attempt's SCORM status from the SCO column (passed/failed from a score, Moodle's word otherwise)."""
    if row.attempt is None:
        return "not attempted"
    if row.sco is None or _score_of(row) is not None:
        return ""  # a score: passed or failed, decided against the mastery score
    status = STATUS.get(row.sco.casefold())
    if status is None:
        notes.append(w["note_status"].format(record=row.number, status=repr(row.sco)))
    return status or row.sco


def _interactions(download: Download, row: Row, unit: Unit, lang: str) -> list[tuple[str, str, bool | None]]:
    """(question id, response, success) of a row, in index order; clear errors for what the unit cannot explain."""
    groups = [(n, row.groups[n]) for n in sorted(row.groups)]
    where = f"{download.path}: record {row.number} ({row.name})"
    if "question" in download.kinds:
        ids = [g.get("question", "") for _, g in groups]
    else:
        try:
            ids = align(unit, [g.get("response", "") for _, g in groups], lang)
        except NoFit as e:
            raise MoodleFileError(f"{where}: {e}; was the package built from another version of the unit?") from None
    out = []
    for (n, g), qid in zip(groups, ids):
        q = unit.questions.get(qid)
        if q is None:
            raise MoodleFileError(
                f"{where}, interaction {n}: {qid!r} is not a question of unit {unit.id} {unit.version} (its questions: "
                f"{', '.join(unit.questions)}); the package in Moodle was built from another version or unit: "
                "report with that version's units/ folder (--units)")
        response = g.get("response", "")
        try:
            words(q, response, lang)
        except NoFit as e:
            raise MoodleFileError(f"{where}, interaction {n} ({qid}): {e}; the package in Moodle was built from "
                                  f"another version than {unit.id} {unit.version}") from None
        right, pattern = g.get("right"), notation(q, "scorm12", lang)["pattern"]
        if right and q.scored and right != pattern:
            raise MoodleFileError(f"{where}, interaction {n} ({qid}): Moodle's right answer is {right!r}, unit "
                                  f"{unit.id} {unit.version} says {pattern!r}; the package in "
                                  "Moodle was built from another version: report with that version's units/ (--units)")
        result = g.get("result")
        success = {"correct": True, "wrong": False, "incorrect": False}.get(result) if result else judge(q, response, lang)
        out.append((qid, response, success))
    return out


def _counted(download: Download, row: Row, unit: Unit, lang: str, found) -> dict[str, int] | None:
    """Which try of each scored question the attempt's score counted, as an index into `found`.

    The unit's `scoring` says (the first try, or with "best" the first right one); a package built
    before `scoring` existed counted the latest. The reading that gives the score Moodle recorded
    is the one the package used. If none does, the package was built from another version of the
    unit. None where the row has no score or no answers to check (Basic reports)."""
    recorded = _score_of(row) if row.sco is not None else None
    scored = unit.scored_questions
    if recorded is None or not scored or not download.groups:
        return None
    right = [judge(unit.questions[qid], response, lang) for qid, response, _ in found]
    readings = []
    for rule in (unit.scoring, "latest"):
        chosen: dict[str, int] = {}
        for i, (qid, _, _) in enumerate(found):
            if not unit.questions[qid].scored:
                continue
            if qid not in chosen or rule == "latest" or rule == "best" and right[i] and not right[chosen[qid]]:
                chosen[qid] = i
        readings.append(chosen)
    missing = [q.id for q in scored if q.id not in readings[0]]
    if missing:  # the package sends a score only once every scored question is answered
        raise MoodleFileError(f"{download.path}: record {row.number} ({row.name}): Moodle recorded a score, but "
                              f"read with unit {unit.id} {unit.version} these answers leave {', '.join(missing)} "
                              "unanswered; the package in Moodle was built from another version: report with that "
                              "version's units/ (--units)")
    total = sum(q.weight for q in scored)
    scores = [int(100 * sum(q.weight for q in scored if right[chosen[q.id]]) / total + 0.5)  # as player.js rounds
              for chosen in readings]
    for chosen, mine in zip(readings, scores):
        if abs(mine - recorded) <= 0.5:
            return chosen
    raise MoodleFileError(f"{download.path}: record {row.number} ({row.name}): these answers score {scores[0]} with "
                          f"unit {unit.id} {unit.version}, Moodle recorded {recorded:g}; the package in "
                          "Moodle was built from another version: report with that version's units/ (--units)")


def _answers_unreadable(download: Download) -> bool:
    """A SCORM 2004 activity's Interactions download: Moodle's report reads only cmi.interactions_N
    (1.2) names and, as its column count also matches 2004's cmi.interactions.N.id, writes one
    group of columns with nothing in it (mod/scorm/report/interactions, reportlib.php)."""
    return download.groups == 1 and any(r.attempt is not None for r in download.rows) and \
        not any(r.groups for r in download.rows)


def _learner(key: str, rows: list[Row], unit: Unit, w: dict, notes: list[str]) -> tuple[Learner, Row | None]:
    """A person's rows (one per attempt) as one learner, and the attempt their result comes from:
    the latest with a score, else the latest."""
    attempts = sorted((r for r in rows if r.attempt is not None), key=lambda r: r.attempt)
    learner = Learner(key=key, name=rows[0].name, seconds=None)
    if not attempts:
        learner.status = "not attempted"
        return learner, None
    learner.attempts = max(r.attempt for r in attempts)
    learner.first_activity = min(iso_time(r.started) for r in attempts)
    learner.last_activity = max(iso_time(r.last) for r in attempts)
    spans = [_span(r) for r in attempts]
    learner.seconds = None if None in spans else sum(spans)
    statuses = [_status(r, w, notes) for r in attempts]
    scored = [r for r in attempts if _score_of(r) is not None]
    result = scored[-1] if scored else attempts[-1]
    learner.status = statuses[-1]
    learner.completed = bool(scored) or any(s in ("passed", "failed", "completed") for s in statuses)
    if scored:
        learner.score = _score_of(result)
        learner.outcome = "passed" if learner.score >= unit.mastery_score else "failed"
        learner.pass_mark = unit.mastery_score
        learner.status = learner.status or learner.outcome
    elif statuses[-1] in ("passed", "failed"):
        learner.outcome = statuses[-1]
    return learner, result


def build_moodle_report(path: Path, unit: Unit, lang: str | None = None) -> Report:
    """The report of a download; `lang` is the report's own language (default: the package's)."""
    download = parse_download(path)
    scorm2004 = _answers_unreadable(download)
    if scorm2004:
        download.groups = 0  # status and scores only, as from a Basic report with track details
    pkg = package_language(download, unit, lang)
    lang = lang or pkg
    w = report_words(lang)
    notes: list[str] = []
    rows_of: dict[str, list[Row]] = {}
    for row in download.rows:
        rows_of.setdefault(row.email or row.name, []).append(row)
    learners: list[Learner] = []
    latest: dict[str, dict[str, Answer]] = {qid: {} for qid in unit.questions}
    letters: dict[str, dict[str, str]] = {qid: {} for qid in unit.questions}  # latest responses, for the distribution
    gaps: dict[str, list[Gap]] = {qid: [] for qid in unit.questions}
    order = {qid: i for i, qid in enumerate(unit.questions)}
    for key, rows in rows_of.items():
        learner, result = _learner(key, rows, unit, w, notes)
        learners.append(learner)
        counted: dict[str, tuple[int, Given]] = {}  # question -> the try the result counted (index, answer)
        mine: dict[str, tuple[Row, int]] = {}  # question -> where the latest answer is (attempt row, index)
        for row in sorted((r for r in rows if r.attempt is not None), key=lambda r: r.attempt):
            found = _interactions(download, row, unit, pkg)
            chosen = _counted(download, row, unit, pkg, found) or {}
            for i, (qid, response, success) in enumerate(found):
                q = unit.questions[qid]
                given = Given(response=words(q, response, pkg), success=success, timestamp=iso_time(row.last))
                if row is result and chosen.get(qid) == i:
                    counted[qid] = (i, given)
                latest[qid][key] = Answer(learner=learner.name, key=key, response=given.response, success=success,
                                          timestamp=given.timestamp, cut=cut_of(q, response))
                letters[qid][key] = response
                mine[qid] = (row, i)
        for qid, (i, given) in counted.items():  # the latest answer, or the earlier one the result counted
            answer = latest[qid][key]
            answer.counted = mine[qid][0] is result and mine[qid][1] == i
            answer.counted_answer = None if answer.counted else given
        if download.groups and learner.attempts:
            # A question before the learner's last answer, or any of a finished attempt, was left unanswered;
            # after it, in an unfinished attempt, not reached (Moodle's downloads have no pages).
            furthest = max((order[q] for q in mine), default=-1)
            for qid in unit.questions:
                if qid not in mine:
                    gaps[qid].append(Gap(learner=learner.name, key=key,
                                         reached=learner.completed or order[qid] < furthest))
    if scorm2004:
        notes.insert(0, w["note_scorm2004"])
    if download.sco_title is None:
        notes.append(w["note_no_status"])
    if download.groups and "question" not in download.kinds:
        notes.append(w["note_no_ids"])
    if any(a.cut for answers in latest.values() for a in answers.values()):
        notes.append(w["note_cut"])
    if any(l.seconds is not None for l in learners):
        notes.append(w["note_time"])
    questions = []
    if download.groups:
        for qid, q in unit.questions.items():
            answers = sorted(latest[qid].values(), key=lambda a: a.learner.casefold())
            questions.append(Question(
                id=qid, type=q.type, text=q.prompt.get(pkg, qid), answers=answers, scored=q.scored,
                distribution=_distribution(q, list(letters[qid].values()), pkg), right_answer=right_answer(q, pkg),
                explanation=explanation(q, pkg), gaps=sorted(gaps[qid], key=lambda g: g.learner.casefold()),
                page=next((text_in(p.title, pkg) for p in unit.pages if qid in p.questions), "")))
    return Report(unit=f"{unit.id} {unit.version} ({pkg}, {'SCORM 2004' if scorm2004 else 'SCORM 1.2'})", title=unit.title.get(pkg, unit.id), lang=lang,
                  statements=len(download.rows), learners=sorted(learners, key=lambda l: l.name.casefold()),
                  questions=questions, pass_mark=unit.mastery_score,
                  source="moodle-interactions" if download.groups or scorm2004 else "moodle-basic", source_file=path.name,
                  notes=notes)


def _distribution(q, responses: list[str], lang: str) -> list[Pick] | None:
    """How many learners chose each option (their latest answers), counted on the letters; the right ones marked."""
    n = notation(q, "scorm12", lang)
    picks = get(q.type).distribution(q, n, lang, labels(lang))
    if picks is None:
        return None
    right = right_tokens(q, lang)
    return [Pick(text=text, count=sum(token in r.split(n["join"]) for r in responses),
                 right=token in right if q.scored else None) for token, text in picks]
