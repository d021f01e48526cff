"""Multiple choice: any number of the options are right, the learner must pick exactly those."""

from .choice import Picking


class MultipleChoice(Picking):
    name = "multiple-choice"
    order = 3
    interaction = {"scorm12": "choice", "scorm2004": "choice", "xapi": "choice"}
    required = frozenset({"choices"})
    input = "checkbox"
    snippet = ("  choices:\n"
               "    - id: first\n      text: {t:choice1}\n      correct: true\n"
               "    - id: second\n      text: {t:choice2}\n      correct: true\n"
               "    - id: third\n      text: {t:choice3}\n")

    def load(self, loader, path, raw, name):
        choices = loader.options(path, raw, "choices", name, extra={"correct"})
        if choices and not any(c.correct for c in choices):
            loader.problems.add(path, raw.key_line("choices"), f"{name}: no choice is marked correct",
                                "mark the right choices with 'correct: true'")
        return {"choices": choices}

    def correct_parts(self, q, lang=None):
        return [c.id for c in q.choices if c.correct]

    def judge(self, q, parts, lang):
        return sorted(parts) == sorted(self.correct_parts(q))

    def runtime(self, q, lang, languages=()):
        return {"correct": self.correct_parts(q)}


TYPE = MultipleChoice()
