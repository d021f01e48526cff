"""Target `scorm12`: one SCO for Moodle's SCORM activity and the Moodle app.

Beside the zip it writes a table of the interactions, because Moodle's reports show
interaction ids and SCORM 1.2 letters ("b,c"), not question or choice texts.
"""

from ..load.catalogs import texts
from ..questiontypes import get
from ..questiontypes.notation import notation
from ..render.templates import template
from . import Target


class Scorm12(Target):
    name = "scorm12"
    tracker = "scorm12"
    runtime = ("tracking/notation.js", "tracking/bookmark.js", "scorm/scorm12-formats.js", "scorm/api.js", "scorm/journal.js",
               "scorm/commits.js", "scorm/tracker.js", "scorm/scorm12.js")

    def tracker_config(self, unit, lang):
        """How SCORM 1.2 writes each question's responses and pattern (questiontypes/notation.py)."""
        return {"notations": {q.id: notation(q, "scorm12", lang) for q in unit.questions.values()}}

    def manifest(self, unit, lang, files):
        minutes = unit.duration_minutes
        xml = template("scorm12/imsmanifest.xml").render(
            unit=unit, lang=self.shown(unit, lang), langs=self.languages(unit, lang), files=sorted(files),
            identifier=f"qser-{unit.id}-{lang or '_'.join(unit.languages)}",  # an xs:ID: no '+'
            # Without scored questions there is no pass mark: the SCO reports "completed".
            has_score=bool(unit.scored_questions),
            learning_time=f"{minutes // 60:02d}:{minutes % 60:02d}:00",
        )
        return {"imsmanifest.xml": xml.encode("utf-8")}

    def side_files(self, unit, lang):
        """One table per language (a bundle's in each of its languages)."""
        out = {}
        base = self.zip_name(unit, lang).removesuffix(".zip") + "-questions"
        for each in self.languages(unit, lang):
            out[f"{base}.html" if lang else f"{base}-{each}.html"] = self.question_table(unit, each)
        return out

    def question_table(self, unit, lang) -> bytes:
        rows = []
        for q in unit.questions.values():
            n = notation(q, "scorm12", lang)
            rows.append({"q": q, "type": n["type"], "options": get(q.type).legend(q, n, lang, texts(unit, lang)),
                         "pattern": n["pattern"]})
        html = template("scorm12/questions.html").render(unit=unit, lang=lang, rows=rows,
                                                         text=texts(unit, lang)["side_file"])
        return html.encode("utf-8")


TARGET = Scorm12()
