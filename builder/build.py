"""The build: load and check every unit, then render and package each language and target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import Problems
from .loader import load_units
from .model import Unit
from .render import render_package
from .targets import Target, all_targets
from .zipper import write_file, write_zip


@dataclass(frozen=True)
class Built:
    path: Path
    unit: str
    lang: str
    target: str
    size: int
    files: int


def resolve_targets(names: list[str] | None) -> list[Target]:
    available = all_targets()
    names = names or list(available)
    unknown = [n for n in names if n not in available]
    if unknown:
        raise Problems().fail("--target", None, f"unknown target {', '.join(map(repr, unknown))}",
                              f"use one of: {', '.join(available)}")
    return [available[n] for n in names]


def languages_for(unit: Unit, wanted: list[str] | None) -> list[str]:
    if not wanted:
        return list(unit.languages)
    missing = [l for l in wanted if l not in unit.languages]
    if missing:
        raise Problems().fail("--lang", None, f"unit '{unit.id}' has no language {', '.join(map(repr, missing))}",
                              f"its languages are: {', '.join(unit.languages)}")
    return list(wanted)


def build_package(unit: Unit, lang: str, target: Target, out_dir: Path) -> Built:
    files = render_package(unit, lang, target.tracker, target.tracker_config(unit, lang))
    files.update(target.manifest(unit, lang, files))
    path = Path(out_dir) / target.zip_name(unit, lang)
    size = write_zip(path, files)
    for name, content in target.side_files(unit, lang).items():
        write_file(Path(out_dir) / name, content)
    return Built(path, unit.id, lang, target.name, size, len(files))


def build(units_dir: Path, out_dir: Path, unit_ids: list[str] | None = None, langs: list[str] | None = None,
          targets: list[str] | None = None, progress: Callable[[Built], None] = lambda b: None) -> list[Built]:
    """Everything is checked before the first zip is written: a broken unit writes nothing."""
    chosen = resolve_targets(targets)
    units = load_units(units_dir, unit_ids)
    plan = [(u, l, t) for u in units for l in languages_for(u, langs) for t in chosen]
    built = []
    for unit, lang, target in plan:
        b = build_package(unit, lang, target, out_dir)
        progress(b)
        built.append(b)
    return built
