"""The unit.yaml part of loading a unit: its keys and their values."""

from __future__ import annotations

import datetime
import re

from ..errors import brief
from .catalogs import PROJECT_FOLDER, catalog, supported_languages
from .limits import TITLE_MAX, UNIT_ID_MAX, VERSION_MAX, control_char
from .pages import SLUG
from .values import said
from .yamlsource import Map, Seq

UNIT_KEYS = {
    "id", "version", "languages", "author", "title", "description", "objectives",
    "duration_minutes", "mastery_score", "completion", "xapi_base", "attempts", "scoring", "format",
    "retakes",
}
REQUIRED_UNIT_KEYS = UNIT_KEYS - {"author", "completion", "attempts", "scoring", "format", "retakes"}
SCORING_RULES = ("first", "best")
COMPLETION_RULES = ("all-pages", "last-page")
MAX_RETAKES = 9
DEFAULT_RETAKES = 1  # one more chance after a fail, then the LMS's own attempts (docs/authoring.md)


class UnitKeysMixin:
    """Part of _UnitLoader (builder/load/loader.py): uses its folder, problems, check_keys, text, attempts."""

    def unit_keys(self, unit_file, meta: Map) -> dict:
        """The Unit fields unit.yaml gives (all but pages and questions); problems reported."""
        self.unit_file = unit_file
        self.check_keys(unit_file, meta, UNIT_KEYS, REQUIRED_UNIT_KEYS, "unit.yaml")
        self.problems.raise_if_any()

        unit_id = meta["id"]
        if not isinstance(unit_id, str) or not SLUG.match(unit_id):
            self.problems.add(unit_file, meta.key_line("id"), f"id {brief(unit_id)} is not a slug",
                              "use lowercase letters, digits and single hyphens, e.g. becoming-a-mentor")
        elif len(unit_id) > UNIT_ID_MAX:
            self.problems.add(unit_file, meta.key_line("id"), f"id is {len(unit_id)} characters long (at most {UNIT_ID_MAX})",
                              "use a shorter id (and folder name): it names every package file")
        elif unit_id != self.folder.name:
            self.problems.add(unit_file, meta.key_line("id"),
                              f"id '{unit_id}' differs from the folder name '{self.folder.name}'",
                              f"rename the folder or set id: {self.folder.name}")
        self.languages = self.check_languages(meta)
        self.problems.raise_if_any()

        version = meta["version"]
        typed = said(meta, "version")
        if isinstance(version, float):
            self.problems.add(unit_file, meta.key_line("version"),
                              f"version {typed} was read as a number (it would become {version!r})",
                              f"quote it: version: \"{typed}\" (or write it with two dots, e.g. {typed}.0)")
        elif isinstance(version, (datetime.date, datetime.datetime)):
            self.problems.add(unit_file, meta.key_line("version"), f"version {typed} was read as a date",
                              f"quote it: version: \"{typed}\", or write it like 1.0.0")
        elif isinstance(version, bool) or not isinstance(version, (str, int)) \
                or not re.match(r"^[0-9A-Za-z][0-9A-Za-z.-]*$", str(version)):
            self.problems.add(unit_file, meta.key_line("version"), f"version {typed} is not a version",
                              "write it like 1.0.0 (letters, digits, dots and hyphens)")
        elif len(str(version)) > VERSION_MAX:
            self.problems.add(unit_file, meta.key_line("version"),
                              f"version is {len(str(version))} characters long (at most {VERSION_MAX}, SCORM's limit)",
                              "write it like 1.0.0")
        mastery = meta["mastery_score"]
        if self.quoted(unit_file, meta, "mastery_score"):
            pass
        elif isinstance(mastery, bool) or not isinstance(mastery, int) or not 0 <= mastery <= 100:
            self.problems.add(unit_file, meta.key_line("mastery_score"),
                              f"mastery_score {said(meta, 'mastery_score')} is not a whole number from 0 to 100",
                              "give the pass mark in percent, e.g. mastery_score: 80")
        duration = meta["duration_minutes"]
        if self.quoted(unit_file, meta, "duration_minutes"):
            pass
        elif isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0:
            self.problems.add(unit_file, meta.key_line("duration_minutes"),
                              f"duration_minutes {said(meta, 'duration_minutes')} is not a positive whole number",
                              "give the typical learning time in minutes, e.g. duration_minutes: 60")
        completion = meta.get("completion", "all-pages")
        if completion not in COMPLETION_RULES:
            self.problems.add(unit_file, meta.key_line("completion"), f"completion {brief(completion)} is unknown",
                              f"use one of: {', '.join(COMPLETION_RULES)}")
        attempts = self.attempts(unit_file, meta, "unit.yaml") or 2
        scoring = meta.get("scoring", "first")
        if not isinstance(scoring, str) or scoring not in SCORING_RULES:
            self.problems.add(unit_file, meta.key_line("scoring"), f"scoring {brief(scoring)} is unknown",
                              "use first (the first try counts) or best (the best try counts)")
        retakes = self.retakes(unit_file, meta)
        xapi_base = meta["xapi_base"]
        if not isinstance(xapi_base, str) or not re.match(r"^https?://[^\s/]+\.[^\s/]+(/[^\s?#]*)?$", xapi_base):
            self.problems.add(unit_file, meta.key_line("xapi_base"), f"xapi_base {brief(xapi_base)} is not an http(s) IRI",
                              "give a web address you control, e.g. https://example.org/q-ser/units/" + self.folder.name)
        author = meta.get("author", "")
        if not isinstance(author, str):
            self.problems.add(unit_file, meta.key_line("author"), "author must be text", "write the author's name")
            author = ""
        elif control_char(author) or "\n" in author.strip():
            self.problems.add(unit_file, meta.key_line("author"), "author holds a line break or control character",
                              "write the author's name on one line")
        title = self.text(unit_file, meta, "title")
        for lang, text in title.items():
            if len(text) > TITLE_MAX or "\n" in text:
                self.problems.add(unit_file, meta.key_line("title"),
                                  f"the {lang} title is {len(text)} characters long or spans lines "
                                  f"(at most {TITLE_MAX} on one line, SCORM's limit)",
                                  "shorten it; say more in the description")
        description = self.text(unit_file, meta, "description")
        training_format = self.text(unit_file, meta, "format") if "format" in meta else {}
        objectives = []
        if not isinstance(meta["objectives"], Seq):
            self.problems.add(unit_file, meta.key_line("objectives"), "objectives must be a list",
                              "write one '- en: ...' entry per learning objective")
        else:
            for i, obj in enumerate(meta["objectives"]):
                objectives.append(self.text_value(unit_file, obj, f"objectives[{i + 1}]",
                                                  getattr(obj, "line", meta.key_line("objectives"))))
        return dict(id=unit_id, version=str(version), languages=tuple(self.languages), title=title,
                    description=description, objectives=tuple(objectives), author=author,
                    duration_minutes=duration, mastery_score=mastery, completion=completion,
                    xapi_base=xapi_base.rstrip("/"), attempts=attempts, scoring=scoring,
                    format=training_format, retakes=retakes)

    def retakes(self, unit_file, meta: Map) -> int | None:
        """How often a learner who did not pass may take the knowledge check again (None: no limit)."""
        value = meta.get("retakes", DEFAULT_RETAKES)
        if value == "unlimited":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RETAKES:
            self.problems.add(unit_file, meta.key_line("retakes"),
                              f"retakes {brief(value)} is not a whole number from 0 to {MAX_RETAKES} or 'unlimited'",
                              f"give how often a learner who did not pass may take the check again, "
                              f"e.g. retakes: {DEFAULT_RETAKES} (0: never, unlimited: as often as they like)")
            return DEFAULT_RETAKES
        return value

    def check_languages(self, meta: Map) -> list[str]:
        langs = meta["languages"]
        line = meta.key_line("languages")
        if not isinstance(langs, Seq) or not langs or not all(isinstance(x, str) for x in langs):
            self.problems.add(self.unit_file, line, "languages must be a non-empty list of language codes",
                              "write e.g. languages: [en, de]")
            return []
        supported = sorted(set(supported_languages()) | set(self.project_catalogs))
        for lang in langs:
            if lang in self.project_catalogs:
                self.ui[lang] = self.project_catalogs[lang]
            elif lang in supported:
                self.ui[lang] = catalog(lang)
            elif lang not in self.broken_catalogs:  # a project catalog with problems: those are said
                self.problems.add(self.unit_file, line, f"language '{lang}' has no player texts",
                                  f"use one of: {', '.join(supported)}; or give the player's texts in '{lang}': run "
                                  f"qser new language {lang} in the project folder and translate {PROJECT_FOLDER}/{lang}.yaml")
        seen = set()
        for lang in langs:
            if lang in seen:
                self.problems.add(self.unit_file, line, f"language '{lang}' is listed twice", "list each language once")
            seen.add(lang)
        return list(langs)
