"""True or false: one statement the learner judges."""

from ..model import Question
from .base import QuestionType


class TrueFalse(QuestionType):
    name = "true-false"
    order = 1
    interaction = {"scorm12": "true-false", "scorm2004": "true-false", "xapi": "true-false"}
    required = frozenset({"correct"})
    snippet = "  correct: true\n"

    def load(self, loader, path, raw, name):
        if "correct" in raw and not isinstance(raw.get("correct"), bool):  # a missing key is reported once, as missing
            loader.problems.add(path, raw.key_line("correct"), f"{name}: correct must be true or false",
                                "write correct: true or correct: false")
        return {"correct": raw.get("correct") is True}

    def tokened(self, q):
        return ()

    def correct_parts(self, q, lang=None):
        return [q.correct]

    def runtime(self, q: Question, lang, languages=()):
        return {"correct": q.correct}

    def legend(self, q, notation, lang, labels):
        return [f"{notation['true']} = {labels['label_true']}", f"{notation['false']} = {labels['label_false']}"]

    def words(self, q, parts, lang, labels):
        return labels["label_true"] if parts[0] else labels["label_false"]

    def distribution(self, q, notation, lang, labels):
        return [(notation["true"], labels["label_true"]), (notation["false"], labels["label_false"])]


TYPE = TrueFalse()
