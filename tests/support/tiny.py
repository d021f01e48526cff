"""The valid unit in tests/fixtures/tiny, a copy of it with one thing broken, a run inside tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
