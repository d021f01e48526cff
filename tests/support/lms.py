"""A small LMS for the SCORM tests: real scorm-again in the browser, this backend behind it.

It frames the package the way Moodle does; in the browser, Moodle's own request behaviour
(tests/harness/moodle-request.js) sends only changed values, and says "true" to a request
that threw. This backend keeps tracks the way Moodle does (one value per element and
attempt, later commits overwrite) and, for the next session, hands back what Moodle hands a
SCO on resume (interactions included, so their count goes on; the SCO cannot read them:
they are write-only).
Faults are real: `fail_next` makes the next store requests answer HTTP 503 and store
nothing; a test goes offline with playwright's `context.set_offline(True)`.
`standard` is Moodle's site setting `scormstandard` (standards mode; off by default).
`version` "2004" serves scorm-again's SCORM 2004 runtime as API_1484_11 instead, with the
request model and format checks of Moodle's SCORM 2004 player (tests/harness/moodle-*.js).
"""

from __future__ import annotations

import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

from tests.conftest import NODE_MODULES

HARNESS = Path(__file__).resolve().parent.parent / "harness"
RESUMED = ("cmi.core.lesson_location", "cmi.suspend_data", "cmi.core.lesson_status", "cmi.core.score.raw",
           "cmi.core.score.min", "cmi.core.score.max", "cmi.core.total_time", "cmi.comments")
RESUMED_2004 = ("cmi.location", "cmi.suspend_data", "cmi.completion_status", "cmi.success_status", "cmi.score.raw",
                "cmi.score.min", "cmi.score.max", "cmi.score.scaled", "cmi.total_time", "cmi.progress_measure")
#: The element names a test reads, per SCORM version.
ELEMENTS = {
    "1.2": {"location": "cmi.core.lesson_location", "exit": "cmi.core.exit", "score": "cmi.core.score.raw",
            "status": "cmi.core.lesson_status", "response": "student_response", "entry": "cmi.core.entry",
            "language": "cmi.student_preference.language"},
    "2004": {"location": "cmi.location", "exit": "cmi.exit", "score": "cmi.score.raw",
             "status": "cmi.success_status", "response": "learner_response", "entry": "cmi.entry",
             "language": "cmi.learner_preference.language"},
}


class ScormLMS:
    def __init__(self, package: Path, mastery_score: int | None, student=("learner-7", "Muster, Erika"),
                 standard: bool = True, version: str = "1.2", language: str = ""):
        self.package = Path(package)
        self.version = version
        self.el = ELEMENTS[version]
        self.language = language  # the learner's language preference in the LMS ("" unless set)
        self.mastery_score = mastery_score
        self.student = student
        self.tracks: dict[str, str] = {}
        self.standard = standard
        self.commits: list[dict] = []  # stored request payloads, in order
        self.failed = 0  # store requests answered 503
        self.fail_next = 0  # answer this many store requests from now on with HTTP 503
        self.finishes = 0  # finishing commits (LMSFinish) received, taken or refused
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/harness/lms.html"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def launch_cmi(self) -> dict:
        """What the LMS loads into the API before the SCO starts."""
        if self.version == "2004":
            return self._launch_2004()
        cmi = {"cmi.core.student_id": self.student[0], "cmi.core.student_name": self.student[1],
               "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal"}
        if self.mastery_score is not None:
            cmi["cmi.student_data.mastery_score"] = str(self.mastery_score)
        if self.language:
            cmi[self.el["language"]] = self.language
        if not self.tracks:
            cmi.update({"cmi.core.entry": "ab-initio", "cmi.core.lesson_status": "not attempted"})
            return cmi
        cmi["cmi.core.entry"] = "resume" if self.tracks.get("cmi.core.exit") == "suspend" else ""
        cmi.update({k: v for k, v in self.tracks.items() if k in RESUMED})
        # Moodle hands earlier interactions back to its API; _count is how many indices it holds
        # (scorm-again needs them from 0 without a gap, so a gap ends what it gets).
        self._hand_back_interactions(cmi)
        return cmi

    def _launch_2004(self) -> dict:
        cmi = {"cmi.learner_id": self.student[0], "cmi.learner_name": self.student[1], "cmi.credit": "credit",
               "cmi.mode": "normal"}
        if self.mastery_score is not None:
            cmi["cmi.scaled_passing_score"] = str(self.mastery_score / 100)
        if not self.tracks:
            cmi.update({"cmi.entry": "ab-initio", "cmi.completion_status": "unknown", "cmi.success_status": "unknown"})
            return cmi
        cmi["cmi.entry"] = "resume" if self.tracks.get("cmi.exit") == "suspend" else ""
        cmi.update({k: v for k, v in self.tracks.items() if k in RESUMED_2004})
        self._hand_back_interactions(cmi)
        return cmi

    def _hand_back_interactions(self, cmi: dict) -> None:
        rows = self.interactions_by_index()
        for n in range(len(rows)):
            if n not in rows:
                break
            cmi.update({f"cmi.interactions.{n}.{k}": v for k, v in rows[n].items()})

    def interactions_by_index(self) -> dict[int, dict]:
        rows: dict[int, dict] = {}
        for key, value in self.tracks.items():
            parts = key.split(".")
            if parts[:2] == ["cmi", "interactions"] and parts[2].isdigit():
                rows.setdefault(int(parts[2]), {})[".".join(parts[3:])] = value
        return rows

    def interactions(self) -> list[dict]:
        """The interactions as Moodle's report lists them: by index n, element by element."""
        rows = self.interactions_by_index()
        return [rows[n] for n in sorted(rows)]

    def indices(self) -> list[int]:
        """The interaction indices Moodle holds: a trainer's report has a column group for each."""
        return sorted(self.interactions_by_index())

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

            def _send(self, status, text, kind="text/plain"):
                body = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/launch":
                    return self._send(200, json.dumps({"cmi": lms.launch_cmi(), "mastery_override": True,
                                                       "standard": lms.standard, "version": lms.version}),
                                      "application/json")
                return super().do_GET()

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                with lms.lock:
                    failed = lms.fail_next > 0
                    if failed:
                        lms.fail_next -= 1
                        lms.failed += 1
                    else:
                        data = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
                        lms.commits.append(data)
                        for key, value in data.items():
                            if key.startswith("cmi."):
                                lms.tracks[key] = value
                    if "terminate=true" in self.path:  # counted once it is stored (or failed)
                        lms.finishes += 1
                if failed:
                    return self._send(503, "Service Unavailable")
                return self._send(200, "true\n0")

        return Handler
