"""Target `html`: the player alone, tracking into the browser's storage (previews, offline reading)."""

from . import Target


class Html(Target):
    name = "html"
    tracker = "local"
    runtime = ("tracking/local.js",)


TARGET = Html()
