"""A Moodle SCORM report download -> the same Report as from the LRS, so all four formats follow.

What the download does not say is worked out from the unit's sources, never guessed silently:
the package language from the SCO column's title, passed/failed from the score and the unit's
mastery score (Moodle's "mastery score overrides status"), questions from ids or, in the
default columns that have no ids, from the order the package records answers in.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Unit
from ..questiontypes import get
from ..questiontypes.notation import notation
from .model import Answer, Learner, Question, Report
from .moodle_answers import NoFit, align, cut_of, judge, labels, words
from .moodle_downloads import Download, MoodleFileError, Row, parse_download

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
# What the reader should know about a download's gaps, in the report's language.
NOTES = {
    "en": {
        "no-status": "This Basic report has no status column, so a Score of 0 can be 0% or no score yet: in Moodle, set "
                     "Track details = Yes under the report, save preferences and download again.",
        "no-ids": "This download has no question ids (Moodle's default: only Summary of responses): answers were "
                  "matched to questions by the order the package records them in. Tick all four summaries under the "
                  "Interactions report, save preferences and download again to have the ids.",
        "cut": "A free text longer than SCORM 1.2's 255 characters ends in …[+N]: N characters are missing here. The "
               "package stored the whole text in cmi.comments, which Moodle shows on the learner's track details "
               "page (Reports → the attempt) but puts in no download.",
        "scorm2004": "This download has interaction columns but no answer in them, as Moodle 4.5 writes it for a SCORM "
                     "2004 activity: its Interactions report reads only SCORM 1.2's element names. Status and scores "
                     "are read; each attempt's answers are on its Track details page in Moodle (Reports → the "
                     "attempt). For answers in this report, give learners the SCORM 1.2 package (--target scorm12), "
                     "or use the xAPI package and report from the LRS.",
    },
    "de": {
        "no-status": "Dieser Basisbericht hat keine Statusspalte: eine Bewertung 0 kann 0 % oder noch keine Bewertung "
                     "heißen. In Moodle unter dem Bericht „Track details“ = Ja wählen, Einstellungen speichern und "
                     "neu herunterladen.",
        "no-ids": "Dieser Download enthält keine Fragen-IDs (Moodles Voreinstellung: nur die Antworten): die Antworten "
                  "wurden den Fragen in der Reihenfolge zugeordnet, in der das Paket sie speichert. Für die IDs unter "
                  "dem Interaktionsbericht alle vier Zusammenfassungen ankreuzen, Einstellungen speichern und neu "
                  "herunterladen.",
        "cut": "Ein freier Text über 255 Zeichen (Grenze von SCORM 1.2) endet auf …[+N]: N Zeichen fehlen hier. Das "
               "Paket hat den ganzen Text in cmi.comments gespeichert; Moodle zeigt ihn in den Trackingdetails der "
               "Person (Berichte → der Versuch), aber in keinem Download.",
        "scorm2004": "Dieser Download hat Spalten für Interaktionen, aber keine Antwort darin, wie Moodle 4.5 ihn für "
                     "eine SCORM-2004-Aktivität schreibt: sein Interaktionsbericht liest nur die Elementnamen von SCORM "
                     "1.2. Status und Bewertungen sind gelesen; die Antworten jedes Versuchs stehen in Moodle in seinen "
                     "Trackingdetails (Berichte → der Versuch). Für Antworten in diesem Bericht das SCORM-1.2-Paket "
                     "einsetzen (--target scorm12) oder das xAPI-Paket und aus dem LRS berichten.",
    },
}


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


def _outcome(learner: Learner, row: Row, unit: Unit, notes: list[str]) -> None:
    """Status, score and outcome of the learner's latest attempt from the SCO and Score columns."""
    if row.attempt is None:
        learner.status = "not attempted"
        return
    sco = row.sco
    if sco is None:  # default Basic report: only Moodle's grade, where 0 can also mean "no score yet"
        score = float(row.score) if re.fullmatch(r"\d+(\.\d+)?", row.score) else None
        if score:
            learner.score = score
            learner.outcome = "passed" if score >= unit.mastery_score else "failed"
            learner.completed = True
        return
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:/(\d+(?:\.\d+)?))?", sco)
    if m:
        raw, top = float(m.group(1)), float(m.group(2) or 100)
        learner.score = round(raw * 100 / top, 2) if top else raw
        learner.outcome = "passed" if learner.score >= unit.mastery_score else "failed"
        learner.status, learner.completed = learner.outcome, True
        return
    status = STATUS.get(sco.casefold())
    if status is None:
        notes.append(f"record {row.number}: status {sco!r} is not one we know; shown as written")
    learner.status = status or sco
    learner.completed = status in ("passed", "failed", "completed")
    learner.outcome = status if status in ("passed", "failed") else ""


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


