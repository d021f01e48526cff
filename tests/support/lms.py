"""A small LMS for the SCORM tests: real scorm-again in the browser, this backend behind it.

It frames the package the way Moodle does, stores what scorm-again commits the way Moodle
keeps tracks (one value per element and attempt, later commits overwrite) and, for the next
session, hands back what Moodle hands a SCO on resume (interactions included, so their
count goes on; the SCO cannot read them: they are write-only).
Faults are real: refused commits get an HTTP 500 and are not stored.
"""

from __future__ import annotations

import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import NODE_MODULES

HARNESS = Path(__file__).resolve().parent.parent / "harness"
RESUMED = ("cmi.core.lesson_location", "cmi.suspend_data", "cmi.core.lesson_status", "cmi.core.score.raw",
           "cmi.core.score.min", "cmi.core.score.max", "cmi.core.total_time", "cmi.comments")


class ScormLMS:
    def __init__(self, package: Path, mastery_score: int | None, student=("learner-7", "Muster, Erika")):
        self.package = Path(package)
        self.mastery_score = mastery_score
        self.student = student
        self.tracks: dict[str, str] = {}
        self.commits: list[dict] = []  # accepted commit payloads, in order
        self.refused = 0
        self.refuse_next = 0  # refuse this many commits from now on (HTTP 500)
        self.finishes = 0  # finishing commits (LMSFinish) received, taken or refused
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/harness/scorm12.html"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def launch_cmi(self) -> dict:
        """What the LMS loads into the API before the SCO starts."""
        cmi = {"cmi.core.student_id": self.student[0], "cmi.core.student_name": self.student[1],
               "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal"}
        if self.mastery_score is not None:
            cmi["cmi.student_data.mastery_score"] = str(self.mastery_score)
        if not self.tracks:
            cmi.update({"cmi.core.entry": "ab-initio", "cmi.core.lesson_status": "not attempted"})
            return cmi
        cmi["cmi.core.entry"] = "resume" if self.tracks.get("cmi.core.exit") == "suspend" else ""
        cmi.update({k: v for k, v in self.tracks.items() if k in RESUMED})
        # Moodle hands earlier interactions back to its API, so _count goes on where it was.
        cmi.update({k: v for k, v in self.tracks.items() if k.startswith("cmi.interactions.")})
        return cmi

    def interactions(self) -> list[dict]:
        """The interactions as Moodle's report lists them: by index n, element by element."""
        rows: dict[int, dict] = {}
        for key, value in self.tracks.items():
            parts = key.split(".")
            if parts[:2] == ["cmi", "interactions"] and parts[2].isdigit():
                rows.setdefault(int(parts[2]), {})[".".join(parts[3:])] = value
        return [rows[n] for n in sorted(rows)]

    def _handler(self):
        lms = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def translate_path(self, path):
                path = path.split("?", 1)[0]
                for prefix, root in (("/sco/", lms.package), ("/harness/", HARNESS),
                                     ("/lib/", NODE_MODULES / "scorm-again" / "dist")):
                    if path.startswith(prefix):
                        return str(root / path[len(prefix):])
                return str(HARNESS / "missing")

            def end_headers(self):
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def _json(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/launch":
                    return self._json(200, {"cmi": lms.launch_cmi(), "mastery_override": True})
                return super().do_GET()

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                with lms.lock:
                    refused = lms.refuse_next > 0
                    if refused:
                        lms.refuse_next -= 1
                        lms.refused += 1
                    else:
                        data = json.loads(body or b"{}")
                        lms.commits.append(data)
                        for key, value in data.items():
                            if key.startswith("cmi.") and isinstance(value, (str, int, float)):
                                lms.tracks[key] = str(value)
                    if "terminate=true" in self.path:  # counted once it is stored (or refused)
                        lms.finishes += 1
                if refused:
                    return self._json(500, {"result": False, "errorCode": 101})
                return self._json(200, {"result": True, "errorCode": 0})

        return Handler
