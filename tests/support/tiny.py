"""The valid unit in tests/fixtures/tiny: a copy of it with one thing broken, a run inside tmp_path,
a fresh project holding it (`unit`), and qser run there in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main

TINY = Path(__file__).parent.parent / "fixtures" / "tiny"


def broken_unit(tmp_path: Path, file: str, old: str, new: str) -> Path:
    units = tmp_path / "units"
    shutil.copytree(TINY, units / "tiny")
    path = units / "tiny" / file
    text = path.read_text("utf-8")
    assert old in text, f"fixture text {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return units


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def unit(tmp_path, monkeypatch):
    """A copy of the tiny unit in units/tiny of a fresh project; the cwd is that project."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, tmp_path / "units" / "tiny")
    return tmp_path / "units" / "tiny"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def qser(*args):
    return CliRunner().invoke(main, list(args))
