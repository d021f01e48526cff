"""Reading statements from a Learning Record Store with the tincan library's RemoteLRS."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import tincan
from tincan.http_request import HTTPRequest

PAGE_SIZE = 500
TIMEOUT = 60  # seconds; tincan's connections have none of their own


class LRSError(Exception):
    """The LRS cannot be read: what happened and what to check, never the credentials."""


def public_url(url: str) -> str:
    """The endpoint as it may be printed: without user:password@."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


class StatementReader:
    def __init__(self, endpoint: str, user: str, password: str):
        if not endpoint.startswith(("http://", "https://")):
            raise LRSError(f"--endpoint {endpoint!r} is not an http(s) address; give the LRS's xAPI address, "
                           "e.g. https://lrs.example.org/xAPI/")
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.lrs = tincan.RemoteLRS(endpoint=self.endpoint, version="1.0.1", auth=auth)

    def _call(self, send):
        previous = socket.getdefaulttimeout()
        socket.setdefaulttimeout(TIMEOUT)
        try:
            response = send()
        except OSError as e:
            raise LRSError(f"cannot reach the LRS at {public_url(self.endpoint)}: {e.strerror or e}; "
                           "check --endpoint and that the LRS is running") from None
        finally:
            socket.setdefaulttimeout(previous)
        status = response.response.status
        if status in (401, 403):
            raise LRSError(f"the LRS at {public_url(self.endpoint)} refused the credentials ({status}); "
                           "check --user and --password (or QSER_LRS_USER and QSER_LRS_PASSWORD)")
        if not response.success:
            detail = response.data[:200].decode("utf-8", "replace") if isinstance(response.data, bytes) else ""
            raise LRSError(f"the LRS at {public_url(self.endpoint)} answered {status} to a statements query: "
                           f"{detail}; check --endpoint (it ends in the xAPI root, e.g. .../xAPI/)")
        try:
            return json.loads(response.data)
        except ValueError:
            raise LRSError(f"{public_url(self.endpoint)} did not answer with xAPI statements; "
                           "check --endpoint (it ends in the xAPI root, e.g. .../xAPI/)") from None

    def statements(self, activity: str, registration: str | None = None, since: str | None = None,
                   until: str | None = None) -> Iterator[dict]:
        """Every statement about `activity` or inside it (related_activities), oldest first,
        following `more` links until the LRS has none. Statements stay plain JSON: the report
        reads them as the LRS stored them."""
        params = {"activity": activity, "related_activities": "true", "ascending": "true", "limit": PAGE_SIZE,
                  "registration": registration, "since": since, "until": until}
        query = HTTPRequest(method="GET", resource="statements",
                            query_params={k: v for k, v in params.items() if v is not None})
        # RemoteLRS's own query_statements/more_statements would also turn every statement into
        # tincan objects: slow for thousands, and tincan 2.0 raises on valid statements it does not
        # expect (a registration that is not a version-4 UUID, say). Its transport is all we need.
        page = self._call(lambda: self.lrs._send_request(query))
        while True:
            yield from page.get("statements", [])
            more = page.get("more")
            if not more:
                return
            url = self.lrs.get_endpoint_server_root() + more if more.startswith("/") else more
            page = self._call(lambda: self.lrs._send_request(HTTPRequest(method="GET", resource=url)))
