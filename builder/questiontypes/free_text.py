"""Free text: the learner's own words, recorded for the trainer, never scored."""

from ..errors import brief
from .base import TextAnswer


class FreeText(TextAnswer):
    name = "free-text"
    order = 9
    scored = False
    # SCORM 1.2 has no type of its own for it
    interaction = {"scorm12": "fill-in", "scorm2004": "long-fill-in", "xapi": "long-fill-in"}
    optional = frozenset({"max_length"})
    open = True
    snippet = "  max_length: 2000\n"

    def load(self, loader, path, raw, name):
        max_length = raw.get("max_length", 2000)
        if isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= 10000:
            loader.problems.add(path, raw.key_line("max_length"),
                                f"{name}: max_length {brief(max_length)} is not from 1 to 10000",
                                "leave max_length out (2000) or give a whole number up to 10000")
            max_length = 2000
        return {"max_length": max_length}

    def runtime(self, q, lang, languages=()):
        return {"maxLength": q.max_length}


TYPE = FreeText()
