"""What every question type is made of: the base class the nine type modules fill in.

A type module holds all that differs between types (keys, checks, runtime data, interaction
types, correct answer, report text, starter snippet); everything else in the builder asks it.
"""

from __future__ import annotations

import re

from ..model import Option, Question

#: The standards a notation exists for (builder/questiontypes/notation.py).
STANDARDS = ("scorm12", "scorm2004", "xapi")


class QuestionType:
    name: str = ""
    order: int = 100  # place in lists of types (error messages, `qser new question`)
    scored: bool = True
    open: bool = False  # the learner's own text (fill-in, free text), not a pick
    #: the standard's interaction type, per standard
    interaction: dict[str, str] = {}
    #: keys of questions.yaml besides id, type, prompt, feedback, weight (and attempts if scored)
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    #: the snippet `qser new question` writes after the prompt, {t:KEY} where a text goes
    snippet: str = ""

    # ---- loading (the loader hands itself in: problems, options(), answers(), ...)
    def load(self, loader, path, raw, name: str) -> dict:
        """The Question fields of this type, its problems reported to the loader."""
        return {}

    # ---- the answer
    def tokened(self, q: Question) -> tuple[Option, ...]:
        """What a notation names with tokens (letters in SCORM 1.2): options, or targets."""
        return q.choices

    def sourced(self, q: Question) -> tuple[Option, ...]:
        """What a notation names as matching sources (digits in SCORM 1.2)."""
        return ()

    def correct_parts(self, q: Question, lang: str | None = None) -> list | None:
        """The right response as parts (docs/question-types.md), None when nothing is right or wrong."""
        return None

    def pattern(self, q: Question, standard: str, notation: dict, lang: str | None) -> str | None:
        """The correct-response pattern in one standard's notation."""
        from .notation import notate

        parts = self.correct_parts(q, lang)
        return None if parts is None else notate(notation, parts)

    def patterns(self, q: Question, standard: str, languages) -> list[str] | None:
        """Every correct-response pattern a definition lists (xAPI's correctResponsesPattern)."""
        from .notation import notation

        pattern = notation(q, standard, languages[0])["pattern"]
        return None if pattern is None else [pattern]

    # ---- the package
    @property
    def template(self) -> str:
        """Its form, a file of templates/questions/."""
        return f"questions/{self.name}.html"

    def runtime(self, q: Question, lang: str, languages=()) -> dict:
        """The type's part of the runtime's question data (render.runtime_question) for a package
        in `lang`; `languages`: every language the package holds (one, or a bundle's)."""
        return {}

    def display_order(self, q: Question) -> list:
        """The options in the order the form shows them."""
        return list(q.choices)

    def xapi_definition(self, q: Question, components) -> dict:
        """The type's extra xAPI definition fields (choices, scale, source, target), given
        `components(options)` that makes a list of {id, description}."""
        return {}

    # ---- on paper (the pdf target)
    @property
    def paper_template(self) -> str:
        """Its printed form, a file of templates/pdf/questions/: what a learner fills in with a pen."""
        return f"pdf/questions/{self.name}.html"

    def answer_key(self, q: Question, lang: str, labels: dict) -> list[str]:
        """The right answer as lines a trainer reads out (the trainer's edition); [] when nothing is right."""
        parts = self.correct_parts(q, lang)
        return [] if parts is None else [self.words(q, parts, lang, labels)]

    # ---- reading responses back
    def legend(self, q: Question, notation: dict, lang: str, labels: dict) -> list[str]:
        """'token = text' lines that explain a notation to a trainer (SCORM 1.2 side file)."""
        lines = [f"{notation['sources'][s.id]} = {s.text[lang]}" for s in self.sourced(q)]
        return lines + [f"{notation['tokens'][o.id]} = {o.text[lang]}" for o in self.tokened(q)]

    def words(self, q: Question, parts: list, lang: str, labels: dict) -> str:
        """Parts as a trainer reads them, in the unit's words; answers of several parts (choices,
        pairs) one part per line, since option texts may hold any separator. Raises ValueError for
        parts the question cannot have produced."""
        return str(parts[0])

    def right_words(self, q: Question, lang: str, labels: dict) -> str | None:
        """The right answer as a trainer reads it (the workshop sheet); None where nothing is right."""
        parts = self.correct_parts(q, lang)
        return None if parts is None else self.words(q, parts, lang, labels)

    def given_away(self, q: Question, text: str) -> str | None:
        """The accepted answer `text` contains, compared as the player compares answers, if any:
        a hint that holds it gives the answer away (the loader refuses it). Types whose answer is
        picked from shown options have none to give away."""
        return None

    def judge(self, q: Question, parts: list, lang: str) -> bool:
        """Right or wrong, as the package judges (for reports from downloads without a result)."""
        return parts == self.correct_parts(q, lang)

    def answered(self, q: Question, parts: list) -> bool:
        """Whether parts are an answer at all (an empty text is none), for matching responses to questions."""
        return True

    def cut(self, text: str) -> int:
        """How many characters of a stored response did not fit the LMS (0: it is whole)."""
        return 0

    def distribution(self, q: Question, notation: dict, lang: str, labels: dict) -> list[tuple[str, str]] | None:
        """(token in the notation, text) for each thing a learner can pick, for a count of
        answers per option; None for types of open answers."""
        return None


CUT = re.compile(r"…\[\+(\d+)\]\Z")  # what scorm/scorm12.js appends when a text did not fit 255 characters


def cut_of(text: str) -> int:
    m = CUT.search(text)
    return int(m.group(1)) if m else 0


class TextAnswer(QuestionType):
    """Types whose answer is the learner's own text (fill-in, free text): read back as written."""

    def words(self, q, parts, lang, labels):
        return parts[0]

    def answered(self, q, parts) -> bool:
        return parts[0] != ""

    def cut(self, text: str) -> int:
        return cut_of(text)


def option_text(option: Option, lang: str) -> str:
    return option.text.get(lang, option.id)


def paper_letter(index: int) -> str:
    """A, B, ... Z, AA, AB: how a printed question letters what a learner picks from."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
