"""The report's model: learners, their answers and the questions, whatever the source (LRS or Moodle).

from_lrs.py and from_moodle.py fill it; summary.py counts it up and sets apart who never
attempted; formats.py writes it. Everything here is JSON as it is (`--format json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Learner:
    key: str
    name: str
    attempts: int = 0
    completed: bool = False
    outcome: str = ""  # passed, failed, or "" before the knowledge check is done
    score: float | None = None
    seconds: float | None = 0.0  # time spent; None: the source does not say
    last_activity: str = ""
    pass_mark: float | None = None  # percent, the pass mark the learner's result was measured against
    status: str = ""  # the LMS's own status word (Moodle: passed, failed, incomplete, not attempted, …)
    first_activity: str = ""  # when the learner began: the order of "Learner 1…n" with --anonymous


@dataclass
class Given:
    """An earlier answer: the one the learner's result counted when it is not their latest."""

    response: str
    success: bool | None
    timestamp: str


@dataclass
class Answer:
    learner: str
    key: str  # the learner's identity (mbox or account), as in Learner.key
    response: str  # the learner's latest answer, as the trainer reads it: choice texts, not ids
    success: bool | None
    timestamp: str
    counted: bool | None = None  # this latest answer is the one the learner's result counted (None: no result says)
    counted_answer: Given | None = None  # the earlier answer the result counted instead, where the source keeps it
    cut: int = 0  # characters of a long free text the source does not have (SCORM 1.2's 255 limit)


@dataclass
class Gap:
    """A learner with an attempt and no answer to a question."""

    learner: str
    key: str
    reached: bool  # True: the learner got to the question and left it ("no answer"); False: "not reached"


@dataclass
class Pick:
    """One option of a choice question and how many learners' latest answers chose it."""

    text: str
    count: int
    right: bool | None = None  # a right option (None: the source does not say)


@dataclass
class Question:
    id: str
    type: str
    text: str
    page: str = ""  # the title of the page the question is on
    answers: list[Answer] = field(default_factory=list)
    distribution: list[Pick] | None = None  # choice questions: each option and how many chose it
    scored: bool = True  # False: a reflection, nothing right or wrong
    right_answer: str | None = None  # in words, where the unit or the activity definition says
    explanation: str = ""  # the unit's explanation of the right answer (its feedback), where the unit is known
    gaps: list[Gap] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(a.success is True for a in self.answers)


@dataclass
class WrongAnswer:
    response: str
    count: int


@dataclass
class QuestionSummary:
    id: str
    text: str
    scored: bool
    answered: int  # learners with an answer
    right: int  # of them, answered right
    share_right: float | None  # right / answered, 0 to 1; None for reflections and unanswered questions
    common_wrong: WrongAnswer | None  # the most frequent wrong answer


@dataclass
class Summary:
    learners: int  # who is counted: people with an attempt (or everyone, with --include-not-attempted)
    attempted: int
    completed: int
    passed: int
    average_score: float | None  # percent, over the learners with a score
    questions: list[QuestionSummary] = field(default_factory=list)


@dataclass
class Report:
    unit: str
    title: str
    lang: str
    statements: int
    learners: list[Learner]
    questions: list[Question]
    pass_mark: float | None = None  # percent: the unit's mastery score, or the latest outcome statement's
    source: str = ""  # "" for the LRS, "moodle-interactions" or "moodle-basic" for a Moodle download
    source_file: str = ""  # the download's file name
    notes: list[str] = field(default_factory=list)  # what the reader should know about gaps in the data
    absent: list[Learner] = field(default_factory=list)  # listed apart, not counted: people without an attempt
    summary: Summary | None = None
    anonymous: bool = False  # names and identities are "Learner 1…n"
