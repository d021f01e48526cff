"""The `qser` command. Exit codes: 0 done, 1 problems in the units, 2 wrong usage."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .build import build as run_build
from .cli_common import fail, units_folder, units_option
from .cli_report import report
from .errors import Problem, UnitError
from .guard import GuardedGroup
from .loader import load_units
from .printable import printable
from .questiontypes import TYPES as QUESTION_TYPES
from .targets import all_targets

@click.group(cls=GuardedGroup)
@click.version_option(package_name="qser-builder")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The content project (a folder with units/). Default: the current folder or its nearest parent "
                   "with units/.")
def main(project) -> None:
    """Turn training units into SCORM and xAPI packages for an LMS."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        # SIGTERM ends qser like Ctrl-C: half-written zips (.part) and temp folders are removed.
        previous = signal.signal(signal.SIGTERM, _terminated)
        click.get_current_context().call_on_close(lambda: signal.signal(signal.SIGTERM, previous))


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder) -> None:
    """Create a content project: units/ with a starter unit, a README for authors, .gitignore."""
    from .project import init_project

    try:
        made = init_project(folder)
    except UnitError as e:
        fail(e, "nothing was written")
    click.echo(f"created {folder} ({len(made)} files): cd {folder} && qser build")


@main.group()
def new() -> None:
    """Print a ready-to-edit block for a source file."""


@new.command("question")
@click.argument("qtype", metavar="TYPE", type=click.Choice(list(QUESTION_TYPES)))
@click.option("--unit", "unit_id", default=None, help="Write the texts in this unit's languages. Default: the "
              "project's first unit, or en and de outside a project.")
@click.option("--id", "qid", default="new-question", show_default=True, help="The question's id.")
@units_option
def new_question(qtype, unit_id, qid, units_dir) -> None:
    """A question of TYPE for questions.yaml, in the unit's languages."""
    from .project import find_project, unit_languages
    from .snippets import question_snippet

    from .loader import SLUG

    for option, value in (("--id", qid), ("--unit", unit_id)):
        if value is not None and not SLUG.match(value):
            raise click.BadParameter(f"{printable(value)!r} is not an id: use lowercase ASCII letters, digits and "
                                     "single hyphens, e.g. team-roles", param_hint=option)
    languages = ["en", "de"]
    if unit_id or units_dir or find_project(Path.cwd()):
        languages = unit_languages(units_folder(units_dir), unit_id) or languages
    click.echo(question_snippet(qtype, languages, qid), nl=False)


@main.command()
@click.argument("unit", nargs=-1)
@units_option
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable). Default: all of the unit's.")
@click.option("--target", "targets", multiple=True, type=click.Choice(sorted(all_targets())),
              help="Only this package target (repeatable). Default: all.")
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Where the zips go. Default: the project's dist/.")
@click.option("--languages", "languages", type=click.Choice(["each", "bundle", "both"]), default="each",
              show_default=True, help="A package per language, one with every language (the learner's chosen "
                                      "when it opens), or both.")
def build(unit, units_dir, langs, targets, out_dir, languages) -> None:
    """Check the units, then build a zip per unit, language and target."""
    started = time.perf_counter()

    def progress(b) -> None:
        click.echo(f"wrote {printable(b.path)}  ({b.size / 1024:.1f} KiB, {b.files} files)")

    units_dir = units_folder(units_dir)
    out_dir = out_dir if out_dir is not None else units_dir.parent / "dist"
    try:
        built = run_build(units_dir, out_dir, list(unit) or None, list(langs) or None, list(targets) or None, progress,
                          languages=languages)
    except UnitError as e:
        fail(e)
    except OSError as e:
        where = printable(e.filename if e.filename else out_dir)
        click.echo(f"error: cannot write {where}: {printable(e.strerror or e)}; give --out a folder you can write "
                   "to (not a file, not inside a file)", err=True)
        sys.exit(1)
    units = len({b.unit for b in built})
    click.echo(f"built {len(built)} package{'s' if len(built) != 1 else ''} from {units} unit{'s' if units != 1 else ''} "
               f"in {time.perf_counter() - started:.2f} s")


@main.command()
@click.argument("unit", nargs=-1)
@units_option
def check(unit, units_dir) -> None:
    """Check the units' sources without building anything."""
    try:
        loaded = load_units(units_folder(units_dir), list(unit) or None)
    except UnitError as e:
        fail(e)
    for u in loaded:
        click.echo(f"ok  {u.id} {u.version}: {len(u.pages)} pages, {len(u.questions)} questions "
                   f"({len(u.scored_questions)} scored), languages {', '.join(u.languages)}")


main.add_command(report)


@main.command()
@click.argument("packages", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--schemas", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the XSDs of the packages' SCORM edition (1.2 or 2004 4th edition). "
                   "Default: the ones qser carries for each edition.")
def validate(packages, schemas) -> None:
    """Check package zips (built here or elsewhere) before they go to an LMS."""
    from .validate import validate_package

    import stat

    failed = 0
    for path in packages:
        shown = printable(path)
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would hang the read
            failed += 1
            click.echo(f"{shown}: is not a regular file\n  fix: name a package zip", err=True)
            continue
        report = validate_package(path, schemas)
        for note in report.notes:
            click.echo(f"{shown}: note: {printable(note)}", err=True)
        if report.problems:
            failed += 1
            click.echo("\n".join(str(p) for p in report.problems), err=True)
            click.echo(f"{shown}: {len(report.problems)} problem(s) ({report.kind})", err=True)
        else:
            click.echo(f"ok  {shown} ({report.kind}, {report.files} files, {path.stat().st_size / 1024:.1f} KiB)")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("unit", required=False)
@units_option
@click.option("--lang", default=None, help="Language to preview. Default: the unit's first.")
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1 (0 picks a free one).")
def preview(unit, units_dir, lang, port) -> None:
    """Build the html target and serve it on 127.0.0.1 until Ctrl-C."""
    from .serve import preview as serve

    units_dir = units_folder(units_dir)
    try:
        chosen = load_units(units_dir, [unit] if unit else None)[0]
        if lang and lang not in chosen.languages:
            raise UnitError([Problem("--lang", None, f"unit '{chosen.id}' has no language {printable(lang)!r}",
                                     f"its languages are: {', '.join(chosen.languages)}")])
        serve(units_dir, chosen.id, lang or chosen.languages[0], port, click.echo)
    except UnitError as e:
        fail(e, "nothing is served")
