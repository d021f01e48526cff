"""Target `cmi5`: one assignable unit (AU) that a cmi5 LMS launches (cmi5.xml at the root).

cmi5 is xAPI with a launch contract, so this target is the `xapi` target's activities and
statements (the same page and question IRIs: `qser report` reads both alike) plus:
- cmi5.xml, the course structure: one course, one AU whose publisher id is this language's
  package IRI (`<xapi_base>/<lang>`), `moveOn` CompletedAndPassed when the unit has scored
  questions (else Completed), its mastery score as 0-1, launchMethod AnyWindow;
- the runtime adapter xapi/cmi5.js (fetch URL token, LMS.LaunchData, learner preferences,
  the cmi5 defined statements), which shares its queue, client and session with the xapi one.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Unit
from ..render.templates import template
from .xapi import Xapi, language_map, language_tag, launch_iri

#: The course structure schema's namespace (cmi5.xml's root element).
NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def move_on(unit: Unit) -> str:
    """What the LMS waits for: a pass as well as completion when there is something to pass."""
    return "CompletedAndPassed" if unit.scored_questions else "Completed"


def mastery(unit: Unit) -> str | None:
    """The unit's mastery score (percent) as cmi5 writes it: a decimal from 0 to 1 ("0.8")."""
    if not unit.scored_questions:
        return None
    value = (Decimal(unit.mastery_score) / 100).normalize()
    return format(value, "f")


def course_iri(unit: Unit, lang: str) -> str:
    """The course of one language's package: an IRI of its own, distinct from the AU's."""
    return f"{launch_iri(unit, lang)}/course"


class Cmi5(Xapi):
    name = "cmi5"
    tracker = "cmi5"
    # The xapi target's parts (whatever they become), its Tin Can adapter swapped for cmi5's.
    runtime = tuple(f for f in Xapi.runtime if f != "xapi/xapi.js") + ("xapi/cmi5-launch.js", "xapi/cmi5.js")

    def tracker_config(self, unit, lang):
        config = super().tracker_config(unit, lang)
        # The AU's publisher id, as in cmi5.xml (the LMS launches with an activity id of its own).
        config["publisher"] = launch_iri(unit, lang)
        # languagePreference picks among these (a bundle: every language of the unit).
        config["languages"] = [language_tag(unit, each) for each in self.languages(unit, lang)]
        return config

    def manifest(self, unit, lang, files):
        xml = template("cmi5/cmi5.xml").render(
            course_id=course_iri(unit, lang), au_id=launch_iri(unit, lang),
            title=language_map(unit, unit.title), description=language_map(unit, unit.description),
            move_on=move_on(unit), mastery=mastery(unit),
        )
        return {"cmi5.xml": xml.encode("utf-8")}


TARGET = Cmi5()
