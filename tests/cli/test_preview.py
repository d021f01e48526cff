"""`qser preview` as an author uses it: edit a file, and the page in the browser shows the change."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"
ROOT = Path(__file__).parents[2]


class Preview:
    """`qser preview` in a process of its own, its output read line by line as it comes."""

    def __init__(self, project: Path):
        (project / "tmp").mkdir()
        self.tmp = project / "tmp"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "builder", "preview", "tiny", "--port", "0"], cwd=project, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "TMPDIR": str(self.tmp), "PYTHONPATH": str(ROOT)})
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        first = self.wait_for("previewing tiny (en) at ")
        self.url = first.split(" at ", 1)[1].strip()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, start: str, timeout: float = 20) -> str:
        deadline, seen = time.monotonic() + timeout, []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            seen.append(line)
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r}; the preview said: {''.join(seen)}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)


@pytest.fixture
def project(tmp_path):
    shutil.copytree(TINY, tmp_path / "units" / "tiny")
    return tmp_path


def test_an_edit_reloads_the_page_and_a_broken_edit_keeps_the_last_good_one(project, page):
    preview = Preview(project)
    try:
        page.goto(preview.url)
        heading = page.locator("section.page:not([hidden]) h1")
        assert heading.inner_text() == "Welcome"

        en = project / "units" / "tiny" / "en.md"
        en.write_text(en.read_text("utf-8").replace("# Welcome {#welcome}", "# Welcome back {#welcome}"), "utf-8")
        preview.wait_for("rebuilt tiny (en)")
        page.wait_for_function("document.querySelector('section.page:not([hidden]) h1').innerText === 'Welcome back'")

        en.write_text(en.read_text("utf-8").replace("[question: pairs]", "[question: pears]"), "utf-8")
        assert preview.wait_for("units/tiny/en.md:").startswith("units/tiny/en.md:11: question 'pears' is not in questions.yaml")
        preview.wait_for("tiny has problems: the preview shows the last good build")
        page.reload()
        assert heading.inner_text() == "Welcome back"
        assert page.js_errors == []
    finally:
        assert preview.stop() == 128 + signal.SIGTERM
    assert list(preview.tmp.iterdir()) == []  # its builds are gone with it
