"""Fill-in: a short text; an accepted answer counts, case and spacing aside.

Which answers are accepted follows the package: a package of one language accepts that language's
answers only (the English unit never says "Vertraulichkeit"), a bundle those of every language it
holds (its learner may switch language on the way). Player, patterns and reports agree on it."""

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
        """The package language's first answer (a bundle's: its first language's); SCORM 1.2
        compares it exactly, elsewhere it is written for any case."""
        parts = self.correct_parts(q, lang)
        if parts is None or standard == "scorm12":
            return None if parts is None else parts[0]
        return "{case_matters=false}" + fill_in_form(parts[0])

    def patterns(self, q, standard, languages):
        """The player's rule, published exactly: the answers of the package's `languages` (one, or a
        bundle's), any case, spaces trimmed and runs of them made one (the adapter sends the
        response normalised the same way)."""
        if standard == "scorm12":
            return super().patterns(q, standard, languages)
        answers = dict.fromkeys(fill_in_form(a) for lang in languages for a in q.answers[lang])
        return [f"{{case_matters=false}}{a}" for a in answers]

    def right_words(self, q, lang, labels):
        """Every answer the package accepts in that language (else in the first that has some)."""
        lang = lang if lang in q.answers else next(iter(q.answers), None)
        return " / ".join(q.answers[lang]) if lang else None

    def answer_key(self, q, lang, labels):
        """Every answer this language's package accepts."""
        return list(q.answers.get(lang, ()))

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

    def runtime(self, q, lang, languages=()):
        # The package's languages' answers, lang's first (the one a reveal shows): the rule the
        # xAPI pattern publishes for the same package.
        accepted = [lang] + [l for l in languages if l != lang]
        return {"correct": list(dict.fromkeys(a for l in accepted for a in q.answers.get(l, ())))}


TYPE = FillIn()
