"""What the benchmark sections share: the seed unit, the table row, a package unzipped, a browser."""

from __future__ import annotations

import zipfile
from pathlib import Path

from builder import TOOL_ROOT
from builder.build import build
from builder.targets import Target, all_targets

SEED = "becoming-a-mentor"
UNITS = TOOL_ROOT / "units"

#: The targets whose output is a player zip (not a PDF, not a Moodle backup of other zips).
ZIP_TARGETS = [name for name, target in all_targets().items() if type(target).outputs is Target.outputs]


def row(name: str, value: str) -> None:
    print(f"| {name:<58} | {value:>22} |")


def _unpacked(tmp: str, units: Path, unit_id: str, lang: str, target: str) -> Path:
    """Build one package and unzip it, as an LMS stores it."""
    built = build(units, Path(tmp) / "dist", [unit_id], [lang], [target])
    folder = Path(tmp) / f"{unit_id}-{lang}-{target}"
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(folder)
    return folder


def _browser():
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    manager = sync_playwright().start()
    return manager, manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
