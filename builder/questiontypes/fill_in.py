"""Fill-in: a short text; any accepted answer of any language counts, case and spacing aside."""

import re

from .base import TextAnswer


def fill_in_form(text: str) -> str:
    """A fill-in answer as the player compares it, before case: trimmed, inner spaces one."""
    return re.sub(r"\s+", " ", text.strip())


class FillIn(TextAnswer):
    name = "fill-in"
    order = 6
    interaction = {"scorm12": "fill-in", "scorm2004": "fill-in", "xapi": "fill-in"}
    required = frozenset({"answers"})
    open = True
    snippet = "  answers:  # accepted answers per language; case does not matter\n{answers}"

    def load(self, loader, path, raw, name):
        return {"answers": loader.answers(path, raw, name)}

    def correct_parts(self, q, lang=None):
        lang = lang if lang in q.answers else next(iter(q.answers), None)
        return [q.answers[lang][0]] if lang else None

    def pattern(self, q, standard, notation, lang):
        """SCORM 1.2: the package language's first answer (its pattern is compared exactly);
        elsewhere the first answer in any case, the same in every language's package."""
        parts = self.correct_parts(q, lang if standard == "scorm12" else None)
        if parts is None or standard == "scorm12":
            return None if parts is None else parts[0]
        return "{case_matters=false}" + fill_in_form(parts[0])

    def patterns(self, q, standard, languages):
        """The player's rule, published exactly: the answers of every language, any case, spaces
        trimmed and runs of them made one (the adapter sends the response normalised the same way)."""
        if standard == "scorm12":
            return super().patterns(q, standard, languages)
        answers = dict.fromkeys(fill_in_form(a) for lang in languages for a in q.answers[lang])
        return [f"{{case_matters=false}}{a}" for a in answers]

    def given_away(self, q, text):
        """Any language's accepted answer as words of `text`, case and spacing aside (the player
        accepts every language's answers)."""
        said = fill_in_form(text).lower()
        for answer in dict.fromkeys(a for lang in q.answers for a in q.answers[lang]):
            if re.search(rf"(?<!\w){re.escape(fill_in_form(answer).lower())}(?!\w)", said):
                return answer
        return None

    def judge(self, q, parts, lang):
        return parts[0].strip().casefold() in {a.strip().casefold() for a in q.answers.get(lang, ())}

    def runtime(self, q, lang):
        # Every language's answers: one rule for all packages, the one the xAPI pattern publishes.
        return {"correct": list(dict.fromkeys([q.answers[lang][0]] + [a for l in q.answers for a in q.answers[l]]))}


TYPE = FillIn()
