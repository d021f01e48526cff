"""Target `scorm12`: one SCO for Moodle's SCORM activity and the Moodle app."""

from ..render import template
from . import Target


class Scorm12(Target):
    name = "scorm12"
    tracker = "scorm12"

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


TARGET = Scorm12()
