"""A small LRS stand-in on 127.0.0.1 whose answers a test scripts, to play a broken or hostile LRS.

It records every request with its headers, so a test can see where credentials went. The real
LRS (Ralph) is used wherever the behaviour of a real LRS is the point; this one plays what a real
one should never do: foreign `more` links, loops, redirects, bodies that are not JSON.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading


class FakeLRS:
    """answer(path) -> (status, headers, body bytes); `path` is the request path with its query."""

    def __init__(self, answer=None):
        self.requests: list[tuple[str, dict]] = []
        self.answer = answer or (lambda path: (200, {}, json.dumps({"statements": [], "more": ""}).encode()))
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                fake.requests.append((self.path, dict(self.headers)))
                status, headers, body = fake.answer(self.path)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.origin + "/xAPI/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def authorized(self) -> list[str]:
        """Paths of the requests that carried an Authorization header."""
        return [p for p, h in self.requests if any(k.lower() == "authorization" for k in h)]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def page(statements, more="") -> bytes:
    return json.dumps({"statements": statements, "more": more}).encode()


class RawServer:
    """A TCP server that answers every connection with fixed bytes: a server that is not HTTP."""

    def __init__(self, reply: bytes):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.reply = reply
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(4096)
                conn.sendall(self.reply)

    def close(self):
        self.sock.close()
