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
 * - one LMSCommit per meaningful moment (answer, page change, leaving); the SCO commits and
 *   finishes itself on pagehide;
 * - Moodle's "true" is not proof (its JavaScript marks values sent before the result and
 *   reports a request that threw as success): what no believable commit carried is sent
 *   again in this session (respelled, or after a stand-in), held back while offline, and
 *   kept in localStorage for the next launch, which writes it again at the same places;
 * - a finished attempt stays finished: never "suspend", never a lower status or score.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  var F = QSER.scorm12Formats; // scorm12-formats.js, in front of this file
  var MAX_RESPONSE = F.MAX_RESPONSE, MAX_COMMENTS = F.MAX_COMMENTS, MAX_SUSPEND = F.MAX_SUSPEND;
  var timespan = F.timespan, clock = F.clock, fit = F.fit;
  var respell = F.respell, standIn = F.standIn;

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

  QSER.createTracker = function (data, view) {
    var api = locateAPI();
    var pageIds = data.pages;

    if (!api) {
      view.notice("not_connected");
      var nothing = function () {};
      return { start: nothing, pageViewed: nothing, answered: nothing, finish: nothing,
               saveBookmark: nothing, loadBookmark: function () { return null; } };
    }

    function decodeBookmark(raw) {
      try {
        return QSER.bookmark.decode(data, raw);
      } catch (e) {
        if (window.console) console.warn("SCORM: the bookmark in suspend_data is not readable, starting afresh: " + e);
        return null;
      }
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
    var waiting = false; // a commit failed or could not be believed: the learner was told
    var passedScore = null; // once passed, never downgraded: the best score written
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

    /* Delivery. Moodle's own JavaScript sends only values that changed since its last commit
       and marks them sent before it knows the result; a request that throws (offline) is
       reported as "true". So a value counts as delivered only after a commit that returned
       "true" while the browser was online. Until then it is `fresh` (not yet carried by any
       commit) or `doubtful` (carried by a commit that failed or cannot be believed: Moodle's
       JavaScript will not send it again unless it changes). Both are kept in this browser
       (localStorage) for the next launch, which writes them again at the same places. */
    var fresh = {};
    var doubtful = {};
    var journalKey = null;

    function pendingCount() { return Object.keys(fresh).length + Object.keys(doubtful).length; }

    function waitingAnswers() {
      return Object.keys(fresh).concat(Object.keys(doubtful)).some(function (k) { return /^cmi\.interactions\.\d+\.id$/.test(k); });
    }

    function keepJournal() {
      if (!storage || !journalKey) return;
      try {
        if (pendingCount()) storage.setItem(journalKey, JSON.stringify(Object.assign({}, doubtful, fresh)));
        else storage.removeItem(journalKey);
      } catch (e) { /* full or blocked: the LMS copy is all there is */ }
    }

    function setTracked(element, value) {
      delete doubtful[element];
      fresh[element] = String(value);
      return set(element, value);
    }

    var FIELDS = ["id", "type", "time", "weighting", "student_response", "result", "latency", "correct_responses.0.pattern"];

    function writeInteraction(fields, at) {
      var n = "cmi.interactions." + at + ".";
      // id first: an LMS creates interaction n when its id is set
      FIELDS.forEach(function (key) { if (fields[key] !== undefined) setTracked(n + key, fields[key]); });
    }


    /* One LMSCommit: what it carried is delivered if it is believable, else doubtful. */
    function commitOnce() {
      var carried = fresh;
      fresh = {};
      var ok = String(api.LMSCommit("")) === "true";
      ok = check("LMSCommit", "") && ok && online();
      if (!ok) Object.keys(carried).forEach(function (k) { if (!(k in fresh)) doubtful[k] = carried[k]; });
      return ok;
    }

    /* Doubtful values again, so that the next commit carries them: in another spelling where
       one exists; else a stand-in first, one commit, then the real value. */
    function resendDoubtful() {
      var later = {};
      var needStandIn = false;
      Object.keys(doubtful).forEach(function (element) {
        var value = doubtful[element];
        var again = respell(element, value);
        if (again !== null) { setTracked(element, again); return; }
        needStandIn = set(element, standIn(element, value)) || needStandIn;
        later[element] = value;
      });
      var ok = needStandIn ? commitOnce() : true;
      Object.keys(later).forEach(function (element) { setTracked(element, later[element]); });
      return ok;
    }

    function online() { return navigator.onLine !== false; }

    /* The unconfirmed part of an earlier session, written again at the same places: what Moodle
       already holds is not sent again (unchanged), what it misses is. */
    function replayJournal() {
      var saved = null;
      try { saved = storage && journalKey ? JSON.parse(storage.getItem(journalKey) || "null") : null; }
      catch (e) { saved = null; }
      if (!saved || typeof saved !== "object") return null;
      var rows = {};
      Object.keys(saved).forEach(function (element) {
        var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
        if (m) (rows[m[1]] = rows[m[1]] || {})[m[2]] = saved[element];
      });
      Object.keys(rows).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
        writeInteraction(rows[n], n);
        nextInteraction = Math.max(nextInteraction, n + 1);
      });
      Object.keys(saved).forEach(function (element) {
        if (!/^cmi\.interactions\./.test(element)) setTracked(element, saved[element]);
      });
      commitSoon();
      return saved["cmi.suspend_data"] || null;
    }

    function showWaiting(key) {
      if (waitingAnswers() || key === "saving_failed") view.notice(key);
    }

    function commitNow() {
      clearTimeout(commitTimer);
      commitTimer = null;
      if (finished) return true;
      if (!online()) { // Moodle would answer "true" and drop it: wait for the connection
        waiting = true;
        showWaiting("answers_waiting");
        keepJournal();
        return false;
      }
      var ok = Object.keys(doubtful).length ? resendDoubtful() : true;
      ok = ok && commitOnce();
      if (ok) {
        if (waiting) view.clearNotice();
        waiting = false;
        retryDelay = 0;
      } else {
        waiting = true;
        showWaiting(online() ? "saving_failed" : "answers_waiting");
        retryDelay = Math.min(retryDelay ? retryDelay * 2 : 2000, 15000);
        if (online()) commitTimer = setTimeout(commitNow, retryDelay);
      }
      keepJournal();
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
        if (status === "not attempted" || status === "") setTracked("cmi.core.lesson_status", "incomplete");
        // A finished attempt stays finished, whatever the bookmark says (another device, none).
        if (status === "passed" || status === "completed" || status === "failed") complete = true;
        if (status === "passed") passedScore = parseFloat(get("cmi.core.score.raw")) || 0;
        window.addEventListener("pagehide", leave);
        window.addEventListener("online", function () { if (pendingCount()) commitNow(); });
        window.addEventListener("offline", function () { if (waitingAnswers()) view.notice("answers_waiting"); });
        document.addEventListener("visibilitychange", function () {
          if (finished) return;
          if (document.visibilityState === "hidden") {
            set("cmi.core.session_time", timespan(Date.now() - startedAt));
            commitNow();
          } else if (pendingCount()) {
            commitNow(); // back (e.g. in the Moodle app): a good moment to send what waits
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
        // What the LMS never confirmed last time goes again now, at the same interaction
        // numbers (Moodle keeps one value per element: what it has is not duplicated), and is
        // the newer bookmark.
        var unconfirmed = decodeBookmark(replayJournal());
        var state = unconfirmed || stored;
        if (!state && location && pageIds.indexOf(location) >= 0) state = { page: location, visited: [], answers: {} };
        return state;
      },

      pageViewed: function (id) {
        lastMoment = Date.now();
        setTracked("cmi.core.lesson_location", id);
        keepJournal();
        commitSoon();
      },

      answered: function (q, response, result) {
        var now = Date.now();
        var notation = data.tracker.notations[q.id]; // from the build: SCORM 1.2 type, letters, pattern
        var text = QSER.notateResponse(notation, q, response);
        if (text.length > MAX_RESPONSE) appendComment(q.id, text); // kept whole there: nothing is lost
        var pattern = notation.pattern;
        var fields = {
          id: q.id, type: notation.type, time: clock(new Date(now)), weighting: q.scored ? q.weight : 0,
          student_response: fit(text, MAX_RESPONSE, result.given),
          result: result.correct === null ? "neutral" : result.correct ? "correct" : "wrong",
          latency: timespan(now - lastMoment)
        };
        if (typeof pattern === "string") fields["correct_responses.0.pattern"] = fit(pattern, MAX_RESPONSE);
        writeInteraction(fields, nextInteraction);
        nextInteraction += 1;
        keepJournal();
        lastMoment = now;
        commitSoon();
      },

      finish: function (outcome) {
        complete = complete || outcome.complete;
        if (outcome.restored) return; // the LMS has this outcome: only never "suspend" it again
        if (passedScore !== null && (outcome.score === null || !outcome.passed || outcome.score <= passedScore)) {
          return; // passed before: a later try never lowers status or score
        }
        if (outcome.score !== null) {
          if (outcome.passed) passedScore = outcome.score;
          // Written only now: with "mastery score overrides status" Moodle turns any raw score into pass/fail.
          setTracked("cmi.core.score.min", 0);
          setTracked("cmi.core.score.max", 100);
          setTracked("cmi.core.score.raw", outcome.score);
          setTracked("cmi.core.lesson_status", outcome.passed ? "passed" : "failed");
        } else if (outcome.complete) {
          setTracked("cmi.core.lesson_status", "completed");
        }
        keepJournal();
        commitSoon();
      },

      saveBookmark: function (state) {
        var encoded = QSER.bookmark.encode(data, state, nextInteraction, MAX_SUSPEND);
        setTracked("cmi.suspend_data", encoded);
        keepJournal();
        commitSoon();
      }
    };
    QSER.scorm12 = { errors: errors, formats: { timespan: timespan } };
    return tracker;
  };
})();
