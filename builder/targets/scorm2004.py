"""Target `scorm2004`: one SCO for SCORM 2004 4th edition LMSs (Moodle's SCORM activity in a
browser; the Moodle app plays only SCORM 1.2: see docs/moodle.md).

What 2004 gives over 1.2 and this target uses: a free text of up to 4,000 characters whole in
`learner_response` (long-fill-in), 64,000 characters of suspend_data, completion and success
kept apart, a scaled score, and a `description` per interaction so a report reads by itself.
The runtime gets, per question, the response notation and the interaction's id and description.
"""

from __future__ import annotations

import re

from ..model import Question, Unit
from ..questiontypes.notation import notation
from ..render.templates import template
from . import Target

DESCRIPTION_MAX = 250  # localized_string_type (SPM 250)


def interaction_id(unit: Unit, q: Question) -> str:
    """cmi.interactions.n.id is a long_identifier_type, a URI: a URN that names unit and question
    (Moodle's player accepts urn:<NID>:<NSS>; its reports show the id)."""
    return f"urn:qser:{unit.id}:{q.id}"


def localized(text: str, lang: str) -> str:
    """A localized_string_type value: the {lang=..} delimiter only where the text itself starts
    with '{' (it would be read as one)."""
    return f"{{lang={lang}}}{text}" if text.startswith("{") else text


def description(q: Question, lang: str) -> str:
    """The question's prompt as one line of plain text, cut with a visible "…" to 250 characters."""
    text = re.sub(r"[*_`#>]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", q.prompt[lang])
    text = " ".join(text.split())
    limit = DESCRIPTION_MAX - (len(f"{{lang={lang}}}") if text.startswith("{") else 0)
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return localized(text, lang)


class Scorm2004(Target):
    name = "scorm2004"
    tracker = "scorm2004"
    runtime = ("tracking/notation.js", "tracking/bookmark.js", "scorm/scorm2004-formats.js", "scorm/api.js", "scorm/journal.js",
               "scorm/commits.js", "scorm/tracker.js", "scorm/scorm2004.js")

    def tracker_config(self, unit, lang):
        return {
            "notations": {q.id: notation(q, "scorm2004", lang) for q in unit.questions.values()},
            # a bundle (lang None): its first language's; player/languages.js swaps in the one shown
            "interactions": {q.id: {"id": interaction_id(unit, q), "description": description(q, self.shown(unit, lang))}
                             for q in unit.questions.values()},
        }

    def manifest(self, unit, lang, files):
        xml = template("scorm2004/imsmanifest.xml").render(
            unit=unit, lang=self.shown(unit, lang), files=sorted(files),
            identifier=f"qser-{unit.id}-{lang or '_'.join(unit.languages)}",  # an xs:ID: no plus sign
            has_score=bool(unit.scored_questions),
            # the primary objective is satisfied by a scaled score at the mastery score
            min_measure=f"{unit.mastery_score / 100:.2f}".rstrip("0").rstrip(".") if unit.scored_questions else "",
        )
        return {"imsmanifest.xml": xml.encode("utf-8")}


TARGET = Scorm2004()
