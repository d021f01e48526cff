"""What the `qser` commands share: the content project, where its units are, how a command stops on problems.

Content projects: a folder with `units/` (the sources) and `dist/` (the output). The tool is
installed once; each organisation keeps its units in a project of its own. `qser` works on the
project it is run in (the current folder or the nearest parent with a `units/` folder) or the
one `--project` names.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import yaml

from ..errors import UnitError
from ..printable import printable

units_option = click.option("--units", "units_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
                            help="Folder holding the units. Default: the project's units/.")


def project_folder() -> Path:
    """The content project: --project, else the current folder or its nearest parent with units/."""
    given = click.get_current_context().find_root().params.get("project")
    found = given if given else find_project(Path.cwd())
    if found is None or not (found / "units").is_dir():
        where = given or Path.cwd()
        click.echo(f"error: no units/ folder in {where}{'' if given else ' or its parents'}: run qser where your "
                   "units/ folder is, pass --project DIR, or create a project with: qser init DIR", err=True)
        sys.exit(1)
    if not given:
        found = Path(os.path.relpath(found))  # messages name files as the author sees them
    return found


def units_folder(units_dir: Path | None) -> Path:
    return units_dir if units_dir is not None else project_folder() / "units"


def note_folders_without_unit(units: Path, named: tuple) -> None:
    """Say which folders under units/ are skipped for having no unit.yaml (a draft, a copy half made)."""
    if named:
        return  # the units asked for are loaded by name, and a folder without unit.yaml is refused there
    try:
        skipped = sorted(p for p in units.iterdir() if p.is_dir() and not p.name.startswith(".")
                         and not (p / "unit.yaml").exists())
    except OSError:
        return
    for folder in skipped:
        click.echo(f"note: {printable(folder)} has no unit.yaml, so it is not a unit and is skipped", err=True)


def fail(error: UnitError, outcome: str = "nothing was built") -> None:
    n = len(error.problems)
    click.echo(str(error), err=True)
    click.echo(f"{n} problem{'s' if n != 1 else ''} found; {outcome}.", err=True)
    sys.exit(1)


def find_project(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds a `units/` folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "units").is_dir():
            return folder
    return None


def unit_languages(units: Path, unit_id: str | None) -> list[str] | None:
    """The `languages:` of a unit (the first one when no id is given), read leniently: a unit
    being written may not load yet, and a snippet for it is exactly what helps."""
    folders = [units / unit_id] if unit_id else sorted(p for p in units.glob("*") if (p / "unit.yaml").is_file())
    for folder in folders[:1]:
        try:
            meta = yaml.safe_load((folder / "unit.yaml").read_text("utf-8"))
        except (OSError, UnicodeError, yaml.YAMLError):
            return None
        languages = meta.get("languages") if isinstance(meta, dict) else None
        if isinstance(languages, list) and languages and all(isinstance(x, str) and x.isalpha() for x in languages):
            return languages
    return None
