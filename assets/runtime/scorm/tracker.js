/*
 * The tracker interface of player/player.js on any SCORM LMS. What differs between SCORM 1.2 and
 * 2004 (element names, formats, limits, how status and score are written) comes in the
 * standard's table `S` (scorm/scorm12.js, scorm/scorm2004.js); what does not differs here:
 *
 * - one initialize; a finished attempt stays finished: never a lower status, score or exit
 *   (S.begin reads what the LMS holds), its location kept; re-entered, it opens on the result
 *   page (the LMS's outcome when the bookmark cannot tell it); an LMS that opens it for review
 *   without handing anything back (Moodle's SCORM 2004 player after an exit other than
 *   "suspend") gets nothing written at all;
 * - every answer is a new cmi.interactions.n (never rewritten: Moodle keeps one value per
 *   element), n continues across sessions through the bookmark and the LMS's count;
 * - resume from the location and the bookmark in suspend_data;
 * - a free-text answer longer than the response limit: the interaction holds its start with
 *   a marker "…[+N]", S.overflow keeps it whole elsewhere while there is room;
 * - one commit per meaningful moment (answer, page change, leaving); the SCO finishes itself
 *   on pagehide (Moodle's "Exit activity" is a plain link);
 * - the attempt's own token in the bookmark: a journal goes back only into its attempt
 *   (scorm/journal.js); in the Moodle app the app's store is trusted (scorm/commits.js);
 * - delivery, resending and the journal: scorm/commits.js, scorm/journal.js.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  QSER.scormTracker = function (data, view, S) {
    var api = QSER.scormAPI.find(S.api);
    var pageIds = data.pages;

    if (!api) {
      view.notice("not_connected");
      var nothing = function () {};
      return { start: nothing, pageViewed: nothing, answered: nothing, finish: nothing,
               saveBookmark: nothing, loadBookmark: function () { return null; } };
    }

    var lms = QSER.scormAPI.connect(api, S.calls);
    var journal = QSER.scormJournal();
    var delivery = QSER.scormCommits(lms, view, journal, S, QSER.scormAPI.app(api));
    var attempt = null; // this attempt's token (scorm/journal.js), kept in the bookmark
    var startedAt = Date.now();
    var lastMoment = startedAt;
    var nextInteraction = 0;
    var visited = []; // page ids seen in this attempt: the progress for standards that report it
    // complete: finished, now or before; finished: before this launch (the LMS says so);
    // readOnly: reviewed with nothing handed back; passedScore: once passed, the best score written
    var state = { complete: false, finished: false, readOnly: false, passedScore: null };

    function decodeBookmark(raw) {
      try {
        return S.decodeBookmark(data, raw);
      } catch (e) {
        if (window.console) console.warn("SCORM: the bookmark in suspend_data is not readable, starting afresh: " + e);
        return null;
      }
    }

    function writeInteraction(fields, at) {
      var n = "cmi.interactions." + at + ".";
      // id first: an LMS creates interaction n when its id is set
      S.fields.forEach(function (key) { if (fields[key] !== undefined) delivery.set(n + key, fields[key]); });
    }

    /* The unconfirmed part of an earlier session, written again at the same places: what Moodle
       already holds is not sent again (unchanged), what it misses is. */
    function replayJournal() {
      var saved = journal.read();
      if (!saved) return null;
      Object.keys(saved.rows).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
        writeInteraction(saved.rows[n], n);
        nextInteraction = Math.max(nextInteraction, n + 1);
      });
      Object.keys(saved.others).forEach(function (element) { delivery.set(element, saved.others[element]); });
      delivery.soon();
      return saved.others[S.el.suspend] || null;
    }

    /* Leaving (pagehide): the finishing call stores everything set so far. No commit before it:
       browsers refuse synchronous requests while a page goes away, and LMSs finish in the
       background (Moodle posts its last data with a beacon). Its "true" proves nothing, so what
       no commit confirmed stays in the journal for the next launch. */
    function leave() {
      if (delivery.finished()) return;
      delivery.stop();
      lms.set(S.el.sessionTime, S.timespan(Date.now() - startedAt));
      if (!state.readOnly) lms.set(S.el.exit, state.complete ? S.exitDone : "suspend");
      lms.finish();
    }

    /* Review with nothing of the attempt handed back: whatever is written would replace what
       the LMS holds (interaction 0, the bookmark, the status), so nothing is. */
    function reviewedBlind() {
      return lms.get(S.el.mode) === "review" && !lms.get(S.el.suspend) && !lms.get(S.el.location) &&
        !(parseInt(lms.get("cmi.interactions._count"), 10) > 0);
    }

    /* A finished attempt opens on the result page, with the outcome the LMS holds for when the
       answers are not all in the bookmark (player/player.js shows it then). */
    function atResult(restored) {
      var recorded = Object.assign({ complete: true, unseen: 0, unanswered: 0 }, S.recorded(lms, data));
      return Object.assign({ visited: [], answers: {} }, restored || {}, { page: "", recorded: recorded });
    }

    var tracker = {
      start: function () {
        if (!lms.init()) view.notice("saving_failed");
        var who = [data.unit.id, data.unit.version, data.packageLang || data.lang, lms.get(S.el.learner)];
        journal.open([S.journal].concat(who), [S.journal.replace("-journal", "-unconfirmed")].concat(who).join(":"));
        state.readOnly = reviewedBlind();
        if (state.readOnly) state.complete = state.finished = true;
        else S.begin(lms, delivery.set, state);
        state.finished = state.complete;
        window.addEventListener("pagehide", leave);
        delivery.listen(function () { lms.set(S.el.sessionTime, S.timespan(Date.now() - startedAt)); });
        window.addEventListener("pageshow", function (e) {
          if (e.persisted && delivery.finished()) window.location.reload(); // back from the cache: start a new session
        });
      },

      loadBookmark: function () {
        if (state.readOnly) return atResult(null);
        // Interaction numbers go on from what the LMS confirmed: its count, or the bookmark's.
        var raw = lms.get(S.el.suspend), stored = decodeBookmark(raw);
        var count = parseInt(lms.get("cmi.interactions._count"), 10) || 0;
        nextInteraction = Math.max(stored ? stored.next : 0, count);
        var location = lms.get(S.el.location);
        // Which attempt this is: the bookmark's token; an attempt with nothing in the LMS may be
        // one whose first values never arrived, and takes over that journal (scorm/journal.js).
        var fresh = !raw && !location && !count && lms.get(S.el.entry) === "ab-initio";
        attempt = journal.attempt(stored && stored.attempt, fresh);
        // What the LMS never confirmed last time goes again now, at the same interaction
        // numbers, and is the newer bookmark.
        var unconfirmed = decodeBookmark(replayJournal());
        var restored = unconfirmed || stored;
        if (!restored && location && pageIds.indexOf(location) >= 0) restored = { page: location, visited: [], answers: {} };
        if (restored) visited = restored.visited.slice();
        // A retake left half-way (player/questions.js) goes on where it was, the LMS's finished
        // outcome standing until the retake's own replaces it.
        var retaking = restored && restored.retakes > 0 && restored.page;
        return state.finished && !retaking ? atResult(restored) : restored;
      },

      pageViewed: function (id) {
        if (state.readOnly) return;
        lastMoment = Date.now();
        if (!state.finished) delivery.set(S.el.location, id); // a finished attempt keeps its own
        if (visited.indexOf(id) < 0) visited.push(id);
        if (S.progress && !state.complete) S.progress(visited.length / pageIds.length, delivery.set);
        delivery.keep();
        delivery.soon();
      },

      answered: function (q, response, result) {
        if (state.readOnly) return;
        var now = Date.now();
        var notation = ((data.tracker || {}).notations || {})[q.id]; // from the build (questiontypes/notation.py)
        var fields = S.interaction(q, response, result, new Date(now), now - lastMoment, notation);
        if (fields.overflow) S.overflow(lms, q, fields.overflow);
        delete fields.overflow;
        writeInteraction(fields, nextInteraction);
        nextInteraction += 1;
        delivery.keep();
        lastMoment = now;
        delivery.soon();
      },

      finish: function (outcome) {
        state.complete = state.complete || outcome.complete;
        if (outcome.restored || state.readOnly) return; // the LMS has this outcome: never set it back
        var best = state.passedScore;
        if (best !== null && (outcome.score === null || !outcome.passed || outcome.score <= best)) {
          return; // passed before: a later try never lowers status or score
        }
        if (outcome.score !== null && outcome.passed) state.passedScore = outcome.score;
        S.outcome(outcome, delivery.set);
        delivery.keep();
        delivery.soon();
      },

      /** The learner's language as the LMS knows it (a bundle opens in it; player/languages.js). */
      preferredLanguages: function () {
        var lang = S.el.language ? lms.get(S.el.language) : "";
        return lang ? [lang] : [];
      },

      saveBookmark: function (bookmark) {
        if (state.readOnly) return;
        delivery.set(S.el.suspend, S.encodeBookmark(data, Object.assign({}, bookmark, { attempt: attempt }), nextInteraction));
        delivery.keep();
        delivery.soon();
      }
    };
    QSER.scorm = { errors: lms.errors };
    return tracker;
  };
})();
