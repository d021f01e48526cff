"""What a unit's sources add to a report: which answer is right and why, in the unit's words.

A Moodle download always comes with its unit; an LRS report has it when `--unit` names a unit
id. The workshop sheet shows the right answer next to what the group chose, and the
explanation the learners themselves were shown (the `reveal` feedback, else the `correct` one).
"""

from __future__ import annotations

from ..load.catalogs import catalog_or_english
from ..model import Question
from ..questiontypes import get
from ..questiontypes.notation import notation


def text_in(texts: dict[str, str], lang: str) -> str:
    """A unit text in `lang`, else in the first language that has it."""
    return texts.get(lang) or next(iter(texts.values()), "")


def right_answer(q: Question, lang: str) -> str | None:
    """The right answer in words; None for reflections (nothing is right or wrong)."""
    if not q.scored:
        return None
    return get(q.type).right_words(q, lang, catalog_or_english(lang))


def explanation(q: Question, lang: str) -> str:
    """Why the right answer is right, as the learner read it in the package."""
    for kind in ("reveal", "correct"):
        if q.feedback.get(kind):
            return text_in(q.feedback[kind], lang)
    return ""


def right_tokens(q: Question, lang: str) -> set[str]:
    """The SCORM 1.2 tokens (letters, t/f) of the right options: what a chart marks as right."""
    n = notation(q, "scorm12", lang)
    return set(n["pattern"].split(n["join"])) if n["pattern"] else set()
