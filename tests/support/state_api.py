"""A State API double with xAPI 2.0's concurrency rules, for the LRSs the tests cannot run.

Ralph has no State API; ADL's LRS (behind Moodle's mod_tincanlaunch) enforces these rules, so
a package must cope with them:
- GET answers the document with an ETag (quoted SHA-1 of its bytes), 404 when there is none;
- PUT with `If-Match` stores only when the ETag is the current one, else 412;
- PUT with `If-None-Match: *` stores only when no document exists, else 412;
- PUT with neither to an existing document answers 409 (1.0.3 LRSs would store it);
- a PUT's answer carries no ETag (the spec does not promise one): a writer must read again.
Documents are keyed by activityId, agent, stateId and registration. `FaultyLine(state=...)`
answers /xAPI/activities/state with it, CORS included.
"""

from __future__ import annotations

import hashlib
import json
import threading
import urllib.parse

PATH = "/xAPI/activities/state"


class StateDouble:
    def __init__(self):
        self.documents: dict[tuple, bytes] = {}
        self.log: list[tuple[str, int, str]] = []  # (method, status, precondition header sent)
        self.lock = threading.Lock()
        self.fail_writes: int | None = None  # a status every PUT answers with (an LRS in trouble)

    @staticmethod
    def etag(body: bytes) -> str:
        return '"' + hashlib.sha1(body).hexdigest() + '"'

    @staticmethod
    def key(query: dict) -> tuple:
        agent = json.loads(query.get("agent", "null") or "null")
        return (query.get("activityId"), json.dumps(agent, sort_keys=True), query.get("stateId"),
                query.get("registration"))

    def document(self, activity_id: str, agent: dict, registration: str, state_id: str = "bookmark"):
        with self.lock:
            raw = self.documents.get((activity_id, json.dumps(agent, sort_keys=True), state_id, registration))
        return json.loads(raw) if raw is not None else None

    def put_behind(self, activity_id: str, agent: dict, registration: str, doc: dict, state_id: str = "bookmark"):
        """Another client (another browser) writes the document."""
        with self.lock:
            self.documents[(activity_id, json.dumps(agent, sort_keys=True), state_id, registration)] = \
                json.dumps(doc).encode()

    def answer(self, method: str, path: str, headers, body: bytes) -> tuple[int, dict, bytes]:
        """(status, headers, body) for one request to the State API."""
        origin = headers.get("Origin") or "*"
        cors = {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "ETag",
                "Vary": "Origin"}
        if method == "OPTIONS":
            cors.update({"Access-Control-Allow-Methods": "GET, PUT, POST, DELETE",
                         "Access-Control-Allow-Headers": headers.get("Access-Control-Request-Headers", ""),
                         "Access-Control-Max-Age": "600"})
            return 204, cors, b""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
        key = self.key(query)
        if_match, if_none = headers.get("If-Match"), headers.get("If-None-Match")
        with self.lock:
            current = self.documents.get(key)
            if method == "GET":
                status, out = (404, b"") if current is None else (200, current)
                if current is not None:
                    cors["ETag"] = self.etag(current)
                    cors["Content-Type"] = "application/json"
            elif method == "PUT" and self.fail_writes:
                status, out = self.fail_writes, b""
            elif method == "PUT":
                if if_match is not None:
                    ok = current is not None and if_match.strip() == self.etag(current)
                elif if_none is not None:
                    ok = if_none.strip() == "*" and current is None
                else:
                    ok = current is None
                status = 204 if ok else (412 if (if_match or if_none) else 409)
                if ok:
                    self.documents[key] = body
                out = b""
            else:
                status, out = 405, b""
            self.log.append((method, status, f"If-Match: {if_match}" if if_match else
                             f"If-None-Match: {if_none}" if if_none else ""))
        return status, cors, out