def _check_score(download: Download, row: Row, unit: Unit, lang: str, found) -> None:
    """The score the unit's answer key gives these answers must be the one Moodle recorded; if not, the
    package was built from another version (letters that fit but mean other options, say)."""
    recorded = re.fullmatch(r"(\d+(?:\.\d+)?)(?:/100)?", row.sco or "")
    latest = {qid: response for qid, response, _ in found}
    scored = unit.scored_questions
    if not recorded or not scored or not download.groups:  # a Basic report has no answers to check
        return
    missing = [q.id for q in scored if q.id not in latest]
    if missing:  # the package sends a score only once every scored question is answered
        raise MoodleFileError(f"{download.path}: record {row.number} ({row.name}): Moodle recorded a score, but "
                              f"read with unit {unit.id} {unit.version} these answers leave {', '.join(missing)} "
                              "unanswered; the package in Moodle was built from another version: report with that "
                              "version's units/ (--units)")
    earned = sum(q.weight for q in scored if judge(q, latest[q.id], lang))
    mine = int(100 * earned / sum(q.weight for q in scored) + 0.5)  # as player.js rounds
    if abs(mine - float(recorded.group(1))) > 0.5:
        raise MoodleFileError(f"{download.path}: record {row.number} ({row.name}): these answers score {mine} with "
                              f"unit {unit.id} {unit.version}, Moodle recorded {recorded.group(1)}; the package in "
                              "Moodle was built from another version: report with that version's units/ (--units)")


def _answers_unreadable(download: Download) -> bool:
    """A SCORM 2004 activity's Interactions download: Moodle's report reads only cmi.interactions_N
    (1.2) names and, as its column count also matches 2004's cmi.interactions.N.id, writes one
    group of columns with nothing in it (mod/scorm/report/interactions, reportlib.php)."""
    return download.groups == 1 and any(r.attempt is not None for r in download.rows) and \
        not any(r.groups for r in download.rows)


def build_moodle_report(path: Path, unit: Unit, lang: str) -> Report:
    download = parse_download(path)
    scorm2004 = _answers_unreadable(download)
    if scorm2004:
        download.groups = 0  # status and scores only, as from a Basic report with track details
    pkg = package_language(download, unit, lang)
    notes: list[str] = []
    learners: dict[str, Learner] = {}
    latest: dict[str, dict[str, Answer]] = {qid: {} for qid in unit.questions}
    raw: dict[str, dict[str, str]] = {qid: {} for qid in unit.questions}  # letters, for the distribution
    rows = sorted(download.rows, key=lambda r: (r.attempt or 0))  # later attempts override earlier ones
    for row in rows:
        key = row.email or row.name
        learner = learners.setdefault(key, Learner(key=key, name=row.name, seconds=None))
        if row.attempt is not None:
            learner.attempts = max(learner.attempts, row.attempt)
            learner.last_activity = max(learner.last_activity, iso_time(row.last))
        if row.attempt is not None or not learner.attempts:
            _outcome(learner, row, unit, notes)
        found = _interactions(download, row, unit, pkg)
        _check_score(download, row, unit, pkg, found)
        for qid, response, success in found:
            q = unit.questions[qid]
            latest[qid][key] = Answer(learner=row.name, key=key, response=words(q, response, pkg), success=success,
                                      timestamp=iso_time(row.last), cut=cut_of(q, response))
            raw[qid][key] = response
    said = NOTES.get(lang, NOTES["en"])
    if scorm2004:
        notes.insert(0, said["scorm2004"])
    if download.sco_title is None:
        notes.append(said["no-status"])
    if download.groups and "question" not in download.kinds:
        notes.append(said["no-ids"])
    if any(a.cut for answers in latest.values() for a in answers.values()):
        notes.append(said["cut"])
    questions = []
    if download.groups:
        for qid, q in unit.questions.items():
            answers = sorted(latest[qid].values(), key=lambda a: a.learner.casefold())
            questions.append(Question(id=qid, type=q.type, text=q.prompt.get(pkg, qid), answers=answers,
                                      distribution=_distribution(q, list(raw[qid].values()), pkg)))
    kind = "Interactions" if download.groups or scorm2004 else "Basic"
    edition = "SCORM 2004" if scorm2004 else "SCORM 1.2"
    return Report(unit=f"{unit.id} {unit.version} ({pkg}, {edition})", title=unit.title.get(pkg, unit.id), lang=lang,
                  statements=len(download.rows), learners=sorted(learners.values(), key=lambda l: l.name.casefold()),
                  questions=questions, source=f"Moodle {kind} report, {path.name}", notes=notes)


def _distribution(q, responses: list[str], lang: str) -> list[tuple[str, int]] | None:
    """How many learners chose each option (their latest answers), counted on the letters."""
    n = notation(q, "scorm12", lang)
    picks = get(q.type).distribution(q, n, lang, labels(lang))
    if picks is None:
        return None
    return [(text, sum(token in r.split(n["join"]) for r in responses)) for token, text in picks]
