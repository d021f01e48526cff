"""Deterministic zips, written whole or not at all."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

# A fixed timestamp: the same sources give byte-identical zips, whatever the clock says.
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def _atomic(path: Path, write) -> int:
    """Write through a temporary file renamed into place: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            write(raw)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path.stat().st_size


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """`files` as a zip: sorted names, a fixed time and mode, so the same files give the same bytes."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so permissions read the same everywhere
            zf.writestr(info, files[name], compresslevel=9)
    return raw.getvalue()


def write_zip(path: Path, files: dict[str, bytes]) -> int:
    """Write `files` to the zip `path`; returns its size in bytes."""
    return write_file(path, zip_bytes(files))


def write_file(path: Path, content: bytes) -> int:
    return _atomic(path, lambda raw: raw.write(content))
