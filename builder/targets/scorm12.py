"""Target `scorm12`: one SCO for Moodle's SCORM activity and the Moodle app.

Beside the zip it writes a table of the interactions, because Moodle's reports show
interaction ids and SCORM 1.2 letters ("b,c"), not question or choice texts.
"""

from ..model import Question
from ..render import catalog, template
from . import Target

LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: Our question types -> SCORM 1.2 interaction types (free text has no type of its own).
INTERACTION_TYPES = {
    "true-false": "true-false", "single-choice": "choice", "multiple-choice": "choice", "matching": "matching",
    "sequencing": "sequencing", "fill-in": "fill-in", "numeric": "numeric", "likert": "likert",
    "free-text": "fill-in",
}


def scorm_response(q: Question, response) -> str:
    """A response in SCORM 1.2's format for its type: options are letters in authored order,
    matching sources digits from 1. The runtime (tracker-scorm12.js) writes the same."""
    options = [c.id for c in q.choices]
    if q.type == "true-false":
        return "t" if response else "f"
    if q.type in ("single-choice", "multiple-choice"):
        return ",".join(sorted(LETTERS[options.index(x)] for x in response))
    if q.type == "sequencing":
        return ",".join(LETTERS[options.index(x)] for x in response)
    if q.type == "matching":
        targets = [t.id for t in q.targets]
        return ",".join(f"{i + 1}.{LETTERS[targets.index(response[s.id])]}" for i, s in enumerate(q.choices))
    if q.type == "likert":
        return LETTERS[options.index(response)]
    if q.type == "numeric":
        number = float(response)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(response)


def correct_pattern(q: Question, lang: str) -> str | None:
    if q.type == "true-false":
        return scorm_response(q, q.correct)
    if q.type in ("single-choice", "multiple-choice"):
        return scorm_response(q, [c.id for c in q.choices if c.correct])
    if q.type == "sequencing":
        return scorm_response(q, [c.id for c in q.choices])
    if q.type == "matching":
        return scorm_response(q, {s.id: s.match for s in q.choices})
    if q.type == "numeric":
        return scorm_response(q, q.correct)
    if q.type == "fill-in":
        return q.answers[lang][0]
    return None  # likert, free text: no right answer


class Scorm12(Target):
    name = "scorm12"
    tracker = "scorm12"
    runtime = ("scorm12-formats.js", "scorm-api.js", "scorm-journal.js", "scorm-commits.js", "scorm-tracker.js",
               "tracker-scorm12.js")

    def manifest(self, unit, lang, files):
        minutes = unit.duration_minutes
        xml = template("scorm12/imsmanifest.xml").render(
            unit=unit, lang=lang, files=sorted(files),
            identifier=f"qser-{unit.id}-{lang}",
            # Without scored questions there is no pass mark: the SCO reports "completed".
            has_score=bool(unit.scored_questions),
            learning_time=f"{minutes // 60:02d}:{minutes % 60:02d}:00",
        )
        return {"imsmanifest.xml": xml.encode("utf-8")}

    def side_files(self, unit, lang):
        rows = []
        for q in unit.questions.values():
            if q.type == "matching":
                options = [f"{i + 1} = {s.text[lang]}" for i, s in enumerate(q.choices)]
                options += [f"{LETTERS[i]} = {t.text[lang]}" for i, t in enumerate(q.targets)]
            elif q.type == "true-false":
                texts = catalog(lang)
                options = [f"t = {texts['label_true']}", f"f = {texts['label_false']}"]
            else:
                options = [f"{LETTERS[i]} = {c.text[lang]}" for i, c in enumerate(q.choices)]
            rows.append({"q": q, "type": INTERACTION_TYPES[q.type], "options": options,
                         "pattern": correct_pattern(q, lang)})
        html = template("scorm12/questions.html").render(unit=unit, lang=lang, rows=rows,
                                                         text=catalog(lang)["side_file"])
        name = self.zip_name(unit, lang).removesuffix(".zip") + "-questions.html"
        return {name: html.encode("utf-8")}


TARGET = Scorm12()
