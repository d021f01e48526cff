"""The real LRS for the xAPI tests: Ralph through scripts/lrs, and a proxy that breaks the line.

`RalphLRS` starts Ralph (fs backend, bcrypt auth.json, CORS for the package's origin) on a
free port, waits for it and reads statements back with `tincan.RemoteLRS`.
`FaultyLine` sits between the browser and Ralph and can answer 503, hang, refuse, or pass a
request on and then drop Ralph's answer (the LRS stored it, the browser never hears so).
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import tincan

from builder import TOOL_ROOT

LAUNCHER = TOOL_ROOT / "scripts" / "lrs"
VENV = TOOL_ROOT / ".cache" / "ralph-venv"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RalphLRS:
    def __init__(self, data: Path, cors: list[str], user: str = "trainer", password: str = "pw-for-tests-7f3a"):
        self.data, self.cors, self.user, self.password = Path(data), list(cors), user, password
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return f"{self.root}/xAPI/"

    @property
    def auth(self) -> str:
        return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()

    def start(self, timeout: float = 30) -> "RalphLRS":
        if not (VENV / "bin" / "python").exists():
            raise RuntimeError(f"no Ralph virtualenv at {VENV}: run scripts/setup-tests")
        self.data.mkdir(parents=True, exist_ok=True)
        args = [str(LAUNCHER), "--port", str(self.port), "--data", str(self.data), "--user", self.user]
        for origin in self.cors:
            args += ["--cors", origin]
        env = dict(os.environ, QSER_LRS_PASSWORD=self.password)  # not in argv, where `ps` shows it
        log = open(self.data / "ralph.log", "ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited: {(self.data / 'ralph.log').read_text()[-2000:]}")
            try:
                req = urllib.request.Request(self.root + "/whoami", headers={"Authorization": self.auth})
                with urllib.request.urlopen(req, timeout=1) as res:
                    if res.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("Ralph did not answer /whoami in time")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # its own session: the launcher and nothing else
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def remote(self) -> tincan.RemoteLRS:
        return tincan.RemoteLRS(endpoint=self.endpoint, version="1.0.1", auth=self.auth)

    def statements(self, agent: dict, registration: str | None = None) -> list[dict]:
        """Every statement of `agent` (and `registration`), following `more`, as the LRS sends
        them (the raw JSON: tincan's objects would re-format numbers, durations and times)."""
        lrs = self.remote()
        query = {"agent": tincan.Agent(**agent), "limit": 10}  # small pages: `more` is followed
        if registration:
            query["registration"] = registration
        response = lrs.query_statements(query)
        found = []
        while True:
            assert response.success, response.data
            page = json.loads(response.data)
            found += page["statements"]
            if not page.get("more"):
                return found
            response = lrs.more_statements(page["more"])

    def raw_statements(self) -> list[dict]:
        """What the fs backend holds, as stored (duplicates would show here)."""
        path = self.data / "fs_lrs.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


class FaultyLine:
    """An HTTP proxy in front of the LRS. `mode` decides what happens to POST/PUT/GET requests
    (CORS preflights always pass, so the browser sees the fault itself):

    pass   forward, answer what the LRS answers
    503    answer 503 without forwarding
    400    answer 400 without forwarding (a strict LRS refusing what it is sent)
    hang   hold the request until `mode` changes (the browser's timeout ends it)
    refuse close the connection without an answer (like an LRS that is down)
    lose   forward, let the LRS store it, then close the connection without an answer
    """

    def __init__(self, upstream_port: int, state=None):
        self.upstream_port = upstream_port
        self.state = state  # a StateDouble to answer the State API (Ralph has none), or None
        self.mode = "pass"
        self.hanging = 0  # requests held in "hang" mode so far
        self.log: list[tuple[str, str, str, int]] = []  # (method, path, mode, status sent or 0)
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"

    def close(self) -> None:
        self.mode = "pass"
        self.server.shutdown()
        self.server.server_close()

    def requests(self, method: str | None = None) -> list[tuple[str, str, str, int]]:
        with self.lock:
            return [r for r in self.log if method is None or r[0] == method]

    def _handler(self):
        line = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _forward(self, body: bytes):
                conn = http.client.HTTPConnection("127.0.0.1", line.upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                res = conn.getresponse()
                return res.status, res.getheaders(), res.read()

            def _answer(self, status, headers, payload):
                self.send_response(status)
                for k, v in headers:
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _drop(self):
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            def _handle(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if line.state is not None and self.path.startswith("/xAPI/activities/state"):
                    status, headers, payload = line.state.answer(self.command, self.path, self.headers, body)
                    self._answer(status, list(headers.items()), payload)
                    return
                mode = "pass" if self.command == "OPTIONS" else line.mode
                status = 0
                if mode == "hang":
                    with line.lock:
                        line.hanging += 1
                    while line.mode == "hang":
                        time.sleep(0.05)
                    mode = "refuse"
                if mode in ("503", "400"):
                    status = int(mode)
                    cors = [("Access-Control-Allow-Origin", self.headers.get("Origin", "*"))]
                    self._answer(status, cors, b'{"detail": "LRS unavailable"}' if status == 503
                                 else b'{"detail": "invalid statement"}')
                elif mode in ("pass", "lose"):
                    status, headers, payload = self._forward(body)
                    if mode == "pass":
                        self._answer(status, headers, payload)
                    else:
                        self._drop()
                else:
                    self._drop()
                with line.lock:
                    line.log.append((self.command, self.path, mode, status if mode != "lose" else 0))

            do_GET = do_POST = do_PUT = do_OPTIONS = _handle

        return Handler
