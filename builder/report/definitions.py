"""Responses in xAPI's format read back with the definitions an LRS holds (the trainers' report).

The report may meet definitions of any package, so it reads the interaction type and components
the statement carries rather than the unit's own types.
"""

from __future__ import annotations

import re

from ..load.catalogs import catalog_or_english
from .model import Pick


def pick(language_map: dict | None, lang: str) -> str:
    """The text in the trainer's language, else English, else any: never nothing if there is text."""
    if not language_map:
        return ""
    for wanted in (lang, "en"):
        for tag, text in language_map.items():
            if tag.lower() == wanted or tag.lower().startswith(wanted + "-"):
                return text
    return next(iter(language_map.values()))


def readable(definition: dict, response: str, lang: str) -> str:
    """A response in xAPI's format (ids, [,] and [.]) as the texts the learner saw; answers of
    several parts (choices, pairs) one part per line, since option texts may hold any separator."""
    kind = definition.get("interactionType")

    def texts(component: str) -> dict[str, str]:
        return {c["id"]: pick(c.get("description"), lang) or c["id"] for c in definition.get(component) or []}

    if kind == "true-false":
        labels = catalog_or_english(lang)
        return labels["label_true"] if response == "true" else labels["label_false"]
    if kind in ("choice", "sequencing"):
        names = texts("choices")
        parts = [names.get(i, i) for i in response.split("[,]") if i]
        return " → ".join(parts) if kind == "sequencing" else "\n".join(parts)
    if kind == "likert":
        return texts("scale").get(response, response)
    if kind == "matching":
        sources, targets = texts("source"), texts("target")
        pairs = [p.split("[.]", 1) for p in response.split("[,]") if "[.]" in p]
        return "\n".join(f"{sources.get(s, s)} → {targets.get(t, t)}" for s, t in pairs)
    return response  # fill-in, long-fill-in, numeric, other: as written


def _patterns(definition: dict) -> list[str]:
    found = definition.get("correctResponsesPattern")
    return [p for p in found if isinstance(p, str)] if isinstance(found, list) else []


def right_answer(definition: dict, lang: str) -> str | None:
    """The definition's correctResponsesPattern in words (several accepted answers joined by " / ");
    None where the definition names no right answer."""
    patterns = _patterns(definition)
    if not patterns:
        return None
    if definition.get("interactionType") == "numeric":  # a range: 6.5[:]7.5
        return " / ".join(p.replace("[:]", " – ") for p in patterns)
    answers = [readable(definition, re.sub(r"^(\{[^}]*\})+", "", p), lang) for p in patterns]
    return " / ".join(dict.fromkeys(answers))


def distribution(definition: dict, latest: list[tuple[str, str]], lang: str) -> list[Pick] | None:
    """How many learners chose each option (their latest answers), the right ones marked where
    the definition has a correctResponsesPattern."""
    kind = definition.get("interactionType")
    patterns = _patterns(definition)
    right = set(patterns[0].split("[,]")) if patterns else None
    if kind == "true-false":
        labels = catalog_or_english(lang)
        return [Pick(labels["label_true"], sum(r == "true" for _, r in latest), None if right is None else "true" in right),
                Pick(labels["label_false"], sum(r == "false" for _, r in latest),
                     None if right is None else "false" in right)]
    component = {"choice": "choices", "likert": "scale"}.get(kind)
    if not component:
        return None
    return [Pick(pick(c.get("description"), lang) or c["id"], sum(c["id"] in r.split("[,]") for _, r in latest),
                 None if right is None else c["id"] in right) for c in definition.get(component) or []]
