"""The build: load and check every unit, then render and package each language and target."""

from __future__ import annotations

import io
import os
import signal
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .errors import Problem, Problems
from .load.identity import check_identities
from .load.loader import load_units
from .model import Unit
from .render.bundle import label
from .render.package import render_content
from .targets import Target, all_targets
from .targets.zipper import write_file

#: --languages: a package per language (each), one with every language (bundle), or both.
LANGUAGE_MODES = ("each", "bundle", "both")
PARALLEL_FROM = 8  # units; below that, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Built:
    path: Path
    unit: str
    lang: str
    target: str
    size: int
    files: int | None  # files inside the package (a zip); None for a document (a PDF)
    also: tuple[tuple[Path, int], ...] = ()  # the other files written with it (a trainer's edition, a table), with sizes


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


def unique(items: list[str] | None) -> list[str] | None:
    """`--lang en --lang en` asks for en once."""
    return list(dict.fromkeys(items)) if items else items


def bundled(unit: Unit, langs: list[str]) -> Unit:
    """The unit as a bundle of `langs`, in the unit's own order (its first language stays first)."""
    return replace(unit, languages=tuple(l for l in unit.languages if l in langs))


def package_langs(unit: Unit, langs: list[str], mode: str) -> list[str | None]:
    """The packages of one unit and target: a language each, None for the bundle. A bundle of one
    language is that language's package (same name, same activity ids)."""
    if len(langs) == 1:
        return list(langs)
    return (list(langs) if mode != "bundle" else []) + ([None] if mode != "each" else [])


def package_plan(unit: Unit, langs: list[str], mode: str) -> list[tuple[Unit, str | None]]:
    """The packages of one unit and target as the target gets them: (the unit, a language), or
    (the unit as a bundle of `langs`, None)."""
    return [(unit, lang) if lang else (bundled(unit, langs), None) for lang in package_langs(unit, langs, mode)]


def packages(unit: Unit, langs: list[str], mode: str, targets: list[Target]) -> list[tuple[Unit, str | None, Target]]:
    """Every package of one unit as (the unit or its bundle, its language or None, target), in
    build order; whole-unit targets apart. A target made per language whatever the mode
    (`per_language`: paper cannot switch language) makes each language's where the bundle would
    be, and nothing twice."""
    found = []
    for packaged, lang in package_plan(unit, langs, mode):
        for target in targets:
            if target.whole_unit:
                continue
            if lang is not None or not target.per_language:
                found.append((packaged, lang, target))
            elif mode == "bundle":
                found += [(unit, each, target) for each in langs]
    return found


def check_names(units_dir: Path, plans: list, targets: list[Target], mode: str = "each") -> None:
    """Two packages must never share a file name: one would silently replace the other
    (unit 'a-en' in de and unit 'a' in en-de... both give a-en-de-1-html.zip). Compared without
    case, as on the file systems of Windows and macOS."""
    problems, seen = Problems(), {}
    for unit, langs in plans:
        named = [(lang or label(packaged), target.output_names(packaged, lang))
                 for packaged, lang, target in packages(unit, langs, mode, targets)]
        for target in targets:
            if target.whole_unit:
                whole = bundled(unit, langs)
                named.append((label(whole), target.output_names(whole, package_plan(unit, langs, mode))))
        for shown, names in named:
            for name in names:
                other = seen.setdefault(name.casefold(), (unit.id, shown))
                if other != (unit.id, shown):
                    problems.add(Path(units_dir) / unit.id / "unit.yaml", None,
                                 f"its {shown} package would be named {name}, like the {other[1]} package of "
                                 f"unit '{other[0]}': one would overwrite the other",
                                 "change the version or the id of one of the two units")
    problems.raise_if_any()


