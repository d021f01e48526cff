"""The language-neutral unit model every target is built from.

Ids are slugs shared by all languages; every text is a {lang: str} map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

Text = dict[str, str]  # language code -> text
NUMBER_MAX = 1e15  # beyond this a JavaScript number loses whole digits


def finite_number(value) -> bool:
    """A YAML number JSON can carry: not a bool, not NaN or infinity, not absurdly large."""
    return (not isinstance(value, bool) and isinstance(value, (int, float))
            and math.isfinite(value) and abs(value) <= NUMBER_MAX)


@dataclass(frozen=True)
class Option:
    """Something a learner picks, orders or matches: each type says which (builder/questiontypes/)."""

    id: str
    text: Text
    correct: bool = False
    match: str | None = None  # a source's target id


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # a name of builder/questiontypes.TYPES
    prompt: Text
    feedback: dict[str, Text]  # "correct" / "wrong" / "reveal" / "neutral" -> text
    choices: tuple[Option, ...] = ()  # options, in authored order (what each type calls them: questiontypes/)
    targets: tuple[Option, ...] = ()  # what sources are matched with
    correct: bool | float | None = None  # the right value, for types with one
    tolerance: float = 0.0
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # accepted texts, per language
    weight: float = 1.0
    max_length: int = 2000
    attempts: int | None = None  # tries the learner gets; None: the unit's default
    scored: bool = False  # counts towards the score: its type says (builder/questiontypes/), the loader sets it


@dataclass(frozen=True)
class Image:
    """An image a page uses, and the file it comes from."""

    name: str  # file name inside the package's media/ folder
    source: Path
    narrow: Path | None = None  # <name>.narrow.<ext>: the layout for phones, if there is one
    text: Path | None = None  # <name>.text.md: the text version shown under the figure


@dataclass(frozen=True)
class LinkedFile:
    """A file in the unit's media/ folder that a page links to (a handout, slides): it goes into the package."""

    name: str  # file name inside the package's media/ folder
    source: Path


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    # per language, the body in order: ("markdown", text) and ("question", question id)
    blocks: dict[str, tuple[tuple[str, str], ...]]
    questions: tuple[str, ...]  # ids of the questions placed on the page, in order
    images: dict[str, tuple[Image, ...]]  # per language
    files: dict[str, tuple[LinkedFile, ...]] = field(default_factory=dict)  # per language: the files its links open


@dataclass(frozen=True)
class Unit:
    id: str
    version: str
    languages: tuple[str, ...]
    title: Text
    description: Text
    objectives: tuple[Text, ...]
    author: str
    duration_minutes: int
    mastery_score: int
    completion: str
    xapi_base: str
    pages: tuple[Page, ...]
    questions: dict[str, Question]  # in the order they appear in the unit
    attempts: int = 2  # tries per scored question, unless a question says otherwise
    scoring: str = "first"  # which try counts: "first" or "best"
    ui: dict[str, dict] = field(default_factory=dict)  # per language, the player's interface texts (load/catalogs.py)
    format: Text = field(default_factory=dict)  # how it is taught, e.g. "Workshop" (optional; the printed title page)
    retakes: int | None = 1  # times a learner who did not pass may take the knowledge check again; None: no limit

    @property
    def scored_questions(self) -> list[Question]:
        return [q for q in self.questions.values() if q.scored]
