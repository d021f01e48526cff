"""Checks every part of loading a unit uses: known and required keys, per-language texts, tries."""

from __future__ import annotations

import datetime
import re

from .. import guide
from ..errors import brief
from ..model import finite_number
from .limits import control_char
from .yamlsource import Map

MAX_ATTEMPTS = 9


def said(mapping, key) -> str:
    """The value of `key` as the author typed it (`yes`, `'80'`, `1.10`), for a message."""
    typed = mapping.written(key) if isinstance(mapping, Map) else None
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if typed is not None:
        return typed
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return brief(value)


def quoted_number(mapping, key) -> str | None:
    """The number an author put in quotes (`'80'`), which YAML reads as text; None otherwise."""
    value = mapping.get(key)
    typed = mapping.written(key) if isinstance(mapping, Map) else None
    if isinstance(value, str) and typed and typed[0] in "'\"" and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
        return value.strip()
    return None


class ValuesMixin:
    """Part of _UnitLoader (builder/load/loader.py): uses its problems and languages."""

    def attempts(self, file, mapping: Map, name: str) -> int | None:
        """How many tries a question gets (1 to 9), if `mapping` says."""
        value = mapping.get("attempts")
        if value is None:
            return None
        if self.quoted(file, mapping, "attempts", f"{name}: "):
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ATTEMPTS:
            self.problems.add(file, mapping.key_line("attempts"),
                              f"{name}: attempts {said(mapping, 'attempts')} is not a whole number from 1 to {MAX_ATTEMPTS}",
                              "give the number of tries a learner gets, e.g. attempts: 2")
            return None
        return value

    def quoted(self, file, mapping: Map, key: str, owner: str = "") -> bool:
        """Report a number written in quotes (`mastery_score: '80'`): YAML reads it as text."""
        number = quoted_number(mapping, key)
        if number is None:
            return False
        self.problems.add(file, mapping.key_line(key), f"{owner}{key} {said(mapping, key)} is in quotes, so YAML "
                          "reads it as text, not as a number", f"write the number without quotes: {key}: {number}")
        return True

    def check_keys(self, file, mapping: Map, known: set, required: set, what: str) -> None:
        for key in mapping:
            if key not in known:
                self.problems.add(file, mapping.key_line(key), f"unknown key '{key}' in {what}",
                                  f"remove it or use one of: {', '.join(sorted(known))}")
        for key in sorted(required - set(mapping)):
            self.problems.add(file, mapping.line, f"{what} lacks the key '{key}'",
                              f"add '{key}:' (see {guide()})")

    def text(self, file, mapping: Map, key: str, owner: str = "") -> dict:
        label = f"the {key} of {owner}" if owner else key
        return self.text_value(file, mapping.get(key), label, mapping.key_line(key))

    def text_value(self, file, value, name: str, line: int) -> dict:
        """A per-language text: exactly the unit's languages, none empty."""
        if isinstance(value, str) and len(self.languages) == 1:
            value = {self.languages[0]: value}
        if not isinstance(value, dict):
            self.problems.add(file, line, f"{name} must give one text per language",
                              "write it as a map, e.g. {" + ", ".join(f"{l}: ..." for l in self.languages) + "}")
            return {}
        line = getattr(value, "line", line)
        for lang in self.languages:
            text = value.get(lang)
            if text is None:
                self.problems.add(file, line, f"{name} has no '{lang}' translation",
                                  f"add '{lang}: ...' to {name}")
            elif not isinstance(text, (str, int, float)) or isinstance(text, bool) or not str(text).strip():
                self.problems.add(file, line, f"{name} has an empty or non-text '{lang}' translation",
                                  f"write the {lang} text (quote it if it looks like a number or yes/no)")
            elif isinstance(text, (datetime.date, datetime.datetime)):
                self.problems.add(file, line, f"{name} has the '{lang}' text {text.isoformat()}, which YAML reads "
                                  "as a date", f"quote it: {lang}: \"{text.isoformat()}\"")
            elif isinstance(text, float) and not finite_number(text):
                self.problems.add(file, line, f"{name} has the '{lang}' text {brief(text)}, which YAML reads as a number",
                                  "quote it if you mean the word")
            elif control_char(str(text)):
                self.problems.add(file, line, f"{name} has a control character ({control_char(str(text))}) "
                                  f"in its '{lang}' text", "delete it (check \\ escapes in double-quoted YAML text)")
        for lang in value:
            if lang in self.languages:
                continue
            if value[lang] is None:  # {en: Unconscious, breathing}: YAML reads "breathing" as a key of its own
                self.problems.add(file, line, f"{name} has an entry '{lang}' with no text: inside {{...}} a comma "
                                  "starts a new entry", 'quote a text that holds a comma, e.g. {en: "a, b"}')
            else:
                self.problems.add(file, line, f"{name} has a '{lang}' text but '{lang}' is not in languages",
                                  f"remove it or add '{lang}' to languages in unit.yaml")
        return {lang: str(value[lang]).strip() for lang in self.languages if isinstance(value.get(lang), (str, int, float))}
