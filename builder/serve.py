"""`qser preview`: the html target of one unit, served on 127.0.0.1 only, from a temp folder
that is removed however the preview ends (Ctrl-C, SIGTERM, an error)."""

from __future__ import annotations

import errno
import functools
import http.server
import shutil
import tempfile
import zipfile
from pathlib import Path

from .build import build as run_build
from .errors import Problems


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the terminal shows the address, not every request
        pass


def check_port(port: int) -> None:
    if not 0 <= port <= 65535:
        raise Problems().fail("--port", None, f"port {port} is not from 0 to 65535",
                              "give a port such as 8000, or 0 to pick a free one")


def open_server(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server on 127.0.0.1:port (never another interface); a port in use is explained."""
    handler = functools.partial(_Handler, directory=str(site))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
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


def preview(units_dir: Path, unit_id: str, lang: str, port: int, say) -> None:
    """Build, unpack and serve until Ctrl-C or SIGTERM (SystemExit); the temp folder goes either way."""
    check_port(port)
    tmp = Path(tempfile.mkdtemp(prefix="qser-preview-"))
    try:
        built = run_build(units_dir, tmp / "zips", [unit_id], [lang], ["html"])
        site = tmp / "site"
        with zipfile.ZipFile(built[0].path) as zf:
            zf.extractall(site)
        with open_server(site, port) as server:
            say(f"previewing {unit_id} ({lang}) at http://127.0.0.1:{server.server_address[1]}/index.html")
            say("press Ctrl-C to stop")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
