"""Single choice: exactly one of the options is right."""

from .choice import Picking, one_picked


class SingleChoice(Picking):
    name = "single-choice"
    order = 2
    interaction = {"scorm12": "choice", "scorm2004": "choice", "xapi": "choice"}
    required = frozenset({"choices"})
    snippet = ("  choices:\n"
               "    - id: first\n      text: {t:choice1}\n      correct: true\n"
               "    - id: second\n      text: {t:choice2}\n")

    def load(self, loader, path, raw, name):
        choices = loader.options(path, raw, "choices", name, extra={"correct"})
        n_correct = sum(c.correct for c in choices)
        if choices and n_correct != 1:
            loader.problems.add(path, raw.key_line("choices"),
                                f"{name}: a single-choice question needs exactly one correct choice, it has {n_correct}",
                                "mark exactly one choice with 'correct: true', or make it a multiple-choice question")
        return {"choices": choices}

    def correct_parts(self, q, lang=None):
        return [c.id for c in q.choices if c.correct]

    def runtime(self, q, lang, languages=()):
        return {"correct": self.correct_parts(q)}

    def words(self, q, parts, lang, labels):
        one_picked(q, parts)
        return super().words(q, parts, lang, labels)


TYPE = SingleChoice()
