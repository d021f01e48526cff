"""Likert: the learner places themself on a scale; recorded, never scored."""

from .choice import Picking, one_picked


class Likert(Picking):
    name = "likert"
    order = 8
    scored = False
    interaction = {"scorm12": "likert", "scorm2004": "likert", "xapi": "likert"}
    required = frozenset({"scale"})
    snippet = ("  scale:\n"
               "    - id: disagree\n      text: {t:disagree}\n"
               "    - id: neutral\n      text: {t:neutral}\n"
               "    - id: agree\n      text: {t:agree}\n")

    def load(self, loader, path, raw, name):
        return {"choices": loader.options(path, raw, "scale", name)}

    def runtime(self, q, lang, languages=()):
        return {"scale": [c.id for c in q.choices]}

    def words(self, q, parts, lang, labels):
        one_picked(q, parts)
        return super().words(q, parts, lang, labels)

    def xapi_definition(self, q, components):
        return {"scale": components(q.choices)}


TYPE = Likert()
