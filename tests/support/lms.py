"""A small LMS for the SCORM tests: real scorm-again in the browser, this backend behind it.

It frames the package the way Moodle 4.5.6 does; in the browser, Moodle's own request behaviour
(tests/harness/moodle-request.js) sends only changed values, and says "true" to a request
that threw. This backend keeps tracks the way Moodle does (one value per element and
attempt, later commits overwrite, nothing is ever deleted) and, for the next launch, hands the
SCO what Moodle's `get_scorm_default` hands it (`datamodels/scorm_12lib.php`,
`scorm_13lib.php`) in the mode `scorm_check_mode` (`lib.php`) picks:

- SCORM 1.2: every stored value, whatever the last exit; `entry` is `ab-initio` while no status
  was stored, `resume` after `exit = suspend`, else empty;
- SCORM 2004: earlier values only when the attempt's last `cmi.exit` is `suspend` (`entry =
  resume`); after any other exit (`normal`, `logout`, `time-out`, none) `entry = ab-initio` and
  an empty data model, in the same attempt (`total_time` starts again from zero);
- an attempt that is complete (1.2: lesson_status completed, passed or failed; 2004:
  completion_status completed) opens again in `review` mode with `no-credit`, unless the learner
  asked for a new attempt (`start_new_attempt()`, Moodle's "Start a new attempt"); what the SCO
  writes then is still stored in that attempt.

Faults are real: `fail_next` makes the next store requests answer HTTP 503 and store
nothing; a test goes offline with playwright's `context.set_offline(True)`.
`standard` is Moodle's site setting `scormstandard` (standards mode; off by default).
`version` "2004" serves scorm-again's SCORM 2004 runtime as API_1484_11 instead, with the
request model and format checks of Moodle's SCORM 2004 player (tests/harness/moodle-*.js).
"""

from __future__ import annotations

import json
import re
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
            "language": "cmi.student_preference.language", "mode": "cmi.core.lesson_mode",
            "credit": "cmi.core.credit", "total_time": "cmi.core.total_time"},
    "2004": {"location": "cmi.location", "exit": "cmi.exit", "score": "cmi.score.raw",
             "status": "cmi.success_status", "response": "learner_response", "entry": "cmi.entry",
             "language": "cmi.learner_preference.language", "mode": "cmi.mode", "credit": "cmi.credit",
             "total_time": "cmi.total_time"},
}


def dotted(element: str) -> str:
    """Moodle's stored 1.2 name (cmi.interactions_0.id) in the dotted form the tests read."""
    return re.sub(r"_(\d+)\.", r".\1.", element)


