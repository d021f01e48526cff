/*
 * SCORM 2004 (4th edition) adapter: what SCORM 2004 names, formats and limits differently;
 * everything else is scorm/tracker.js, shared with SCORM 1.2. In SCORM 2004:
 * - completion and success apart: completion_status "incomplete" on first launch, "completed"
 *   once the unit is done; success_status passed/failed with the score (raw 0-100 and scaled
 *   0-1) only once the knowledge check is done; progress_measure the share of pages seen;
 * - responses in the notation the build hands in (data.tracker.notations); a free text whole as
 *   long-fill-in up to 4000 characters, line breaks as " ¶ " (a longer one: its start with
 *   "…[+N]" and the whole in cmi.comments_from_learner); ids are URNs, description the question text;
 * - cmi.exit "suspend", from the first commit on, finished or not: Moodle's SCORM 2004 player hands
 *   a SCO its attempt's data back only after "suspend" (docs/moodle.md); no adl.nav.request.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  var F = QSER.scorm2004Formats; // scorm2004-formats.js, in front of this file
  var MAX_TEXT = 4000; // long-fill-in learner_response, comments_from_learner.n.comment
  // Characters a learner_response may have, by SCORM 2004 interaction type (fill-in: one localized string).
  var LIMITS = { "long-fill-in": MAX_TEXT, "fill-in": 250 };

  /* A text as one line, its line breaks as " ¶ ": scorm-again (like other LMSs reading the
     localized_string_type pattern strictly) refuses line breaks in learner_response and comments;
     one rule for every LMS, and the paragraphs still show. The bookmark keeps the text as typed. */
  function oneLine(text) { return String(text).replace(/[ \t]*(\r\n|\r|\n)+[ \t]*/g, " \u00b6 "); }

  function scorm2004(data) {
    var config = data.tracker || {};
    var interactions = config.interactions || {};

    /* The response in the build's notation (tracking/notation.js), and as it fits the LMS's limit. */
    function responseText(note, q, response, given) {
      var text = oneLine(QSER.notateResponse(note, q, response));
      var limit = LIMITS[note.type];
      return { text: text, fitted: limit ? QSER.fit(text, limit, given) : text };
    }

    return {
      api: "API_1484_11",
      journal: "qser-scorm2004-journal",
      calls: { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
               lastError: "GetLastError", errorString: "GetErrorString" },
      el: { learner: "cmi.learner_id", location: "cmi.location", suspend: "cmi.suspend_data",
            exit: "cmi.exit", sessionTime: "cmi.session_time", language: "cmi.learner_preference.language",
            mode: "cmi.mode", entry: "cmi.entry" },
      exitDone: "suspend", // "normal" would make Moodle hand the next launch an empty data model
      // id first (it creates the interaction), type before what its format depends on
      fields: ["id", "type", "description", "timestamp", "weighting", "learner_response", "result", "latency",
               "correct_responses.0.pattern"],
      timespan: F.timespan,
        encodeBookmark: function (d, state, next) { return QSER.bookmark.encode(d, state, next, F.MAX_SUSPEND); },
      decodeBookmark: function (d, raw) { return QSER.bookmark.decode(d, raw); },

      /* "incomplete" on the first launch; a completed, passed or failed attempt stays finished; the
         exit "suspend" goes with the first commit, so that a session whose last call never
         arrives still leaves the attempt resumable. */
      begin: function (lms, set, state) {
        var completion = lms.get("cmi.completion_status"), success = lms.get("cmi.success_status");
        if (completion !== "completed" && completion !== "incomplete") set("cmi.completion_status", "incomplete");
        if (completion === "completed" || success === "passed" || success === "failed") state.complete = true;
        if (success === "passed") state.passedScore = parseFloat(lms.get("cmi.score.raw")) || 0;
        set("cmi.exit", "suspend");
      },

      /* The outcome the LMS holds for a finished attempt: {score, passed} (null where it has none). */
      recorded: function (lms) {
        var success = lms.get("cmi.success_status"), raw = lms.get("cmi.score.raw");
        return { score: raw === "" ? null : parseFloat(raw),
                 passed: success === "passed" ? true : success === "failed" ? false : null };
      },

      interaction: function (q, response, result, at, latency, note) {
        var own = interactions[q.id] || { id: "urn:qser:" + data.unit.id + ":" + q.id };
        var r = responseText(note, q, response, result.given);
        var fields = {
          id: own.id, type: note.type, description: own.description, timestamp: F.timestamp(at),
          weighting: q.scored ? q.weight : 0, learner_response: r.fitted,
          result: result.correct === null ? "neutral" : result.correct ? "correct" : "incorrect",
          latency: F.timespan(latency)
        };
        if (note.pattern !== null) fields["correct_responses.0.pattern"] = note.pattern;
        if (r.fitted !== r.text) fields.overflow = r.text;
        return fields;
      },

      /* A text longer than learner_response holds: whole, in as many learner comments as it
         takes (4000 characters each), located at the question. */
      overflow: function (lms, q, text) {
        var n = parseInt(lms.get("cmi.comments_from_learner._count"), 10) || 0;
        for (var at = 0; at < text.length; at += MAX_TEXT, n++) {
          var c = "cmi.comments_from_learner." + n + ".";
          if (!lms.set(c + "comment", text.slice(at, at + MAX_TEXT))) return;
          lms.set(c + "location", q.id);
          lms.set(c + "timestamp", F.timestamp(new Date()));
        }
      },

      progress: function (share, set) { set("cmi.progress_measure", Math.round(share * 100) / 100); },

      outcome: function (outcome, set) {
        if (outcome.score !== null) {
          set("cmi.score.min", 0);
          set("cmi.score.max", 100);
          set("cmi.score.raw", outcome.score);
          set("cmi.score.scaled", Math.round(outcome.score * 100) / 10000);
          set("cmi.success_status", outcome.passed ? "passed" : "failed");
        }
        if (outcome.complete) {
          set("cmi.progress_measure", 1);
          set("cmi.completion_status", "completed");
        }
      }
    };
  }

  QSER.createTracker = function (data, view) { return QSER.scormTracker(data, view, scorm2004(data)); };
})();
