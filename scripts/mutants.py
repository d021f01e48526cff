"""Deliberate mistakes, one at a time: each must turn some test red.

`make mutants` (or `.venv/bin/python scripts/mutants.py [NAME ...]`) copies the checkout's
tracked files into a temporary folder, makes one change from MUTANTS there, runs the tests
named for it and prints whether they caught it. A mutant that survives is a behaviour no
test guards: write the test, then run this again. Exit code 1 when any survived.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    behaviour: str
    file: str
    old: str  # must occur exactly once in the file
    new: str
    tests: tuple[str, ...]


MUTANTS = [
    Mutant("layers", "the stages import downwards only (import-linter)", "builder/load/catalogs.py",
           "import yaml\n", "import yaml\n\nfrom ..render import templates  # noqa: F401\n",
           ("tests/test_layers.py",)),
    Mutant("weights", "score weights", "assets/runtime/player/questions.js",
           "total += q.weight;", "total += 1;",
           ("tests/runtime/test_scores.py", "tests/moodle/test_scores_scorm.py")),
    Mutant("pass-mark", "pass mark: reaching the mastery score passes", "assets/runtime/player/questions.js",
           "score >= data.unit.masteryScore", "score > data.unit.masteryScore",
           ("tests/runtime/test_scores.py", "tests/moodle/test_scores_scorm.py")),
    Mutant("numeric-tolerance", "numeric: an answer within the tolerance is right", "assets/runtime/types/numeric.js",
           "Math.abs(r - q.correct) <= q.tolerance + 1e-9", "Math.abs(r - q.correct) <= 1e-9",
           ("tests/runtime/test_scores.py", "tests/moodle/test_scores_scorm.py")),
    Mutant("tolerance-edge", "numeric: an answer exactly at the tolerance is right", "assets/runtime/types/numeric.js",
           "Math.abs(r - q.correct) <= q.tolerance + 1e-9", "Math.abs(r - q.correct) <= q.tolerance",
           ("tests/runtime/test_scores.py", "-k", "edge")),
    Mutant("decimal-comma", "numeric: \"3,5\" is three and a half", "assets/runtime/types/numeric.js",
           'Number(raw.replace(",", "."))', "Number(raw)",
           ("tests/runtime/test_scores.py", "tests/moodle/test_scores_scorm.py")),
    Mutant("fill-in-normalise", "fill-in: case and spaces do not matter", "assets/runtime/types/fill-in.js",
           "normalise(a) === normalise(r)", "a === r",
           ("tests/runtime/test_scores.py", "tests/moodle/test_scores_scorm.py")),
    Mutant("scoring-best", "scoring best: a right later try counts", "assets/runtime/player/questions.js",
           "var counts = attempt === 1 || !firstCounts && correct;", "var counts = attempt === 1;",
           ("tests/moodle/test_scores_scorm.py", "-k", "best")),
    Mutant("completion-last-page", "completion last-page: the last page is enough", "assets/runtime/player/questions.js",
           "var pagesDone = lastPage ? !!state.visited[pageIds[pageIds.length - 1]] : unseen === 0;",
           "var pagesDone = unseen === 0;", ("tests/moodle/test_scores_scorm.py", "-k", "last_page")),
    Mutant("completion-answers", "completion waits for every scored answer", "assets/runtime/player/questions.js",
           "complete: pagesDone && unanswered === 0,", "complete: pagesDone,", ("tests/moodle/test_scores_scorm.py", "-k", "last_page")),
    Mutant("partial-choices", "multiple choice: part of the right choices earns nothing", "assets/runtime/types/_choice.js",
           "judge: function (q, r) { return kit.sameList(r.slice().sort(), q.correct.slice().sort()); },",
           "judge: function (q, r) { return r.every(function (x) { return q.correct.indexOf(x) >= 0; }); },",
           ("tests/moodle/test_scores_scorm.py", "-k", "weighted")),
    Mutant("scorm-weighting", "SCORM: an interaction's weighting is the question's weight", "assets/runtime/scorm/scorm12.js",
           "weighting: q.scored ? q.weight : 0,", "weighting: q.scored ? 1 : 0,", ("tests/moodle/test_scores_scorm.py", "-k", "weighted")),
    Mutant("empty-page", "a page with nothing below its heading is refused", "builder/load/pages.py",
           '            if not page["blocks"]:  # the learner would see a heading over nothing', "            if False:",
           ("tests/load/test_fuzz.py", "-k", "whole")),
    Mutant("placed-twice", "a question placed twice is refused", "builder/load/pages.py",
           "                    elif qid in where:", "                    elif False:",
           ("tests/load/test_fuzz.py", "-k", "whole")),
    Mutant("manifest-files", "the SCORM manifest lists every file of the zip", "builder/targets/scorm12.py",
           "langs=self.languages(unit, lang), files=sorted(files),",
           "langs=self.languages(unit, lang), files=sorted(files)[1:],",
           ("tests/targets/test_fuzz_outputs.py", "-k", "carries")),
    Mutant("tincan-questions", "tincan.xml lists every question, scored or not", "builder/targets/xapi.py",
           "questions=[as_json(question_activity(unit, q, lang)) for q in unit.questions.values()],",
           "questions=[as_json(question_activity(unit, q, lang)) for q in unit.scored_questions],",
           ("tests/targets/test_fuzz_outputs.py", "-k", "carries")),
    Mutant("side-file-rows", "the SCORM side file lists every question", "builder/targets/scorm12.py",
           "        for q in unit.questions.values():", "        for q in unit.scored_questions:",
           ("tests/targets/test_fuzz_outputs.py", "-k", "carries")),
    Mutant("xapi-pattern", "xAPI correct-response pattern", "builder/questiontypes/fill_in.py",
           'return [f"{{case_matters=false}}{a}" for a in answers]',
           'return [f"{{case_matters=true}}{a}" for a in answers]',
           ("tests/xapi/test_xapi.py", "tests/xapi/test_xapi_faults.py", "tests/targets/test_packages.py")),
    Mutant("xapi-pattern-choices", "xAPI pattern: only the right choices are correct",
           "builder/questiontypes/multiple_choice.py",
           "return [c.id for c in q.choices if c.correct]", "return [c.id for c in q.choices]",
           ("tests/xapi/test_xapi.py", "tests/xapi/test_xapi_faults.py", "tests/targets/test_packages.py")),
    Mutant("suspend-shortening", "suspend_data: a long answer is cut, not blanked", "assets/runtime/tracking/bookmark.js",
           "answers[longest] = fit(answers[longest], Math.max(16, answers[longest].length - over - 12));",
           'answers[longest] = "";', ("tests/moodle/test_scorm12.py", "-k", "suspend_data_stays")),
    Mutant("bookmark-marks-scorm", "SCORM bookmark: answers follow their question, not their position",
           "assets/runtime/tracking/bookmark.js", "if (saved[0] === 2) {", "if (false) {",
           ("tests/runtime/test_bookmark.py", "-k", "scorm")),
    Mutant("bookmark-marks", "bookmark: an answer to a changed question is not restored", "assets/runtime/player/questions.js",
           "saved.marks[id] !== undefined && saved.marks[id] !== q.mark) {", "false) {",
           ("tests/runtime/test_bookmark.py", "-k", "local")),
    Mutant("lrs-origin", "report: credentials only to the endpoint's origin", "builder/report/lrs.py",
           "        if there != self.origin:", "        if False:", ("tests/report/test_hardening_report.py",)),
    Mutant("lrs-loop", "report: a 'more' link already read stops the report", "builder/report/lrs.py",
           "            if url in seen:", "            if False:", ("tests/report/test_hardening_report.py",)),
    Mutant("media-root", "no file outside the unit folder enters a package", "builder/load/media.py",
           '    allowed = unit_folder.resolve()\n    candidate = _spelled(', '    allowed = (unit_folder / "media").resolve()\n    candidate = _spelled(',
           ("tests/load/test_hardening_media.py",)),
    Mutant("svg-script", "SVG with script refused", "builder/load/media.py",
           "        if local in ACTIVE_ELEMENTS:", "        if False:", ("tests/load/test_hardening_media.py",)),
    Mutant("csv-formula", "CSV cells never start a formula", "builder/printable.py",
           """        return "'" + value""", "        return value", ("tests/report/test_hardening_report.py",)),
    Mutant("nan-weight", "NaN weight refused by check", "builder/load/questions.py",
           "        elif not finite_number(weight) or weight <= 0:",
           "        elif isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:",
           ("tests/load/test_hardening_input.py",)),
    Mutant("xapi-fill-in-response", "xAPI fill-in response sent as compared", "assets/runtime/types/fill-in.js",
           "parts: function (q, r) { return [compact(r)]; }", "parts: function (q, r) { return [String(r)]; }",
           ("tests/xapi/test_xapi_rules.py",)),
    Mutant("notation-sources", "response notation: a matching source is written as its token (SCORM 1.2 digit)",
           "assets/runtime/tracking/notation.js", "token(notation.sources, p[0])", "String(p[0])",
           ("tests/runtime/test_runtime_types.py",)),
    Mutant("bookmark-matching", "bookmark: a matching answer is kept as target letters", "assets/runtime/types/matching.js",
           "encode: function (q, r) { return kit.letters(q.targets,", "encode: function (q, r) { return kit.letters(q.options,",
           ("tests/runtime/test_bookmark.py", "-k", "the_bookmark")),
    Mutant("xapi-launch-registration", "xAPI launch: registration must be a UUID", "assets/runtime/xapi/launch.js",
           'if (launch.registration && !UUID.test(launch.registration)) return "registration";', "",
           ("tests/xapi/test_xapi_launch.py",)),
    Mutant("xapi-state-precondition", "xAPI State API writes with If-Match / If-None-Match",
           "assets/runtime/xapi/state.js", 'var pre = etag ? { "If-Match": etag } : { "If-None-Match": "*" };',
           "var pre = {};", ("tests/xapi/test_xapi_state.py",)),
    Mutant("moodle-marks-late", "test LMS: Moodle marks values sent before the result", "tests/harness/moodle-request.js",
           "collected[k] = values[k]; // marked", "// collected[k] = values[k]; // marked",
           ("tests/moodle/test_moodle_model.py",)),
    Mutant("scorm-believes-true", "SCORM adapter: offline, Moodle's \"true\" is not believed",
           "assets/runtime/scorm/commits.js", "function online() { return !!app || navigator.onLine !== false; }",
           "function online() { return true; }", ("tests/moodle/test_scorm12_faults.py", "-k", "offline and on")),
    Mutant("scorm-resend", "SCORM adapter: doubtful values are sent again", "assets/runtime/scorm/commits.js",
           "var ok = Object.keys(doubtful).length ? resendDoubtful() : true;", "var ok = true;",
           ("tests/moodle/test_scorm12_faults.py", "-k", "commits_fail and on")),
    Mutant("scorm-finished", "SCORM adapter: a finished attempt is never suspended",
           "assets/runtime/scorm/scorm12.js",
           'if (status === "passed" || status === "completed" || status === "failed") state.complete = true;', "",
           ("tests/moodle/test_scorm12_faults.py", "-k", "finished and on")),
    Mutant("scorm-retry-timer", "SCORM adapter: a failed commit is retried on a timer, without a click",
           "assets/runtime/scorm/commits.js", "        if (online()) commitTimer = setTimeout(commitNow, retryDelay);",
           "", ("tests/moodle/test_scorm12_faults.py", "-k", "clock and on")),
    Mutant("xapi-retry-timer", "xAPI adapter: statements are retried on a timer, without a click",
           "assets/runtime/xapi/queue.js", "retryTimer = setTimeout(function () { retryTimer = null; flush(); }, delay);",
           "retryTimer = null;", ("tests/xapi/test_xapi_launch.py", "-k", "clock")),
    Mutant("moodle-2004-sends-all", "test LMS: Moodle's 2004 player records nothing it sent",
           "tests/harness/moodle-request.js", "if (scorm2004) return; // 2004: nothing recorded", "",
           ("tests/moodle/test_moodle_model.py", "-k", "every_value")),
    Mutant("scorm2004-finished", "SCORM 2004 adapter: a finished attempt is never set back",
           "assets/runtime/scorm/scorm2004.js",
           'if (completion === "completed" || success === "passed" || success === "failed") state.complete = true;', "",
           ("tests/moodle/test_scorm12_faults.py", "-k", "finished and scorm2004")),
    Mutant("scorm2004-tokens", "SCORM 2004: option ids as tokens Moodle's 2004 player accepts",
           "builder/questiontypes/notation.py", '"scorm2004": {"letters": False, "hyphen": "_",',
           '"scorm2004": {"letters": False, "hyphen": "-",',
           ("tests/moodle/test_scorm2004.py", "-k", "records and all-right and en")),
    Mutant("scorm2004-one-line", "SCORM 2004: long answers reach an LMS that refuses line breaks",
           "assets/runtime/scorm/scorm2004.js", "var text = oneLine(QSER.notateResponse(note, q, response));",
           "var text = QSER.notateResponse(note, q, response);", ("tests/moodle/test_scorm2004.py", "-k", "reflection")),
    Mutant("scorm2004-time-fraction", "SCORM 2004: timestamps as Moodle's 2004 player checks them",
           "assets/runtime/scorm/scorm2004-formats.js", 'pad(date.getSeconds(), 2) + ".0" +', "pad(date.getSeconds(), 2) +",
           ("tests/moodle/test_scorm2004.py", "-k", "records and all-right and en")),
    Mutant("scorm2004-progress", "SCORM 2004: progress_measure is the share of pages seen",
           "assets/runtime/scorm/tracker.js", "if (visited.indexOf(id) < 0) visited.push(id);", "",
           ("tests/moodle/test_scorm2004.py", "-k", "resume")),
    Mutant("moodle-2004-suspend-only", "test LMS: Moodle's 2004 player hands data back only after suspend",
           "tests/support/lms.py", 'suspended = self.tracks.get("cmi.exit") == "suspend"', "suspended = bool(self.tracks)",
           ("tests/moodle/test_moodle_model.py", "-k", "nothing_back")),
    Mutant("moodle-ranged-number", "test LMS: Moodle keeps scores and weightings as numbers",
           "tests/harness/moodle-request.js",
           "function typed(element, value) { return RANGED.test(element) ? Number(value) * 1.0 : String(value); }",
           "function typed(element, value) { return String(value); }",
           ("tests/moodle/test_moodle_model.py", "-k", "spelling")),
    Mutant("moodle-review-mode", "test LMS: a finished attempt opens again in review mode", "tests/support/lms.py",
           '        return "review"\n', '        return "normal"\n', ("tests/moodle/test_moodle_model.py", "-k", "review")),
    Mutant("scorm2004-exit-suspend", "SCORM 2004: a finished attempt is suspended, so Moodle hands it back",
           "assets/runtime/scorm/scorm2004.js", 'exitDone: "suspend",', 'exitDone: "normal",',
           ("tests/moodle/test_scorm12_faults.py", "-k", "finished_on_reentry and scorm2004")),
    Mutant("scorm-review-blind", "SCORM: a review launch with nothing handed back writes nothing",
           "assets/runtime/scorm/tracker.js", "state.readOnly = reviewedBlind();", "state.readOnly = false;",
           ("tests/moodle/test_scorm12_faults.py", "-k", "without_its_bookmark and scorm2004")),
    Mutant("retake-after-finished", "SCORM: a retake left half-way goes on where it was", "assets/runtime/scorm/tracker.js",
           "var retaking = restored && restored.retakes > 0 && restored.page;", "var retaking = false;",
           ("tests/moodle/test_scorm12_retake.py", "-k", "new_result and on")),
    Mutant("scorm-finished-result", "SCORM: a finished attempt opens on its result page",
           "assets/runtime/scorm/tracker.js", "return state.finished && !retaking ? atResult(restored) : restored;",
           "return restored;", ("tests/moodle/test_scorm12_faults.py", "-k", "finished_on_reentry and on")),
    Mutant("scorm12-standin-number", "SCORM 1.2: a number's stand-in is another number (0 too)",
           "assets/runtime/scorm/scorm12-formats.js",
           '    if (/score\\.(raw|min|max)$|\\.weighting$/.test(element)) return Number(value) === 0 ? "1" : "0";\n', "",
           ("tests/moodle/test_scorm12_faults.py", "-k", "commits_fail and on")),
    Mutant("report-2004-download", "report: a SCORM 2004 download gives status and scores and says why no answers",
           "builder/report/from_moodle.py", "scorm2004 = _answers_unreadable(download)", "scorm2004 = False",
           ("tests/report/test_moodle_report_2004.py",)),
    Mutant("journal-own-attempt", "SCORM: a journal goes only into its own attempt (or one nothing reached)",
           "assets/runtime/scorm/journal.js", ".filter(function (j) { return !j.confirmed; })",
           ".filter(function (j) { return true; })",
           ("tests/moodle/test_scorm12_faults.py", "-k", "never_replayed and on")),
    Mutant("journal-token", "SCORM: a launch knows its attempt by the bookmark's token (its journal comes back)",
           "assets/runtime/tracking/bookmark.js", 'if (typeof saved[10] === "string") state.attempt = saved[10];', "",
           ("tests/moodle/test_scorm12_faults.py", "-k", "leaving_while_offline and comes and on")),
    Mutant("app-trusted", "Moodle app: commits go to the app's store as usual, offline too",
           "assets/runtime/scorm/commits.js", "function online() { return !!app || navigator.onLine !== false; }",
           "function online() { return navigator.onLine !== false; }",
           ("tests/moodle/test_moodle_app.py", "-k", "sync_stores and right")),
    Mutant("app-detected", "Moodle app: told apart by its API object's own methods",
           "assets/runtime/scorm/api.js",
           'if (typeof api.loadSco !== "function" || typeof api.setOffline !== "function") return null;', "return null;",
           ("tests/moodle/test_moodle_app.py", "-k", "new_attempt_after")),
    Mutant("app-notice", "Moodle app: the learner reads that answers are saved on the device",
           "assets/runtime/scorm/commits.js", '        onDevice = true;\n        view.notice("saved_on_device");\n',
           "        onDevice = true;\n", ("tests/moodle/test_moodle_app.py", "-k", "lost_connection")),
    Mutant("app-model-zero", "test app: the sync sends value || '' (zero becomes empty)",
           "tests/harness/moodle-app.js", 'tracks.push({ element: element, value: value || "" });',
           "tracks.push({ element: element, value: value === null ? \"\" : value });",
           ("tests/moodle/test_app_model.py", "-k", "zero")),
    Mutant("app-model-offline-true", "test app: an offline commit answers true",
           "tests/harness/moodle-app.js", "          write(DB, db);\n          return true;\n",
           "          write(DB, db);\n          return false;\n", ("tests/moodle/test_app_model.py", "-k", "device")),
    Mutant("cmi5-category", "cmi5: defined statements carry the cmi5 category", "assets/runtime/xapi/cmi5.js",
           "        category(s.context, CMI5);\n", "", ("tests/xapi/test_cmi5.py", "-k", "passes and en")),
    Mutant("cmi5-template", "cmi5: every statement carries the LMS's context template (session id)",
           "assets/runtime/xapi/cmi5.js", "s.context = withTemplate(launchData.contextTemplate, s.context);", "",
           ("tests/xapi/test_cmi5.py", "-k", "passes and en")),
    Mutant("cmi5-browse", "cmi5: Browse and Review report no outcome", "assets/runtime/xapi/cmi5.js",
           'if (launchData.launchMode !== "Normal" || o.restored) return [];', "if (o.restored) return [];",
           ("tests/xapi/test_cmi5.py", "-k", "Browse")),
    Mutant("cmi5-one-judgement", "cmi5: a failure waits for the session's end (one of passed/failed per session)",
           "assets/runtime/xapi/cmi5.js", "failure = o; // told at the session's end, unless a pass comes first",
           'out.push(judgement("failed", o, tools, duration));', ("tests/xapi/test_cmi5.py", "-k", "failure")),
    Mutant("cmi5-lms-mastery", "cmi5: the LMS's masteryScore is the pass mark", "assets/runtime/xapi/cmi5.js",
           "data.unit.masteryScore = Math.round(launchData.masteryScore * 10000) / 100;", "",
           ("tests/xapi/test_cmi5.py", "-k", "failure")),
    Mutant("cmi5-browse-no-record", "cmi5: Browse and Review write no bookmark", "assets/runtime/xapi/cmi5.js",
           'readOnly: mode !== "Normal"', "readOnly: false", ("tests/xapi/test_cmi5.py", "-k", "Browse")),
    Mutant("cmi5-language", "cmi5: languagePreference matches a primary language", "assets/runtime/xapi/cmi5-launch.js",
           'if (lower[k].split("-")[0] === primary) return available[k];', "",
           ("tests/xapi/test_cmi5.py", "-k", "preferences")),
    Mutant("paste-marker", "long answers: the marker counts what was pasted", "assets/runtime/scorm/scorm12.js",
           "fit(text, MAX_RESPONSE, result.given)", "fit(text, MAX_RESPONSE)",
           ("tests/moodle/test_scorm12_faults.py", "-k", "paste and on")),
    Mutant("bundle-bookmark-language", "bundle: the learner's language choice is restored on resume",
           "assets/runtime/player/languages.js", "var lang = choose([saved && saved.lang]) || choose(lms);",
           "var lang = choose(lms);", ("tests/runtime/test_bundle_tracking.py", "-k", "scorm12")),
    Mutant("bundle-lms-language", "bundle: SCORM's cmi.student_preference.language opens", "assets/runtime/scorm/tracker.js",
           "return lang ? [lang] : [];", "return [];", ("tests/runtime/test_bundle_tracking.py", "-k", "scorm12")),
    Mutant("bundle-xapi-language", "bundle: statements carry the language shown", "builder/render/bundle.py",
           "    if bundled != values[0]:\n        return {}\n", "    return {}\n",
           ("tests/runtime/test_bundle_tracking.py", "-k", "xapi")),
    Mutant("bundle-switch-answers", "bundle: a switch shows the answers again", "assets/runtime/player/player.js",
           "    questions.restore(kept());\n", "",
           ("tests/runtime/test_bundle.py", "-k", "keyboard or third")),
    Mutant("bundle-switch-drafts", "bundle: a switch keeps what the learner typed", "assets/runtime/player/languages.js",
           "    putBack(kept);\n", "", ("tests/runtime/test_bundle.py", "-k", "keyboard or third")),
    Mutant("bundle-switch-visit", "bundle: a switch is not a page visit", "assets/runtime/player/player.js",
           "if (newPage && index !== RESULT) {", "if ((newPage || again) && index !== RESULT) {",
           ("tests/runtime/test_bundle_tracking.py", "-k", "xapi")),
    Mutant("bundle-cmi5-language", "bundle: cmi5's languagePreference opens", "assets/runtime/xapi/cmi5.js",
           "return preference ? String(preference).split(\",\") : [];", "return [];",
           ("tests/xapi/test_bundle_cmi5.py",)),
    Mutant("bundle-chooser-primary", "bundle: de-AT opens German", "assets/runtime/player/language-guess.js",
           'var primary = wanted[i].split("-")[0];', "var primary = wanted[i];", ("tests/runtime/test_bundle.py", "-k", "opens")),
    Mutant("paint-style-request", "first paint: the style is inside index.html", "templates/player.html",
           "<style>{{ style|safe }}</style>", '<link rel="stylesheet" href="player/player.css">',
           ("tests/runtime/test_first_paint.py", "-k", "alone and scorm12")),
    Mutant("paint-closing-tag", "first paint: a '</script>' inside a script ends nothing", "builder/render/runtime.py",
           'return _CLOSING.sub(r"<\\\\/", text)', "return text", ("tests/runtime/test_first_paint.py", "-k", "closing")),
    Mutant("bundle-hold-launched", "bundle: no language flashes before the LMS's", "assets/runtime/player/language-guess.js",
           "if (guess !== look.shown || launched)", "if (guess !== look.shown)",
           ("tests/runtime/test_first_paint.py", "-k", "lms")),
    Mutant("bundle-hold-async", "bundle: the hold waits for cmi5's preference", "assets/runtime/player/languages.js",
           "var HOLD_AT_MOST = 1500;", "var HOLD_AT_MOST = 0;", ("tests/xapi/test_bundle_first_paint.py",)),
    Mutant("bundle-guess-memory", "bundle: opens again in the language last shown", "assets/runtime/player/language-guess.js",
           "choose([last], look.choices) || ", "", ("tests/runtime/test_first_paint.py", "-k", "again")),
    # the knowledge check a learner understands (issue 24)
    Mutant("check-one-at-a-time", "a page of questions shows one at a time", "assets/runtime/player/player.js",
           "group.forEach(function (el) { el.hidden = i !== step; });", "group.forEach(function (el) { el.hidden = false; });",
           ("tests/runtime/test_check.py", "-k", "one_question")),
    Mutant("check-first-counted", "a later try says it does not change the score", "assets/runtime/player/questions.js",
           'parts.push(correct && fixed ? ui.first_counted : "", q.feedback[kind]);', "parts.push(q.feedback[kind]);",
           ("tests/runtime/test_check.py", "-k", "wrong_then_right and en")),
    Mutant("check-review-counted", "the review shows the answer that counted", "assets/runtime/player/result.js",
           "type.words(form, q, questions.counted(id))", "type.words(form, q, state.answers[id])",
           ("tests/runtime/test_check.py", "-k", "wrong_then_right and en")),
    Mutant("check-own-answer-marked", "the last try keeps the learner's answer, marked wrong", "assets/runtime/types/_choice.js",
           'right.indexOf(id) >= 0 ? "yours_right" : "yours_wrong"', '"yours_right"',
           ("tests/runtime/test_check.py", "-k", "last_try")),
    Mutant("check-focus-feedback", "after a check the focus is on its feedback", "assets/runtime/player/questions.js",
           "box.focus(); // before the check button goes: the focus never falls to the page", "",
           ("tests/runtime/test_reach.py", "-k", "focus_never and en")),
    Mutant("check-targets", "every control is at least 44 px", "assets/css/player.css",
           "--target: 2.75rem;", "--target: 2.5rem;", ("tests/runtime/test_reach.py", "-k", "44 and en")),
    Mutant("hover-touch", "no hover colour sticks to what a finger tapped", "assets/css/player.css",
           "@media (hover: hover) {", "@media all {", ("tests/runtime/test_reach.py", "-k", "hover")),
    Mutant("switch-in-reach", "the language switch stays on the screen", "assets/css/player.css",
           "  position: sticky; top: 0; z-index: 1; flex-wrap: nowrap;", "  position: static; top: 0; z-index: 1; flex-wrap: nowrap;",
           ("tests/runtime/test_reach.py", "-k", "switch_keeps")),
    Mutant("retake-reopens", "a retake opens the questions again", "assets/runtime/player/questions.js",
           "typeOf(data.questions[id]).unlock(form(id));", "", ("tests/runtime/test_check.py", "-k", "retake")),
    Mutant("retake-reported", "a retake's outcome is reported, also when it equals the last", "assets/runtime/player/player.js",
           "reported = null; // the retake's outcome is news, even when it equals the last one", "",
           ("tests/xapi/test_xapi_retake.py", "-k", "same_result")),
    Mutant("retake-bookmark", "the bookmark keeps the retakes taken", "assets/runtime/tracking/bookmark.js",
           'if (typeof saved[8] === "number" && saved[8] > 0) state.retakes = saved[8];', "",
           ("tests/moodle/test_scorm12_retake.py", "-k", "run_out")),
    Mutant("retake-merge", "a merged xAPI bookmark keeps only the latest round's answers", "assets/runtime/xapi/state.js",
           "var earlier = rounds(newer) === rounds(older) ? older : { state: {} };", "var earlier = older;",
           ("tests/xapi/test_xapi_retake.py", "-k", "merge")),
    Mutant("xapi-counted-first", "xAPI: the outcome names the answers the score counted", "assets/runtime/xapi/session.js",
           "result.counts === false && before ? before.id : s.id", "s.id",
           ("tests/xapi/test_xapi_retake.py", "-k", "same_result")),
    Mutant("hint-gives-away", "check refuses a hint holding an accepted answer", "builder/load/questions.py",
           "found = TYPES[q.type].given_away(q, text)", "found = None", ("tests/load/test_check.py", "-k", "gives")),
]


def _copy_checkout(into: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    for shared in ("node_modules", ".cache"):
        if (ROOT / shared).exists():
            (into / shared).symlink_to(ROOT / shared)


def run(mutant: Mutant) -> tuple[bool, float]:
    """(caught, seconds) for one mutant."""
    with tempfile.TemporaryDirectory(prefix="qser-mutant-") as tmp:
        copy = Path(tmp) / "checkout"
        _copy_checkout(copy)
        if (ROOT.parent / "shared").exists():  # ../shared (Moodle fixtures) beside the copy too
            (Path(tmp) / "shared").symlink_to(ROOT.parent / "shared")
        target = copy / mutant.file
        text = target.read_text("utf-8")
        if text.count(mutant.old) != 1:
            raise SystemExit(f"mutant {mutant.name}: {mutant.file} holds {text.count(mutant.old)} copies of "
                             f"{mutant.old!r}, not one: update MUTANTS in scripts/mutants.py")
        target.write_text(text.replace(mutant.old, mutant.new), "utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *mutant.tests],
                                cwd=copy, env=env, capture_output=True, text=True)
        return result.returncode != 0, time.monotonic() - started


def main(names: list[str]) -> int:
    chosen = [m for m in MUTANTS if not names or m.name in names]
    unknown = set(names) - {m.name for m in MUTANTS}
    if unknown or names[:1] in (["-h"], ["--help"]):
        print("usage: scripts/mutants.py [NAME ...]   names: " + ", ".join(m.name for m in MUTANTS))
        return 2 if unknown else 0
    survived = 0
    print(f"{'mutant':<20} {'behaviour':<48} {'caught':<7} seconds")
    for mutant in chosen:
        caught, seconds = run(mutant)
        survived += not caught
        print(f"{mutant.name:<20} {mutant.behaviour:<48} {'yes' if caught else 'NO':<7} {seconds:.0f}", flush=True)
    print(f"{len(chosen) - survived} of {len(chosen)} caught")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
