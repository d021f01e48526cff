"""The trainers' report: who finished, who passed, and every answer, from the LRS's statements.

Statements in (plain xAPI JSON, as an LRS returns them), a Report out; formats.py
writes it as a table, CSV, HTML or JSON. Question and choice texts come from the activity definitions the packages send, in
the trainer's language where the definitions have it.
"""

from __future__ import annotations

import json
import re

from .definitions import distribution, pick, readable
from .model import Answer, Learner, Question, Report
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


def build_report(statements, unit_iri: str, lang: str, order: list[str] | None = None) -> Report:
    """Statements (any iterable, read once) -> Report. Only the latest of each learner's answers
    and outcomes is kept, so memory grows with learners x questions, not with statements.

    `order`: question ids in the unit's order, where the unit is known; else first answered first."""
    learners: dict[str, Learner] = {}
    registrations: dict[str, set] = {}
    title = ""
    count = 0
    definitions: dict[str, dict] = {}
    latest: dict[str, dict[str, tuple]] = {}  # question -> learner -> (time, response, success, statement id)
    outcomes: dict[str, tuple] = {}  # learner -> (time, verb, score, pass mark, {question: counted answer's id})
    page_names: dict[str, str] = {}  # page activity id -> title
    placement: dict[str, str] = {}  # question id -> page activity id
    pass_mark: tuple[str, float | None] = ("", None)
    for s in map(clean, statements):  # odd shapes from an LRS become empty fields, never a traceback
        if s is None:
            continue
        count += 1
        key, name = actor_key(s.get("actor", {}))
        learner = learners.setdefault(key, Learner(key=key, name=name))
        registrations.setdefault(key, set()).add(s.get("context", {}).get("registration"))
        stamp = s.get("timestamp", "")
        learner.last_activity = max(learner.last_activity, stamp)
        obj, v, result = s.get("object", {}), verb(s), s.get("result") or {}
        if about_unit(s, unit_iri):
            title = pick(obj.get("definition", {}).get("name"), lang) or title
            if v == "completed":
                learner.completed = True
            elif v in ("passed", "failed") and stamp >= outcomes.get(key, ("",))[0]:
                mark = mastery(s)
                extensions = result.get("extensions") if isinstance(result.get("extensions"), dict) else {}
                counted = next((x for k, x in extensions.items() if k.endswith("/extensions/answers")
                                and isinstance(x, dict)), {})
                outcomes[key] = (stamp, v, score_of(result), mark, counted)
                if mark is not None and stamp >= pass_mark[0]:
                    pass_mark = (stamp, mark)
            elif v == "terminated":
                learner.seconds += seconds(result.get("duration"))
        elif v == "experienced":
            page_names[obj.get("id", "")] = pick(obj.get("definition", {}).get("name"), lang)
        elif v == "answered":
            qid = obj.get("id", "")
            parent = related(s, "parent")
            if parent and parent[0] != unit_iri:
                placement[qid] = parent[0]
            if obj.get("definition"):
                definitions[qid] = obj["definition"]
            definitions.setdefault(qid, {})
            answers = latest.setdefault(qid, {})
            if stamp >= answers.get(key, ("",))[0]:
                answers[key] = (stamp, result.get("response", ""), result.get("success"), s.get("id"))
    for key, (_, outcome, score, mark, _) in outcomes.items():
        learners[key].outcome, learners[key].score, learners[key].pass_mark = outcome, score, mark
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
                          timestamp=stamp, counted=counted_answer(outcomes.get(k), qid, sid))
                   for k, (stamp, response, success, sid) in by_learner]
        page = placement.get(qid, "")
        questions.append(Question(
            id=qid.removeprefix(f"{unit_iri}/questions/"), type=d.get("interactionType", ""),
            text=pick(d.get("description"), lang) or pick(d.get("name"), lang) or qid,
            page=page_names.get(page) or page.rsplit("/", 1)[-1], answers=answers,
            distribution=distribution(d, [(k, response) for k, (_, response, _, _) in by_learner], lang)))
    return Report(unit=unit_iri, title=title or unit_iri, lang=lang, statements=count,
                  learners=sorted(learners.values(), key=lambda l: l.name.casefold()), questions=questions,
                  pass_mark=pass_mark[1])


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


def counted_answer(outcome: tuple | None, question: str, statement_id: str | None) -> bool | None:
    """Whether the learner's latest result counted this answer; None without a result that says."""
    if not outcome or question not in outcome[4]:
        return None
    return outcome[4][question] == statement_id
