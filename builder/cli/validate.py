"""`qser validate`: check package zips and Moodle backups, built here or elsewhere, before they go to an LMS."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import click

from ..printable import printable
from ..targets.validate import validate_package


@click.command()
@click.argument("packages", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--schemas", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the XSDs of the packages' SCORM edition (1.2 or 2004 4th edition). "
                   "Default: the ones qser carries for each edition.")
def validate(packages, schemas) -> None:
    """Check package zips and Moodle backups (.mbz), built here or elsewhere, before they go to an LMS."""
    failed = 0
    for path in packages:
        shown = printable(path)
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would hang the read
            failed += 1
            click.echo(f"{shown}: is not a regular file\n  fix: name a package zip or a Moodle backup", err=True)
            continue
        report = validate_package(path, schemas)
        for note in report.notes:
            click.echo(f"{shown}: note: {printable(note)}", err=True)
        if report.problems:
            failed += 1
            click.echo("\n".join(str(p) for p in report.problems), err=True)
            n = len(report.problems)
            click.echo(f"{shown}: {n} problem{'s' if n != 1 else ''} ({printable(report.kind)})", err=True)
        else:
            click.echo(f"ok  {shown} ({printable(report.kind)}, {report.files} files, {path.stat().st_size / 1024:.1f} KiB)")
    sys.exit(1 if failed else 0)
