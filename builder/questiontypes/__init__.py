"""The question types: one module each, found here by themselves.

Every module of this package that defines `TYPE` is a question type: adding a type is adding its
module here and its JS module (assets/runtime/types/), plus its form if none fits; see
docs/question-types.md. Nothing outside this package and the JS type modules names a type.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import STANDARDS, QuestionType

#: modules of this package that are not types: what the types share, and the notation
HELPERS = {"base", "choice", "definitions", "notation"}


def _discover() -> dict[str, QuestionType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name in HELPERS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "TYPE", None)
        if isinstance(kind, QuestionType):
            found.append(kind)
    return {k.name: k for k in sorted(found, key=lambda k: (k.order, k.name))}


#: type name -> type, in the order error messages and `qser new question` list them (each type's `order`)
TYPES: dict[str, QuestionType] = _discover()


def get(name: str) -> QuestionType:
    """The type called `name`; KeyError for a name that is none."""
    return TYPES[name]


__all__ = ["STANDARDS", "TYPES", "QuestionType", "get"]
