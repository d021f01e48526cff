"""A cmi5 LMS for the tests, on 127.0.0.1, doing the LMS's part of a cmi5 launch for real.

It creates registrations, writes LMS.LaunchData in its State API (the xAPI 2.0 State API
double of state_api.py), serves cmi5LearnerPreferences (Agent Profile API), serves each launch's
fetch URL once (a second POST answers error-code 1, as the spec's 8.2.3 says), records
`launched` in the LRS, and is the AU's LRS: /statements go on to Ralph with Ralph's credentials
(the AU only ever holds its session token), after each statement passed the cmi5 rules
(cmi5_rules.py). A statement that breaks one is refused with 400, as the spec asks of an LMS,
and the rule broken is kept in `violations`. `mode` plays the line to the LRS: "pass",
"503" (answer 503 without forwarding) or "refuse" (close the connection).
"""

from __future__ import annotations

import base64
import http.client
import json
import secrets
import threading
import urllib.parse
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.cmi5_rules import CMI5, MASTERY, SESSION, VERBS, Launch, Rules
from tests.support.state_api import StateDouble

EXT = "https://w3id.org/xapi/cmi5/context/extensions/"


class Cmi5LMS:
    def __init__(self, ralph):
        self.ralph = ralph
        self.state = StateDouble()
        self.rules = Rules()
        self.mode = "pass"
        self.preferences: dict[str, dict] = {}  # agent JSON -> cmi5LearnerPreferences
        self.fetches: dict[str, dict] = {}  # fetch key -> {"token", "used": POSTs so far}
        self.tokens: dict[str, Launch] = {}  # auth token -> its launch
        self.activity_ids: dict[str, str] = {}  # registration -> the AU's activityId there
        self.violations: list[str] = []
        self.seen: set[str] = set()  # statement ids checked already (a re-send is not checked twice)
        self.log: list[tuple[str, str, int]] = []  # (method, path, status)
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def endpoint(self) -> str:
        return self.origin + "/xAPI/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ---- the LMS's side of a launch ----

    def launch(self, site: str, actor: dict, publisher_id: str, registration: str | None = None, mode: str = "Normal",
               mastery: float | None = 0.8, move_on: str = "CompletedAndPassed", return_url: str | None = None,
               language: str | None = None) -> tuple[str, Launch]:
        """Launch the AU at `site` (its index.html): (launch URL, the launch). A new registration
        unless one is given (a relaunch)."""
        registration = registration or str(uuid.uuid4())
        activity_id = self.activity_ids.setdefault(registration, f"{self.origin}/activities/{uuid.uuid4()}")
        launch = Launch(session=str(uuid.uuid4()), registration=registration, actor=actor, activity_id=activity_id,
                        publisher_id=publisher_id, mode=mode, mastery=mastery)
        template = {"contextActivities": {"grouping": [{"id": publisher_id, "objectType": "Activity"}]},
                    "extensions": {SESSION: launch.session}}
        data = {"contextTemplate": template, "launchMode": mode, "moveOn": move_on}
        if mastery is not None:
            data["masteryScore"] = mastery
        if return_url:
            data["returnURL"] = return_url
        self.state.put_behind(activity_id, actor, registration, data, state_id="LMS.LaunchData")
        if language:
            self.preferences[json.dumps(actor, sort_keys=True)] = {"languagePreference": language, "audioPreference": "on"}
        key, token = secrets.token_hex(8), base64.b64encode(secrets.token_bytes(18)).decode()
        launch.fetch_key = key
        with self.lock:
            self.fetches[key] = {"token": token, "used": 0}
            self.tokens[token] = launch
        context = json.loads(json.dumps(template))
        context["registration"] = registration
        context["contextActivities"]["category"] = [{"id": CMI5, "objectType": "Activity"}]
        context["extensions"].update({EXT + "launchmode": mode, EXT + "launchurl": f"{site}/index.html",
                                      EXT + "moveon": move_on})
        if mastery is not None:
            context["extensions"][MASTERY] = mastery
        self._to_lrs("POST", "/xAPI/statements", [{
            "id": str(uuid.uuid4()), "actor": actor, "verb": {"id": VERBS + "launched", "display": {"en-US": "launched"}},
            "object": {"id": activity_id, "objectType": "Activity"}, "context": context,
            "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")}])
        q = lambda v: urllib.parse.quote(v, safe="")  # noqa: E731
        url = (f"{site}/index.html?endpoint={q(self.endpoint)}&fetch={q(self.origin + '/fetch/' + key)}"
               f"&actor={q(json.dumps(actor))}&registration={q(registration)}&activityId={q(activity_id)}")
        return url, launch

    def fetch_count(self, launch: Launch) -> int:
        """POSTs to the launch's fetch URL so far."""
        with self.lock:
            return self.fetches[launch.fetch_key]["used"]

    # ---- towards the LRS ----

    def _to_lrs(self, method: str, path: str, body) -> tuple[int, list, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.ralph.port, timeout=30)
        raw = json.dumps(body).encode() if not isinstance(body, bytes) else body
        conn.request(method, path, body=raw, headers={"Authorization": self.ralph.auth, "Content-Type": "application/json",
                                                      "X-Experience-API-Version": "1.0.3"})
        res = conn.getresponse()
        out = (res.status, res.getheaders(), res.read())
        conn.close()
        if method == "POST" and path == "/xAPI/statements" and res.status != 200:
            raise AssertionError(f"Ralph refused the LMS's statement: {res.status} {out[2][:300]!r}")
        return out

    def _statements(self, launch: Launch, body: bytes, path: str) -> tuple[int, bytes]:
        try:
            payload = json.loads(body)
        except ValueError:
            return 400, b'{"detail": "not JSON"}'
        statements = payload if isinstance(payload, list) else [payload]
        found = []
        with self.lock:
            for s in statements:
                if s.get("id") in self.seen:
                    continue
                self.seen.add(s.get("id"))
                found += self.rules.check(s, launch)
        if found:
            self.violations += found
            return 400, json.dumps({"detail": found}).encode()
        status, _, answer = self._to_lrs("POST" if path.endswith("/statements") else "PUT", path, body)
        return status, answer

    def _handler(self):
        lms = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self, status: int, payload: bytes = b"", headers: dict | None = None):
                self.send_response(status)
                self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
                self.send_header("Access-Control-Expose-Headers", "ETag")
                self.send_header("Vary", "Origin")
                for k, v in (headers or {}).items():
                    if k.lower() not in ("access-control-allow-origin", "access-control-expose-headers", "vary"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                with lms.lock:
                    lms.log.append((self.command, self.path, status))

            def _launch(self) -> Launch | None:
                auth = self.headers.get("Authorization", "")
                return lms.tokens.get(auth.removeprefix("Basic ")) if auth.startswith("Basic ") else None

            def _handle(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = urllib.parse.urlsplit(self.path).path
                if self.command == "OPTIONS":
                    return self._answer(204, b"", {
                        "Access-Control-Allow-Methods": "GET, PUT, POST",
                        "Access-Control-Allow-Headers": self.headers.get("Access-Control-Request-Headers", ""),
                        "Access-Control-Max-Age": "600"})
                if path.startswith("/fetch/") and self.command == "POST":
                    with lms.lock:
                        entry = lms.fetches.get(path.removeprefix("/fetch/"))
                        if entry:
                            entry["used"] += 1
                    if entry and entry["used"] == 1:
                        payload = {"auth-token": entry["token"]}
                    elif entry:
                        payload = {"error-code": "1", "error-text": "The authorization token has already been returned."}
                    else:
                        payload = {"error-code": "2", "error-text": "Unknown fetch URL."}
                    return self._answer(200, json.dumps(payload).encode(), {"Content-Type": "application/json"})
                launch = self._launch()
                if launch is None:
                    return self._answer(401, b'{"detail": "no valid session token"}')
                if path == "/xAPI/activities/state":
                    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                    if self.command != "GET" and query.get("stateId") == "LMS.LaunchData":
                        with lms.lock:
                            lms.violations.append("the AU wrote LMS.LaunchData")
                        return self._answer(403)
                    status, headers, payload = lms.state.answer(self.command, self.path, self.headers, body)
                    return self._answer(status, payload, headers)
                if path == "/xAPI/agents/profile" and self.command == "GET":
                    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                    agent = json.dumps(json.loads(query.get("agent", "null")), sort_keys=True)
                    prefs = lms.preferences.get(agent) if query.get("profileId") == "cmi5LearnerPreferences" else None
                    if prefs is None:
                        return self._answer(404)
                    return self._answer(200, json.dumps(prefs).encode(), {"Content-Type": "application/json"})
                if path == "/xAPI/statements" and self.command in ("POST", "PUT"):
                    if lms.mode == "503":
                        return self._answer(503, b'{"detail": "LRS unavailable"}')
                    if lms.mode == "refuse":
                        self.close_connection = True
                        self.connection.close()
                        return None
                    status, payload = lms._statements(launch, body, self.path)
                    return self._answer(status, payload, {"Content-Type": "application/json"})
                return self._answer(404)

            do_GET = do_POST = do_PUT = do_OPTIONS = _handle

        return Handler
