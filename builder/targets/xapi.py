"""Target `xapi`: a Tin Can launch package (tincan.xml at the root) reporting to an LRS.

Activity ids are IRIs from the unit's `xapi_base`; names and descriptions are language maps
in every language of the unit, so each language's package sends the same page and question
definitions and an LRS keeps one activity per question whatever language the learner used.
The unit itself is one activity per language (`<xapi_base>/<lang>`, what the LMS keys attempts
and grades on), grouped under the language-neutral `<xapi_base>`. The definitions
are made with the `tincan` library here, at build time, and handed to the runtime adapter
(xapi/xapi.js), which puts them into its statements unchanged.
"""

from __future__ import annotations

import tincan

from ..load.catalogs import texts
from ..model import Question, Text, Unit
from ..questiontypes import get
from ..questiontypes.notation import notation, number  # noqa: F401 (number: for callers)
from ..render.templates import template
from . import Target

COURSE = "http://adlnet.gov/expapi/activities/course"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
PAGE = "http://activitystrea.ms/schema/1.0/page"

def language_tag(unit: Unit, lang: str) -> str:
    return texts(unit, lang)["language_tag"]


def language_map(unit: Unit, text: Text) -> dict[str, str]:
    """A {lang: text} map as an xAPI language map, in the unit's language order."""
    return {language_tag(unit, lang): text[lang] for lang in unit.languages}


def unit_iri(unit: Unit) -> str:
    return unit.xapi_base.rstrip("/")


def question_iri(unit: Unit, question_id: str) -> str:
    return f"{unit_iri(unit)}/questions/{question_id}"


def page_iri(unit: Unit, page_id: str) -> str:
    return f"{unit_iri(unit)}/pages/{page_id}"


def correct_responses(unit: Unit, q: Question, lang: str | None = None) -> list[str] | None:
    """correctResponsesPattern in xAPI's response format for the package in `lang` (None: the
    bundle of the unit's languages); None where nothing is right or wrong."""
    return get(q.type).patterns(q, "xapi", (lang,) if lang else unit.languages)


def question_name(unit: Unit, q: Question) -> dict[str, str]:
    """A short name trainers can tell apart in an LRS: "<page title> – Question <n>"."""
    n = list(unit.questions).index(q.id) + 1
    page = next(p for p in unit.pages if q.id in p.questions)
    return {language_tag(unit, lang): f"{page.title[lang]} – {texts(unit, lang)['question']} {n}" for lang in unit.languages}


def components(unit: Unit, options) -> list[dict]:
    return [{"id": o.id, "description": language_map(unit, o.text)} for o in options]


def question_activity(unit: Unit, q: Question, lang: str | None = None) -> tincan.Activity:
    """The question's activity as the package in `lang` (None: a bundle) defines it: names and
    descriptions in every language, the correct responses of the answers the package accepts."""
    definition = tincan.ActivityDefinition(
        type=INTERACTION,
        name=question_name(unit, q),
        description=language_map(unit, q.prompt),
        interaction_type=get(q.type).interaction["xapi"],
    )
    pattern = correct_responses(unit, q, lang)
    if pattern is not None:
        definition.correct_responses_pattern = pattern
    for key, value in get(q.type).xapi_definition(q, lambda options: components(unit, options)).items():
        setattr(definition, key, value)
    return tincan.Activity(id=question_iri(unit, q.id), definition=definition)


def launch_iri(unit: Unit, lang: str | None) -> str:
    """The activity one language's package reports as (tincan.xml's first id, so the LMS's
    activity id): its own per language, so that an LMS keying attempts and grades on it (Moodle's
    mod_tincanlaunch) keeps the languages apart. Every statement names `unit_iri` as grouping.
    A bundle (lang None: every language in one package) is the unit itself."""
    return f"{unit_iri(unit)}/{lang}" if lang else unit_iri(unit)


def unit_activity(unit: Unit, lang: str | None = None) -> tincan.Activity:
    """The unit, language-neutral (lang None: the grouping) or as one language's package."""
    return tincan.Activity(id=launch_iri(unit, lang), definition=tincan.ActivityDefinition(
        type=COURSE, name=language_map(unit, unit.title), description=language_map(unit, unit.description)))


def page_activity(unit: Unit, page) -> tincan.Activity:
    return tincan.Activity(id=page_iri(unit, page.id), definition=tincan.ActivityDefinition(
        type=PAGE, name=language_map(unit, page.title)))


MASTERY_SCORE = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"


def extensions(unit: Unit) -> dict[str, str]:
    """The package's own result extensions, IRIs under the unit's base (documented in docs/xapi.md):
    `attempt` on an answer (the learner's n-th answer to that question), `answers` on passed/failed
    (question IRI -> id of the answered statement the score counted)."""
    return {name: f"{unit_iri(unit)}/extensions/{name}" for name in ("attempt", "answers")}


def as_json(activity: tincan.Activity) -> dict:
    return activity.as_version()


class Xapi(Target):
    name = "xapi"
    tracker = "xapi"
    runtime = ("tracking/notation.js", "xapi/launch.js", "xapi/statements.js", "xapi/client.js", "xapi/queue.js",
               "xapi/state.js", "xapi/session.js", "xapi/xapi.js")

    def tracker_config(self, unit, lang):
        # Everything but credentials: endpoint, auth and actor come from the launch URL.
        # A bundle reports as the language-neutral unit; the runtime sends the language shown.
        return {
            "language": language_tag(unit, self.shown(unit, lang)),
            "unit": as_json(unit_activity(unit, lang)),
            "group": {"id": unit_iri(unit), "objectType": "Activity"},
            "pages": {p.id: as_json(page_activity(unit, p)) for p in unit.pages},
            "questions": {q.id: as_json(question_activity(unit, q, lang)) for q in unit.questions.values()},
            # activity id -> page id, for a question's place in contextActivities
            "placement": {question_iri(unit, qid): p.id for p in unit.pages for qid in p.questions},
            "extensions": extensions(unit),
            "notations": {q.id: notation(q, "xapi", lang) for q in unit.questions.values()},
        }

    def manifest(self, unit, lang, files):
        xml = template("xapi/tincan.xml").render(
            unit=as_json(unit_activity(unit, lang)),
            questions=[as_json(question_activity(unit, q, lang)) for q in unit.questions.values()],
            launch_lang=language_tag(unit, self.shown(unit, lang)),
        )
        return {"tincan.xml": xml.encode("utf-8")}


TARGET = Xapi()
