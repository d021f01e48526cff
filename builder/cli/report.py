"""`qser report`: trainers' report from an LRS or from a Moodle report download.

Its options are checked here, before anything is asked of an LRS: a time that is no time or a
registration that is no UUID is a usage error (exit 2) that says what to give, not an LRS's 422.
"""

from __future__ import annotations

import re
import sys
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import click

from ..errors import UnitError
from ..load.loader import load_units
from ..printable import printable
from .common import units_folder, units_option

FORMATS = ["table", "csv", "html", "json", "workshop"]
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


@click.command()
@click.option("--endpoint", envvar="QSER_LRS_ENDPOINT", help="The LRS's xAPI address, e.g. https://lrs.example.org/xAPI/ (or QSER_LRS_ENDPOINT).")
@click.option("--user", envvar="QSER_LRS_USER", help="LRS key / user (or QSER_LRS_USER).")
@click.option("--password", envvar="QSER_LRS_PASSWORD", show_envvar=True,
              help="LRS secret (better as QSER_LRS_PASSWORD: options show in the process list).")
@click.option("--moodle", "moodle_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Instead of the LRS: a file downloaded from a Moodle SCORM activity's Reports (Basic or "
                   "Interactions report; text .txt, ODS or Excel .xlsx). Needs --unit as a unit id.")
@click.option("--unit", "unit_ref", required=True,
              help="Unit id (from --units) or the unit's activity IRI. A unit id also gives right answers and "
                   "explanations.")
@units_option
@click.option("--registration", default=None, help="Only this registration (attempt): a UUID. LRS only.")
@click.option("--since", default=None,
              help="Only statements stored since this time: ISO 8601 with a time zone, e.g. 2026-11-01T00:00:00Z, "
                   "or a date (from 00:00 UTC). LRS only.")
@click.option("--until", default=None, help="Only statements stored until this time (as --since). LRS only.")
@click.option("--lang", default=None,
              help="Language of the report's words (en, de, fr) and of question texts. Default: the package's "
                   "language for a Moodle download, the unit's first language for the LRS.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="workshop: one printable page (A4) for the session: the summary, the questions most often "
                   "missed, every reflection.")
@click.option("--anonymous", is_flag=True, help="Names become Learner 1…n, numbered in the order they began.")
@click.option("--include-not-attempted", "everyone", is_flag=True,
              help="Count people without an attempt as learners too (Moodle lists everyone who may take the "
                   "activity, teachers included); by default they are listed apart and left out of the numbers.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of to the terminal.")
def report(endpoint, user, password, moodle_file, unit_ref, units_dir, registration, since, until, lang, fmt,
           anonymous, everyone, output) -> None:
    """Trainers' report from the LRS, or from a Moodle report download: a summary, completion, results
    and every answer; or the workshop sheet."""
    lang = _language(lang)
    if moodle_file is not None:
        given = [name for name, value in (("--registration", registration), ("--since", since), ("--until", until))
                 if value is not None]
        if given:
            raise click.UsageError(f"{', '.join(given)} select statements in an LRS; a Moodle download has what Moodle "
                                   "exported: leave {} out, or download the report again in Moodle".format(
                                       "it" if len(given) == 1 else "them"))
        result = _moodle_report(moodle_file, unit_ref, units_dir, lang)
    else:
        registration = _registration(registration)
        since, until = _time(since, "--since"), _time(until, "--until")
        if since and until and since >= until:
            raise click.UsageError(f"--since {since} is not before --until {until}: nothing can be in between; "
                                   "swap them or widen the window")
        result = _lrs_report(endpoint, user, password, unit_ref, units_dir, registration, since, until, lang)
    from ..report.summary import anonymize, settle

    settle(result, everyone)
    if anonymous:
        anonymize(result)
    _write_report(result, fmt, output)


