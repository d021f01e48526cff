"""The last resort: an exception nobody expected becomes one line and exit code 3, never a traceback.

The details go to a log file whose path the line names. The test suite fails any test in which
this fired (tests/conftest.py), so the guard never hides a bug there: every known failure has a
message of its own.
"""

from __future__ import annotations

import datetime
import os
import tempfile
import traceback
from pathlib import Path

import click

EXIT_CODE = 3
FIRED: list[str] = []  # log files written in this process; the test suite checks this stays empty


def crash_dir() -> Path:
    return Path(os.environ.get("QSER_CRASH_DIR") or tempfile.gettempdir())


def report_crash(error: BaseException) -> str:
    """Write the traceback to a log file; return the one line to show."""
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    where = "(no log could be written)"
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"qser-crash-{stamp}-", suffix=".log", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as log:
            log.write(text)
        where = name
    except OSError:
        pass
    FIRED.append(where)
    return (f"internal error: qser failed unexpectedly ({type(error).__name__}); nothing half-written was kept. "
            f"Details: {where} - please report it with that file")


class GuardedGroup(click.Group):
    """A click group whose commands never end in a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                SystemExit, KeyboardInterrupt, GeneratorExit):
            raise
        except BrokenPipeError:
            ctx.exit(1)  # `qser report | head`: the reader left, nothing to say
        except RecursionError as e:
            click.echo(report_crash(e), err=True)
            ctx.exit(EXIT_CODE)
        except Exception as e:  # noqa: BLE001  the whole point of this class
            click.echo(report_crash(e), err=True)
            ctx.exit(EXIT_CODE)
