"""Responses in xAPI's format read back with the definitions an LRS holds (the trainers' report).

The report may meet definitions of any package, so it reads the interaction type and components
the statement carries rather than the unit's own types.
"""

from __future__ import annotations

from ..load.catalogs import catalog_or_english


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
    """A response in xAPI's format (ids, [,] and [.]) as the texts the learner saw."""
    kind = definition.get("interactionType")

    def texts(component: str) -> dict[str, str]:
        return {c["id"]: pick(c.get("description"), lang) or c["id"] for c in definition.get(component) or []}

    if kind == "true-false":
        labels = catalog_or_english(lang)
        return labels["label_true"] if response == "true" else labels["label_false"]
    if kind in ("choice", "sequencing"):
        names = texts("choices")
        parts = [names.get(i, i) for i in response.split("[,]") if i]
        return " → ".join(parts) if kind == "sequencing" else "; ".join(parts)
    if kind == "likert":
        return texts("scale").get(response, response)
    if kind == "matching":
        sources, targets = texts("source"), texts("target")
        pairs = [p.split("[.]", 1) for p in response.split("[,]") if "[.]" in p]
        return "; ".join(f"{sources.get(s, s)} → {targets.get(t, t)}" for s, t in pairs)
    return response  # fill-in, long-fill-in, numeric, other: as written


def distribution(definition: dict, latest: list[tuple[str, str]], lang: str) -> list[tuple[str, int]] | None:
    """How many learners chose each option (their latest answers)."""
    kind = definition.get("interactionType")
    if kind == "true-false":
        labels = catalog_or_english(lang)
        return [(labels["label_true"], sum(r == "true" for _, r in latest)),
                (labels["label_false"], sum(r == "false" for _, r in latest))]
    component = {"choice": "choices", "likert": "scale"}.get(kind)
    if not component:
        return None
    return [(pick(c.get("description"), lang) or c["id"],
             sum(c["id"] in r.split("[,]") for _, r in latest)) for c in definition.get(component) or []]
