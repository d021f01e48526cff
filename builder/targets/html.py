"""Target `html`: the player alone, tracking into the browser's storage (previews, offline reading)."""

from . import Target


class Html(Target):
    name = "html"
    tracker = "local"
    runtime = ("tracking/local.js",)

    def tracker_config(self, unit, lang):
        """No LMS keeps a grade here: a learner may take the knowledge check again as often as they like."""
        return {"retakes": None}


TARGET = Html()
