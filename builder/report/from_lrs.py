"""The trainers' report: who finished, who passed, and every answer, from the LRS's statements.

Statements in (plain xAPI JSON, as an LRS returns them), a Report out; formats.py writes it.
Question and choice texts come from the activity definitions the packages send, in the
trainer's language where the definitions have it; right answers and explanations from the unit
where `--unit` names one, else from the definitions' correct-response patterns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from ..model import Unit
from ..questiontypes import get
from .definitions import distribution, pick, readable
from .definitions import right_answer as definition_right_answer
from .from_unit import explanation, right_answer, text_in
from .model import Answer, Gap, Given, Learner, Question, Report
from .statements import clean

VERBS = "http://adlnet.gov/expapi/verbs/"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"


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


def build_report(statements, unit_iri: str, lang: str, order: list[str] | None = None, unit: Unit | None = None) -> Report:
    """Statements (any iterable, read once) -> Report. Per learner and question only a handful of
    answers are kept (the latest, and the tries a result may count), so memory grows with learners
    x questions x registrations, not with statements.

    `unit`: the unit, where `--unit` names one: its question order, right answers and
    explanations. `order`: question ids in the unit's order; without either, first answered first."""
    if unit is not None:
        order = list(unit.questions)
    learners: dict[str, Learner] = {}
    sessions: dict[str, dict] = {}  # learner -> registration -> Session
    title = ""
    count = 0
    definitions: dict[str, dict] = {}
    latest: dict[str, dict[str, Try]] = {}  # question -> learner -> latest answer
    tries: dict[tuple, dict[str, Try]] = {}  # (learner, registration, question) -> the tries a result may count
    outcomes: dict[str, tuple] = {}  # learner -> (time, verb, score, pass mark, {question: counted answer's id}, registration)
    page_names: dict[str, str] = {}  # page activity id -> title
    placement: dict[str, str] = {}  # question id -> page activity id
    seen: dict[str, set[str]] = {}  # learner -> pages experienced
    pass_mark: tuple[str, float | None] = ("", None)
    for s in map(clean, statements):  # odd shapes from an LRS become empty fields, never a traceback
        if s is None:
            continue
        count += 1
        key, name = actor_key(s.get("actor", {}))
        learner = learners.setdefault(key, Learner(key=key, name=name))
        registration = s.get("context", {}).get("registration")
        stamp = s.get("timestamp", "")
        session = sessions.setdefault(key, {}).setdefault(registration, Session())
        session.saw(stamp)
        learner.last_activity = max(learner.last_activity, stamp)
        learner.first_activity = min(learner.first_activity or stamp, stamp)
        obj, v, result = s.get("object", {}), verb(s), s.get("result") or {}
        if about_unit(s, unit_iri):
            title = pick(obj.get("definition", {}).get("name"), lang) or title
            if result.get("duration") and v in ("passed", "failed", "completed"):  # time of the registration so far
                session.total = max(session.total or 0.0, seconds(result["duration"]))
            if v == "completed":
                learner.completed = True
            elif v in ("passed", "failed") and stamp >= outcomes.get(key, ("",))[0]:
                mark = mastery(s)
                extensions = result.get("extensions") if isinstance(result.get("extensions"), dict) else {}
                counted = next((x for k, x in extensions.items() if k.endswith("/extensions/answers")
                                and isinstance(x, dict)), {})
                outcomes[key] = (stamp, v, score_of(result), mark, counted, registration)
                if mark is not None and stamp >= pass_mark[0]:
                    pass_mark = (stamp, mark)
            elif v == "terminated":
                session.sessions += seconds(result.get("duration"))
                session.ended = True
        elif v == "experienced":
            page_names[obj.get("id", "")] = pick(obj.get("definition", {}).get("name"), lang)
            seen.setdefault(key, set()).add(obj.get("id", ""))
        elif v == "answered":
            qid = obj.get("id", "")
            parent = related(s, "parent")
            if parent and parent[0] != unit_iri:
                placement[qid] = parent[0]
            if obj.get("definition"):
                definitions[qid] = obj["definition"]
            definitions.setdefault(qid, {})
            answer = Try(stamp, result.get("response", ""), result.get("success"), s.get("id"), attempt_of(result))
            answers = latest.setdefault(qid, {})
            if key not in answers or stamp >= answers[key].stamp:
                answers[key] = answer
            keep(tries.setdefault((key, registration, qid), {}), answer)
    for key, (_, outcome, score, mark, _, _) in outcomes.items():
        learners[key].outcome, learners[key].score, learners[key].pass_mark = outcome, score, mark
    for key, registrations in sessions.items():
        learners[key].attempts = len(registrations)
        learners[key].seconds = sum(r.seconds() for r in registrations.values())

    names = {k: l.name for k, l in learners.items()}
    prefix = f"{unit_iri}/questions/"
    ids = list(definitions)
    if unit is not None:  # every question of the unit, also one nobody has answered yet
        ids += [prefix + q for q in unit.questions if prefix + q not in definitions]
    if order:
        rank = {prefix + q: i for i, q in enumerate(order)}
        ids.sort(key=lambda i: rank.get(i, len(rank)))
    unit_lang = (lang if lang in unit.languages else unit.languages[0]) if unit is not None else lang
    questions = []
    for qid in ids:
        d = definitions.get(qid, {})
        mine = unit.questions.get(qid.removeprefix(prefix)) if unit is not None else None
        by_learner = sorted(latest.get(qid, {}).items(), key=lambda kv: names[kv[0]].casefold())
        answers = []
        for k, t in by_learner:
            answer = Answer(learner=names[k], key=k, response=readable(d, t.response, lang), success=t.success,
                            timestamp=t.stamp)
            counted_answer(answer, outcomes.get(k), qid, t, tries, d, lang)
            answers.append(answer)
        page = placement.get(qid) or (_page_of(unit, unit_iri, mine) if mine else "")
        gaps = [Gap(learner=names[k], key=k, reached=bool(page) and page in seen.get(k, ()))
                for k in sorted(learners, key=lambda k: names[k].casefold()) if k not in latest.get(qid, {})]
        scored = mine.scored if mine else bool(d.get("correctResponsesPattern")) or any(
            a.success is not None for a in answers)
        questions.append(Question(
            id=qid.removeprefix(prefix), type=d.get("interactionType", "") or (
                get(mine.type).interaction["xapi"] if mine else ""),
            text=pick(d.get("description"), lang) or pick(d.get("name"), lang) or (
                text_in(mine.prompt, unit_lang) if mine else qid),
            page=page_names.get(page) or (_page_title(unit, page, unit_lang) if unit is not None else "")
            or page.rsplit("/", 1)[-1],
            answers=answers, scored=scored, gaps=gaps,
            distribution=distribution(d, [(k, t.response) for k, t in by_learner], lang),
            right_answer=(right_answer(mine, unit_lang) if mine else definition_right_answer(d, lang)),
            explanation=explanation(mine, unit_lang) if mine else ""))
    return Report(unit=unit_iri, title=title or (text_in(unit.title, unit_lang) if unit is not None else unit_iri),
                  lang=lang, statements=count, learners=sorted(learners.values(), key=lambda l: l.name.casefold()),
                  questions=questions,
                  pass_mark=unit.mastery_score if unit is not None and pass_mark[1] is None else pass_mark[1])


