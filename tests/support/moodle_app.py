"""The Moodle app 5.0.0 with a SCORM 1.2 activity, for the tests: the app's own player
(tests/harness/moodle-app.js) in a browser page, and the Moodle site behind it (this module).

As in the app, the app's page and the downloaded package are local files: they are served to
the browser context through playwright routes (under /app/ of the site's own origin: a page
Chromium counts as public may not call a loopback server), so they load while the device is
offline (`context.set_offline(True)`), and the package's frame has the app's origin.
The site's web services (the ones the app's SCORM code calls: the activity and its attempts,
a learner's user data as Moodle's `get_scorm_default` makes it, inserting tracks) go over the
network to this server, so they fail while offline, like the app's. Moodle's tracks are kept as
in the browser LMS (tests/support/lms.py: one value per element and attempt, never deleted).
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support.lms import HARNESS, RESUMED, dotted



def moodle_name(element: str) -> str:
    """The name Moodle stores a 1.2 element under: cmi.interactions_0.correct_responses_0.pattern."""
    return re.sub(r"\.(\d+)\.", r"_\1.", element)


class MoodleApp:
    """The site (tracks per attempt, web services) and the app's page for one learner."""

    def __init__(self, package: Path, mastery_score: int | None, student=("learner-7", "Erika Muster"),
                 standard: bool = False):
        self.package = Path(package)
        self.version = "1.2"
        self.mastery_score = mastery_score
        self.student = student
        self.standard = standard
        self.attempts: dict[int, dict[str, str]] = {}
        self.inserts: list[tuple[int, list[dict], bool]] = []  # (attempt, tracks, from a sync) as received
        self.fail_next = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def ws(self) -> str:
        return f"{self.origin}/ws"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def last_attempt(self) -> int:
        return max(self.attempts, default=0)

    def tracks_of(self, attempt: int | None = None) -> dict[str, str]:
        return self.attempts.get(attempt or self.last_attempt, {})

    @property
    def tracks(self) -> dict[str, str]:
        return self.tracks_of()

    def interactions(self, attempt: int | None = None) -> list[dict]:
        rows: dict[int, dict] = {}
        for key, value in self.tracks_of(attempt).items():
            parts = key.split(".")
            if parts[:2] == ["cmi", "interactions"] and parts[2].isdigit():
                rows.setdefault(int(parts[2]), {})[".".join(parts[3:])] = value
        return [rows[n] for n in sorted(rows)]

    def user_data(self, attempt: int) -> dict:
        """mod_scorm_get_scorm_user_data: Moodle's get_scorm_default (scorm_12lib.php, mode normal)
        and the stored tracks by their stored names, in the order Moodle sorts them (by name)."""
        tracks = self.attempts.get(attempt, {})
        status = tracks.get("cmi.core.lesson_status", "")
        entry = "ab-initio" if status == "" else "resume" if tracks.get("cmi.core.exit") == "suspend" else ""
        defaults = {"cmi.core.student_id": self.student[0], "cmi.core.student_name": self.student[1],
                    "cmi.core.credit": "credit", "cmi.core.entry": entry, "cmi.core.lesson_mode": "normal",
                    "cmi.launch_data": "", "cmi.student_data.mastery_score": str(self.mastery_score or ""),
                    "cmi.student_data.max_time_allowed": "", "cmi.student_data.time_limit_action": "",
                    "cmi.core.total_time": tracks.get("cmi.core.total_time", "00:00:00"),
                    "cmi.core.exit": tracks.get("cmi.core.exit", ""),
                    "cmi.student_preference.language": tracks.get("cmi.student_preference.language", ""),
                    "cmi.student_preference.audio": "0", "cmi.student_preference.speed": "0",
                    "cmi.student_preference.text": "0"}
        defaults |= {k: tracks.get(k, "") for k in RESUMED if k != "cmi.core.total_time"}
        return {"defaultdata": defaults, "userdata": {moodle_name(k): tracks[k] for k in sorted(tracks, key=moodle_name)}}

    def info(self) -> dict:
        """What the app fetches when the activity is opened or downloaded."""
        last = self.last_attempt
        return {"scorm": {"id": 1, "version": "SCORM_1.2", "autocommit": False, "forcecompleted": False,
                          "scormStandard": self.standard},
                "student": list(self.student), "masteryscore": str(self.mastery_score or ""),
                "lastAttempt": last, "forcenewattempt": 0,
                "attempts": {n: {moodle_name(k): v for k, v in t.items()} for n, t in self.attempts.items()},
                "userData": {last: self.user_data(last)} if last else {}, "newUserData": self.user_data(last + 1)}

    def insert(self, attempt: int, tracks: list[dict], synced: bool) -> None:
        """mod_scorm_insert_scorm_tracks: scorm_insert_track for each (the attempt made if new)."""
        self.inserts.append((attempt, tracks, synced))
        stored = self.attempts.setdefault(attempt, {})
        for track in tracks:
            stored[dotted(track["element"])] = "" if track["value"] is None else str(track["value"])

    # ---- the app's side, in a browser context ----

    def open(self, context):
        """A page of the app in `context` (one device), its local files routed; returns the page,
        with `window.app` the app (download, play, sync, leave)."""
        page = context.new_page()
        page.set_default_timeout(10_000)

        def local_file(route):
            path = route.request.url[len(self.origin) + len("/app"):].split("?", 1)[0]
            if path == "/app.html":
                return route.fulfill(status=200, content_type="text/html", body=self.page_html())
            root, rest = (HARNESS, path[len("/harness/"):]) if path.startswith("/harness/") else \
                (self.package, path[len("/sco/"):]) if path.startswith("/sco/") else (None, "")
            file = (root / rest) if root else None
            if not file or not file.is_file():
                return route.fulfill(status=404, body="not found")
            kinds = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
                     ".png": "image/png", ".jpg": "image/jpeg", ".json": "application/json"}
            return route.fulfill(status=200, body=file.read_bytes(),
                                 content_type=kinds.get(file.suffix, "application/octet-stream"))

        context.route(f"{self.origin}/app/**", local_file)
        page.goto(f"{self.origin}/app/app.html")
        page.wait_for_function("window.app")
        return page

    def page_html(self) -> str:
        config = json.dumps({"ws": self.ws, "sco": f"{self.origin}/app/sco/index.html"})
        return ("<!doctype html><html><head><meta charset='utf-8'><title>Moodle app</title>"
                "<style>html,body,iframe{margin:0;border:0;width:100%;height:100%}</style></head><body>"
                "<iframe id='scorm_object' title='SCO'></iframe>"
                "<script src='/app/harness/moodle-app.js'></script>"
                f"<script>window.app = moodleApp({config});</script></body></html>")

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: dict | str):
                data = (json.dumps(body) if isinstance(body, dict) else body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                with site.lock:
                    if self.path == "/ws/info":
                        return self._send(200, site.info())
                    m = re.fullmatch(r"/ws/user_data\?attempt=(\d+)", self.path)
                    if m:
                        return self._send(200, site.user_data(int(m.group(1))))
                return self._send(404, {"exception": "not found"})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                m = re.fullmatch(r"/ws/insert_tracks\?attempt=(\d+)(&sync=1)?", self.path)
                if not m:
                    return self._send(404, {"exception": "not found"})
                with site.lock:
                    if site.fail_next > 0:
                        site.fail_next -= 1
                        return self._send(503, "Service Unavailable")
                    site.insert(int(m.group(1)), body["tracks"], bool(m.group(2)))
                    return self._send(200, {"trackids": list(range(len(body["tracks"])))})

        return Handler
