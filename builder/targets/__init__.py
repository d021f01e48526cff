"""Package targets: each turns rendered files into one kind of LMS package.

A target is a module with one `Target` in it. It names the runtime adapter the
player uses, may hand that adapter some configuration, and adds its manifest.
Targets never read unit sources: everything comes from the model.
"""

from __future__ import annotations

from ..model import Unit
from ..render import Files


class Target:
    name: str = ""
    tracker: str = ""  # the adapter's name: the player loads it as player/tracker-<tracker>.js
    #: assets/runtime files joined, in this order, into that one script: shared parts first,
    #: the adapter last. Targets of related standards list the same shared parts.
    runtime: tuple[str, ...] = ()

    def tracker_config(self, unit: Unit, lang: str) -> dict:
        """Settings the runtime adapter needs, embedded in the package."""
        return {}

    def manifest(self, unit: Unit, lang: str, files: Files) -> Files:
        """Files to add to the package (its manifest), given all the others."""
        return {}

    def side_files(self, unit: Unit, lang: str) -> Files:
        """Files for the people installing the package, written next to the zip: name -> content."""
        return {}

    def zip_name(self, unit: Unit, lang: str) -> str:
        return f"{unit.id}-{lang}-{unit.version}-{self.name}.zip"


def all_targets() -> dict[str, Target]:
    from . import cmi5, html, scorm12, scorm2004, xapi

    return {t.name: t for t in (html.TARGET, scorm12.TARGET, scorm2004.TARGET, xapi.TARGET, cmi5.TARGET)}
