"""The one error type authors see: where, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .printable import printable


@dataclass(frozen=True)
class Problem:
    file: Path | str
    line: int | None
    what: str
    fix: str

    def __str__(self) -> str:
        """Two lines whatever the values quoted in them hold: control characters are escaped."""
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{printable(where)}: {printable(self.what)}\n  fix: {printable(self.fix)}"


class UnitError(Exception):
    """One or more problems in a unit's sources; nothing is built."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems so an author sees all of them in one run, not one per run."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file, line, what: str, fix: str) -> None:
        self.items.append(Problem(display_path(file), line, what, fix))

    def fail(self, file, line, what: str, fix: str) -> UnitError:
        """Record a problem that stops loading now; raise what this returns."""
        self.add(file, line, what, fix)
        return UnitError(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise UnitError(self.items)


def display_path(path) -> str:
    """Paths relative to the working directory read best in a terminal."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def brief(value, width: int = 60) -> str:
    """A value as a message may quote it: a short repr, never the whole of a YAML alias bomb."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, str):
        text = repr(value[: width + 1])
        return text if len(value) <= width else text[:-1] + "…" + text[-1]
    text = repr(value)
    return text if len(text) <= width else text[:width] + "…"
