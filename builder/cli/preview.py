"""`qser preview`: the html target of one unit, served on 127.0.0.1 only, from a temp folder
that is removed however the preview ends (Ctrl-C, SIGTERM, an error).

While it serves, it watches the unit's folder: a change rebuilds that unit in that language
and the open page reloads itself (a script only the preview adds; packages never carry it).
The player keeps its place in the browser, so the learner's page stays in view. A change
that breaks the unit is printed, and the last good build stays on screen.
"""

from __future__ import annotations

import errno
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import click

from ..build import build as run_build
from ..errors import Problem, Problems, UnitError
from ..load.loader import load_units
from ..printable import printable
from .common import fail, units_folder, units_option

RELOAD_PATH = "/__qser/reload.js"
VERSION_PATH = "/__qser/version"
# Asks the preview every second which build it serves, and reloads when that changes.
RELOAD_SCRIPT = b"""(function () {
  var seen = null;
  function ask() {
    fetch("/__qser/version", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) location.reload();
      seen = v;
    }).catch(function () {}).then(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the terminal shows the address, not every request
        pass

    def translate_path(self, path):
        self.directory = str(self.server.site)  # the newest good build
        return super().translate_path(path)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        route = self.path.split("?")[0]
        if route == VERSION_PATH:
            return self._send(str(self.server.version).encode(), "text/plain")
        if route == RELOAD_PATH:
            return self._send(RELOAD_SCRIPT, "text/javascript")
        if route in ("/", "/index.html"):
            page = (Path(self.server.site) / "index.html").read_bytes()
            return self._send(page.replace(b"</body>", f'<script src="{RELOAD_PATH}"></script>\n</body>'.encode(), 1),
                              "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that drops a connection (a reload, a closed tab) is no news; anything else is
        one line, never the traceback socketserver prints by default."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            print(printable(f"preview: a request failed ({type(error).__name__}: {error})"), file=sys.stderr)


def check_port(port: int) -> None:
    if not 0 <= port <= 65535:
        raise Problems().fail("--port", None, f"port {port} is not from 0 to 65535",
                              "give a port such as 8000, or 0 to pick a free one")


def open_server(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server on 127.0.0.1:port (never another interface); a port in use is explained."""
    handler = functools.partial(_Handler, directory=str(site))
    try:
        server = _Server(("127.0.0.1", port), handler)
        server.site, server.version = site, 1
        return server
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise Problems().fail("--port", None, f"port {port} on 127.0.0.1 is in use (another preview or server?)",
                                  f"stop the other program, or pick another port: --port {_free_port()} "
                                  "(or --port 0 for any free one)") from None
        if e.errno == errno.EACCES:
            raise Problems().fail("--port", None, f"port {port} needs administrator rights",
                                  "use a port above 1023, e.g. --port 8000") from None
        raise Problems().fail("--port", None, f"cannot listen on 127.0.0.1:{port} ({e.strerror or e})",
                              "pick another port, or --port 0 for any free one") from None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """What the watcher compares: every file under the unit folder, with its mtime and size."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        try:
            info = path.stat()
        except OSError:
            continue
        seen[str(path)] = (info.st_mtime_ns, info.st_size)
    return seen


def _build_site(units_dir: Path, unit_id: str, lang: str, into: Path) -> Path:
    built = run_build(units_dir, into / "zips", [unit_id], [lang], ["html"])
    site = into / "site"
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(site)
    return site


def _watch(server, units_dir: Path, unit_id: str, lang: str, tmp: Path, say, stop: threading.Event,
           interval: float = 0.3) -> None:
    """Rebuild on every change of the unit's files; swap the served site only when the build is good."""
    folder = units_dir / unit_id
    last = snapshot(folder)
    while not stop.wait(interval):
        now = snapshot(folder)
        if now == last:
            continue
        last = now
        attempt = tmp / f"build-{server.version + 1}"
        try:
            site = _build_site(units_dir, unit_id, lang, attempt)
        except UnitError as e:
            say("\n".join(str(p) for p in e.problems))
            say(f"{unit_id} has problems: the preview shows the last good build until they are fixed")
            shutil.rmtree(attempt, ignore_errors=True)
            continue
        except Exception as e:  # noqa: BLE001 - the preview goes on serving whatever went wrong
            say(printable(f"rebuilding {unit_id} failed ({type(e).__name__}: {e}); the preview shows the last good build"))
            shutil.rmtree(attempt, ignore_errors=True)
            continue
        old = Path(server.site).parent
        server.site, server.version = site, server.version + 1
        say(f"rebuilt {unit_id} ({lang}) at {time.strftime('%H:%M:%S')}: the page reloads")
        shutil.rmtree(old, ignore_errors=True)


def serve(units_dir: Path, unit_id: str, lang: str, port: int, say) -> None:
    """Build, unpack and serve until Ctrl-C or SIGTERM (SystemExit); the temp folder goes either way."""
    check_port(port)
    tmp = Path(tempfile.mkdtemp(prefix="qser-preview-"))
    try:
        site = _build_site(units_dir, unit_id, lang, tmp / "first")
        with open_server(site, port) as server:
            say(f"previewing {unit_id} ({lang}) at http://127.0.0.1:{server.server_address[1]}/index.html")
            say("press Ctrl-C to stop; the page reloads when a file of the unit changes")
            stop = threading.Event()
            watcher = threading.Thread(target=_watch, args=(server, units_dir, unit_id, lang, tmp, say, stop),
                                       daemon=True)
            watcher.start()
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
            finally:
                stop.set()
                watcher.join(timeout=5)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@click.command()
@click.argument("unit", required=False)
@units_option
@click.option("--lang", default=None, help="Language to preview. Default: the unit's first.")
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1 (0 picks a free one).")
def preview(unit, units_dir, lang, port) -> None:
    """Build the html target and serve it on 127.0.0.1 until Ctrl-C."""
    units_dir = units_folder(units_dir)
    try:
        chosen = load_units(units_dir, [unit] if unit else None)[0]
        if lang and lang not in chosen.languages:
            raise UnitError([Problem("--lang", None, f"unit '{chosen.id}' has no language {printable(lang)!r}",
                                     f"its languages are: {', '.join(chosen.languages)}")])
        serve(units_dir, chosen.id, lang or chosen.languages[0], port, click.echo)
    except UnitError as e:
        fail(e, "nothing is served")
