"""`qser build`: check the units, then write a zip per unit, language and target into dist/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..build import build as run_build
from ..errors import UnitError
from ..printable import printable
from ..targets import all_targets
from .common import fail, note_folders_without_unit, units_folder, units_option


@click.command()
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
    """Check the units, then build a zip per unit, language and target (moodle: backups per unit)."""
    started = time.perf_counter()

    def progress(b) -> None:
        files = f", {b.files} files" if b.files is not None else ""
        click.echo(f"wrote {printable(b.path)}  ({b.size / 1024:.1f} KiB{files})")
        for path, size in b.also:
            click.echo(f"wrote {printable(path)}  ({size / 1024:.1f} KiB)")

    units_dir = units_folder(units_dir)
    note_folders_without_unit(units_dir, unit)
    out_dir = out_dir if out_dir is not None else units_dir.parent / "dist"
    try:
        built = run_build(units_dir, out_dir, list(unit) or None, list(langs) or None, list(targets) or None, progress,
                          languages=languages, notice=lambda note: click.echo(f"note: {note}"))
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
