"""Numeric: a number, right within a tolerance."""

import re

from ..errors import brief
from ..model import finite_number
from .base import QuestionType

# A number as the player reads one (types/numeric.js): digits, a comma or point before decimals.
NUMBER_IN_TEXT = re.compile(r"(?<![\w.,])[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?![\w]|[.,]\d)")


class Numeric(QuestionType):
    name = "numeric"
    order = 7
    interaction = {"scorm12": "numeric", "scorm2004": "numeric", "xapi": "numeric"}
    required = frozenset({"correct"})
    optional = frozenset({"tolerance"})
    snippet = "  correct: 7\n  tolerance: 0\n"

    def load(self, loader, path, raw, name):
        correct, tol = raw.get("correct"), raw.get("tolerance", 0)
        if not finite_number(correct):
            loader.problems.add(path, raw.key_line("correct"), f"{name}: correct {brief(correct)} is not a number",
                                "write the right number, e.g. correct: 7")
            correct = 0
        if not finite_number(tol) or tol < 0:
            loader.problems.add(path, raw.key_line("tolerance"),
                                f"{name}: tolerance {brief(tol)} is not a number of 0 or more",
                                "leave tolerance out (exact answer) or give e.g. tolerance: 0.5")
            tol = 0
        return {"correct": correct, "tolerance": tol}

    def correct_parts(self, q, lang=None):
        return [q.correct]

    def pattern(self, q, standard, notation, lang):
        from .notation import number

        if q.tolerance and standard != "scorm12":  # SCORM 1.2 has no ranges: the number itself
            return f"{number(q.correct - q.tolerance)}[:]{number(q.correct + q.tolerance)}"
        return number(q.correct)

    def judge(self, q, parts, lang):
        return abs(float(parts[0]) - float(q.correct)) <= q.tolerance

    def runtime(self, q, lang, languages=()):
        return {"correct": q.correct, "tolerance": q.tolerance}

    def answer_key(self, q, lang, labels):
        from .notation import number

        if not q.tolerance:
            return [number(q.correct)]
        return [f"{number(q.correct)} ({number(q.correct - q.tolerance)} – {number(q.correct + q.tolerance)})"]

    def given_away(self, q, text):
        """A number in `text` the player would accept, compared as numbers ("7,0" is 7)."""
        for m in NUMBER_IN_TEXT.finditer(text):
            if abs(float(m.group().replace(",", ".")) - float(q.correct)) <= q.tolerance + 1e-9:
                return m.group()
        return None

    def words(self, q, parts, lang, labels):
        from .notation import number

        return number(parts[0])

    def right_words(self, q, lang, labels):
        from .notation import number

        return number(q.correct) + (f" ± {number(q.tolerance)}" if q.tolerance else "")


TYPE = Numeric()
