"""The numbers a trainer asks first, and who counts in them.

Moodle lists everyone who may take the activity, teachers too; a person without an attempt is
set apart (`Report.absent`) and left out of every number, unless the trainer asks to count
everyone. `--anonymous` turns names into "Learner 1…n" in the order the learners began.
"""

from __future__ import annotations

from collections import Counter
from hashlib import sha256

from .model import QuestionSummary, Report, Summary, WrongAnswer
from .texts import words


def settle(report: Report, everyone: bool = False) -> Report:
    """Set apart who never attempted (unless `everyone`), and count up the rest."""
    if not everyone:
        report.absent = [l for l in report.learners if not l.attempts]
        report.learners = [l for l in report.learners if l.attempts]
    counted = {l.key for l in report.learners}
    for q in report.questions:
        q.answers = [a for a in q.answers if a.key in counted]
        q.gaps = [g for g in q.gaps if g.key in counted]
    report.summary = summarize(report)
    return report


def summarize(report: Report) -> Summary:
    learners = report.learners
    scores = [l.score for l in learners if l.score is not None]
    return Summary(
        learners=len(learners), attempted=sum(l.attempts > 0 for l in learners),
        completed=sum(l.completed for l in learners), passed=sum(l.outcome == "passed" for l in learners),
        average_score=round(sum(scores) / len(scores), 1) if scores else None,
        questions=[question_summary(q) for q in report.questions])


def question_summary(q) -> QuestionSummary:
    judged = [a for a in q.answers if a.success is not None]
    right = sum(a.success is True for a in judged)
    wrong = Counter(a.response for a in judged if a.success is False)
    common = min(wrong.items(), key=lambda item: (-item[1], item[0]), default=None)  # most often; ties: A to Z
    return QuestionSummary(id=q.id, text=q.text, scored=q.scored, answered=len(q.answers), right=right,
                           share_right=round(right / len(judged), 3) if q.scored and judged else None,
                           common_wrong=WrongAnswer(response=common[0], count=common[1]) if common else None)


def missed(report: Report) -> list[tuple]:
    """(question, its summary) of the scored questions someone got wrong, most often missed first
    (ties in the unit's order)."""
    pairs = [(q, s) for q, s in zip(report.questions, report.summary.questions)
             if q.scored and s.share_right is not None and s.share_right < 1]
    return sorted(pairs, key=lambda pair: pair[1].share_right)


def anonymize(report: Report) -> Report:
    """Names and identities become "Learner 1…n", numbered in the order the learners began,
    the same in every part of the report."""
    w = words(report.lang)
    people = report.learners + report.absent
    # who began first; at the same minute, an order that says nothing about the names (a hash of the identity)
    begun = sorted(people, key=lambda l: (not l.first_activity, l.first_activity, sha256(l.key.encode()).hexdigest()))
    number = {l.key: n for n, l in enumerate(begun, 1)}

    def in_order(items):
        return sorted(items, key=lambda item: number.get(item.key, 0))

    report.learners, report.absent = in_order(report.learners), in_order(report.absent)
    for q in report.questions:
        q.answers, q.gaps = in_order(q.answers), in_order(q.gaps)
    for item in (*people, *(x for q in report.questions for x in (*q.answers, *q.gaps))):
        n = number.get(item.key, 0)
        name = w["anonymous"].format(n=n)
        item.key = f"learner-{n}"
        if hasattr(item, "learner"):
            item.learner = name
        else:
            item.name = name
    report.anonymous = True
    return report