@dataclass
class Try:
    """One answered statement, as much of it as the report keeps."""

    stamp: str
    response: str
    success: bool | None
    id: str | None
    attempt: int | None  # the package's try number (result extension), 1 for the first try


@dataclass
class Session:
    """What a registration says about time: its sessions' durations, else the running total its
    outcome statements carry, else the time between its first and last statement."""

    sessions: float = 0.0
    ended: bool = False
    total: float | None = None
    first: str = ""
    last: str = ""

    def saw(self, stamp: str) -> None:
        self.first = min(self.first or stamp, stamp)
        self.last = max(self.last, stamp)

    def seconds(self) -> float:
        if self.ended:
            return self.sessions
        if self.total is not None:
            return self.total
        try:
            return max(0.0, (datetime.fromisoformat(self.last) - datetime.fromisoformat(self.first)).total_seconds())
        except (ValueError, TypeError):
            return 0.0


def attempt_of(result: dict) -> int | None:
    extensions = result.get("extensions") if isinstance(result.get("extensions"), dict) else {}
    value = next((x for k, x in extensions.items() if k.endswith("/extensions/attempt")), None)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def keep(kept: dict[str, Try], answer: Try) -> None:
    """The tries of one question in one registration that a result may count: the first, the first
    right one, the latest, and the latest first try (a new round); never more than four."""
    if "first" not in kept or answer.stamp < kept["first"].stamp:
        kept["first"] = answer
    if answer.success is True and ("right" not in kept or answer.stamp < kept["right"].stamp):
        kept["right"] = answer
    if "latest" not in kept or answer.stamp >= kept["latest"].stamp:
        kept["latest"] = answer
    if answer.attempt == 1 and ("round" not in kept or answer.stamp >= kept["round"].stamp):
        kept["round"] = answer


def _page_of(unit: Unit, unit_iri: str, q) -> str:
    """The page activity a question is on, as the packages name it (targets/xapi.py: page_iri)."""
    return next((f"{unit_iri}/pages/{p.id}" for p in unit.pages if q.id in p.questions), "")


def _page_title(unit: Unit, page_iri: str, lang: str) -> str:
    return next((text_in(p.title, lang) for p in unit.pages if page_iri.endswith(f"/pages/{p.id}")), "")


def about_unit(statement: dict, unit_iri: str) -> bool:
    """A statement about the unit itself: the language-neutral IRI, or one language's package
    of it (no parent, the unit as grouping)."""
    if statement.get("object", {}).get("id") == unit_iri:
        return True
    return not related(statement, "parent") and unit_iri in related(statement, "grouping")


def related(statement: dict, kind: str) -> list[str]:
    """The ids in one of a statement's contextActivities (a list, or one activity as xAPI 0.95
    allowed); whatever is not shaped like that counts as none."""
    context = statement.get("context")
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    found = activities.get(kind) if isinstance(activities, dict) else None
    found = [found] if isinstance(found, dict) else found if isinstance(found, list) else []
    return [a["id"] for a in found if isinstance(a, dict) and isinstance(a.get("id"), str)]


def mastery(statement: dict) -> float | None:
    """The pass mark in percent from cmi5's masteryscore context extension (0-1), if any."""
    context = statement.get("context")
    extensions = context.get("extensions") if isinstance(context, dict) else None
    value = extensions.get(MASTERY) if isinstance(extensions, dict) else None
    return round(value * 100, 2) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def counted_answer(answer: Answer, outcome: tuple | None, question: str, latest: Try, tries: dict,
                   definition: dict, lang: str) -> None:
    """Mark whether the learner's latest result counted this (latest) answer, and if it counted
    another, which: the outcome statement names the answered statement it counted."""
    if not outcome or question not in outcome[4]:
        return
    wanted = outcome[4][question]
    answer.counted = wanted == latest.id
    if not answer.counted:
        kept = tries.get((answer.key, outcome[5], question), {})
        earlier = next((t for t in kept.values() if t.id == wanted), None)
        if earlier is not None:
            answer.counted_answer = Given(response=readable(definition, earlier.response, lang), success=earlier.success,
                                          timestamp=earlier.stamp)
