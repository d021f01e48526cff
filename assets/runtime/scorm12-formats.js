/*
 * SCORM 1.2 formats for the adapter (tracker-scorm12.js, shipped in the same file after this):
 * responses and patterns in SCORM 1.2 notation, times, the "…[+N]" cut, the compact bookmark
 * encoding, and the other spellings / stand-ins used to make Moodle send a value again.
 * Pure functions: no LMS, no page.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  var MAX_SUSPEND = 4096;
  var MAX_RESPONSE = 255;
  var MAX_COMMENTS = 4096;
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var TYPES = {
    "true-false": "true-false", "single-choice": "choice", "multiple-choice": "choice",
    "matching": "matching", "sequencing": "sequencing", "fill-in": "fill-in",
    "numeric": "numeric", "likert": "likert", "free-text": "fill-in"
  };

  function pad(n, width) {
    var s = String(Math.floor(n));
    while (s.length < width) s = "0" + s;
    return s;
  }

  // CMITimespan HHHH:MM:SS.SS
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  // CMITime HH:MM:SS (the learner's clock)
  function clock(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  function letter(list, id) { return LETTERS.charAt(list.indexOf(id)); }

  /* The SCORM 1.2 forms of a response: options are letters in authored order,
     matching sources digits 1-9. */
  function scormResponse(q, r) {
    switch (q.type) {
      case "true-false": return r ? "t" : "f";
      case "single-choice":
      case "multiple-choice": return r.map(function (id) { return letter(q.options, id); }).sort().join(",");
      case "likert": return letter(q.options, r);
      case "sequencing": return r.map(function (id) { return letter(q.options, id); }).join(",");
      case "matching":
        return q.options.map(function (src, i) { return (i + 1) + "." + letter(q.targets, r[src]); }).join(",");
      case "numeric": return String(r);
      default: return String(r);
    }
  }

  function scormPattern(q) {
    switch (q.type) {
      case "fill-in": return q.correct[0];
      case "likert":
      case "free-text": return null;
      default: return scormResponse(q, q.correct);
    }
  }

  /* Cut to the LMS's limit so that the cut shows: "…[+N]" says N characters did not fit. */
  function fit(text, limit, given) {
    var total = Math.max(text.length, given || 0); // what the learner gave, if the page had to cut it
    if (total <= limit) return text;
    for (var keep = Math.min(limit - 1, text.length); keep > 0; keep--) {
      var marked = text.slice(0, keep) + "…[+" + (total - keep) + "]";
      if (marked.length <= limit) return marked;
    }
    return text.slice(0, limit);
  }

  // ---- answers in the bookmark: tries, two characters per question, the tries used (0-9) and
  // whether the score counts it (0/1); answers as below.

  function encodeAnswer(q, r) {
    switch (q.type) {
      case "true-false": return r ? 1 : 0;
      case "single-choice":
      case "multiple-choice":
      case "sequencing": return r.map(function (id) { return letter(q.options, id); }).join("");
      case "likert": return letter(q.options, r);
      case "matching": return q.options.map(function (src) { return letter(q.targets, r[src]); }).join("");
      default: return r; // numbers and text as they are
    }
  }

  function decodeAnswer(q, v) {
    function ids(list, s) { return String(s).split("").map(function (c) { return list[LETTERS.indexOf(c)]; }); }
    switch (q.type) {
      case "true-false": return v === 1;
      case "single-choice":
      case "multiple-choice":
      case "sequencing": return ids(q.options, v);
      case "likert": return ids(q.options, v)[0];
      case "matching": {
        var targets = ids(q.targets, v), pairs = {};
        q.options.forEach(function (src, i) { pairs[src] = targets[i]; });
        return pairs;
      }
      default: return v;
    }
  }

  // ---- the bookmark in suspend_data, format 2 (docs/suspend-data.md) ----
  // [2, page, visited, next interaction, answers, tries, marks(, language)]: answers and tries by question
  // position, marks the MARK-character fingerprint of the question at each position, so that a
  // later build of the unit restores an answer only onto the same question with the same options.
  var MARK = 4;

  function encodeBookmark(data, state, next) {
    var pageIds = data.pages, questionIds = Object.keys(data.questions);
    var visited = pageIds.map(function (id) { return state.visited.indexOf(id) >= 0 ? "1" : "0"; }).join("");
    var answers = questionIds.map(function (id) {
      return id in state.answers ? encodeAnswer(data.questions[id], state.answers[id]) : null;
    });
    var page = state.page === "" ? -1 : pageIds.indexOf(state.page);
    var tries = questionIds.map(function (id) {
      var n = Math.min(9, (state.tries || {})[id] || 0);
      return n + "" + ((state.credit || {})[id] ? 1 : 0);
    }).join("");
    var marks = questionIds.map(function (id) { return data.questions[id].mark; }).join("");
    var tail = state.lang ? [state.lang] : []; // a bundle: the language shown (older readers ignore it)
    var record = function () { return JSON.stringify([2, page, visited, next, answers, tries, marks].concat(tail)); };
    var encoded = record();
    // Too long for SCORM 1.2: shorten the longest texts (marked) until it fits.
    while (encoded.length > MAX_SUSPEND) {
      var longest = -1;
      answers.forEach(function (v, i) {
        if (typeof v === "string" && (longest < 0 || v.length > answers[longest].length)) longest = i;
      });
      if (longest < 0 || answers[longest].length < 16) break;
      var over = encoded.length - MAX_SUSPEND;
      answers[longest] = fit(answers[longest], Math.max(16, answers[longest].length - over - 12));
      encoded = record();
    }
    return encoded;
  }

  /* The state a bookmark describes, in this build's questions; throws on text that is not one. */
  function decodeBookmark(data, raw) {
    var saved = raw ? JSON.parse(raw) : null;
    if (!Array.isArray(saved) || (saved[0] !== 1 && saved[0] !== 2)) return null;
    var pageIds = data.pages, questionIds = Object.keys(data.questions);
    var state = { page: saved[1] < 0 ? "" : pageIds[saved[1]], visited: [], answers: {}, next: saved[3] || 0 };
    if (typeof saved[7] === "string") state.lang = saved[7];
    String(saved[2]).split("").forEach(function (bit, i) { if (bit === "1" && pageIds[i]) state.visited.push(pageIds[i]); });
    // The question each stored position belongs to now: by fingerprint (format 1 had none:
    // by position, as it was written); a position whose question changed or went belongs to none.
    var owner = questionIds;
    if (saved[0] === 2) {
      var byMark = {};
      questionIds.forEach(function (id) { byMark[data.questions[id].mark] = id; });
      owner = [];
      for (var i = 0; i * MARK < String(saved[6]).length; i++) owner.push(byMark[String(saved[6]).substr(i * MARK, MARK)]);
    }
    state.reset = 0; // answers to questions that changed or went: the player tells the learner
    (saved[4] || []).forEach(function (v, i) {
      var id = owner[i];
      if (v !== null && id) state.answers[id] = decodeAnswer(data.questions[id], v);
      else if (v !== null) state.reset++;
    });
    if (typeof saved[5] === "string") {
      state.tries = {};
      state.credit = {};
      owner.forEach(function (id, i) {
        var n = Number(saved[5].charAt(2 * i));
        if (id && n) { state.tries[id] = n; state.credit[id] = Number(saved[5].charAt(2 * i + 1)); }
      });
    }
    return state;
  }

  /* The same value in another spelling (Moodle compares strings), or null if there is none. */
  function respell(element, value) {
    var m;
    if (/score\.(raw|min|max)$|\.weighting$/.test(element)) {
      if (/^-?\d+$/.test(value)) return value + ".0";
      if (/^-?\d+\.0$/.test(value)) return value.slice(0, -2);
    } else if (/\.latency$|session_time$/.test(element) && (m = /^(\d{2,4})(:.*)$/.exec(value))) {
      var h = parseInt(m[1], 10);
      if (m[1].length === 4 && h < 100) return pad(h, 2) + m[2];
      return pad(h, 4) + m[2];
    } else if (/\.time$/.test(element)) {
      if (/^\d\d:\d\d:\d\d$/.test(value)) return value + ".0";
      if (/\.0$/.test(value)) return value.slice(0, -2);
    } else if (element === "cmi.suspend_data") {
      if (/ $/.test(value)) return value.slice(0, -1);
      if (value.length < MAX_SUSPEND) return value + " "; // JSON allows it
    }
    return null;
  }

  /* A valid value that differs, written and committed only so that Moodle's JavaScript
     sends the real value after it. */
  function standIn(element, value) {
    if (/\.id$/.test(element)) return value === "qser-resend" ? "qser-resend-2" : "qser-resend";
    if (/\.type$/.test(element)) return value === "performance" ? "likert" : "performance";
    if (/\.result$/.test(element)) return value === "unanticipated" ? "neutral" : "unanticipated";
    if (element === "cmi.core.lesson_status") return value === "incomplete" ? "browsed" : "incomplete";
    return value === "" ? "-" : "";
  }

  QSER.scorm12Formats = {
    MAX_SUSPEND: MAX_SUSPEND, MAX_RESPONSE: MAX_RESPONSE, MAX_COMMENTS: MAX_COMMENTS, TYPES: TYPES,
    timespan: timespan, clock: clock, response: scormResponse, pattern: scormPattern, fit: fit,
    encodeAnswer: encodeAnswer, decodeAnswer: decodeAnswer,
    encodeBookmark: encodeBookmark, decodeBookmark: decodeBookmark, respell: respell, standIn: standIn, pad: pad
  };
})();
