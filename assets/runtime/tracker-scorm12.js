/*
 * SCORM 1.2 adapter: the tracker interface of player.js on top of the LMS's `API`.
 *
 * What it keeps to (see docs/moodle.md for why):
 * - one LMSInitialize; status "incomplete" on first launch; passed/failed with the
 *   score only once the knowledge check is done ("completed" without scored questions);
 * - every answer is a new cmi.interactions.n (never rewritten: Moodle keeps one value
 *   per element), n continues across sessions through the bookmark;
 * - resume from cmi.core.lesson_location + cmi.suspend_data (interactions are write-only),
 *   suspend_data kept within 4096 characters;
 * - a free-text answer longer than 255 characters: the interaction holds its start with
 *   a marker "…[+N]", cmi.comments and the bookmark hold it in full while they have room;
 * - one LMSCommit per meaningful moment (answer, page change, leaving), a refused commit
 *   is retried until the LMS takes it; the SCO commits and finishes itself on pagehide;
 * - what no commit confirmed is also journaled in localStorage and sent again at the next
 *   launch, so leaving while the LMS is unreachable loses no answer.
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

  function findAPI(win) {
    for (var depth = 0; win && depth < 20; depth++) {
      try { if (win.API) return win.API; } catch (e) { /* another origin: keep climbing */ }
      if (win === win.parent) break;
      win = win.parent;
    }
    return null;
  }

  function locateAPI() {
    return findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  }

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
  function fit(text, limit) {
    if (text.length <= limit) return text;
    for (var keep = limit - 1; keep > 0; keep--) {
      var marked = text.slice(0, keep) + "…[+" + (text.length - keep) + "]";
      if (marked.length <= limit) return marked;
    }
    return text.slice(0, limit);
  }

  // ---- the bookmark in suspend_data: [1, page, visited, next interaction, answers, tries] ----
  // tries: two characters per question, the tries used (0-9) and whether the score counts it (0/1).

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

  QSER.createTracker = function (data, view) {
    var api = locateAPI();
    var questionIds = Object.keys(data.questions);
    var pageIds = data.pages;

    if (!api) {
      view.notice("not_connected");
      var nothing = function () {};
      return { start: nothing, pageViewed: nothing, answered: nothing, finish: nothing,
               saveBookmark: nothing, loadBookmark: function () { return null; } };
    }

    function decodeBookmark(raw) {
      try {
        var saved = raw ? JSON.parse(raw) : null;
        if (!saved || saved[0] !== 1) return null;
        var state = { page: saved[1] < 0 ? "" : pageIds[saved[1]], visited: [], answers: {}, next: saved[3] || 0 };
        String(saved[2]).split("").forEach(function (bit, i) { if (bit === "1") state.visited.push(pageIds[i]); });
        (saved[4] || []).forEach(function (v, i) {
          var id = questionIds[i];
          if (v !== null && id) state.answers[id] = decodeAnswer(data.questions[id], v);
        });
        if (typeof saved[5] === "string") {
          state.tries = {};
          state.credit = {};
          questionIds.forEach(function (id, i) {
            var n = Number(saved[5].charAt(2 * i));
            if (n) { state.tries[id] = n; state.credit[id] = Number(saved[5].charAt(2 * i + 1)); }
          });
        }
        return state;
      } catch (e) { return null; /* a bookmark of another version: start afresh */ }
    }

    var storage = null;
    try { storage = window.localStorage; storage.getItem("qser"); } catch (e) { storage = null; }
    var startedAt = Date.now();
    var lastMoment = startedAt;
    var nextInteraction = 0;
    var complete = false;
    var finished = false;
    var commitTimer = null;
    var retryDelay = 0;
    var errors = [];

    function check(call, element, value) {
      var code = String(api.LMSGetLastError());
      if (code === "0") return true;
      var report = { call: call, element: element, value: value, code: code,
                     message: String(api.LMSGetErrorString(code)) };
      errors.push(report);
      if (window.console) console.warn("SCORM " + call + " failed", report);
      return false;
    }

    function get(element) {
      var value = api.LMSGetValue(element);
      return check("LMSGetValue", element) ? String(value) : "";
    }

    function set(element, value) {
      var ok = String(api.LMSSetValue(element, String(value))) === "true";
      return check("LMSSetValue", element, value) && ok;
    }

    /* What the LMS has not confirmed yet (no successful commit since it was set) is also kept
       in this browser, so that a learner who leaves while the LMS is unreachable loses nothing:
       the next launch sends it again. Answers are rewritten as new interactions; the state
       (bookmark, status, score) as its latest values. */
    var journal = { interactions: [], values: {} };
    var journalKey = null;

    function keepJournal() {
      if (!storage || !journalKey) return;
      try {
        if (journal.interactions.length || Object.keys(journal.values).length) {
          storage.setItem(journalKey, JSON.stringify(journal));
        } else {
          storage.removeItem(journalKey);
        }
      } catch (e) { /* full or blocked: the LMS copy is all there is */ }
    }

    function setState(element, value) {
      journal.values[element] = String(value);
      return set(element, value);
    }

    function writeInteraction(fields) {
      var n = "cmi.interactions." + nextInteraction + ".";
      nextInteraction += 1;
      // id first: an LMS creates interaction n when its id is set
      ["id", "type", "time", "weighting", "student_response", "result", "latency", "correct_responses.0.pattern"]
        .forEach(function (key) { if (fields[key] !== undefined) set(n + key, fields[key]); });
    }

    function confirmed() {
      journal = { interactions: [], values: {} };
      keepJournal();
    }

    /* The unconfirmed part of an earlier session, sent again now. */
    function replayJournal() {
      var saved = null;
      try { saved = storage && journalKey ? JSON.parse(storage.getItem(journalKey) || "null") : null; }
      catch (e) { saved = null; }
      if (!saved || !saved.values || !saved.interactions) return null;
      journal = saved;
      saved.interactions.forEach(writeInteraction);
      Object.keys(saved.values).forEach(function (element) { set(element, saved.values[element]); });
      commitSoon();
      return saved.values["cmi.suspend_data"] || null;
    }

    function commitNow() {
      clearTimeout(commitTimer);
      commitTimer = null;
      if (finished) return true;
      var ok = String(api.LMSCommit("")) === "true";
      ok = check("LMSCommit", "") && ok;
      if (ok) {
        confirmed();
        if (retryDelay) view.clearNotice();
        retryDelay = 0;
      } else {
        // The LMS did not take it: the values stay set in the API, so commit again later.
        view.notice("saving_failed");
        retryDelay = Math.min(retryDelay ? retryDelay * 2 : 2000, 15000);
        commitTimer = setTimeout(commitNow, retryDelay);
      }
      return ok;
    }

    // Calls made in one go (answer + bookmark + outcome) share one commit. While the LMS
    // refuses, a new answer or page is also the moment to try again.
    function commitSoon() {
      if (commitTimer && !retryDelay) return;
      clearTimeout(commitTimer);
      commitTimer = setTimeout(commitNow, 0);
    }

    /* Leaving (pagehide): LMSFinish stores everything set so far. No LMSCommit before it:
       browsers refuse synchronous requests while a page goes away, and LMSs finish in the
       background (Moodle posts its last data with a beacon). */
    function leave() {
      if (finished) return;
      clearTimeout(commitTimer);
      set("cmi.core.session_time", timespan(Date.now() - startedAt));
      set("cmi.core.exit", complete ? "" : "suspend");
      finished = true;
      // Its "true" proves nothing: LMSs store this last data in the background, unanswered.
      // So what no commit confirmed stays in the journal for the next launch.
      api.LMSFinish("");
      check("LMSFinish", "");
    }

    /* A long free text goes to cmi.comments whole. LMSs differ: Moodle appends each SetValue
       to what is there, others replace it. Write the new part, then read back: if it replaced
       the earlier text, write earlier + new. */
    function appendComment(id, text) {
      var before = get("cmi.comments");
      var part = (before ? "\n\n" : "") + "[" + id + "] " + text;
      if (before.length + part.length > MAX_COMMENTS) part = fit(part, MAX_COMMENTS - before.length);
      if (!part || !set("cmi.comments", part)) return;
      if (get("cmi.comments") !== before + part) set("cmi.comments", before + part);
    }

    var tracker = {
      start: function () {
        var ok = String(api.LMSInitialize("")) === "true";
        if (!check("LMSInitialize", "") || !ok) view.notice("saving_failed");
        journalKey = ["qser-scorm12-unconfirmed", data.unit.id, data.unit.version, data.lang,
                      get("cmi.core.student_id")].join(":");
        var status = get("cmi.core.lesson_status");
        if (status === "not attempted" || status === "") set("cmi.core.lesson_status", "incomplete");
        window.addEventListener("pagehide", leave);
        document.addEventListener("visibilitychange", function () {
          if (document.visibilityState === "hidden" && !finished) {
            set("cmi.core.session_time", timespan(Date.now() - startedAt));
            commitNow();
          }
        });
        window.addEventListener("pageshow", function (e) {
          if (e.persisted && finished) window.location.reload(); // back from the cache: start a new session
        });
      },

      loadBookmark: function () {
        // Interaction numbers go on from what the LMS confirmed: its count, or the bookmark's.
        var stored = decodeBookmark(get("cmi.suspend_data"));
        nextInteraction = Math.max(stored ? stored.next : 0, parseInt(get("cmi.interactions._count"), 10) || 0);
        var location = get("cmi.core.lesson_location");
        // What the LMS never confirmed last time goes again now, and is the newer bookmark.
        var unconfirmed = decodeBookmark(replayJournal());
        var state = unconfirmed || stored;
        if (!state && location && pageIds.indexOf(location) >= 0) state = { page: location, visited: [], answers: {} };
        return state;
      },

      pageViewed: function (id) {
        lastMoment = Date.now();
        setState("cmi.core.lesson_location", id);
        keepJournal();
        commitSoon();
      },

      answered: function (q, response, result) {
        var now = Date.now();
        var text = scormResponse(q, response);
        if (q.type === "free-text" && text.length > MAX_RESPONSE) appendComment(q.id, text);
        var pattern = scormPattern(q);
        var fields = {
          id: q.id, type: TYPES[q.type], time: clock(new Date(now)), weighting: q.scored ? q.weight : 0,
          student_response: fit(text, MAX_RESPONSE),
          result: result.correct === null ? "neutral" : result.correct ? "correct" : "wrong",
          latency: timespan(now - lastMoment)
        };
        if (pattern !== null) fields["correct_responses.0.pattern"] = fit(pattern, MAX_RESPONSE);
        writeInteraction(fields);
        journal.interactions.push(fields);
        keepJournal();
        lastMoment = now;
        commitSoon();
      },

      finish: function (outcome) {
        complete = outcome.complete;
        if (outcome.restored) return; // the LMS has this outcome: only never "suspend" it again
        if (outcome.score !== null) {
          // Written only now: with "mastery score overrides status" Moodle turns any raw score into pass/fail.
          setState("cmi.core.score.min", 0);
          setState("cmi.core.score.max", 100);
          setState("cmi.core.score.raw", outcome.score);
          setState("cmi.core.lesson_status", outcome.passed ? "passed" : "failed");
        } else if (outcome.complete) {
          setState("cmi.core.lesson_status", "completed");
        }
        keepJournal();
        commitSoon();
      },

      saveBookmark: function (state) {
        var visited = pageIds.map(function (id) { return state.visited.indexOf(id) >= 0 ? "1" : "0"; }).join("");
        var answers = questionIds.map(function (id) {
          return id in state.answers ? encodeAnswer(data.questions[id], state.answers[id]) : null;
        });
        var page = state.page === "" ? -1 : pageIds.indexOf(state.page);
        var tries = questionIds.map(function (id) {
          var n = Math.min(9, (state.tries || {})[id] || 0);
          return n + "" + ((state.credit || {})[id] ? 1 : 0);
        }).join("");
        var encoded = JSON.stringify([1, page, visited, nextInteraction, answers, tries]);
        // Too long for SCORM 1.2: shorten the longest texts (marked) until it fits.
        while (encoded.length > MAX_SUSPEND) {
          var longest = -1;
          answers.forEach(function (v, i) {
            if (typeof v === "string" && (longest < 0 || v.length > answers[longest].length)) longest = i;
          });
          if (longest < 0 || answers[longest].length < 16) break;
          var over = encoded.length - MAX_SUSPEND;
          answers[longest] = fit(answers[longest], Math.max(16, answers[longest].length - over - 12));
          encoded = JSON.stringify([1, page, visited, nextInteraction, answers, tries]);
        }
        setState("cmi.suspend_data", encoded);
        keepJournal();
        commitSoon();
      }
    };
    QSER.scorm12 = { errors: errors, formats: { response: scormResponse, pattern: scormPattern, timespan: timespan } };
    return tracker;
  };
})();
