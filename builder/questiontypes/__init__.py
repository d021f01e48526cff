"""The question types: one module each, registered here by name.

Adding a type is its module here (and its JS module, assets/runtime/types/); see
docs/question-types.md. Nothing outside this package and the JS type modules names a type.
"""

from __future__ import annotations

from . import (fill_in, free_text, likert, matching, multiple_choice, numeric, sequencing, single_choice,
               true_false)
from .base import STANDARDS, QuestionType

#: type name -> type, in the order error messages and `qser new question` list them
TYPES: dict[str, QuestionType] = {m.TYPE.name: m.TYPE for m in (
    true_false, single_choice, multiple_choice, matching, sequencing, fill_in, numeric, likert, free_text)}


def get(name: str) -> QuestionType:
    """The type called `name`; KeyError for a name that is none."""
    return TYPES[name]


__all__ = ["STANDARDS", "TYPES", "QuestionType", "get"]
