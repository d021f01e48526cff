"""Sequencing: the learner puts the items in order; authored order is the right one."""

import random

from .base import QuestionType, option_text


class Sequencing(QuestionType):
    name = "sequencing"
    order = 5
    interaction = {"scorm12": "sequencing", "scorm2004": "sequencing", "xapi": "sequencing"}
    required = frozenset({"items"})
    snippet = ("  items:    # in the right order; learners see them shuffled\n"
               "    - id: first\n      text: {t:step1}\n"
               "    - id: second\n      text: {t:step2}\n"
               "    - id: third\n      text: {t:step3}\n")

    def load(self, loader, path, raw, name):
        return {"choices": loader.options(path, raw, "items", name)}

    def correct_parts(self, q, lang=None):
        return [c.id for c in q.choices]

    def runtime(self, q, lang, languages=()):
        return {"correct": self.correct_parts(q)}

    def display_order(self, q):
        """A fixed shuffled order: never the answer, the same on every build."""
        items = list(q.choices)
        rng = random.Random(q.id)
        for _ in range(20):
            rng.shuffle(items)
            if items != list(q.choices):
                break
        return items

    def answer_key(self, q, lang, labels):
        return [f"{n}. {option_text(o, lang)}" for n, o in enumerate(q.choices, start=1)]

    def words(self, q, parts, lang, labels):
        if not parts:
            raise ValueError("no item is placed")
        texts = {o.id: option_text(o, lang) for o in q.choices}
        return " → ".join(texts[p] for p in parts)

    def xapi_definition(self, q, components):
        return {"choices": components(q.choices)}


TYPE = Sequencing()
