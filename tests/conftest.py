"""Shared fixtures: a real browser (Debian chromium), a static web server, built packages."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from builder import TOOL_ROOT
from builder.build import build
from builder.load.loader import load_unit
from builder.targets import Target, all_targets

UNITS = TOOL_ROOT / "units"
SEED = "becoming-a-mentor"
NODE_MODULES = TOOL_ROOT / "node_modules"
#: the targets that make a player zip (not a printed document or another file of their own)
PACKAGES = [name for name, target in all_targets().items() if type(target).outputs is Target.outputs]
CHROMIUM = os.environ.get("QSER_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def seed_unit():
    return load_unit(UNITS / SEED)


@pytest.fixture(scope="session")
def dist(tmp_path_factory):
    """Every player package of the seed unit, built once for the whole run."""
    out = tmp_path_factory.mktemp("dist")
    built = build(UNITS, out, [SEED], targets=PACKAGES)
    return {(b.lang, b.target): b.path for b in built}


@pytest.fixture(scope="session")
def unpacked(dist, tmp_path_factory):
    """Each package unzipped, unmodified, as an LMS would store it: (lang, target) -> folder."""
    root = tmp_path_factory.mktemp("unpacked")
    folders = {}
    for (lang, target), path in dist.items():
        if not zipfile.is_zipfile(path):  # a Moodle backup (.mbz) is a tar.gz: tests/targets/test_moodle_backup.py
            continue
        folder = root / f"{lang}-{target}"
        with zipfile.ZipFile(path) as zf:
            zf.extractall(folder)
        folders[(lang, target)] = folder
    return folders


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser dropping a connection (navigation, a closed context) prints no traceback."""
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a web server on 127.0.0.1 for that folder."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: run scripts/setup-tests (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone, as in the Moodle app
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture(autouse=True)
def guard_never_fires(tmp_path_factory, monkeypatch):
    """A test fails when the CLI's last-resort guard caught an exception, in this process or in a
    `qser` subprocess (which inherits QSER_CRASH_DIR): every failure must have a message of its own."""
    from builder import guard

    crashes = tmp_path_factory.mktemp("crashes")
    monkeypatch.setenv("QSER_CRASH_DIR", str(crashes))
    before = len(guard.FIRED)
    yield
    logs = guard.FIRED[before:] + [str(p) for p in crashes.iterdir() if str(p) not in guard.FIRED]
    if logs:
        pytest.fail("qser's last-resort guard fired (an exception without a message of its own):\n"
                    + "\n".join(Path(p).read_text("utf-8", "replace") if Path(p).exists() else p for p in logs))