def _worker_start(main_pid: int) -> None:
    """Pool workers: Ctrl-C is the main process's to handle; they end when it ends, and a
    SIGTERM lets them remove what they were writing. A main process that ended before the
    worker got here sends it no signal: the worker then ends by itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: Linux only
    except (OSError, AttributeError):
        pass
    if os.getppid() != main_pid:
        os._exit(143)


def _build_in_worker(*args) -> list[Built]:
    """build_unit in a pool worker. A SIGTERM there (the main process ended) unwinds the job, so
    half-written files are removed, then ends the worker: the pool itself would catch the exit and
    wait forever for work from a main process that is gone."""
    try:
        return build_unit(*args)
    except SystemExit:
        os._exit(143)


def build_package(unit: Unit, lang: str | None, target: Target, out_dir: Path, contents: dict) -> Built:
    """One package of `target` (lang None: a bundle of every language of `unit`, see render/bundle.py),
    written with whatever the target writes beside it; each file whole or not at all."""
    outputs = target.outputs(unit, lang, contents)
    for name, content in outputs.items():
        write_file(Path(out_dir) / name, content)
    name, content = next(iter(outputs.items()))
    files = None
    if zipfile.is_zipfile(io.BytesIO(content)):
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            files = len(zf.namelist())
    also = tuple((Path(out_dir) / other, len(data)) for other, data in list(outputs.items())[1:])
    return Built(Path(out_dir) / name, unit.id, lang or label(unit), target.name, len(content), files, also)


def build_whole_unit(unit: Unit, langs: list[str], mode: str, target: Target, out_dir: Path, contents: dict) -> list[Built]:
    """What a whole-unit target makes of every package of one unit (see Target.whole_unit); each
    file it writes is reported, under the unit's languages."""
    whole = bundled(unit, langs)
    built = []
    for name, content in target.outputs(whole, package_plan(unit, langs, mode), contents).items():
        write_file(Path(out_dir) / name, content)
        built.append(Built(Path(out_dir) / name, unit.id, label(whole), target.name, len(content), None))
    return built


def build_unit(unit: Unit, langs: list[str], target_names: list[str], out_dir: Path, mode: str = "each") -> list[Built]:
    """Every package of one unit; the pages are rendered once per language, not once per target."""
    targets = resolve_targets(target_names)
    built = []
    contents = {lang: render_content(unit, lang) for lang in langs}
    for packaged, lang, target in packages(unit, langs, mode, targets):
        built.append(build_package(packaged, lang, target, out_dir, contents))
    for target in targets:
        if target.whole_unit:
            built += build_whole_unit(unit, langs, mode, target, out_dir, contents)
    return built


def build(units_dir: Path, out_dir: Path, unit_ids: list[str] | None = None, langs: list[str] | None = None,
          targets: list[str] | None = None, progress: Callable[[Built], None] = lambda b: None,
          workers: int | None = None, languages: str = "each",
          notice: Callable[[Problem], None] = lambda note: None) -> list[Built]:
    """Everything is checked before the first zip is written: a broken unit writes nothing.

    `languages`: one of LANGUAGE_MODES (a package per language, one bundle of them, or both).

    Many units are packaged in parallel, one process per core (`workers`; default: all cores).
    `notice` hears what builds but will not serve learners well (a figure too small on paper)."""
    if languages not in LANGUAGE_MODES:
        raise Problems().fail("--languages", None, f"unknown choice {languages!r}", f"use one of: {', '.join(LANGUAGE_MODES)}")
    chosen = resolve_targets(unique(targets))
    target_names = [t.name for t in chosen]
    units = load_units(units_dir, unique(unit_ids))
    check_identities(units_dir, units, out_dir)
    plans = [(unit, languages_for(unit, unique(langs))) for unit in units]
    check_names(units_dir, plans, chosen, languages)
    for unit in units:
        for note in dict.fromkeys(note for target in chosen for note in target.notes(unit)):
            notice(note)
    workers = workers or os.cpu_count() or 1
    built: list[Built] = []
    if workers > 1 and len(units) >= PARALLEL_FROM:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),))
        try:
            jobs = [pool.submit(_build_in_worker, unit, unit_langs, target_names, out_dir, languages) for unit, unit_langs in plans]
            for job in jobs:  # in submission order: the output reads the same every time
                for b in job.result():
                    progress(b)
                    built.append(b)
        except BaseException:
            # Ctrl-C, SIGTERM or a failure: nothing more is started, the workers stop now.
            workers_now = list((getattr(pool, "_processes", None) or {}).values())  # private, but no public way
            pool.shutdown(wait=False, cancel_futures=True)
            for process in workers_now:
                process.terminate()
            raise
        pool.shutdown()
    else:
        for unit, unit_langs in plans:
            for b in build_unit(unit, unit_langs, target_names, out_dir, languages):
                progress(b)
                built.append(b)
    return built
