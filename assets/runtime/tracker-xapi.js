/*
 * xAPI adapter (Tin Can launch): the tracker interface of player.js as statements to an LRS.
 * Its parts: xapi-launch.js (reading and checking the launch), xapi-state.js (the bookmark in
 * the State API); the build puts them before this file in one script.
 *
 * What it keeps to (see docs/xapi.md for why):
 * - endpoint, auth, actor, registration and activity_id come from the launch URL, never from
 *   the package; without endpoint and actor the unit runs unconnected and sends nothing; with
 *   a bad one the learner is told which, and nothing is queued;
 * - statements: initialized, experienced (page), answered (question, with its definition),
 *   passed/failed and completed (unit, with the score and the pass mark), suspended, resumed,
 *   terminated; ids are made here (UUID v4), so sending one twice is harmless;
 * - every statement waits in a queue in localStorage until the LRS confirms it (2xx): a 5xx,
 *   a timeout or being offline delay it (retried on a clock), refused credentials too; one the
 *   LRS refuses for its content (400/422) is kept aside, and the learner is told;
 * - the statements of one moment (an answer, a page change) go in one POST;
 * - the bookmark lives in localStorage and, when the page is hidden or left, in the State
 *   API (LRSs without one answer 404: the local copy carries on).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var XAPI_VERSION = "1.0.3";
  var MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var TIMEOUT = 10000; // ms before a request counts as lost
  var BOOKMARK_TIMEOUT = 5000; // the learner waits for this one: shorter
  var BATCH = 50; // statements per POST (a long offline spell is sent in parts)
  var KEEPALIVE_BYTES = 60000; // browsers allow 64 KiB in flight for requests that outlive the page
  var BACKOFF = [1000, 2000, 3000]; // ms between tries while the LRS is away; then every 3 s
  var REFUSED_RETRY = 60000; // credentials refused: they will not change within this launch
  var KEEP_REJECTED = 500; // statements kept for inspection per launch key

  function uuid() {
    var b = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(b);
    else for (var i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(b, function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // ISO 8601 duration to the hundredth of a second, e.g. PT1H2M3.45S
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s.toFixed(2) + "S";
  }

  function utf8Length(text) {
    return encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, "x").length;
  }

  function storageOrNull() {
    try {
      var s = window.localStorage;
      s.getItem("qser"); // throws where storage is blocked
      return s;
    } catch (e) { return null; }
  }

  QSER.createTracker = function (data, view) {
    var cfg = data.tracker;
    var launch = QSER.xapiLaunch.params(window.location.search);
    var actor = launch.actor ? QSER.xapiLaunch.agent(launch.actor) : null;
    var stats = QSER.xapi = {
      connected: false, queue: 0, requests: 0, statements: 0, delivered: 0, failures: 0, rejected: 0, kept: 0, sending: false,
      formats: { duration: duration }
    };

    var problem = launch.endpoint || launch.actor ? QSER.xapiLaunch.problem(launch, actor) : "none";
    if (problem) {
      var nothing = function () {};
      if (problem !== "none" && window.console) console.warn("xAPI: launch parameter not usable: " + problem);
      return {
        start: function () {
          if (problem === "none") view.notice("not_connected");
          else if (problem === "cmi5") view.notice("launch_cmi5");
          else view.notice("launch_invalid", { what: data.ui["launch_" + problem] });
        },
        pageViewed: nothing, answered: nothing, finish: nothing, saveBookmark: nothing,
        loadBookmark: function () { return null; }
      };
    }
    stats.connected = true;

    var endpoint = launch.endpoint.replace(/\/?$/, "/");
    var registration = launch.registration || "";
    // Older launchers omit activity_id: then the unit's own IRI, as in tincan.xml.
    var unitId = launch.activity_id || cfg.unit.id;
    var unit = { id: unitId, objectType: "Activity", definition: cfg.unit.definition };
    var storage = storageOrNull();
    var queueKey = "qser-xapi-queue:" + endpoint + "|" + registration + "|" + unitId;
    var bookmarkKey = "qser-xapi-bookmark:" + endpoint + "|" + registration + "|" + unitId + "|" + JSON.stringify(actor);
    var rejectedKey = "qser-xapi-rejected:" + endpoint + "|" + registration + "|" + unitId;
    var memoryQueue = [];
    var startedAt = Date.now();
    var lastMoment = startedAt;
    var earlier = 0; // time spent in earlier sessions, from the bookmark
    var lastStamp = 0;
    var complete = false;
    var left = false;
    var inFlight = false;
    var flushTimer = null, retryTimer = null, retries = 0;
    var noticeShown = false, warned = false, rejectedShown = false;
    var bookmark = null; // {v, at, elapsed, state, counted}: what saveBookmark last kept
    var counted = {}; // question id -> {id: the statement of its latest answer, n: answers so far}

    // ---- statements ----

    // Strictly increasing timestamps: the statements of one moment keep their order in a report.
    function timestamp() {
      var t = Date.now();
      if (t <= lastStamp) t = lastStamp + 1;
      lastStamp = t;
      return new Date(t).toISOString();
    }

    function ref(id) { return { id: id, objectType: "Activity" }; }

    /* Read alone, a statement says where its object sits: a page in this language's unit, a
       question on its page (parent) in the unit; and all in the language-neutral unit (grouping),
       which a report asks for. `extensions`: context extensions. */
    function statement(verb, object, result, extensions) {
      var context = { language: cfg.language };
      var page = cfg.placement[object.id];
      var groups = unitId === cfg.group.id ? [ref(unitId)] : [ref(unitId), ref(cfg.group.id)];
      if (page) context.contextActivities = { parent: [ref(cfg.pages[page].id)], grouping: groups };
      else if (object.id !== unitId) context.contextActivities = { parent: [ref(unitId)], grouping: groups.slice(-1) };
      else if (unitId !== cfg.group.id) context.contextActivities = { grouping: [ref(cfg.group.id)] };
      if (registration) context.registration = registration;
      if (extensions) context.extensions = extensions;
      var s = {
        id: uuid(), actor: actor, timestamp: timestamp(), object: object, context: context,
        verb: { id: VERBS + verb, display: { "en-US": verb } }
      };
      if (result) s.result = result;
      return s;
    }

    // ---- the queue: localStorage, read and written whole (another tab may share it) ----

    function readQueue() {
      if (storage) {
        try {
          var list = JSON.parse(storage.getItem(queueKey) || "[]");
          if (Array.isArray(list)) return list;
        } catch (e) { /* unreadable: treat as empty */ }
      }
      return memoryQueue.slice();
    }

    function writeQueue(list) {
      memoryQueue = list;
      stats.queue = list.length;
      if (!storage) return;
      try {
        if (list.length) storage.setItem(queueKey, JSON.stringify(list));
        else storage.removeItem(queueKey);
      } catch (e) {
        storage = null; // full: this session carries on in memory
      }
    }

    function enqueue(statements) {
      writeQueue(readQueue().concat(statements));
    }

    var memoryKept = [];
    function readKept() {
      try { return storage ? JSON.parse(storage.getItem(rejectedKey) || "[]") : memoryKept; }
      catch (e) { return []; }
    }

    /* A statement the LRS refuses on its own (400, 422) will not be stored by resending it, and
       would block what follows. It moves from the queue to a kept list (not delivered), the
       learner is told, and an administrator can read it or send it again (docs/xapi.md). */
    function setAside(s, status) {
      stats.rejected += 1;
      if (window.console) console.warn("xAPI: the LRS refuses a statement (" + status + "); kept in localStorage " + rejectedKey, s);
      var list = readKept().concat([s]).slice(-KEEP_REJECTED);
      memoryKept = list;
      if (storage) {
        try { storage.setItem(rejectedKey, JSON.stringify(list)); } catch (e) { /* full: kept in memory */ }
      }
      stats.kept = list.length;
      view.notice("lrs_rejected");
      rejectedShown = noticeShown = true;
    }

    function forget(ids, delivered) {
      var done = {};
      ids.forEach(function (id) { done[id] = true; });
      writeQueue(readQueue().filter(function (s) { return !done[s.id]; }));
      if (delivered !== false) stats.delivered += ids.length;
    }

    /* For an administrator, from the browser console: the kept statements go back into the
       queue and are sent again (after the LRS or the launch was fixed). */
    stats.resendKept = function () {
      var list = readKept();
      memoryKept = [];
      if (storage) try { storage.removeItem(rejectedKey); } catch (e) { /* nothing to remove */ }
      stats.kept = 0;
      rejectedShown = false;
      enqueue(list);
      flush();
      return list.length;
    };

    // ---- requests ----

    function headers(json, extra) {
      var h = { "X-Experience-API-Version": XAPI_VERSION };
      Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
      if (launch.auth) h.Authorization = launch.auth;
      if (json) h["Content-Type"] = "application/json";
      return h;
    }

    /* One request to the LRS; resolves with the status (0: no answer, a timeout or offline). */
    function request(method, url, body, options) {
      options = options || {};
      stats.requests += 1;
      var ctrl = !options.keepalive && window.AbortController ? new AbortController() : null;
      var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, options.timeout || TIMEOUT) : null;
      var init = {
        method: method, headers: headers(body !== undefined, options.headers), credentials: "omit", keepalive: !!options.keepalive
      };
      // Only reads skip the HTTP cache: Chromium then also skips its CORS preflight cache, and
      // every POST would cost a second request (OPTIONS) instead of one preflight per 10 minutes.
      if (method === "GET") init.cache = "no-store";
      if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
      if (ctrl) init.signal = ctrl.signal;
      var sent;
      try { sent = window.fetch(url, init); } catch (e) { sent = Promise.reject(e); }
      return sent.then(function (res) {
        clearTimeout(timer);
        if (!options.read) return res.status;
        return res.text().then(function (text) { return { status: res.status, text: text, etag: res.headers.get("ETag") }; });
      }, function () {
        clearTimeout(timer);
        return options.read ? { status: 0, text: "" } : 0;
      });
    }

    function ok(status) { return status >= 200 && status < 300; }

    function delivered() {
      retries = 0;
      warned = false;
      if (noticeShown && !rejectedShown) { view.clearNotice(); noticeShown = false; }
    }

    /* Not delivered: keep everything, tell the learner, try again on a clock (1, 2, 3, then
       every 3 s: back within seconds of the LRS, whatever the learner does meanwhile), and at
       once when the browser comes back online. */
    function undelivered(status) {
      var refused = status === 401 || status === 403;
      stats.failures += 1;
      if (!rejectedShown) view.notice(refused ? "lrs_refused" : "saving_failed");
      noticeShown = true;
      if (!warned && window.console) console.warn("xAPI: statements not delivered (" + (status || "no answer") + "), kept and retried");
      warned = true;
      var delay = refused ? REFUSED_RETRY : BACKOFF[Math.min(retries, BACKOFF.length - 1)];
      retries += 1;
      stats.retryIn = delay;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(function () { retryTimer = null; flush(); }, delay);
    }

    /* The LRS refused the batch as a whole: 409 (some ids are stored already, say after a lost
       response, and it compares them differently), 400/422 (something in it is invalid) or 413.
       One PUT per statement then: 2xx and 409 mean the LRS has that id (delivered, never resent);
       a statement refused alone with 400/422 is set aside. */
    function oneByOne(batch) {
      var i = 0;
      function next() {
        if (i >= batch.length) return true;
        var s = batch[i++];
        stats.statements += 1;
        return request("PUT", endpoint + "statements?statementId=" + encodeURIComponent(s.id), s).then(function (status) {
          if (ok(status) || status === 409) {
            forget([s.id]);
            return next();
          }
          if (status === 400 || status === 422) {
            setAside(s, status);
            forget([s.id], false);
            return next();
          }
          undelivered(status);
          return false;
        });
      }
      return next();
    }

    function flush() {
      if (inFlight || left) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      var pending = readQueue();
      stats.queue = pending.length;
      if (!pending.length) return;
      var batch = pending.slice(0, BATCH);
      inFlight = stats.sending = true;
      stats.statements += batch.length;
      request("POST", endpoint + "statements", batch).then(function (status) {
        if (ok(status)) {
          forget(batch.map(function (s) { return s.id; }));
          return true;
        }
        if (status === 409 || status === 400 || status === 422 || status === 413) return oneByOne(batch);
        undelivered(status);
        return false;
      }).then(function (done) {
        inFlight = stats.sending = false;
        if (!done) return;
        delivered();
        if (readQueue().length) flush();
      });
    }

    /* Everything said in one synchronous moment (answer + outcome) leaves in one request. While
       the LRS is away the retry clock decides, not the learner's clicks. */
    function flushSoon() {
      if (flushTimer || retryTimer) return;
      flushTimer = setTimeout(function () { flushTimer = null; flush(); }, 0);
    }

    /* The page is going away or out of sight: a keepalive request outlives it (sendBeacon
       cannot carry Authorization). What does not fit in its size limit stays queued for the
       next launch; so does all of it if the answer comes too late to be read. */
    function flushKeepalive() {
      var pending = readQueue(), batch = [], size = 2;
      for (var i = 0; i < pending.length && batch.length < BATCH; i++) {
        var bytes = utf8Length(JSON.stringify(pending[i])) + 1;
        if (size + bytes > KEEPALIVE_BYTES) break;
        batch.push(pending[i]);
        size += bytes;
      }
      if (!batch.length) return;
      stats.statements += batch.length;
      request("POST", endpoint + "statements", batch, { keepalive: true }).then(function (status) {
        if (ok(status)) forget(batch.map(function (s) { return s.id; }));
      });
    }

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
      request: request,
      url: stateUrl(),
      bookmark: function () { return bookmark; },
      adopt: function (b) { bookmark = b; },
      failed: function (status) {
        if (window.console) console.warn("xAPI: bookmark not saved in the LRS (" + (status || "no answer") + "); this browser keeps it");
        if (status) view.notice("bookmark_failed");
      }
    });

    function elapsed() { return earlier + (Date.now() - startedAt); }

    function leave() {
      if (left) return;
      var now = Date.now();
      var spent = { duration: duration(now - startedAt) };
      var last = complete ? [] : [statement("suspended", unit, spent)];
      enqueue(last.concat([statement("terminated", unit, spent)]));
      left = true;
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
      if (bookmark) bookmark.elapsed = elapsed();
      flushKeepalive();
      stateApi.write(true);
    }

    var tracker = {
      start: function () {
        // Queued, not sent: it leaves with the first page's statements, in one request.
        enqueue([statement("initialized", unit)]);
        window.addEventListener("online", flush);
        window.addEventListener("pagehide", leave);
        document.addEventListener("visibilitychange", function () {
          if (document.visibilityState !== "hidden" || left) return;
          if (!inFlight) flushKeepalive();
          if (bookmark) bookmark.elapsed = elapsed();
          stateApi.write(false);
        });
        window.addEventListener("pageshow", function (e) {
          if (e.persisted && left) window.location.reload(); // back from the cache: a new session
        });
      },

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
          counted = chosen.counted || {};
          bookmark = chosen;
          enqueue([statement("resumed", unit)]);
          flushSoon(); // now, with "initialized": a resume onto the result page makes no other statement
          return chosen.state;
        });
      },

      pageViewed: function (id) {
        lastMoment = Date.now();
        enqueue([statement("experienced", cfg.pages[id])]);
        flushSoon();
      },

      answered: function (q, response, result) {
        var now = Date.now();
        var n = (counted[q.id] ? counted[q.id].n : 0) + 1;
        // In the notation the build made from the question's definition (authored choice order,
        // texts as the player compared them, never cut): notation.js.
        var r = { response: QSER.notateResponse(cfg.notations[q.id], q, response), duration: duration(now - lastMoment) };
        if (q.scored) {
          r.success = result.correct === true;
          r.score = { scaled: r.success ? 1 : 0 };
        }
        r.extensions = {};
        r.extensions[cfg.extensions.attempt] = result.attempt || n; // which try this was: each try is a statement
        lastMoment = now;
        var s = statement("answered", cfg.questions[q.id], r);
        counted[q.id] = { id: s.id, n: n };
        enqueue([s]);
        flushSoon();
      },

      finish: function (outcome) {
        complete = outcome.complete;
        if (outcome.restored) return; // reported in an earlier session: only no "suspended" now
        var r = { completion: true, duration: duration(elapsed()) };
        var out = [], context;
        if (outcome.score !== null) {
          r.success = outcome.passed;
          r.score = { raw: outcome.score, min: 0, max: 100, scaled: outcome.score / 100 };
          // Which answers the score counted: question IRI -> the id of its answered statement.
          var answers = {};
          Object.keys(counted).forEach(function (qid) {
            if (cfg.questions[qid] && data.questions[qid] && data.questions[qid].scored) answers[cfg.questions[qid].id] = counted[qid].id;
          });
          r.extensions = {};
          r.extensions[cfg.extensions.answers] = answers;
          context = {};
          context[MASTERY] = data.unit.masteryScore / 100; // the pass mark, as cmi5 writes it
          out.push(statement(outcome.passed ? "passed" : "failed", unit, r, context));
        }
        // Moodle's tincanlaunch grades from "completed" on the launch's activity id.
        if (outcome.complete) out.push(statement("completed", unit, r, context));
        enqueue(out);
        flushSoon();
      },

      saveBookmark: function (state) {
        bookmark = { v: 1, at: Date.now(), elapsed: elapsed(), state: state, counted: counted };
        if (!storage) return;
        try { storage.setItem(bookmarkKey, JSON.stringify(bookmark)); } catch (e) { /* full: the State API still gets it */ }
      }
    };
    stats.queue = readQueue().length;
    return tracker;
  };
})();
