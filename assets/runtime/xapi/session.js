/*
 * One launch session of an xAPI adapter, whatever the launch (Tin Can or cmi5): the tracker
 * interface of player/player.js as statements through the queue (xapi/queue.js), and the bookmark in
 * localStorage and the State API (xapi/state.js). The adapter decides what the outcome says.
 *
 * QSER.xapiSession(data, view, launch, rules) -> tracker
 *   launch: {endpoint (ends in /), auth, actor, registration, unitId, stats (QSER.xapi)}
 *   rules:  {decorate(statement, verb)   the adapter's last word on every statement (optional);
 *            outcome(outcome, tools)     statements for the player's outcome;
 *            closing(tools)              statements before "terminated" (optional);
 *            readOnly                    true: the bookmark is read, never written (cmi5's
 *                                        Browse and Review leave the learner's record alone)}
 *   tools:  {statement, unit (the unit's activity), elapsed(), counted (question id -> {id of the
 *            answered statement the score counts, n: statements for it so far}), complete, memory (what
 *            the adapter keeps in the bookmark across sessions)}
 * The tracker also has leave(): end the session now (cmi5's Exit), as leaving the page does.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var BOOKMARK_TIMEOUT = 5000; // the learner waits for this one: shorter

  QSER.xapiSession = function (data, view, launch, rules) {
    var cfg = data.tracker, stats = launch.stats, X = QSER.xapiStatements;
    var endpoint = launch.endpoint, registration = launch.registration || "", unitId = launch.unitId;
    var actor = launch.actor;
    var unit = { id: unitId, objectType: "Activity", definition: cfg.unit.definition };
    var client = QSER.xapiClient({ auth: launch.auth, stats: stats });
    var queue = QSER.xapiQueue({
      endpoint: endpoint, key: endpoint + "|" + registration + "|" + unitId, client: client, view: view, stats: stats
    });
    var statement = X.maker({ cfg: cfg, actor: actor, unitId: unitId, registration: registration, decorate: rules.decorate });
    var storage = QSER.xapiStorage();
    var bookmarkKey = "qser-xapi-bookmark:" + endpoint + "|" + registration + "|" + unitId + "|" + JSON.stringify(actor);
    var startedAt = Date.now();
    var lastMoment = startedAt;
    var earlier = 0; // time spent in earlier sessions, from the bookmark
    var left = false;
    var bookmark = null; // {v, at, elapsed, state, counted, ...}: what saveBookmark last kept
    var tools = {
      statement: statement, unit: unit, counted: {}, complete: false,
      elapsed: function () { return earlier + (Date.now() - startedAt); },
      // What the adapter keeps across sessions in the bookmark (cmi5: what it reported).
      memory: {}
    };

    // ---- the bookmark: localStorage always, the State API when the page is hidden or left ----

    function stateUrl() {
      var url = endpoint + "activities/state?stateId=bookmark&activityId=" + encodeURIComponent(unitId) +
        "&agent=" + encodeURIComponent(JSON.stringify(actor));
      return registration ? url + "&registration=" + encodeURIComponent(registration) : url;
    }

    function readLocalBookmark() {
      try { return stateApi.usable(storage ? JSON.parse(storage.getItem(bookmarkKey) || "null") : null); }
      catch (e) { return null; }
    }

    var stateApi = QSER.xapiStateStore({
      request: client.request,
      url: stateUrl(),
      bookmark: function () { return bookmark; },
      adopt: function (b) { bookmark = b; },
      failed: function (status) {
        if (window.console) console.warn("xAPI: bookmark not saved in the LRS (" + (status || "no answer") + "); this browser keeps it");
        if (status) view.notice("bookmark_failed");
      }
    });

    function keepLocal() {
      if (!storage || rules.readOnly) return;
      try { storage.setItem(bookmarkKey, JSON.stringify(bookmark)); } catch (e) { /* full: the State API still gets it */ }
    }

    function leave() {
      if (left) return;
      var spent = { duration: X.duration(Date.now() - startedAt) };
      var last = (rules.closing ? rules.closing(tools) : []).concat(tools.complete ? [] : [statement("suspended", unit, spent)]);
      queue.enqueue(last.concat([statement("terminated", unit, spent)]));
      left = true;
      if (bookmark) bookmark.elapsed = tools.elapsed();
      queue.close();
      if (!rules.readOnly) stateApi.write(true);
    }

    return {
      start: function () {
        // Queued, not sent: it leaves with the first page's statements, in one request.
        queue.enqueue([statement("initialized", unit)]);
        window.addEventListener("online", queue.flush);
        window.addEventListener("pagehide", leave);
        document.addEventListener("visibilitychange", function () {
          if (document.visibilityState !== "hidden" || left) return;
          queue.hidden();
          if (bookmark) bookmark.elapsed = tools.elapsed();
          if (!rules.readOnly) stateApi.write(false);
        });
        window.addEventListener("pageshow", function (e) {
          if (e.persisted && left) window.location.reload(); // back from the cache: a new session
        });
      },

      leave: leave,

      loadBookmark: function () {
        var local = readLocalBookmark();
        return stateApi.read(BOOKMARK_TIMEOUT).then(function (res) {
          var remote = res.doc;
          if (res.status !== 200 && res.status !== 404 && res.status !== 204 && window.console) {
            // 404 is the State API's "no bookmark yet" (and the answer of LRSs without one).
            console.info("xAPI: bookmark not read from the LRS (" + (res.status || "no answer") + "), using this browser's");
          }
          // Both as one: the State API's copy may lag if the last leave did not reach it, and
          // another browser may have answered what this one has not.
          var chosen = stateApi.merge(local, remote);
          if (!chosen) return null;
          earlier = chosen.elapsed || 0;
          tools.counted = chosen.counted || {};
          tools.memory = chosen.memory || {};
          bookmark = chosen;
          queue.enqueue([statement("resumed", unit)]);
          queue.flushSoon(); // now, with "initialized": a resume onto the result page makes no other statement
          return chosen.state;
        });
      },

      pageViewed: function (id) {
        if (left) return; // terminated: nothing more in this session
        lastMoment = Date.now();
        queue.enqueue([statement("experienced", cfg.pages[id])]);
        queue.flushSoon();
      },

      answered: function (q, response, result) {
        if (left) return; // terminated: nothing more in this session
        var now = Date.now();
        var before = tools.counted[q.id];
        var n = (before ? before.n : 0) + 1;
        var attempt = result.attempt || n;
        // In the notation the build made from the question's definition (authored choice order,
        // texts as the player compared them, never cut): tracking/notation.js.
        var r = { response: QSER.notateResponse(cfg.notations[q.id], q, response), duration: X.duration(now - lastMoment) };
        if (q.scored) {
          r.success = result.correct === true;
          r.score = { scaled: r.success ? 1 : 0 };
        }
        r.extensions = {};
        r.extensions[cfg.extensions.attempt] = attempt; // which try this was: each try is a statement
        lastMoment = now;
        var s = statement("answered", cfg.questions[q.id], r);
        // The try the score counts (the player says: unit.yaml `scoring`, a retake's first try) is
        // the statement the outcome names, not simply the latest.
        tools.counted[q.id] = { id: result.counts === false && before ? before.id : s.id, n: n };
        queue.enqueue([s]);
        queue.flushSoon();
      },

      finish: function (outcome) {
        if (left) return; // terminated: nothing more in this session
        tools.complete = outcome.complete;
        var out = rules.outcome(outcome, tools);
        if (!out.length) return;
        queue.enqueue(out);
        queue.flushSoon();
        if (bookmark && Object.keys(tools.memory).length) {
          bookmark.memory = tools.memory; // what was reported, kept with the bookmark
          keepLocal();
        }
      },

      saveBookmark: function (state) {
        bookmark = { v: 1, at: Date.now(), elapsed: tools.elapsed(), state: state, counted: tools.counted };
        if (Object.keys(tools.memory).length) bookmark.memory = tools.memory;
        keepLocal();
      }
    };
  };
})();
