"""Read a unit's sources into the model, checking everything an author can get wrong.

Every problem names the file, the line where it is known, what is wrong and how
to fix it. All problems of a unit are reported together.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import yaml

from . import ASSETS
from .errors import Problems, UnitError
from .markdown import find_images
from .model import QUESTION_TYPES, Image, Option, Page, Question, Unit
from .yamlsource import Map, Seq, parse

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SOURCE_BYTES = 1_000_000
PAGE_HEADING = re.compile(r"^#[ \t]+(?P<title>.*?)[ \t]*\{#(?P<id>[^}]*)\}[ \t]*$")
ANY_H1 = re.compile(r"^#[ \t]")
PLACEMENT = re.compile(r"^\[question:[ \t]*(?P<id>[^\]]*?)[ \t]*\][ \t]*$")
FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
IMAGE_DIR = ASSETS / "img"

LANGUAGE_FILE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?\.md$")
UNIT_KEYS = {
    "id", "version", "languages", "author", "title", "description", "objectives",
    "duration_minutes", "mastery_score", "completion", "xapi_base",
}
REQUIRED_UNIT_KEYS = UNIT_KEYS - {"author", "completion"}
COMPLETION_RULES = ("all-pages", "last-page")

# Which keys each question type takes besides id, type, prompt, feedback, weight.
TYPE_KEYS = {
    "true-false": {"correct"},
    "single-choice": {"choices"},
    "multiple-choice": {"choices"},
    "matching": {"sources", "targets"},
    "sequencing": {"items"},
    "fill-in": {"answers"},
    "numeric": {"correct", "tolerance"},
    "likert": {"scale"},
    "free-text": {"max_length"},
}
COMMON_KEYS = {"id", "type", "prompt", "feedback", "weight"}
OPTIONAL_TYPE_KEYS = {"tolerance", "max_length"}


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


class _UnitLoader:
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
        if path.is_symlink() and not _inside(path.resolve(), self.folder.resolve()):
            self.problems.add(path, None, "is a link to a file outside the unit folder",
                              "copy the file into the unit folder instead of linking to it")
            return None
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            self.problems.add(path, None, f"file is too large ({size} bytes, at most {MAX_SOURCE_BYTES})",
                              "split the unit, or check that this is the right file")
            return None
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            self.problems.add(path, line, "is not UTF-8 text",
                              "save the file with UTF-8 encoding in your editor")
            return None
        return text.removeprefix("\ufeff")

    def read_yaml(self, path: Path, required: bool = True):
        text = self.read_text(path, required)
        if text is None:
            return None
        try:
            return parse(text)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 1 if mark else None
            what = getattr(e, "problem", None) or str(e)
            self.problems.add(path, line, f"is not valid YAML: {what}",
                              "check indentation and quoting near this line")
            return None

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
            self.problems.add(unit_file, meta.key_line("id"), f"id {unit_id!r} is not a slug",
                              "use lowercase letters, digits and single hyphens, e.g. becoming-a-mentor")
        elif unit_id != self.folder.name:
            self.problems.add(unit_file, meta.key_line("id"),
                              f"id '{unit_id}' differs from the folder name '{self.folder.name}'",
                              f"rename the folder or set id: {self.folder.name}")
        self.languages = self.check_languages(meta)
        self.problems.raise_if_any()

        version = meta["version"]
        if not isinstance(version, (str, int, float)) or not re.match(r"^[0-9A-Za-z][0-9A-Za-z.-]*$", str(version)):
            self.problems.add(unit_file, meta.key_line("version"), f"version {version!r} is not a version",
                              "write it like 1.0.0 (letters, digits, dots and hyphens)")
        mastery = meta["mastery_score"]
        if isinstance(mastery, bool) or not isinstance(mastery, int) or not 0 <= mastery <= 100:
            self.problems.add(unit_file, meta.key_line("mastery_score"),
                              f"mastery_score {mastery!r} is not a whole number from 0 to 100",
                              "give the pass mark in percent, e.g. mastery_score: 80")
        duration = meta["duration_minutes"]
        if isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0:
            self.problems.add(unit_file, meta.key_line("duration_minutes"),
                              f"duration_minutes {duration!r} is not a positive whole number",
                              "give the typical learning time in minutes, e.g. duration_minutes: 60")
        completion = meta.get("completion", "all-pages")
        if completion not in COMPLETION_RULES:
            self.problems.add(unit_file, meta.key_line("completion"), f"completion {completion!r} is unknown",
                              f"use one of: {', '.join(COMPLETION_RULES)}")
        xapi_base = meta["xapi_base"]
        if not isinstance(xapi_base, str) or not re.match(r"^https?://[^\s/]+\.[^\s/]+(/[^\s?#]*)?$", xapi_base):
            self.problems.add(unit_file, meta.key_line("xapi_base"), f"xapi_base {xapi_base!r} is not an http(s) IRI",
                              "give a web address you control, e.g. https://example.org/q-ser/units/" + self.folder.name)
        author = meta.get("author", "")
        if not isinstance(author, str):
            self.problems.add(unit_file, meta.key_line("author"), "author must be text", "write the author's name")
        title = self.text(unit_file, meta, "title")
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
            questions={qid: questions[qid] for qid in order},
        )

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

    # -- questions -----------------------------------------------------------

    def load_questions(self) -> dict[str, Question] | None:
        path = self.folder / "questions.yaml"
        if not path.exists():
            return {}
        data = self.read_yaml(path)
        if data is None:
            return None  # unreadable: its problem is reported, placements are not checked against it
        if not isinstance(data, Seq):
            self.problems.add(path, getattr(data, "line", 1), "must be a list of questions",
                              "start each question with '- id: ...' (see docs/authoring.md)")
            return {}
        questions: dict[str, Question] = {}
        for raw in data:
            q = self.question(path, raw)
            if q is None:
                continue
            if q.id in questions:
                self.problems.add(path, raw.key_line("id"), f"question id '{q.id}' is used twice",
                                  "give every question its own id")
                continue
            questions[q.id] = q
        return questions

    def question(self, path: Path, raw) -> Question | None:
        if not isinstance(raw, Map):
            self.problems.add(path, getattr(raw, "line", None), "each question must be a mapping",
                              "start each question with '- id: ...'")
            return None
        qid = raw.get("id")
        if isinstance(qid, str):
            self.declared_questions.setdefault(qid, raw.line)  # known even if broken: no follow-up "not in questions.yaml"
        if not isinstance(qid, str) or not SLUG.match(qid) or len(qid) > 64:
            self.problems.add(path, raw.key_line("id"), f"question id {qid!r} is not a slug",
                              "use lowercase ASCII letters, digits and hyphens (at most 64); "
                              "the id shows in the LMS reports")
            return None
        name = f"question '{qid}'"
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            self.problems.add(path, raw.key_line("type"), f"{name} has an unknown type {qtype!r}",
                              f"use one of: {', '.join(QUESTION_TYPES)}")
            return None
        required = {"id", "type", "prompt"} | (TYPE_KEYS[qtype] - OPTIONAL_TYPE_KEYS)
        self.check_keys(path, raw, COMMON_KEYS | TYPE_KEYS[qtype], required, name)
        prompt = self.text(path, raw, "prompt", name) if "prompt" in raw else {}
        feedback = self.feedback(path, raw, name, QUESTION_TYPES[qtype])
        fields: dict = {}
        weight = raw.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            self.problems.add(path, raw.key_line("weight"), f"{name}: weight {weight!r} is not a positive number",
                              "leave weight out (1) or give a number above 0")
            weight = 1

        if qtype == "true-false":
            if not isinstance(raw.get("correct"), bool):
                self.problems.add(path, raw.key_line("correct"), f"{name}: correct must be true or false",
                                  "write correct: true or correct: false")
            fields["correct"] = raw.get("correct") is True
        elif qtype in ("single-choice", "multiple-choice"):
            choices = self.options(path, raw, "choices", name, extra={"correct"})
            n_correct = sum(c.correct for c in choices)
            if choices and qtype == "single-choice" and n_correct != 1:
                self.problems.add(path, raw.key_line("choices"),
                                  f"{name}: a single-choice question needs exactly one correct choice, it has {n_correct}",
                                  "mark exactly one choice with 'correct: true', or make it a multiple-choice question")
            if choices and qtype == "multiple-choice" and n_correct == 0:
                self.problems.add(path, raw.key_line("choices"), f"{name}: no choice is marked correct",
                                  "mark the right choices with 'correct: true'")
            fields["choices"] = choices
        elif qtype == "matching":
            sources = self.options(path, raw, "sources", name, extra={"match"})
            targets = self.options(path, raw, "targets", name)
            target_ids = {t.id for t in targets}
            for src, raw_src in zip(sources, raw.get("sources") or ()):
                if src.match not in target_ids:
                    self.problems.add(path, raw_src.key_line("match"),
                                      f"{name}: source '{src.id}' matches '{src.match}', which is not a target",
                                      f"set match: to one of the target ids: {', '.join(sorted(target_ids))}")
            fields.update(choices=sources, targets=targets)
        elif qtype == "sequencing":
            fields["choices"] = self.options(path, raw, "items", name)
        elif qtype == "likert":
            fields["choices"] = self.options(path, raw, "scale", name)
        elif qtype == "fill-in":
            fields["answers"] = self.answers(path, raw, name)
        elif qtype == "numeric":
            correct, tol = raw.get("correct"), raw.get("tolerance", 0)
            if isinstance(correct, bool) or not isinstance(correct, (int, float)):
                self.problems.add(path, raw.key_line("correct"), f"{name}: correct {correct!r} is not a number",
                                  "write the right number, e.g. correct: 7")
                correct = 0
            if isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0:
                self.problems.add(path, raw.key_line("tolerance"), f"{name}: tolerance {tol!r} is not a number of 0 or more",
                                  "leave tolerance out (exact answer) or give e.g. tolerance: 0.5")
                tol = 0
            fields.update(correct=correct, tolerance=tol)
        elif qtype == "free-text":
            max_length = raw.get("max_length", 2000)
            if isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= 10000:
                self.problems.add(path, raw.key_line("max_length"), f"{name}: max_length {max_length!r} is not from 1 to 10000",
                                  "leave max_length out (2000) or give a whole number up to 10000")
                max_length = 2000
            fields["max_length"] = max_length
        return Question(id=qid, type=qtype, prompt=prompt, feedback=feedback, weight=weight, **fields)

    def feedback(self, path, raw: Map, name: str, scored: bool) -> dict:
        value = raw.get("feedback")
        kinds = {"correct", "wrong"} if scored else {"neutral"}
        if value is None:
            if scored:
                self.problems.add(path, raw.line, f"{name} has no feedback",
                                  "add feedback: with a correct: and a wrong: text in every language")
            return {}
        if not isinstance(value, Map):
            self.problems.add(path, raw.key_line("feedback"), f"{name}: feedback must be a mapping",
                              f"give {' and '.join(sorted(kinds))} texts")
            return {}
        self.check_keys(path, value, kinds, kinds if scored else set(), f"the feedback of {name}")
        return {k: self.text(path, value, k, f"the feedback of {name}") for k in sorted(kinds) if k in value}

    def options(self, path, raw: Map, key: str, name: str, extra: set = frozenset()) -> tuple[Option, ...]:
        items = raw.get(key)
        # SCORM 1.2 names options by one character: at most 26 letters (matching sources: digits 1-9).
        most = 9 if key == "sources" else 26
        if not isinstance(items, Seq) or not 2 <= len(items) <= most:
            self.problems.add(path, raw.key_line(key), f"{name}: {key} must be a list of 2 to {most} entries",
                              f"give between 2 and {most} '- id: ..., text: ...' entries under {key}")
            return ()
        options, seen = [], set()
        for item in items:
            if not isinstance(item, Map):
                self.problems.add(path, getattr(item, "line", raw.key_line(key)),
                                  f"{name}: every entry of {key} must be a mapping",
                                  "write each entry as '- id: ...' with a text: below it")
                continue
            self.check_keys(path, item, {"id", "text"} | set(extra), {"id", "text"} | ({"match"} & set(extra)),
                            f"an entry of {key} of {name}")
            oid = item.get("id")
            if not isinstance(oid, str) or not SLUG.match(oid) or len(oid) > 32:
                self.problems.add(path, item.key_line("id"), f"{name}: {key} id {oid!r} is not a slug",
                                  "use lowercase ASCII letters, digits and hyphens, at most 32")
                continue
            if oid in seen:
                self.problems.add(path, item.key_line("id"), f"{name}: {key} id '{oid}' is used twice",
                                  "give every entry its own id")
            seen.add(oid)
            correct = item.get("correct", False)
            if not isinstance(correct, bool):
                self.problems.add(path, item.key_line("correct"), f"{name}: correct of '{oid}' must be true or false",
                                  "write correct: true, or leave it out")
            options.append(Option(id=oid, text=self.text(path, item, "text", f"'{oid}' of {name}") if "text" in item else {},
                                  correct=correct is True, match=item.get("match")))
        return tuple(options)

    def answers(self, path, raw: Map, name: str) -> dict:
        value = raw.get("answers")
        if not isinstance(value, Map):
            self.problems.add(path, raw.key_line("answers"), f"{name}: answers must give a list per language",
                              "write answers: with e.g. en: [answer, other answer]")
            return {}
        result = {}
        for lang in self.languages:
            accepted = value.get(lang)
            if not isinstance(accepted, Seq) or not accepted or not all(
                    isinstance(a, (str, int, float)) and str(a).strip() for a in accepted):
                self.problems.add(path, value.key_line(lang), f"{name}: answers has no accepted '{lang}' answer",
                                  f"give '{lang}:' a list of one or more accepted answers")
                continue
            result[lang] = tuple(str(a).strip() for a in accepted)
        for lang in value:
            if lang not in self.languages:
                self.problems.add(path, value.key_line(lang), f"{name}: answers for '{lang}', which is not in languages",
                                  f"remove them or add '{lang}' to languages in unit.yaml")
        return result

    # -- pages ---------------------------------------------------------------

    def load_pages(self, questions: dict[str, Question] | None) -> list[Page]:
        per_lang: dict[str, list[dict]] = {}
        problems_before = len(self.problems.items)
        for lang in self.languages:
            path = self.folder / f"{lang}.md"
            text = self.read_text(path)
            if text is not None:
                per_lang[lang] = self.split_pages(path, text)
        for stray in sorted(self.folder.glob("*.md")):
            if LANGUAGE_FILE.match(stray.name) and stray.stem not in self.languages:
                self.problems.add(stray, None, f"is a page file for '{stray.stem}', which is not in languages",
                                  f"add '{stray.stem}' to languages in unit.yaml, or rename the file while it is a draft "
                                  f"(e.g. {stray.stem}.draft.md)")
        if len(per_lang) != len(self.languages) or len(self.problems.items) > problems_before:
            return []  # a language file is missing or broken: comparing pages would only repeat that
        first = self.languages[0]
        reference = per_lang[first]
        ref_ids = [p["id"] for p in reference]
        consistent = True
        for lang in self.languages[1:]:
            ids = [p["id"] for p in per_lang[lang]]
            if ids != ref_ids:
                consistent = False
                self.report_page_difference(lang, first, per_lang[lang], ref_ids)
        if not consistent:
            return []
        if questions is None:
            return []
        placed: dict[str, str] = {}
        for i, ref_page in enumerate(reference):
            for lang in self.languages:
                page = per_lang[lang][i]
                for qid, line in page["questions"]:
                    if qid not in questions and qid not in self.declared_questions:
                        self.problems.add(self.folder / f"{lang}.md", line, f"question '{qid}' is not in questions.yaml",
                                          "check the spelling, or add the question to questions.yaml")
                if lang == first:
                    for qid, line in page["questions"]:
                        if qid in placed:
                            self.problems.add(self.folder / f"{lang}.md", line,
                                              f"question '{qid}' is placed twice (also on page '{placed[qid]}')",
                                              "place every question once")
                        placed[qid] = page["id"]
                elif [q for q, _ in page["questions"]] != [q for q, _ in ref_page["questions"]]:
                    self.problems.add(self.folder / f"{lang}.md", page["line"],
                                      f"page '{page['id']}' places questions "
                                      f"{[q for q, _ in page['questions']]}, {first}.md places {[q for q, _ in ref_page['questions']]}",
                                      f"place the same questions in the same order as {first}.md")
        for qid in questions:
            if qid not in placed:
                self.problems.add(self.folder / "questions.yaml", self.declared_questions.get(qid),
                                  f"question '{qid}' is not placed on any page",
                                  f"add a line '[question: {qid}]' to a page of every language file, or remove the question")
        if not reference:
            self.problems.add(self.folder / f"{first}.md", None, "has no pages",
                              "start each page with a heading like '# Title {#page-id}'")
        return [
            Page(
                id=ref_page["id"],
                title={lang: per_lang[lang][i]["title"] for lang in self.languages},
                blocks={lang: tuple((kind, value) for kind, value, _ in per_lang[lang][i]["blocks"])
                        for lang in self.languages},
                questions=tuple(q for q, _ in ref_page["questions"]),
                images={lang: self.page_images(lang, per_lang[lang][i]) for lang in self.languages},
            )
            for i, ref_page in enumerate(reference)
        ]

    def report_page_difference(self, lang, first, pages, ref_ids) -> None:
        path = self.folder / f"{lang}.md"
        ids = [p["id"] for p in pages]
        for p in pages:
            if p["id"] not in ref_ids:
                self.problems.add(path, p["line"], f"page '{p['id']}' is not in {first}.md",
                                  f"every language has the same pages: rename it or add it to {first}.md")
        for pid in ref_ids:
            if pid not in ids:
                self.problems.add(path, None, f"page '{pid}' of {first}.md is missing",
                                  f"add '# <title> {{#{pid}}}' with its translation")
        if sorted(ids) == sorted(ref_ids):
            self.problems.add(path, None, f"pages are in another order than in {first}.md ({', '.join(ids)})",
                              f"put them in the order of {first}.md: {', '.join(ref_ids)}")

    def split_pages(self, path: Path, text: str) -> list[dict]:
        pages: list[dict] = []
        in_fence = None
        seen: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            fence = FENCE.match(line)
            if fence:
                marker = fence.group(1)
                in_fence = None if in_fence == marker else (in_fence or marker)
            if in_fence is None and not fence:
                heading = PAGE_HEADING.match(line)
                if heading:
                    pid, title = heading["id"].strip(), heading["title"].strip()
                    if not SLUG.match(pid):
                        self.problems.add(path, number, f"page id '{pid}' is not a slug",
                                          "use lowercase ASCII letters, digits and hyphens, e.g. {#impact-model}")
                    if not title:
                        self.problems.add(path, number, f"page '{pid}' has no title", "write the title before {#...}")
                    if pid in seen:
                        self.problems.add(path, number, f"page id '{pid}' is used twice (first on line {seen[pid]})",
                                          "give every page its own id")
                    seen[pid] = number
                    pages.append({"id": pid, "title": title, "line": number, "blocks": [], "questions": []})
                    continue
                if ANY_H1.match(line):
                    self.problems.add(path, number, "a level-1 heading without a page id",
                                      "end it with an id like '# Title {#page-id}', or use '##' for a heading inside a page")
                    continue
                placement = PLACEMENT.match(line)
                if placement:
                    if not pages:
                        self.problems.add(path, number, "question placed before the first page",
                                          "put it below a page heading")
                    else:
                        pages[-1]["questions"].append((placement["id"], number))
                        pages[-1]["blocks"].append(("question", placement["id"], number))
                    continue
            if not pages:
                if line.strip():
                    self.problems.add(path, number, "text before the first page heading",
                                      "start the file with a page heading like '# Welcome {#welcome}'")
                continue
            blocks = pages[-1]["blocks"]
            if not blocks or blocks[-1][0] != "markdown":
                blocks.append(("markdown", [], number))
            blocks[-1][1].append(line)
        for page in pages:
            page["blocks"] = [(kind, "\n".join(value) + "\n" if kind == "markdown" else value, line)
                              for kind, value, line in page["blocks"]
                              if kind != "markdown" or any(l.strip() for l in value)]
        return pages

    def page_images(self, lang: str, page: dict) -> tuple[Image, ...]:
        path = self.folder / f"{lang}.md"
        images = []
        for kind, text, first_line in page["blocks"]:
            if kind != "markdown":
                continue
            for ref in find_images(text):
                image = self.resolve_image(path, first_line + ref.line - 1, ref.src)
                if image and image not in images:
                    images.append(image)
        return tuple(images)

    def resolve_image(self, path: Path, line: int, src: str) -> Image | None:
        fix = "use a file name from the unit's media/ folder or assets/img/, e.g. ![alt](figure.svg)"
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith("//"):
            self.problems.add(path, line, f"image '{src}' is a web address; packages must work offline",
                              "download the image into the unit's media/ folder and use its file name")
            return None
        pure = PurePosixPath(src)
        if not src or pure.is_absolute() or ".." in pure.parts or "\\" in src:
            self.problems.add(path, line, f"image path '{src}' leaves the unit's media folders", fix)
            return None
        for base in (self.folder / "media", IMAGE_DIR):
            candidate = base / pure
            if candidate.is_file():
                if not _inside(candidate.resolve(), base.resolve()):
                    self.problems.add(path, line, f"image '{src}' is a link to a file outside {base.name}/",
                                      "copy the image into the folder instead of linking to it")
                    return None
                return Image(name=str(pure), source=candidate)
        self.problems.add(path, line, f"image '{src}' not found in media/ or assets/img/", fix)
        return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False
