"""Issue 11: the command line under hostile conditions: package names that collide, outputs that
cannot be written, damaged zips for `qser validate`, preview ports and signals, the last-resort
guard, pool workers outliving a killed qser. Each asserts what the user sees: the message, the
exit code, what was (not) written."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from tests.support.tiny import edit, qser, unit  # noqa: F401  (unit: fixture)

# ---- names that collide, outputs that cannot be written ----

def test_two_units_whose_package_names_coincide_are_refused(unit):
    twin = unit.parent / "tiny-en"
    shutil.copytree(unit, twin)
    edit(twin / "unit.yaml", "id: tiny", "id: tiny-en")
    edit(twin / "unit.yaml", "units/tiny", "units/tiny-en")
    edit(twin / "unit.yaml", "version: 0.1.0", 'version: "1"')
    edit(unit / "unit.yaml", "version: 0.1.0", "version: de-1")
    result = qser("build", "--target", "html")
    assert result.exit_code == 1
    assert "units/tiny/unit.yaml: its de package would be named tiny-en-de-1-html.zip, like the de package of " \
           "unit 'tiny-en'" in result.output or "like the en package of unit 'tiny'" in result.output
    assert not Path("dist").exists()


def test_a_repeated_lang_builds_once(unit):
    result = qser("build", "--lang", "en", "--lang", "en", "--target", "html", "--target", "html")
    assert result.exit_code == 0, result.output
    assert result.output.count("wrote ") == 1


def test_out_that_is_a_file_is_explained(unit):
    Path("taken").write_text("not a folder")
    result = qser("build", "--out", "taken/dist")
    assert result.exit_code == 1
    assert "error: cannot write taken" in result.output and "give --out a folder you can write to" in result.output
    assert Path("taken").read_text() == "not a folder"


# ---- qser validate on damaged zips ----

def _zip(path: Path, entries: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, "/etc/passwd")
    return path


def test_validate_names_damaged_entries_and_goes_on(tmp_path):
    good = _zip(tmp_path / "good.zip", {"index.html": b"<html></html>"})
    crc = _zip(tmp_path / "crc.zip", {"index.html": b"<html>" + b"x" * 4000 + b"</html>"})
    data = bytearray(crc.read_bytes())
    at = data.index(b"index.html", 30) + len("index.html") + 10  # inside the first entry's deflated data
    data[at] ^= 0xFF
    crc.write_bytes(bytes(data))
    encrypted = _zip(tmp_path / "encrypted.zip", {"index.html": b"<html></html>"})
    raw = bytearray(encrypted.read_bytes())
    raw[6] |= 1  # the 'encrypted' flag in the local header
    central = raw.index(b"PK\x01\x02")
    raw[central + 8] |= 1  # and in the central directory
    encrypted.write_bytes(bytes(raw))
    linked = _zip(tmp_path / "linked.zip", {"index.html": b"<html></html>"}, symlink="media/passwd")
    result = CliRunner().invoke(main, ["validate", str(crc), str(encrypted), str(linked), str(good)])
    assert result.exit_code == 1
    assert "crc.zip:index.html: cannot be unpacked (" in result.output
    assert "encrypted.zip:index.html: is encrypted; an LMS cannot unpack it" in result.output
    assert "linked.zip:media/passwd: is a symbolic link" in result.output
    assert f"ok  {good}" in result.output  # the zips after a broken one are still checked


def test_validate_a_pipe_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "p.zip")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "p.zip")])
    assert result.exit_code == 1 and "p.zip: is not a regular file" in result.output


# ---- qser preview ----

def test_preview_port_in_use_suggests_another(unit):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = qser("preview", "--port", str(port))
    assert result.exit_code == 1
    assert f"--port: port {port} on 127.0.0.1 is in use" in result.output and "pick another port: --port " in result.output


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_preview_port_out_of_range(unit, port):
    result = qser("preview", "--port", port)
    assert result.exit_code == 1 and f"--port: port {port} is not from 0 to 65535" in result.output


def _qser_process(tmp: Path, *args, env=None):
    return subprocess.Popen([sys.executable, "-m", "builder", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp, env={**os.environ, "TMPDIR": str(tmp / "tmp"),
                                                     "PYTHONPATH": str(Path(__file__).parents[2]), **(env or {})})


def test_preview_listens_on_localhost_only_and_cleans_up_on_sigterm(unit):
    project = unit.parent.parent
    (project / "tmp").mkdir()
    process = _qser_process(project, "preview", "--port", "0")
    line = process.stdout.readline()
    assert line.startswith("previewing tiny (en) at http://127.0.0.1:"), line + process.stderr.read()
    assert list((project / "tmp").iterdir())  # its temp folder exists while it serves
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 128 + signal.SIGTERM
    assert list((project / "tmp").iterdir()) == []
    assert "Traceback" not in process.stderr.read()


def test_sigterm_while_writing_leaves_no_part_file(tmp_path):
    code = ("import os, signal, sys, time\nfrom pathlib import Path\nfrom builder.cli import _terminated\n"
            "from builder.targets.zipper import _atomic\nsignal.signal(signal.SIGTERM, _terminated)\n"
            "def write(raw):\n    raw.write(b'x' * 1000)\n    os.kill(os.getpid(), signal.SIGTERM)\n    time.sleep(10)\n"
            "_atomic(Path(sys.argv[1]) / 'a.zip', write)\n")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=30,
                         cwd=Path(__file__).parents[2])
    assert run.returncode == 143, run.stderr
    assert list(tmp_path.iterdir()) == []


# ---- the last-resort guard ----

def test_guard_turns_an_unexpected_exception_into_one_line_and_exit_3(unit, monkeypatch, tmp_path):
    from builder import guard
    from builder.load import loader

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(loader._UnitLoader, "load", broken)
    monkeypatch.setenv("QSER_CRASH_DIR", str(tmp_path / "logs"))
    before = len(guard.FIRED)
    result = qser("check")
    fired = guard.FIRED[before:]
    del guard.FIRED[before:]  # this test wants the guard to fire: the autouse check must not see it
    assert result.exit_code == 3
    lines = result.output.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("internal error: qser failed unexpectedly (ZeroDivisionError)")
    assert "Traceback" not in result.output
    log = Path(fired[0])
    assert str(log) in lines[0] and "ZeroDivisionError: a bug" in log.read_text()


def test_zip_entry_names_reach_the_terminal_escaped(tmp_path):
    bad = _zip(tmp_path / "names.zip", {"index.html": b'<img src="x\x1b]0;owned\x07.png">',
                                        "\x1b[31mred\nforged line.txt": b""})
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\nforged line" not in result.output
    assert "\\e[31mred\\nforged line.txt" in result.output or "x\\e]0;owned\\x07.png" in result.output


def test_pool_workers_end_with_the_main_process(unit):
    """Eight units build in worker processes; killing qser (SIGKILL: it cannot clean up) stops
    them all, and they remove what they were writing."""
    project = unit.parent.parent
    for n in range(8):
        twin = unit.parent / f"tiny{n}"
        shutil.copytree(unit, twin)
        edit(twin / "unit.yaml", "id: tiny", f"id: tiny{n}")
        edit(twin / "unit.yaml", "units/tiny", f"units/tiny{n}")
    process = _qser_process(project, "build")
    children: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(children) < 2:
        for task in Path(f"/proc/{process.pid}/task").glob("*/children"):
            children.update(int(c) for c in task.read_text().split())
        time.sleep(0.01)
    assert children, "no worker processes were started"
    process.kill()
    process.wait(timeout=30)

    def alive():
        return [pid for pid in children if Path(f"/proc/{pid}").exists()
                and "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]]

    deadline = time.monotonic() + 15  # a loaded machine may take a while to deliver and run the signal
    while alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive() == [], [Path(f"/proc/{pid}/cmdline").read_bytes() + Path(f"/proc/{pid}/status").read_bytes()[:300]
                           for pid in alive()]
    assert not list((project / "dist").glob(".*.part")) if (project / "dist").exists() else True
