/*
 * SCORM 1.2 adapter: what SCORM 1.2 names, formats and limits differently; everything else is
 * scorm/tracker.js (see docs/moodle.md for why it works as it does). In SCORM 1.2:
 * - one status, cmi.core.lesson_status: "incomplete" on first launch; passed/failed with the
 *   score only once the knowledge check is done ("completed" without scored questions);
 *   the score raw 0-100 (with "mastery score overrides status" Moodle turns any raw score into
 *   pass/fail: it is written only then);
 * - responses in SCORM 1.2 letters (the notation the build hands in), at most 255 characters:
 *   a longer one goes whole to cmi.comments while it has room (4096);
 * - interactions are write-only: resume comes from the bookmark in suspend_data (4096);
 * - cmi.core.exit "" when done.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  var F = QSER.scorm12Formats; // scorm12-formats.js, in front of this file
  var MAX_RESPONSE = F.MAX_RESPONSE, MAX_COMMENTS = F.MAX_COMMENTS, MAX_SUSPEND = F.MAX_SUSPEND, fit = F.fit;

  var SCORM12 = {
    api: "API",
    journal: "qser-scorm12-journal",
    calls: { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
             finish: "LMSFinish", lastError: "LMSGetLastError", errorString: "LMSGetErrorString" },
    el: { learner: "cmi.core.student_id", location: "cmi.core.lesson_location", suspend: "cmi.suspend_data",
          exit: "cmi.core.exit", sessionTime: "cmi.core.session_time", language: "cmi.student_preference.language",
          mode: "cmi.core.lesson_mode", entry: "cmi.core.entry" },
    exitDone: "",
    fields: ["id", "type", "time", "weighting", "student_response", "result", "latency", "correct_responses.0.pattern"],
    timespan: F.timespan,
    standIn: F.standIn,
    encodeBookmark: function (data, state, next) { return QSER.bookmark.encode(data, state, next, MAX_SUSPEND); },
    decodeBookmark: function (data, raw) { return QSER.bookmark.decode(data, raw); },

    /* What the LMS holds at launch: "incomplete" on the first; a finished attempt stays finished,
       whatever the bookmark says (another device, none). */
    begin: function (lms, set, state) {
      var status = lms.get("cmi.core.lesson_status");
      if (status === "not attempted" || status === "") set("cmi.core.lesson_status", "incomplete");
      if (status === "passed" || status === "completed" || status === "failed") state.complete = true;
      if (status === "passed") state.passedScore = parseFloat(lms.get("cmi.core.score.raw")) || 0;
    },

    /* The outcome the LMS holds for a finished attempt: {score, passed} (null where it has none). */
    recorded: function (lms) {
      var status = lms.get("cmi.core.lesson_status"), raw = lms.get("cmi.core.score.raw");
      var passed = status === "passed" ? true : status === "failed" ? false : null;
      return { score: raw === "" ? null : parseFloat(raw), passed: passed };
    },

    interaction: function (q, response, result, at, latency, notation) {
      var text = QSER.notateResponse(notation, q, response); // notation: from the build, SCORM 1.2 letters
      var pattern = notation.pattern;
      var fields = {
        id: q.id, type: notation.type, time: F.clock(at), weighting: q.scored ? q.weight : 0,
        student_response: fit(text, MAX_RESPONSE, result.given),
        result: result.correct === null ? "neutral" : result.correct ? "correct" : "wrong",
        latency: F.timespan(latency)
      };
      if (typeof pattern === "string") fields["correct_responses.0.pattern"] = fit(pattern, MAX_RESPONSE);
      if (text.length > MAX_RESPONSE) fields.overflow = text; // kept whole there: nothing is lost
      return fields;
    },

    /* A long free text goes to cmi.comments whole. LMSs differ: Moodle appends each SetValue
       to what is there, others replace it. Write the new part, then read back: if it replaced
       the earlier text, write earlier + new. */
    overflow: function (lms, q, text) {
      var before = lms.get("cmi.comments");
      var part = (before ? "\n\n" : "") + "[" + q.id + "] " + text;
      if (before.length + part.length > MAX_COMMENTS) part = fit(part, MAX_COMMENTS - before.length);
      if (!part || !lms.set("cmi.comments", part)) return;
      if (lms.get("cmi.comments") !== before + part) lms.set("cmi.comments", before + part);
    },

    outcome: function (outcome, set) {
      if (outcome.score !== null) {
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", outcome.score);
        set("cmi.core.lesson_status", outcome.passed ? "passed" : "failed");
      } else if (outcome.complete) {
        set("cmi.core.lesson_status", "completed");
      }
    }
  };

  QSER.createTracker = function (data, view) { return QSER.scormTracker(data, view, SCORM12); };
})();
