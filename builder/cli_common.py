"""What the `qser` commands share: where the units are, and how a command stops on problems."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import UnitError

units_option = click.option("--units", "units_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
                            help="Folder holding the units. Default: the project's units/.")


def project_folder() -> Path:
    """The content project: --project, else the current folder or its nearest parent with units/."""
    from .project import find_project

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


def fail(error: UnitError, outcome: str = "nothing was built") -> None:
    n = len(error.problems)
    click.echo(str(error), err=True)
    click.echo(f"{n} problem{'s' if n != 1 else ''} found; {outcome}.", err=True)
    sys.exit(1)
