"""The `qser` command. Exit codes: 0 done, 1 problems in the units, 2 wrong usage."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from .build import build as run_build
from .errors import Problem, UnitError
from .guard import GuardedGroup
from .printable import printable
from .loader import load_units
from .questiontypes import TYPES as QUESTION_TYPES
from .targets import all_targets

units_option = click.option("--units", "units_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
                            help="Folder holding the units. Default: the project's units/.")


def _project() -> Path:
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


def _units(units_dir: Path | None) -> Path:
    return units_dir if units_dir is not None else _project() / "units"


def _fail(error: UnitError, outcome: str = "nothing was built") -> None:
    n = len(error.problems)
    click.echo(str(error), err=True)
    click.echo(f"{n} problem{'s' if n != 1 else ''} found; {outcome}.", err=True)
    sys.exit(1)


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
        _fail(e, "nothing was written")
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
        languages = unit_languages(_units(units_dir), unit_id) or languages
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

    units_dir = _units(units_dir)
    out_dir = out_dir if out_dir is not None else units_dir.parent / "dist"
    try:
        built = run_build(units_dir, out_dir, list(unit) or None, list(langs) or None, list(targets) or None, progress,
                          languages=languages)
    except UnitError as e:
        _fail(e)
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
        loaded = load_units(_units(units_dir), list(unit) or None)
    except UnitError as e:
        _fail(e)
    for u in loaded:
        click.echo(f"ok  {u.id} {u.version}: {len(u.pages)} pages, {len(u.questions)} questions "
                   f"({len(u.scored_questions)} scored), languages {', '.join(u.languages)}")


@main.command()
@click.option("--endpoint", envvar="QSER_LRS_ENDPOINT", help="The LRS's xAPI address, e.g. https://lrs.example.org/xAPI/ (or QSER_LRS_ENDPOINT).")
@click.option("--user", envvar="QSER_LRS_USER", help="LRS key / user (or QSER_LRS_USER).")
@click.option("--password", envvar="QSER_LRS_PASSWORD", show_envvar=True,
              help="LRS secret (better as QSER_LRS_PASSWORD: options show in the process list).")
@click.option("--moodle", "moodle_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Instead of the LRS: a file downloaded from a Moodle SCORM activity's Reports (Basic or "
                   "Interactions report; text .txt, ODS or Excel .xlsx). Needs --unit as a unit id.")
@click.option("--unit", "unit_ref", required=True, help="Unit id (from --units) or the unit's activity IRI.")
@units_option
@click.option("--registration", default=None, help="Only this registration (attempt).")
@click.option("--since", default=None, help="Only statements stored since this ISO 8601 time, e.g. 2026-11-01T00:00:00Z.")
@click.option("--until", default=None, help="Only statements stored until this ISO 8601 time.")
@click.option("--lang", default="en", show_default=True, help="Language of the report and of question texts.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "html", "json"]), default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of to the terminal.")
def report(endpoint, user, password, moodle_file, unit_ref, units_dir, registration, since, until, lang, fmt,
           output) -> None:
    """Trainers' report from the LRS, or from a Moodle report download: completion, results and every answer."""
    if moodle_file is not None:
        result = _moodle_report(moodle_file, unit_ref, units_dir, lang)
    else:
        result = _lrs_report(endpoint, user, password, unit_ref, units_dir, registration, since, until, lang)
    _write_report(result, fmt, output)


def _load_unit(unit_ref: str, units_dir: Path | None):
    try:
        return load_units(_units(units_dir), [unit_ref])[0]
    except UnitError as e:
        click.echo(f"{e}\nunknown unit {printable(unit_ref)!r}: give a unit id from {units_dir or 'units'}/ or the unit's "
                   "activity IRI", err=True)
        sys.exit(1)


def _moodle_report(path: Path, unit_ref: str, units_dir: Path | None, lang: str):
    from .moodle import MoodleFileError
    from .moodle_report import build_moodle_report

    if unit_ref.startswith(("http://", "https://")):
        raise click.UsageError("with --moodle, --unit is a unit id from units/ (its sources turn letters into "
                               "words), not an IRI")
    unit = _load_unit(unit_ref, units_dir)
    try:
        return build_moodle_report(path, unit, lang)
    except MoodleFileError as e:
        click.echo(f"error: {printable(e)}", err=True)
        sys.exit(1)


def _lrs_report(endpoint, user, password, unit_ref, units_dir, registration, since, until, lang):
    from .lrs import LRSError, StatementReader
    from .report import build_report

    for value, option in ((endpoint, "--endpoint"), (user, "--user"), (password, "--password")):
        if not value:
            raise click.UsageError(f"Missing option '{option}' (or give a Moodle download with --moodle FILE).")
    order = None
    if unit_ref.startswith(("http://", "https://")):
        iri = unit_ref.rstrip("/")
    else:
        unit = _load_unit(unit_ref, units_dir)
        iri, order = unit.xapi_base, list(unit.questions)
    try:
        statements = StatementReader(endpoint, user, password).statements(iri, registration, since, until)
        result = build_report(statements, iri, lang, order)
    except LRSError as e:
        click.echo(f"error: {printable(e)}", err=True)
        sys.exit(1)
    if not result.statements:
        click.echo(printable(f"error: the LRS has no statements for {iri}"
                             f"{' in registration ' + registration if registration else ''}"
                             f"{' since ' + since if since else ''}{' until ' + until if until else ''}; ") +
                   "check --unit (the activity id in tincan.xml), --registration and the time window", err=True)
        sys.exit(1)
    return result


def _write_report(result, fmt: str, output: Path | None) -> None:
    from .report_formats import as_csv, as_html, as_json, as_table

    content = {"table": lambda: as_table(result).encode("utf-8"), "csv": lambda: as_csv(result),
               "html": lambda: as_html(result).encode("utf-8"), "json": lambda: as_json(result).encode("utf-8")}[fmt]()
    if output:
        from .zipper import write_file

        try:
            write_file(output, content)
        except OSError as e:
            click.echo(f"error: cannot write --output {printable(output)}: {printable(e.strerror or e)}; "
                       "give a file path in a folder you can write to", err=True)
            sys.exit(1)
        what = f"{result.statements} rows" if result.source else f"{result.statements} statements"
        click.echo(f"wrote {printable(output)} ({len(result.learners)} learners, {len(result.questions)} questions, "
                   f"{what})", err=True)
    else:
        text = content.decode("utf-8-sig").replace("\r\n", "\n")
        click.echo(printable(text, keep_newlines=True), nl=False)


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

    units_dir = _units(units_dir)
    try:
        chosen = load_units(units_dir, [unit] if unit else None)[0]
        if lang and lang not in chosen.languages:
            raise UnitError([Problem("--lang", None, f"unit '{chosen.id}' has no language {printable(lang)!r}",
                                     f"its languages are: {', '.join(chosen.languages)}")])
        serve(units_dir, chosen.id, lang or chosen.languages[0], port, click.echo)
    except UnitError as e:
        _fail(e, "nothing is served")
