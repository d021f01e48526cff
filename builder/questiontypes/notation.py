"""Response notation, one source for Python and the runtime: how each standard writes a response.

`notation(question, standard)` is a small JSON-able description (interaction type, tokens for
options/targets, tokens for matching sources, separators, the words for true and false, the
correct pattern); the targets hand it to the runtime, whose generic `QSER.notate(notation, parts)`
(assets/runtime/tracking/notation.js) writes a learner's response with it, as `notate` does here.
`parse` reads a stored response back into parts, for the reports. docs/question-types.md.
"""

from __future__ import annotations

import re

from ..model import Question
from . import get

LETTERS = "abcdefghijklmnopqrstuvwxyz"
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

#: per standard: letters/digits for ids or the ids themselves (with what stands for a hyphen),
#: separators, true and false. SCORM 2004: Moodle's player checks option ids against
#: ^[\w.]{1,250}$, so hyphens become underscores (slugs have none: parse reverses it).
STYLE = {
    "scorm12": {"letters": True, "hyphen": "-", "join": ",", "pair": ".", "true": "t", "false": "f"},
    "scorm2004": {"letters": False, "hyphen": "_", "join": "[,]", "pair": "[.]", "true": "true", "false": "false"},
    "xapi": {"letters": False, "hyphen": "-", "join": "[,]", "pair": "[.]", "true": "true", "false": "false"},
}
PICKED = ("choice", "sequencing", "likert")  # notations whose parts are option ids


def number(value) -> str:
    """A number as responses write it (and JavaScript's String(n)): 7, not 7.0."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def notation(question: Question, standard: str, lang: str | None = None) -> dict:
    """How `standard` writes responses to `question`; `lang` picks the fill-in answer of the pattern."""
    kind, style = get(question.type), STYLE[standard]
    letters, hyphen = style["letters"], style["hyphen"]
    n = {
        "type": kind.interaction[standard],
        "tokens": {o.id: LETTERS[i] if letters else o.id.replace("-", hyphen)
                   for i, o in enumerate(kind.tokened(question))},
        "sources": {o.id: str(i + 1) if letters else o.id.replace("-", hyphen)
                    for i, o in enumerate(kind.sourced(question))},
        "join": style["join"], "pair": style["pair"], "true": style["true"], "false": style["false"],
        "pattern": None,
    }
    n["pattern"] = kind.pattern(question, standard, n, lang)
    return n


def notate(notation: dict, parts: list) -> str:
    """A response (as parts, docs/question-types.md) in the notation."""
    kind = notation["type"]
    if kind == "true-false":
        return notation["true"] if parts[0] else notation["false"]
    if kind == "matching":
        return notation["join"].join(f"{notation['sources'][s]}{notation['pair']}{notation['tokens'][t]}"
                                     for s, t in parts)
    if kind in PICKED:
        return notation["join"].join(notation["tokens"][p] for p in parts)
    if kind == "numeric":
        return number(parts[0])
    return str(parts[0])  # fill-in, long-fill-in: the text


def parse(notation: dict, text: str) -> list:
    """A stored response back into parts. ValueError (saying what is wrong) for text the notation
    cannot have written: it came from another version of the unit."""
    kind, join = notation["type"], notation["join"]
    if kind == "true-false":
        if text not in (notation["true"], notation["false"]):
            raise ValueError(f"{text!r} is not {notation['true']} or {notation['false']}")
        return [text == notation["true"]]
    if kind in PICKED:
        ids = {token: oid for oid, token in notation["tokens"].items()}
        tokens = text.split(join) if text else []
        if not tokens or any(t not in ids for t in tokens):
            raise ValueError(f"{text!r} is not made of {', '.join(ids)} joined by {join!r}")
        return [ids[t] for t in tokens]
    if kind == "matching":
        sources = {token: sid for sid, token in notation["sources"].items()}
        targets = {token: tid for tid, token in notation["tokens"].items()}
        parts = []
        for pair in text.split(join):
            s, sep, t = pair.partition(notation["pair"])
            if not sep or s not in sources or t not in targets:
                example = f"{next(iter(sources), '?')}{notation['pair']}{next(iter(targets), '?')}"
                raise ValueError(f"{pair!r} is not a pair like {example} of the {len(sources)} items "
                                 f"and {len(targets)} answers")
            parts.append([sources[s], targets[t]])
        return parts
    if kind == "numeric":
        if not NUMBER.fullmatch(text):
            raise ValueError(f"{text!r} is not a number")
        return [float(text)]
    return [text]
