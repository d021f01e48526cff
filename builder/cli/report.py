"""`qser report`: trainers' report from an LRS or from a Moodle report download."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UnitError
from ..load.loader import load_units
from ..printable import printable
from .common import units_folder, units_option


@click.command()
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
        return load_units(units_folder(units_dir), [unit_ref])[0]
    except UnitError as e:
        click.echo(f"{e}\nunknown unit {printable(unit_ref)!r}: give a unit id from {units_dir or 'units'}/ or the unit's "
                   "activity IRI", err=True)
        sys.exit(1)


def _moodle_report(path: Path, unit_ref: str, units_dir: Path | None, lang: str):
    from ..report.from_moodle import build_moodle_report
    from ..report.moodle_downloads import MoodleFileError

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
    from ..report.from_lrs import build_report
    from ..report.lrs import LRSError, StatementReader

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
    from ..report.formats import as_csv, as_html, as_json, as_table

    content = {"table": lambda: as_table(result).encode("utf-8"), "csv": lambda: as_csv(result),
               "html": lambda: as_html(result).encode("utf-8"), "json": lambda: as_json(result).encode("utf-8")}[fmt]()
    if output:
        from ..targets.zipper import write_file

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
