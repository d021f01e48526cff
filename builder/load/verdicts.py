"""Feedback said once: the player says the verdict, authors write only what follows it.

The player shows "Correct." / "Not quite." / "Your answer was saved." (from the
language's catalog) before the author's feedback. Feedback that starts with a
verdict of its own reads twice ("Not quite. Not quite: ..."), so the check refuses it.
"""

from __future__ import annotations

import re

from .catalogs import catalog

# Words that open a verdict, besides the catalog's own, per language (lowercase).
OPENERS = {
    "en": ("correct", "right", "wrong", "incorrect", "not quite", "not correct", "well done",
           "your answer was saved", "your answer was recorded", "your answer has been saved"),
    "de": ("richtig", "falsch", "korrekt", "nicht ganz", "nicht richtig", "leider falsch", "gut gemacht",
           "ihre antwort wurde gespeichert", "ihre antwort ist gespeichert"),
}
CATALOG_KEYS = ("correct", "wrong", "saved")


def _catalog(lang: str, texts: dict | None) -> dict:
    if texts is not None:
        return texts
    try:
        return catalog(lang)
    except OSError:  # a language without a catalog: the loader reports that itself
        return {}


def _openers(lang: str, texts: dict | None = None) -> list[str]:
    words = set(OPENERS.get(lang.split("-")[0], ()))
    texts = _catalog(lang, texts)
    words.update(str(texts[k]).strip().rstrip(".!:").lower() for k in CATALOG_KEYS if k in texts)
    return sorted(words, key=len, reverse=True)


def repeated_verdict(text: str, lang: str, texts: dict | None = None) -> str | None:
    """The verdict words `text` opens with, if it opens with one; else None. `texts`: the
    language's interface texts (a project's own), else the tool's catalog."""
    start = text.lstrip().lower()
    for word in _openers(lang, texts):
        if start.startswith(word) and not re.match(r"\w", start[len(word):len(word) + 1]):
            return text.lstrip()[:len(word)]
    return None


def player_verdict(kind: str, lang: str, texts: dict | None = None) -> str:
    """What the player itself shows before feedback of this kind."""
    key = {"correct": "correct", "neutral": "saved"}.get(kind, "wrong")
    return str(_catalog(lang, texts).get(key, ""))