def _language(lang: str | None) -> str | None:
    """The report language as its primary subtag (de-AT -> de); a notice when the report has no words in it."""
    from ..report.texts import TEXTS, has_texts

    if lang is None:
        return None
    if not LANGUAGE.fullmatch(lang):
        raise click.UsageError(f"--lang {printable(lang)!r} is not a language code; give one like "
                               f"{', '.join(TEXTS)}")
    lang = lang.split("-")[0].lower()
    if not has_texts(lang):
        click.echo(f"note: the report has no words in {lang!r} (it has {', '.join(TEXTS)}): its headings are in "
                   f"English; question and answer texts are in {lang!r} where the source has them", err=True)
    return lang


def _registration(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", value.strip()):
        raise click.UsageError(f"--registration {printable(value)!r} is not a registration: xAPI registrations are "
                               f"UUIDs like {uuid.UUID(int=0x3f2b8c1d5e6a4b7c9d0e1f2a3b4c5d6e)} (the LMS makes one "
                               "per attempt; the LRS shows it in each statement's context)")
    return value.strip().lower()


def _time(value: str | None, option: str) -> str | None:
    """An ISO 8601 time with a zone (or a date: from 00:00 UTC) as UTC in the form every LRS reads."""
    if value is None:
        return None
    text = value.strip()
    example = "give an ISO 8601 time with a time zone, e.g. 2026-11-01T08:00:00Z or 2026-11-01T09:00:00+01:00, or a date"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            moment = datetime.combine(date.fromisoformat(text), datetime.min.time(), timezone.utc)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.UsageError(f"{option} {printable(value)!r} is not a date or time; {example}") from None
    if moment.tzinfo is None:
        raise click.UsageError(f"{option} {printable(value)!r} has no time zone, so it means a different moment to "
                               f"the LRS than to you; add Z (UTC) or an offset like +01:00")
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + (f".{moment.microsecond:06d}" if moment.microsecond else "") + "Z"


def _load_unit(unit_ref: str, units_dir: Path | None):
    try:
        return load_units(units_folder(units_dir), [unit_ref])[0]
    except UnitError as e:
        click.echo(f"{e}\nunknown unit {printable(unit_ref)!r}: give a unit id from {units_dir or 'units'}/ or the unit's "
                   "activity IRI", err=True)
        sys.exit(1)


def _moodle_report(path: Path, unit_ref: str, units_dir: Path | None, lang: str | None):
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
    unit = None
    if unit_ref.startswith(("http://", "https://")):
        iri = unit_ref.rstrip("/")
    else:
        unit = _load_unit(unit_ref, units_dir)
        iri = unit.xapi_base.rstrip("/")
    lang = lang or (unit.languages[0] if unit else "en")
    try:
        statements = StatementReader(endpoint, user, password).statements(iri, registration, since, until)
        result = build_report(statements, iri, lang, unit=unit)
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
    from ..report.formats import as_csv, as_html, as_json, as_table, as_workshop

    content = {"table": lambda: as_table(result).encode("utf-8"), "csv": lambda: as_csv(result),
               "html": lambda: as_html(result).encode("utf-8"), "json": lambda: as_json(result).encode("utf-8"),
               "workshop": lambda: as_workshop(result).encode("utf-8")}[fmt]()
    if output:
        from ..targets.zipper import write_file

        try:
            write_file(output, content)
        except OSError as e:
            click.echo(f"error: cannot write --output {printable(output)}: {printable(e.strerror or e)}; "
                       "give a file path in a folder you can write to", err=True)
            sys.exit(1)
        n, q, s = len(result.learners), len(result.questions), result.statements
        what = f"{s} row{'s' * (s != 1)}" if result.source else f"{s} statement{'s' * (s != 1)}"
        click.echo(f"wrote {printable(output)} ({n} learner{'s' * (n != 1)}, {q} question{'s' * (q != 1)}, "
                   f"{what})", err=True)
    else:
        text = content.decode("utf-8-sig").replace("\r\n", "\n")
        click.echo(printable(text, keep_newlines=True), nl=False)
