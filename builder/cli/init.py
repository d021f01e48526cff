"""`qser init`: a new content project, `units/` with a starter unit that builds, a README for authors."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from .. import TEMPLATES
from ..errors import Problems, UnitError
from .common import fail

STARTER = TEMPLATES / "starter"


def init_project(folder: Path) -> list[Path]:
    """Create a content project with a starter unit that builds; refuse to overwrite anything,
    and leave nothing behind when the folder cannot be written."""
    where = str(folder)
    try:
        if folder.exists() and not folder.is_dir():
            raise Problems().fail(where, None, "exists and is not a folder", "give the path of a new or empty folder")
        if folder.is_dir() and any(folder.iterdir()):
            raise Problems().fail(where, None, "is not empty", "give the path of a new or empty folder; "
                                  "nothing was written")
        existed = folder.is_dir()
    except OSError as e:
        raise Problems().fail(where, None, f"cannot be read ({e.strerror or e})",
                              "give the path of a new or empty folder you can write to") from None
    made = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source in sorted(STARTER.rglob("*")):
            if not source.is_file():
                continue
            relative = source.relative_to(STARTER)
            target = folder / (".gitignore" if relative.as_posix() == "gitignore" else relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            made.append(target)
    except OSError as e:
        for path in reversed(made):  # what was copied; the empty folders made for it go with the folder
            path.unlink(missing_ok=True)
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        raise Problems().fail(where, None, f"cannot be written ({e.strerror or e})",
                              "give the path of a folder you can write to; nothing was kept") from None
    return made


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder) -> None:
    """Create a content project: units/ with a starter unit, a README for authors, .gitignore."""
    try:
        made = init_project(folder)
    except UnitError as e:
        fail(e, "nothing was written")
    click.echo(f"created {folder} ({len(made)} files): cd {folder} && qser build")
    click.echo("to start a unit of your own, copy units/first-unit, then change id: and xapi_base: in its unit.yaml "
               "(each unit needs its own xapi_base)")
