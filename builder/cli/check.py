"""`qser check`: load every unit as a build would, and say what is wrong where, without writing anything."""

from __future__ import annotations

import click

from ..errors import UnitError
from ..load.identity import check_identities
from ..load.loader import load_units
from ..printable import counted
from ..render.paper import print_notes
from .common import fail, note_folders_without_unit, units_folder, units_option


@click.command()
@click.argument("unit", nargs=-1)
@units_option
def check(unit, units_dir) -> None:
    """Check the units' sources without building anything."""
    folder = units_folder(units_dir)
    note_folders_without_unit(folder, unit)
    try:
        loaded = load_units(folder, list(unit) or None)
        check_identities(folder, loaded, folder.parent / "dist")
    except UnitError as e:
        fail(e)
    for u in loaded:
        click.echo(f"ok  {u.id} {u.version}: {counted(len(u.pages), 'page')}, {counted(len(u.questions), 'question')} "
                   f"({len(u.scored_questions)} scored), languages {', '.join(u.languages)}")
        for note in print_notes(u):  # not a problem: the unit builds, but paper cannot carry all of it
            click.echo(f"note: {note}")
