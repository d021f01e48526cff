"""Package targets: each turns rendered files into one kind of LMS package.

A target is a module with one `Target` in it. It names the runtime adapter the
player uses, may hand that adapter some configuration, and adds its manifest.
Targets never read unit sources: everything comes from the model.

`outputs()` is what the build writes into dist/ for one package: by default the player's zip
and its side files. A target that makes something else from the same model (a printed
handout, an LMS's own import file) overrides `outputs()` and `output_names()` alone; one
whose output is made of several packages (a Moodle course with an activity per language)
sets `whole_unit` and gets them all at once.

Every method takes `lang`: one language's package, or None for a bundle holding every
language of `unit` (`unit.languages`, the first being the fallback; see render/bundle.py). A target
gets bundles by handling None: `languages()` lists what a manifest should carry, `shown()`
the one language a single-valued field takes.
"""

from __future__ import annotations

from ..model import Unit
from ..render.bundle import render_bundle
from ..render.package import Files, render_package
from .zipper import zip_bytes

#: per language, the pages rendered once and shared by every target: render_content(unit, lang)
Contents = dict[str, tuple]


class Target:
    name: str = ""
    tracker: str = ""  # the adapter's name (the one in assets/runtime that implements the tracker)
    #: assets/runtime files joined, in this order, into the adapter's one script in index.html:
    #: shared parts first, the adapter last. Targets of related standards list the same shared parts.
    runtime: tuple[str, ...] = ()
    #: False: the build calls outputs() and output_names() once per package. True: once per unit,
    #: with `unit` holding the build's languages and, instead of `lang`, the packages every other
    #: target gets, in order: [(unit, lang), ..., (unit as a bundle, None)] (build.package_plan).
    whole_unit: bool = False

    #: True for what is made per language whatever --languages says (a printed handout cannot
    #: switch language): a bundle build then makes each language's instead (build.packages).
    per_language: bool = False

    def tracker_config(self, unit: Unit, lang: str | None) -> dict:
        """Settings the runtime adapter needs, embedded in the package."""
        return {}

    def manifest(self, unit: Unit, lang: str | None, files: Files) -> Files:
        """Files to add to the package (its manifest), given all the others."""
        return {}

    def side_files(self, unit: Unit, lang: str | None) -> Files:
        """Files for the people installing the package, written next to the zip: name -> content."""
        return {}

    def notes(self, unit: Unit) -> list:
        """What builds but will not serve learners well in this kind of output: errors.Problem
        each, said by `qser build` without stopping it (a figure too small to read on paper)."""
        return []

    def zip_name(self, unit: Unit, lang: str | None) -> str:
        return f"{unit.id}-{lang or '+'.join(unit.languages)}-{unit.version}-{self.name}.zip"

    def output_names(self, unit: Unit, lang: str | None) -> list[str]:
        """The files `outputs()` writes for this package, the package itself first (two packages
        that would share a name are refused before anything is written)."""
        return [self.zip_name(unit, lang)]

    def package_files(self, unit: Unit, lang: str | None, contents: Contents) -> Files:
        """Every file inside the player package: pages, runtime, media and this target's manifest."""
        if lang is None:
            configs = {language: self.tracker_config(unit, language) for language in unit.languages}
            files = render_bundle(unit, self.tracker_config(unit, None), configs, contents, self.runtime)
        else:
            files = render_package(unit, lang, self.tracker_config(unit, lang), contents[lang], self.runtime)
        files.update(self.manifest(unit, lang, files))
        return files

    def outputs(self, unit: Unit, lang: str | None, contents: Contents) -> Files:
        """What the build writes into dist/ for one package, file name -> bytes, the package first."""
        out = {self.zip_name(unit, lang): zip_bytes(self.package_files(unit, lang, contents))}
        out.update(self.side_files(unit, lang))
        return out

    @staticmethod
    def languages(unit: Unit, lang: str | None) -> list[str]:
        """The languages a package holds: one, or (bundle) all of the unit's."""
        return [lang] if lang else list(unit.languages)

    @staticmethod
    def shown(unit: Unit, lang: str | None) -> str:
        """The language of a field that takes one: the package's, or the bundle's first."""
        return lang or unit.languages[0]


def all_targets() -> dict[str, Target]:
    from . import cmi5, html, moodle, pdf, scorm12, scorm2004, xapi

    return {t.name: t for t in (html.TARGET, scorm12.TARGET, scorm2004.TARGET, xapi.TARGET, cmi5.TARGET,
                                pdf.TARGET, moodle.TARGET)}
