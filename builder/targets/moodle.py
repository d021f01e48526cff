"""Target `moodle`: the unit as a Moodle course backup (.mbz), restored with every setting right.

An administrator restores one file and gets a course with a SCORM 1.2 activity per language (or
one for the bundle) set as docs/moodle.md, "Settings that fit", says: nothing to choose by hand.
Beside it, one activity backup per package, which a teacher restores into a course that exists.
The SCORM zips inside are the scorm12 target's, byte for byte. The format is in mbz.py.

This target is whole-unit: the build calls it once per unit with every package of the build.
"""

from __future__ import annotations

import html

from ..load.catalogs import texts
from ..model import Unit
from . import Contents, Target, scorm12
from .mbz import COMPLETION_COMPLETED, COMPLETION_PASSED, Course, ScormActivity, activity_backup, course_backup
from .zipper import zip_bytes

#: (the unit as a package gets it, its language or None for the bundle): build.py's package plan
Package = tuple[Unit, "str | None"]


def html_text(texts: dict[str, str], langs: list[str]) -> str:
    """Author text as HTML a Moodle description shows: escaped, a paragraph per language, and no '@'
    left for restore's link decoder to take for its `$@...@$` or `@@PLUGINFILE@@` markers."""
    return "".join(f'<p lang="{lang}">{html.escape(texts[lang]).replace("@", "&#64;")}</p>' for lang in langs)


class Moodle(Target):
    name = "moodle"
    whole_unit = True

    def course_name(self, unit: Unit) -> str:
        return f"{unit.id}-{'+'.join(unit.languages)}-{unit.version}-{self.name}.mbz"

    def activity_name(self, unit: Unit, lang: str | None) -> str:
        return f"{unit.id}-{lang or '+'.join(unit.languages)}-{unit.version}-{self.name}-activity.mbz"

    def output_names(self, unit: Unit, packages: list[Package]) -> list[str]:
        return [self.course_name(unit)] + [self.activity_name(each, lang) for each, lang in packages]

    def outputs(self, unit: Unit, packages: list[Package], contents: Contents) -> dict[str, bytes]:
        """The course, then an activity backup per package. The course holds the per-language
        activities; only a build of bundles alone (`--languages bundle`) puts the bundle in it:
        one course should not offer learners the same unit twice."""
        names = self.activity_titles(unit, packages)
        activities = [self.activity(each, lang, names[lang], contents) for each, lang in packages]
        in_course = [a for a, (_, lang) in zip(activities, packages) if lang is not None] or activities
        first = unit.languages[0]
        course = Course(shortname=unit.id, fullname=unit.title[first],
                        summary=html_text(unit.description, list(unit.languages)))
        out = {self.course_name(unit): course_backup(course, in_course, self.course_name(unit))}
        for activity, (each, lang) in zip(activities, packages):
            out[self.activity_name(each, lang)] = activity_backup(course, activity, self.activity_name(each, lang))
        return out

    @staticmethod
    def activity_titles(unit: Unit, packages: list[Package]) -> dict:
        """Each activity named by the title in its language, a bundle by its first language's. Where two
        languages share a title, each adds its language's own name, so learners can tell them apart."""
        titles = {lang: unit.title[lang] for _, lang in packages if lang}
        shared = {t for t in titles.values() if list(titles.values()).count(t) > 1}
        names = {lang: f"{title} ({texts(unit, lang)['language_name']})" if title in shared else title
                 for lang, title in titles.items()}
        return names | {None: unit.title[unit.languages[0]]}

    @staticmethod
    def activity(unit: Unit, lang: str | None, name: str, contents: Contents) -> ScormActivity:
        package = zip_bytes(scorm12.TARGET.package_files(unit, lang, contents))
        return ScormActivity(
            name=name, intro=html_text(unit.description, Target.languages(unit, lang)),
            package_name=scorm12.TARGET.zip_name(unit, lang), package=package,
            # Without scored questions the package reports "completed", never "passed".
            completion_status=COMPLETION_PASSED if unit.scored_questions else COMPLETION_COMPLETED)


TARGET = Moodle()
