/*
 * Delivery to a SCORM LMS, whatever the standard: when to commit, what a commit proves, and
 * what to send again.
 *
 * Moodle's own JavaScript sends only values that changed since its last commit and marks them
 * sent before it knows the result; a request that throws (offline) is reported as "true". So a
 * value counts as delivered only after a commit that returned "true" while the browser was
 * online. Until then it is `fresh` (not yet carried by any commit) or `doubtful` (carried by a
 * commit that failed or cannot be believed: Moodle's SCORM 1.2 JavaScript will not send it again
 * unless it changes). Doubtful values are written again (after a stand-in where the standard's
 * formats have one), retried at 2, 4, 8, 15 s, held back while offline, and both kinds are kept
 * in the journal for the next launch.
 *
 * In the Moodle app (`app`, from scorm/api.js) a "true" is the app's own promise: offline it has
 * stored the values on the device and sends them when it synchronises. There the package
 * commits as usual whatever the connection, believes "true", keeps nothing in its journal that
 * the app took, and tells the learner at most that their answers are saved on this device.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  /* lms: scorm/api.js's wrapper; journal: scorm/journal.js's; formats: {standIn} or {};
     app: scorm/api.js's view of the Moodle app's player, or null. */
  QSER.scormCommits = function (lms, view, journal, formats, app) {
    var fresh = {};
    var doubtful = {};
    var commitTimer = null;
    var retryDelay = 0;
    var waiting = false; // a commit failed or could not be believed: the learner was told
    var onDevice = false; // the app keeps them offline: the learner was told
    var finished = false;

    function pendingCount() { return Object.keys(fresh).length + Object.keys(doubtful).length; }

    function waitingAnswers() {
      return Object.keys(fresh).concat(Object.keys(doubtful)).some(function (k) { return /^cmi\.interactions\.\d+\.id$/.test(k); });
    }

    /* What no believable commit carried yet (in the app, whose commits are believed, it is gone
       with the next commit, so nothing stays that the app keeps). */
    function keepJournal() { journal.keep(Object.assign({}, doubtful, fresh)); }

    function setTracked(element, value) {
      delete doubtful[element];
      fresh[element] = String(value);
      return lms.set(element, value);
    }

    /* Whether a "true" can be believed: in a browser only while it is online (offline Moodle's
       JavaScript says "true" to a request that never left); in the app always. */
    function online() { return !!app || navigator.onLine !== false; }

    /* One commit: what it carried is delivered if it is believable, else doubtful. */
    function commitOnce() {
      var carried = fresh;
      fresh = {};
      var ok = lms.commit() && online();
      if (ok) journal.confirm();
      else Object.keys(carried).forEach(function (k) { if (!(k in fresh)) doubtful[k] = carried[k]; });
      if (ok && app && app.offline() && !onDevice) {
        onDevice = true;
        view.notice("saved_on_device");
      }
      return ok;
    }

    /* Doubtful values again, so that the next commit carries them. An LMS that sends only what
       changed (Moodle's SCORM 1.2 player: formats.standIn) gets a stand-in for each, one commit,
       then the real value, which the next commit carries whole; the stand-in stays stored only
       until that commit succeeds. Without stand-ins (SCORM 2004: the LMS sends every value at
       every commit) the value is simply written again. */
    function resendDoubtful() {
      var real = doubtful;
      doubtful = {};
      var standIns = formats.standIn ? Object.keys(real).filter(function (element) {
        return lms.set(element, formats.standIn(element, real[element]));
      }) : [];
      var ok = standIns.length ? commitOnce() : true;
      Object.keys(real).forEach(function (element) { setTracked(element, real[element]); });
      return ok;
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
        if (waiting && !onDevice) view.clearNotice();
        else if (waiting) view.notice("saved_on_device");
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

    /* Back online, or back in view (e.g. in the Moodle app): a good moment to send what waits;
       going out of view: `beforeHide` (the session time) and a commit. */
    function listen(beforeHide) {
      window.addEventListener("online", function () { if (pendingCount()) commitNow(); });
      window.addEventListener("offline", function () { if (!app && waitingAnswers()) view.notice("answers_waiting"); });
      document.addEventListener("visibilitychange", function () {
        if (finished) return;
        if (document.visibilityState === "hidden") {
          beforeHide();
          commitNow();
        } else if (pendingCount()) {
          commitNow();
        }
      });
    }

    return {
      set: setTracked,
      keep: keepJournal,
      soon: commitSoon,
      now: commitNow,
      listen: listen,
      finished: function () { return finished; },
      /* No more commits: the session is ending (its last values go with the finishing call). */
      stop: function () { finished = true; clearTimeout(commitTimer); }
    };
  };
})();
