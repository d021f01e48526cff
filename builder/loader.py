"""Read a unit's sources into the model, checking everything an author can get wrong.

Every problem names the file, the line where it is known, what is wrong and how
to fix it. All problems of a unit are reported together.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import yaml

from . import ASSETS
from .errors import Problems, UnitError
from .limits import MAX_YAML_DEPTH, TITLE_MAX, UNIT_ID_MAX, VERSION_MAX, brief, control_char, finite_number, too_deep
from .model import Unit
from .pages import SLUG, PagesMixin
from .questions import QuestionsMixin
from .yamlsource import Map, Seq, parse

MAX_SOURCE_BYTES = 1_000_000

UNIT_KEYS = {
    "id", "version", "languages", "author", "title", "description", "objectives",
    "duration_minutes", "mastery_score", "completion", "xapi_base", "attempts", "scoring",
}
REQUIRED_UNIT_KEYS = UNIT_KEYS - {"author", "completion", "attempts", "scoring"}
SCORING_RULES = ("first", "best")
MAX_ATTEMPTS = 9
COMPLETION_RULES = ("all-pages", "last-page")


def supported_languages() -> list[str]:
    return sorted(p.stem for p in (ASSETS / "i18n").glob("*.yaml"))


def load_units(units_dir: Path, only: list[str] | None = None) -> list[Unit]:
    units_dir = Path(units_dir)
    if not units_dir.is_dir():
        raise Problems().fail(units_dir, None, "the units folder does not exist",
                              "run qser in the project folder, or name the folder with --units")
    found = sorted(p.name for p in units_dir.iterdir() if (p / "unit.yaml").exists())
    names = only or found
    unknown = [n for n in names if n not in found]
    if unknown:
        raise Problems().fail(units_dir, None, f"no unit named {', '.join(map(repr, unknown))}",
                              f"units here are: {', '.join(found) or 'none'}")
    if not names:
        raise Problems().fail(units_dir, None, "no unit found (no folder with a unit.yaml)",
                              "create units/<unit-id>/unit.yaml, see docs/authoring.md")
    units, problems = [], []
    for name in names:
        try:
            units.append(load_unit(units_dir / name))
        except UnitError as e:
            problems.extend(e.problems)
    if problems:
        raise UnitError(problems)
    return units


def load_unit(folder: Path) -> Unit:
    return _UnitLoader(Path(folder)).load()


class _UnitLoader(QuestionsMixin, PagesMixin):
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems = Problems()
        self.declared_questions: dict[str, int] = {}  # id -> line in questions.yaml

    # -- files ---------------------------------------------------------------

    def read_text(self, path: Path, required: bool = True) -> str | None:
        if not path.exists():
            if required:
                self.problems.add(path, None, "file is missing",
                                  f"create {path.name} (see docs/authoring.md)")
            return None
        if path.is_symlink() and not path.resolve().is_relative_to(self.folder.resolve()):
            self.problems.add(path, None, "is a link to a file outside the unit folder",
                              "copy the file into the unit folder instead of linking to it")
            return None
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                self.problems.add(path, None, "is not a regular file (a folder, a pipe or a device)",
                                  f"make {path.name} a plain text file")
                return None
            size = info.st_size
            if size > MAX_SOURCE_BYTES:
                self.problems.add(path, None, f"file is too large ({size} bytes, at most {MAX_SOURCE_BYTES})",
                                  "split the unit, or check that this is the right file")
                return None
            data = path.read_bytes()
        except OSError as e:
            self.problems.add(path, None, f"cannot be read ({e.strerror or e})",
                              "check that the file exists and that you may read it")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            self.problems.add(path, line, "is not UTF-8 text",
                              "save the file with UTF-8 encoding in your editor")
            return None
        text = text.removeprefix("\ufeff").replace("\r\n", "\n")
        for number, line in enumerate(text.split("\n"), start=1):
            bad = control_char(line)
            if bad:
                self.problems.add(path, number, f"holds the control character {bad}",
                                  "delete it (it is invisible in most editors; retype the line)")
                return None
        return text

    def read_yaml(self, path: Path, required: bool = True):
        text = self.read_text(path, required)
        if text is None:
            return None
        try:
            data = parse(text)
        except RecursionError:
            self.problems.add(path, None, "nests too deeply", "a unit's YAML needs only a few levels of indentation")
            return None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 1 if mark else None
            what = getattr(e, "problem", None) or str(e)
            self.problems.add(path, line, f"is not valid YAML: {what}",
                              "check indentation and quoting near this line")
            return None
        if data is None:
            self.problems.add(path, None, "is empty (nothing but blank lines or comments)",
                              "write its content (see docs/authoring.md), or delete the file if it is optional")
            return None
        deep = too_deep(data)
        if deep is not None:
            self.problems.add(path, deep or None, f"nests more than {MAX_YAML_DEPTH} levels deep",
                              "a unit's YAML needs only a few levels of indentation")
            return None
        return data

    # -- the unit ------------------------------------------------------------

    def load(self) -> Unit:
        unit_file = self.folder / "unit.yaml"
        meta = self.read_yaml(unit_file)
        if meta is None:
            self.problems.raise_if_any()
        if not isinstance(meta, Map):
            raise self.problems.fail(unit_file, 1, "must be a mapping of keys to values",
                                     "start with 'id: <unit-id>' (see docs/authoring.md)")
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
        if isinstance(version, float):
            self.problems.add(unit_file, meta.key_line("version"),
                              f"version {brief(version)} was read as a number (1.10 would become 1.1)",
                              f"quote it: version: \"{version}\" (or write it with two dots, e.g. 1.0.0)")
        elif isinstance(version, bool) or not isinstance(version, (str, int)) \
                or not re.match(r"^[0-9A-Za-z][0-9A-Za-z.-]*$", str(version)):
            self.problems.add(unit_file, meta.key_line("version"), f"version {brief(version)} is not a version",
                              "write it like 1.0.0 (letters, digits, dots and hyphens)")
        elif len(str(version)) > VERSION_MAX:
            self.problems.add(unit_file, meta.key_line("version"),
                              f"version is {len(str(version))} characters long (at most {VERSION_MAX}, SCORM's limit)",
                              "write it like 1.0.0")
        mastery = meta["mastery_score"]
        if isinstance(mastery, bool) or not isinstance(mastery, int) or not 0 <= mastery <= 100:
            self.problems.add(unit_file, meta.key_line("mastery_score"),
                              f"mastery_score {brief(mastery)} is not a whole number from 0 to 100",
                              "give the pass mark in percent, e.g. mastery_score: 80")
        duration = meta["duration_minutes"]
        if isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0:
            self.problems.add(unit_file, meta.key_line("duration_minutes"),
                              f"duration_minutes {brief(duration)} is not a positive whole number",
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
        objectives = []
        if not isinstance(meta["objectives"], Seq):
            self.problems.add(unit_file, meta.key_line("objectives"), "objectives must be a list",
                              "write one '- en: ...' entry per learning objective")
        else:
            for i, obj in enumerate(meta["objectives"]):
                objectives.append(self.text_value(unit_file, obj, f"objectives[{i + 1}]",
                                                  getattr(obj, "line", meta.key_line("objectives"))))

        questions = self.load_questions()
        pages = self.load_pages(questions)
        self.problems.raise_if_any()
        order = [qid for page in pages for qid in page.questions]
        return Unit(
            id=unit_id, version=str(version), languages=tuple(self.languages), title=title,
            description=description, objectives=tuple(objectives), author=author,
            duration_minutes=duration, mastery_score=mastery, completion=completion,
            xapi_base=xapi_base.rstrip("/"), pages=tuple(pages),
            questions={qid: questions[qid] for qid in order}, attempts=attempts, scoring=scoring,
        )

    def attempts(self, file, mapping: Map, name: str) -> int | None:
        """How many tries a question gets (1 to 9), if `mapping` says."""
        value = mapping.get("attempts")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ATTEMPTS:
            self.problems.add(file, mapping.key_line("attempts"),
                              f"{name}: attempts {brief(value)} is not a whole number from 1 to {MAX_ATTEMPTS}",
                              "give the number of tries a learner gets, e.g. attempts: 2")
            return None
        return value

    def check_keys(self, file, mapping: Map, known: set, required: set, what: str) -> None:
        for key in mapping:
            if key not in known:
                self.problems.add(file, mapping.key_line(key), f"unknown key '{key}' in {what}",
                                  f"remove it or use one of: {', '.join(sorted(known))}")
        for key in sorted(required - set(mapping)):
            self.problems.add(file, mapping.line, f"{what} lacks the key '{key}'",
                              f"add '{key}:' (see docs/authoring.md)")

    def check_languages(self, meta: Map) -> list[str]:
        langs = meta["languages"]
        line = meta.key_line("languages")
        if not isinstance(langs, Seq) or not langs or not all(isinstance(x, str) for x in langs):
            self.problems.add(self.unit_file, line, "languages must be a non-empty list of language codes",
                              "write e.g. languages: [en, de]")
            return []
        supported = supported_languages()
        for lang in langs:
            if lang not in supported:
                self.problems.add(self.unit_file, line, f"language '{lang}' is not supported",
                                  f"use one of: {', '.join(supported)} (or add assets/i18n/{lang}.yaml with the player's texts)")
        seen = set()
        for lang in langs:
            if lang in seen:
                self.problems.add(self.unit_file, line, f"language '{lang}' is listed twice", "list each language once")
            seen.add(lang)
        return list(langs)

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
