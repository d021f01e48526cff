"""The `qser` command. Exit codes: 0 done, 1 problems in the units, 2 wrong usage, 3 an internal error.

One module per verb (build, check, preview, validate, report, init, new); this module is the group.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import guide
from ..guard import GuardedGroup
from .build import build
from .check import check
from .init import init
from .new import new
from .preview import preview
from .report import report
from .validate import validate


@click.group(cls=GuardedGroup, epilog=f"\b\nGuides (installed with qser):\nwriting a unit {guide('authoring.md')};\n"
             f"all guides in {guide('')}")
@click.version_option(package_name="qser-builder")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The content project (a folder with units/). Default: the current folder or its nearest parent "
                   "with units/.")
def main(project) -> None:
    """Turn training units into SCORM 1.2, SCORM 2004, xAPI, cmi5 and HTML packages for an LMS."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        # SIGTERM ends qser like Ctrl-C: half-written zips (.part) and temp folders are removed.
        previous = signal.signal(signal.SIGTERM, _terminated)
        click.get_current_context().call_on_close(lambda: signal.signal(signal.SIGTERM, previous))


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)


for command in (init, new, build, check, report, validate, preview):
    main.add_command(command)
