"""Package targets: each turns rendered files into one kind of LMS package.

A target is a module with one `Target` in it. It names the runtime adapter the
player uses, may hand that adapter some configuration, and adds its manifest.
Targets never read unit sources: everything comes from the model.

Every method takes `lang`: one language's package, or None for a bundle holding every
language of `unit` (`unit.languages`, the first being the fallback; see render/bundle.py). A target
gets bundles by handling None: `languages()` lists what a manifest should carry, `shown()`
the one language a single-valued field takes.
"""

from __future__ import annotations

from ..model import Unit
from ..render.package import Files


class Target:
    name: str = ""
    tracker: str = ""  # the adapter's name: the player loads it as player/tracker-<tracker>.js
    #: assets/runtime files joined, in this order, into that one script: shared parts first,
    #: the adapter last. Targets of related standards list the same shared parts.
    runtime: tuple[str, ...] = ()

    def tracker_config(self, unit: Unit, lang: str | None) -> dict:
        """Settings the runtime adapter needs, embedded in the package."""
        return {}

    def manifest(self, unit: Unit, lang: str | None, files: Files) -> Files:
        """Files to add to the package (its manifest), given all the others."""
        return {}

    def side_files(self, unit: Unit, lang: str | None) -> Files:
        """Files for the people installing the package, written next to the zip: name -> content."""
        return {}

    def zip_name(self, unit: Unit, lang: str | None) -> str:
        return f"{unit.id}-{lang or '+'.join(unit.languages)}-{unit.version}-{self.name}.zip"

    @staticmethod
    def languages(unit: Unit, lang: str | None) -> list[str]:
        """The languages a package holds: one, or (bundle) all of the unit's."""
        return [lang] if lang else list(unit.languages)

    @staticmethod
    def shown(unit: Unit, lang: str | None) -> str:
        """The language of a field that takes one: the package's, or the bundle's first."""
        return lang or unit.languages[0]


def all_targets() -> dict[str, Target]:
    from . import cmi5, html, scorm12, scorm2004, xapi

    return {t.name: t for t in (html.TARGET, scorm12.TARGET, scorm2004.TARGET, xapi.TARGET, cmi5.TARGET)}
