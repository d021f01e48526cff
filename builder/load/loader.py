"""Read a unit's sources into the model, checking everything an author can get wrong.

Every problem names the file, the line where it is known, what is wrong and how
to fix it. All problems of a unit are reported together. Each part checks one thing:
sources.py the files, unitkeys.py unit.yaml, questions.py questions.yaml (with the type
modules of builder/questiontypes/), pages.py the language files, media.py their images;
values.py holds the checks they share.
"""

from __future__ import annotations

from pathlib import Path

from .. import guide
from ..errors import Problems, UnitError
from ..model import Unit
from .catalogs import PROJECT_FOLDER, project_catalogs
from .pages import PagesMixin
from .questions import QuestionsMixin
from .sources import SourcesMixin
from .unitkeys import UnitKeysMixin
from .values import ValuesMixin
from .yamlsource import Map


def load_units(units_dir: Path, only: list[str] | None = None) -> list[Unit]:
    units_dir = Path(units_dir)
    if not units_dir.is_dir():
        raise Problems().fail(units_dir, None, "the units folder does not exist",
                              "run qser in the project folder, or name the folder with --units")
    found = sorted(p.name for p in units_dir.iterdir() if (p / "unit.yaml").exists())
    names = only or found
    unknown = [n for n in names if n not in found]
    for name in unknown:
        if (units_dir / name).is_dir():
            raise Problems().fail(units_dir / name, None, "has no unit.yaml, so it is not a unit",
                                  f"create {units_dir / name / 'unit.yaml'} (copy one from another unit and change its "
                                  f"id and xapi_base), or name one of the units here: {', '.join(found) or 'none'}")
    if unknown:
        raise Problems().fail(units_dir, None, f"no unit named {', '.join(map(repr, unknown))}",
                              f"units here are: {', '.join(found) or 'none'}")
    if not names:
        raise Problems().fail(units_dir, None, "no unit found (no folder with a unit.yaml)",
                              f"create units/<unit-id>/unit.yaml, see {guide()}")
    catalog_problems = Problems()
    catalogs = project_catalogs(units_dir.parent, catalog_problems)
    units, problems = [], list(catalog_problems.items)
    for name in names:
        try:
            units.append(load_unit(units_dir / name, catalogs, broken_catalogs(units_dir.parent, catalogs)))
        except UnitError as e:
            problems.extend(e.problems)
    if problems:
        raise UnitError(problems)
    return units


def load_unit(folder: Path, catalogs: dict[str, dict] | None = None, broken: set[str] = frozenset()) -> Unit:
    """One unit; `catalogs`: the interface texts its project brings (i18n/ beside units/), read
    here when not given; `broken`: languages whose project catalog has problems (said elsewhere)."""
    folder = Path(folder)
    if catalogs is None:
        problems = Problems()
        catalogs = project_catalogs(folder.parent.parent, problems)
        problems.raise_if_any()
    return _UnitLoader(folder, catalogs, broken).load()


def broken_catalogs(project: Path, catalogs: dict) -> set[str]:
    folder = project / PROJECT_FOLDER
    return {p.stem for p in folder.glob("*.yaml")} - set(catalogs) if folder.is_dir() else set()


class _UnitLoader(UnitKeysMixin, QuestionsMixin, PagesMixin, ValuesMixin, SourcesMixin):
    def __init__(self, folder: Path, catalogs: dict[str, dict], broken: set[str]):
        self.folder = folder
        self.problems = Problems()
        self.declared_questions: dict[str, int] = {}  # id -> line in questions.yaml
        self.project_catalogs = catalogs  # lang -> interface texts the content project brings
        self.broken_catalogs = broken
        self.ui: dict[str, dict] = {}

    def load(self) -> Unit:
        unit_file = self.folder / "unit.yaml"
        meta = self.read_yaml(unit_file)
        if meta is None:
            self.problems.raise_if_any()
        if not isinstance(meta, Map):
            raise self.problems.fail(unit_file, 1, "must be a mapping of keys to values",
                                     f"start with 'id: <unit-id>' (see {guide()})")
        fields = self.unit_keys(unit_file, meta)
        questions = self.load_questions()
        pages = self.load_pages(questions)
        self.problems.raise_if_any()
        order = [qid for page in pages for qid in page.questions]
        return Unit(pages=tuple(pages), questions={qid: questions[qid] for qid in order}, ui=self.ui, **fields)
