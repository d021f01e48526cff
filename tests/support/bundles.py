"""Bundles as the browser tests open them: the seed unit's (every target) and the three-language fixture's."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.build import build
from builder.cli import main
from tests.conftest import PACKAGES, SEED, UNITS

TRIO = Path(__file__).parent.parent / "fixtures" / "trio"


def unpack(built, root: Path) -> dict[str, Path]:
    folders = {}
    for b in built:
        if not zipfile.is_zipfile(b.path):  # a Moodle backup of the scorm12 bundle: tests/targets/test_moodle_backup.py
            continue
        folders[b.target] = root / b.target
        with zipfile.ZipFile(b.path) as zf:
            zf.extractall(folders[b.target])
    return folders


@pytest.fixture(scope="session")
def bundles(tmp_path_factory):
    """The seed unit as bundles, one per target, unzipped: target -> folder."""
    out = tmp_path_factory.mktemp("bundles")
    return unpack(build(UNITS, out / "dist", [SEED], languages="bundle", targets=PACKAGES), out)


@pytest.fixture(scope="session")
def trio(tmp_path_factory):
    """The three-language fixture, built by the CLI as bundles: target -> folder."""
    root = tmp_path_factory.mktemp("trio")
    shutil.copytree(TRIO, root / "units" / "trio")
    targets = [arg for name in PACKAGES for arg in ("--target", name)]
    result = CliRunner().invoke(main, ["build", "--units", str(root / "units"), "--out", str(root / "dist"),
                                       "--languages", "bundle", *targets])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "dist").glob("*.zip")) == [
        "trio-en+de+fr-0.1.0-cmi5.zip", "trio-en+de+fr-0.1.0-html.zip", "trio-en+de+fr-0.1.0-scorm12.zip",
        "trio-en+de+fr-0.1.0-scorm2004.zip", "trio-en+de+fr-0.1.0-xapi.zip"]
    folders = {}
    for target in ("html", "scorm12", "xapi"):
        folders[target] = root / target
        with zipfile.ZipFile(root / "dist" / f"trio-en+de+fr-0.1.0-{target}.zip") as zf:
            zf.extractall(folders[target])
    return folders
