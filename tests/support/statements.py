"""Many statements at once, shaped like the ones the xAPI packages send (for the report at scale)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from builder.targets.xapi import page_iri, question_activity, unit_activity

VERBS = "http://adlnet.gov/expapi/verbs/"


def learner(i: int) -> dict:
    return {"name": f"Learner {i:03d}", "mbox": f"mailto:learner{i:03d}@example.org", "objectType": "Agent"}


def right_for(i: int, j: int) -> bool:
    """Learner i answers question j right unless (i + j) is a multiple of 4."""
    return (i + j) % 4 != 0


def synthetic(unit, learners: int, per_learner: int) -> list[dict]:
    """`per_learner` statements for each learner: initialized, answers round the scored questions, terminated."""
    scored = unit.scored_questions
    activities = {q.id: question_activity(unit, q, "en").as_version() for q in scored}  # as the English package
    course = unit_activity(unit, "en").as_version()  # the English package's own activity
    group = {"id": unit.xapi_base, "objectType": "Activity"}
    ref = {"id": course["id"], "objectType": "Activity"}
    pages = {qid: page_iri(unit, p.id) for p in unit.pages for qid in p.questions}
    start = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)
    out = []
    for i in range(learners):
        registration = str(uuid.UUID(int=i + 1, version=4))
        t = start + timedelta(minutes=i)

        def statement(verb, obj, result=None):
            nonlocal t
            t += timedelta(seconds=1)
            s = {"id": str(uuid.uuid4()), "actor": learner(i), "verb": {"id": VERBS + verb, "display": {"en-US": verb}},
                 "object": obj, "timestamp": t.isoformat().replace("+00:00", "Z"),
                 "context": {"registration": registration, "language": "en-US"}}
            if obj["id"] == course["id"]:
                s["context"]["contextActivities"] = {"grouping": [group]}
            else:  # a question: on its page, in the unit
                page = {"id": pages[obj["id"].rsplit("/", 1)[1]], "objectType": "Activity"}
                s["context"]["contextActivities"] = {"parent": [page], "grouping": [ref, group]}
            if result:
                s["result"] = result
            return s

        out.append(statement("initialized", course))
        for k in range(per_learner - 2):
            j = k % len(scored)
            ok = right_for(i, j)
            q = scored[j]
            pattern = activities[q.id]["definition"].get("correctResponsesPattern", ["x"])[0]
            response = pattern.replace("{case_matters=false}", "") if ok else "no idea"
            out.append(statement("answered", activities[q.id], {"response": response, "success": ok,
                                                                 "score": {"scaled": 1 if ok else 0}}))
        out.append(statement("terminated", course, {"duration": "PT10M"}))
    return out
