"""Target `xapi`: a Tin Can launch package (tincan.xml at the root) reporting to an LRS.

Activity ids are IRIs from the unit's `xapi_base`; names and descriptions are language maps
in every language of the unit, so each language's package sends the same page and question
definitions and an LRS keeps one activity per question whatever language the learner used.
The unit itself is one activity per language (`<xapi_base>/<lang>`, what the LMS keys attempts
and grades on), grouped under the language-neutral `<xapi_base>`. The definitions
are made with the `tincan` library here, at build time, and handed to the runtime adapter
(tracker-xapi.js), which puts them into its statements unchanged.
"""

from __future__ import annotations

import re

import tincan

from ..model import Question, Text, Unit
from ..render import catalog, template
from . import Target

COURSE = "http://adlnet.gov/expapi/activities/course"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
PAGE = "http://activitystrea.ms/schema/1.0/page"

#: question type -> xAPI interactionType
INTERACTION_TYPES = {
    "true-false": "true-false",
    "single-choice": "choice",
    "multiple-choice": "choice",
    "matching": "matching",
    "sequencing": "sequencing",
    "fill-in": "fill-in",
    "numeric": "numeric",
    "likert": "likert",
    "free-text": "long-fill-in",
}


def language_tag(lang: str) -> str:
    return catalog(lang)["language_tag"]


def language_map(unit: Unit, text: Text) -> dict[str, str]:
    """A {lang: text} map as an xAPI language map, in the unit's language order."""
    return {language_tag(lang): text[lang] for lang in unit.languages}


def unit_iri(unit: Unit) -> str:
    return unit.xapi_base.rstrip("/")


def question_iri(unit: Unit, question_id: str) -> str:
    return f"{unit_iri(unit)}/questions/{question_id}"


def page_iri(unit: Unit, page_id: str) -> str:
    return f"{unit_iri(unit)}/pages/{page_id}"


def number(value: float) -> str:
    """A number as xAPI writes it in responses: 7, not 7.0."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def fill_in_form(text: str) -> str:
    """A fill-in answer as the player compares it, before case: trimmed, inner spaces one."""
    return re.sub(r"\s+", " ", text.strip())


def correct_responses(unit: Unit, q: Question) -> list[str] | None:
    """correctResponsesPattern in xAPI's response format; None where nothing is right or wrong."""
    if q.type == "true-false":
        return ["true" if q.correct else "false"]
    if q.type in ("single-choice", "multiple-choice"):
        return ["[,]".join(c.id for c in q.choices if c.correct)]
    if q.type == "matching":
        return ["[,]".join(f"{s.id}[.]{s.match}" for s in q.choices)]
    if q.type == "sequencing":
        return ["[,]".join(c.id for c in q.choices)]
    if q.type == "fill-in":
        # The player's rule, published exactly: the answers of every language, any case, spaces
        # trimmed and runs of them made one (the adapter sends the response normalised the same way).
        answers = dict.fromkeys(fill_in_form(a) for lang in unit.languages for a in q.answers[lang])
        return [f"{{case_matters=false}}{a}" for a in answers]
    if q.type == "numeric":
        if q.tolerance:
            return [f"{number(q.correct - q.tolerance)}[:]{number(q.correct + q.tolerance)}"]
        return [number(q.correct)]
    return None  # likert, free text: recorded, not scored


def question_name(unit: Unit, q: Question) -> dict[str, str]:
    """A short name trainers can tell apart in an LRS: "<page title> – Question <n>"."""
    n = list(unit.questions).index(q.id) + 1
    page = next(p for p in unit.pages if q.id in p.questions)
    return {language_tag(lang): f"{page.title[lang]} – {catalog(lang)['question']} {n}" for lang in unit.languages}


def components(unit: Unit, options) -> list[dict]:
    return [{"id": o.id, "description": language_map(unit, o.text)} for o in options]


def question_activity(unit: Unit, q: Question) -> tincan.Activity:
    definition = tincan.ActivityDefinition(
        type=INTERACTION,
        name=question_name(unit, q),
        description=language_map(unit, q.prompt),
        interaction_type=INTERACTION_TYPES[q.type],
    )
    pattern = correct_responses(unit, q)
    if pattern is not None:
        definition.correct_responses_pattern = pattern
    if q.type in ("single-choice", "multiple-choice", "sequencing"):
        definition.choices = components(unit, q.choices)
    elif q.type == "matching":
        definition.source = components(unit, q.choices)
        definition.target = components(unit, q.targets)
    elif q.type == "likert":
        definition.scale = components(unit, q.choices)
    return tincan.Activity(id=question_iri(unit, q.id), definition=definition)


def launch_iri(unit: Unit, lang: str) -> str:
    """The activity one language's package reports as (tincan.xml's first id, so the LMS's
    activity id): its own per language, so that an LMS keying attempts and grades on it (Moodle's
    mod_tincanlaunch) keeps the languages apart. Every statement names `unit_iri` as grouping."""
    return f"{unit_iri(unit)}/{lang}"


def unit_activity(unit: Unit, lang: str | None = None) -> tincan.Activity:
    """The unit, language-neutral (lang None: the grouping) or as one language's package."""
    return tincan.Activity(id=launch_iri(unit, lang) if lang else unit_iri(unit), definition=tincan.ActivityDefinition(
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
    runtime = ("notation.js", "xapi-launch.js", "xapi-state.js", "tracker-xapi.js")

    def tracker_config(self, unit, lang):
        # Everything but credentials: endpoint, auth and actor come from the launch URL.
        return {
            "language": language_tag(lang),
            "unit": as_json(unit_activity(unit, lang)),
            "group": {"id": unit_iri(unit), "objectType": "Activity"},
            "pages": {p.id: as_json(page_activity(unit, p)) for p in unit.pages},
            "questions": {q.id: as_json(question_activity(unit, q)) for q in unit.questions.values()},
            # activity id -> page id, for a question's place in contextActivities
            "placement": {question_iri(unit, qid): p.id for p in unit.pages for qid in p.questions},
            "extensions": extensions(unit),
        }

    def manifest(self, unit, lang, files):
        xml = template("xapi/tincan.xml").render(
            unit=as_json(unit_activity(unit, lang)),
            questions=[as_json(question_activity(unit, q)) for q in unit.questions.values()],
            launch_lang=language_tag(lang),
        )
        return {"tincan.xml": xml.encode("utf-8")}


TARGET = Xapi()
