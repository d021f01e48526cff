"""Content projects: a folder with `units/` (the sources) and `dist/` (the output).

The tool is installed once; each organisation keeps its units in a project of its
own. `qser` works on the project it is run in (the current folder or the nearest
parent with a `units/` folder) or the one `--project` names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from . import TEMPLATES
from .errors import Problems

STARTER = TEMPLATES / "starter"


def find_project(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds a `units/` folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "units").is_dir():
            return folder
    return None


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
