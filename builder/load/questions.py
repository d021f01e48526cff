"""The questions.yaml part of loading a unit: every question type's keys, values and texts."""

from __future__ import annotations

from pathlib import Path

from .. import guide
from ..errors import brief
from ..model import Option, Question, finite_number
from ..questiontypes import TYPES
from .limits import control_char
from .pages import SLUG
from .values import said
from .verdicts import player_verdict, repeated_verdict
from .yamlsource import Map, Seq

COMMON_KEYS = {"id", "type", "prompt", "feedback", "weight"}
ENTRY = {"choices": "choice", "sources": "source", "targets": "target", "items": "item", "scale": "scale point"}


class QuestionsMixin:
    """Part of _UnitLoader (builder/load/loader.py): uses its problems, read_yaml, text and check_keys."""

    def load_questions(self) -> dict[str, Question] | None:
        path = self.folder / "questions.yaml"
        if not path.exists():
            return {}
        data = self.read_yaml(path)
        if data is None:
            return None  # unreadable: its problem is reported, placements are not checked against it
        if not isinstance(data, Seq):
            self.problems.add(path, getattr(data, "line", 1), "must be a list of questions",
                              f"start each question with '- id: ...' (see {guide()})")
            return {}
        questions: dict[str, Question] = {}
        lines: dict[str, int] = {}
        for raw in data:
            q = self.question(path, raw)
            if q is None:
                continue
            if q.id in questions:
                self.problems.add(path, raw.key_line("id"), f"question id '{q.id}' is used twice (first on line "
                                  f"{lines[q.id]})", "give every question its own id")
                continue
            questions[q.id] = q
            lines[q.id] = raw.key_line("id")
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
            self.problems.add(path, raw.key_line("id"), f"question id {brief(qid)} is not a slug",
                              "use lowercase ASCII letters, digits and hyphens (at most 64); "
                              "the id shows in the LMS reports")
            return None
        name = f"question '{qid}'"
        qtype = raw.get("type")
        if not isinstance(qtype, str) or qtype not in TYPES:
            self.problems.add(path, raw.key_line("type"), f"{name} has an unknown type {brief(qtype)}",
                              f"use one of: {', '.join(TYPES)}")
            return None
        kind = TYPES[qtype]
        optional = set(kind.optional) | ({"attempts"} if kind.scored else set())
        self.check_keys(path, raw, COMMON_KEYS | kind.required | optional, {"id", "type", "prompt"} | kind.required, name)
        prompt = self.text(path, raw, "prompt", name) if "prompt" in raw else {}
        feedback = self.feedback(path, raw, name, kind.scored)
        fields: dict = {}
        weight = raw.get("weight", 1)
        if self.quoted(path, raw, "weight", f"{name}: "):
            weight = 1
        elif not finite_number(weight) or weight <= 0:
            self.problems.add(path, raw.key_line("weight"), f"{name}: weight {said(raw, 'weight')} is not a positive number",
                              "leave weight out (1) or give a number above 0")
            weight = 1

        fields.update(kind.load(self, path, raw, name))
        if kind.scored:
            fields["attempts"] = self.attempts(path, raw, name)
        question = Question(id=qid, type=qtype, prompt=prompt, feedback=feedback, weight=weight,
                            scored=kind.scored, **fields)
        self.hints_keep_the_answer(path, raw, question)
        return question

    def hints_keep_the_answer(self, path, raw: Map, q: Question) -> None:
        """The hint after a wrong try must not hold an accepted answer: the learner would copy it."""
        for lang, text in q.feedback.get("wrong", {}).items():
            found = TYPES[q.type].given_away(q, text)
            if found is not None:
                value = raw.get("feedback")
                line = getattr(value.get("wrong"), "line", value.key_line("wrong")) if isinstance(value, Map) else None
                self.problems.add(path, line or raw.line,
                                  f"the wrong feedback ({lang}) of question '{q.id}' contains '{found}', an answer "
                                  "the player accepts: the hint gives the answer away",
                                  "say where to look or what to think about, not the answer itself")

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
        self.check_keys(path, value, kinds | ({"reveal"} if scored else set()), kinds if scored else set(),
                        f"the feedback of {name}")
        texts = {k: self.text(path, value, k, f"the feedback of {name}")
                 for k in sorted(kinds | {"reveal"}) if k in value}
        for kind, text in texts.items():
            for lang, words in text.items():
                opener = repeated_verdict(words, lang, self.ui.get(lang))
                if opener:
                    self.problems.add(path, getattr(value.get(kind), "line", value.key_line(kind)),
                                      f"the {kind} feedback ({lang}) of {name} starts with '{opener}', but the player "
                                      f"already says '{player_verdict(kind, lang, self.ui.get(lang))}' before it",
                                      f"start with the explanation itself, e.g. remove '{opener}'")
        return texts

    def options(self, path, raw: Map, key: str, name: str, extra: set = frozenset(),
                most: int = 26) -> tuple[Option, ...]:
        """The entries under `key`. SCORM 1.2 names options by one character: at most 26 letters
        (a type whose entries are numbered, matching's sources, passes most=9: digits 1-9)."""
        items = raw.get(key)
        if not isinstance(items, Seq) or not 2 <= len(items) <= most:
            self.problems.add(path, raw.key_line(key), f"{name}: {key} must be a list of 2 to {most} entries",
                              f"give between 2 and {most} '- id: ..., text: ...' entries under {key}")
            return ()
        options, seen = [], {}
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
                self.problems.add(path, item.key_line("id"), f"{name}: {key} id {brief(oid)} is not a slug",
                                  "use lowercase ASCII letters, digits and hyphens, at most 32")
                continue
            if oid in seen:
                self.problems.add(path, item.key_line("id"), f"{name}: the {ENTRY.get(key, key)} id '{oid}' is used "
                                  f"twice (first on line {seen[oid]})", f"give every {ENTRY.get(key, key)} its own id")
            seen.setdefault(oid, item.key_line("id"))
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
            bad = next((control_char(str(a)) for a in accepted if control_char(str(a))), None)
            if bad or any(isinstance(a, float) and not finite_number(a) for a in accepted):
                self.problems.add(path, value.key_line(lang), f"{name}: an accepted '{lang}' answer holds a control "
                                  f"character or is not a number JSON can hold", "write plain text (quote it)")
                continue
            result[lang] = tuple(str(a).strip() for a in accepted)
        for lang in value:
            if lang not in self.languages:
                self.problems.add(path, value.key_line(lang), f"{name}: answers for '{lang}', which is not in languages",
                                  f"remove them or add '{lang}' to languages in unit.yaml")
        return result

