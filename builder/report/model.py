"""The report's model: learners, their answers and the questions, whatever the source (LRS or Moodle).

from_lrs.py and from_moodle.py fill it; formats.py writes it.
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
    seconds: float | None = 0.0  # None: the source does not say (Moodle's downloads)
    last_activity: str = ""
    pass_mark: float | None = None  # percent, from the outcome statement the score came with
    status: str = ""  # the LMS's own status word (Moodle: passed, failed, incomplete, not attempted, …)


@dataclass
class Answer:
    learner: str
    key: str  # the learner's identity (mbox or account), as in Learner.key
    response: str  # as the trainer reads it: choice texts, not ids
    success: bool | None
    timestamp: str
    counted: bool | None = None  # the answer the learner's result counted (None: no result yet)
    cut: int = 0  # characters of a long free text the source does not have (SCORM 1.2's 255 limit)


@dataclass
class Question:
    id: str
    type: str
    text: str
    page: str = ""  # the title of the page the question is on
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
    pass_mark: float | None = None  # percent, as the latest outcome statement says
    source: str = ""  # where the data came from when not the LRS, e.g. a Moodle download
    notes: list[str] = field(default_factory=list)  # what the reader should know about gaps in the data