class ScormLMS:
    def __init__(self, package: Path, mastery_score: int | None, student=("learner-7", "Muster, Erika"),
                 standard: bool = True, version: str = "1.2", language: str = ""):
        self.package = Path(package)
        self.version = version
        self.el = ELEMENTS[version]
        self.language = language  # the learner's language preference in the LMS ("" unless set)
        self.mastery_score = mastery_score
        self.student = student
        self.attempts: dict[int, dict[str, str]] = {1: {}}  # Moodle's attempts: number -> tracks
        self.attempt = 1  # the attempt the next launch opens (scorm_get_last_attempt)
        self.new_attempt = False  # the learner ticked "Start a new attempt" for the next launch
        self.standard = standard
        self.commits: list[dict] = []  # stored request payloads, in order
        self.failed = 0  # store requests answered 503
        self.fail_next = 0  # answer this many store requests from now on with HTTP 503
        self.finishes = 0  # finishing commits (LMSFinish) received, taken or refused
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def tracks(self) -> dict[str, str]:
        """What Moodle holds for the current attempt, element -> value (interactions dotted)."""
        return self.attempts[self.attempt]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/harness/lms.html"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def complete(self, tracks: dict | None = None) -> bool:
        """scorm_check_mode's test: 1.2 lesson_status completed, passed or failed; 2004 completion_status completed."""
        tracks = self.tracks if tracks is None else tracks
        if self.version == "2004":
            return tracks.get("cmi.completion_status") == "completed"
        return tracks.get("cmi.core.lesson_status") in ("completed", "passed", "failed")

    def start_new_attempt(self) -> None:
        """The learner ticks Moodle's "Start a new attempt" before the next launch."""
        self.new_attempt = True

    def check_mode(self) -> str:
        """scorm_check_mode for the next launch: a new attempt only when the last one is complete
        and one was asked for; a complete attempt opens again in review mode."""
        asked, self.new_attempt = self.new_attempt, False
        if not self.complete():
            return "normal"
        if asked:
            self.attempt += 1
            self.attempts[self.attempt] = {}
            return "normal"
        return "review"

    def launch_cmi(self, mode: str | None = None) -> dict:
        """What Moodle's get_scorm_default hands the SCO before it starts, in `mode` (default: the
        mode the last attempt is in, without asking for a new one)."""
        if mode is None:
            mode = "review" if self.complete() else "normal"
        if self.version == "2004":
            return self._launch_2004(mode)
        cmi = {"cmi.core.student_id": self.student[0], "cmi.core.student_name": self.student[1],
               "cmi.core.credit": "credit" if mode == "normal" else "no-credit", "cmi.core.lesson_mode": mode}
        if self.mastery_score is not None:
            cmi["cmi.student_data.mastery_score"] = str(self.mastery_score)
        if self.language:
            cmi[self.el["language"]] = self.language
        if not self.tracks.get("cmi.core.lesson_status"):
            cmi["cmi.core.entry"] = "ab-initio"
        else:
            cmi["cmi.core.entry"] = "resume" if self.tracks.get("cmi.core.exit") == "suspend" else ""
        cmi.update({k: v for k, v in self.tracks.items() if k in RESUMED})
        cmi.setdefault("cmi.core.lesson_status", "not attempted")
        # Moodle hands earlier interactions back to its API; _count is how many indices it holds
        # (scorm-again needs them from 0 without a gap, so a gap ends what it gets).
        self._hand_back_interactions(cmi)
        return cmi

    def _launch_2004(self, mode: str) -> dict:
        cmi = {"cmi.learner_id": self.student[0], "cmi.learner_name": self.student[1],
               "cmi.credit": "credit" if mode == "normal" else "no-credit", "cmi.mode": mode}
        if self.mastery_score is not None:
            cmi["cmi.scaled_passing_score"] = str(self.mastery_score / 100)
        if self.language:
            cmi[self.el["language"]] = self.language
        suspended = self.tracks.get("cmi.exit") == "suspend"
        cmi.update({"cmi.entry": "resume" if suspended else "ab-initio", "cmi.completion_status": "unknown",
                    "cmi.success_status": "unknown"})
        if suspended:  # "only cmi.exit == suspend should allow previous datamodel elements on re-launch"
            cmi.update({k: v for k, v in self.tracks.items() if k in RESUMED_2004})
            self._hand_back_interactions(cmi)
        return cmi

    def moodle_defaults(self, cmi: dict) -> dict:
        """Values Moodle's own JavaScript starts from besides those the SCO can read: the stored
        exit (1.2 always, 2004 after suspend) and total_time's start (both write-only or read-only
        elements scorm-again does not take from a launch)."""
        extra = {}
        exit_element = self.el["exit"]
        if self.version == "1.2" or cmi["cmi.entry"] == "resume":
            extra[exit_element] = self.tracks.get(exit_element, "")
        else:
            extra[exit_element] = ""
        extra[self.el["total_time"]] = cmi.get(self.el["total_time"], "PT0H0M0S" if self.version == "2004" else "00:00:00")
        return extra

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

    def store(self, values: dict[str, str], attempt: int | None = None) -> None:
        """scorm_insert_track for each posted cmi element: insert or update, never delete."""
        self.commits.append(values)
        tracks = self.attempts.setdefault(attempt or self.attempt, {})
        for key, value in values.items():
            if key.startswith("cmi."):
                tracks[dotted(key)] = value

    def launch(self) -> dict:
        """The launch as the harness page reads it (GET /launch)."""
        mode = self.check_mode()
        cmi = self.launch_cmi(mode)
        return {"cmi": cmi, "moodle": self.moodle_defaults(cmi), "mastery_override": True,
                "standard": self.standard, "version": self.version, "attempt": self.attempt}

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
                    with lms.lock:
                        launch = lms.launch()
                    return self._send(200, json.dumps(launch), "application/json")
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
                        lms.store(lms.posted(self.headers.get("Content-Type", ""), body), lms.attempt_of(self.path))
                    if "terminate=true" in self.path:  # counted once it is stored (or failed)
                        lms.finishes += 1
                if failed:
                    return self._send(503, "Service Unavailable")
                return self._send(200, "true\n0")

        return Handler

    @staticmethod
    def attempt_of(path: str) -> int | None:
        """The attempt a request names (Moodle's datamodel.php takes it from its URL)."""
        m = re.search(r"[?&]attempt=(\d+)", path)
        return int(m.group(1)) if m else None

    @staticmethod
    def posted(kind: str, body: bytes) -> dict[str, str]:
        """A store request's values (a form, from the XHR or the beacon)."""
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
