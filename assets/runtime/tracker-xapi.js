/*
 * xAPI adapter (Tin Can launch): the tracker interface of player.js as statements to an LRS.
 *
 * What it keeps to (see docs/xapi.md for why):
 * - endpoint, auth, actor, registration and activity_id come from the launch URL, never from
 *   the package; without endpoint or actor the unit runs unconnected and sends nothing;
 * - statements: initialized, experienced (page), answered (question, with its definition),
 *   passed/failed and completed (unit, with the score), suspended, resumed, terminated; ids
 *   are made here (UUID v4), so sending one twice is harmless;
 * - every statement waits in a queue in localStorage until the LRS confirms it (2xx): a 5xx,
 *   a timeout, being offline or refused credentials delay it, nothing drops it;
 * - the statements of one moment (an answer, a page change) go in one POST;
 * - the bookmark lives in localStorage and, when the page is hidden or left, in the State
 *   API (LRSs without one answer 404: the local copy carries on).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var XAPI_VERSION = "1.0.3";
  var TIMEOUT = 10000; // ms before a request counts as lost
  var BOOKMARK_TIMEOUT = 5000; // the learner waits for this one: shorter
  var BATCH = 50; // statements per POST (a long offline spell is sent in parts)
  var KEEPALIVE_BYTES = 60000; // browsers allow 64 KiB in flight for requests that outlive the page
  var MAX_RETRY = 60000;

  /* The launch parameters, decoded as RFC 3986 says: "+" stays a plus (URLSearchParams would
     make it a space and break a Base64 "auth" from an LMS that leaves it unencoded). */
  function launchParams(search) {
    var params = {};
    search.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf("=");
      var name = at < 0 ? pair : pair.slice(0, at);
      try { params[decodeURIComponent(name)] = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1)); }
      catch (e) { /* a malformed pair: ignore it */ }
    });
    return params;
  }

  /* The launch's actor as an xAPI 1.0 Agent. Older launchers send 0.9-style arrays
     ({"mbox": ["mailto:.."], "account": [{"accountServiceHomePage", "accountName"}]}). */
  function agentFrom(raw) {
    var a;
    try { a = JSON.parse(raw); } catch (e) { return null; }
    if (!a || typeof a !== "object") return null;
    function first(v) { return Array.isArray(v) ? v[0] : v; }
    var agent = { objectType: "Agent" };
    if (a.name) agent.name = String(first(a.name));
    if (a.mbox) {
      var mbox = String(first(a.mbox));
      agent.mbox = /^mailto:/i.test(mbox) ? mbox : "mailto:" + mbox;
    } else if (a.mbox_sha1sum) {
      agent.mbox_sha1sum = String(first(a.mbox_sha1sum));
    } else if (a.openid) {
      agent.openid = String(first(a.openid));
    } else if (a.account) {
      var acc = first(a.account) || {};
      var home = acc.homePage || acc.accountServiceHomePage, name = acc.name || acc.accountName;
      if (!home || !name) return null;
      agent.account = { homePage: String(home), name: String(name) };
    } else {
      return null;
    }
    return agent;
  }

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

  /* xAPI's response formats. Choices in authored order (the definition's order), so the same
     answer always reads the same; free text is never cut. */
  function xapiResponse(q, r) {
    switch (q.type) {
      case "true-false": return r ? "true" : "false";
      case "single-choice":
      case "multiple-choice": return q.options.filter(function (id) { return r.indexOf(id) >= 0; }).join("[,]");
      case "matching": return q.options.map(function (src) { return src + "[.]" + r[src]; }).join("[,]");
      case "sequencing": return r.join("[,]");
      default: return String(r); // numeric, likert (the scale id), fill-in, free text
    }
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
    var launch = launchParams(window.location.search);
    var actor = launch.actor ? agentFrom(launch.actor) : null;
    var stats = QSER.xapi = {
      connected: false, queue: 0, requests: 0, statements: 0, delivered: 0, failures: 0, rejected: 0, sending: false,
      formats: { response: xapiResponse, duration: duration }
    };

    if (!launch.endpoint || !actor) {
      var nothing = function () {};
      return {
        start: function () { view.notice("not_connected"); },
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
    var flushTimer = null, retryTimer = null, retryDelay = 0;
    var noticeShown = false, warned = false;
    var bookmark = null; // {v, at, elapsed, state}: what saveBookmark last kept
    var statePut = ""; // the bookmark the State API last took (JSON)
    var stateApi = true; // false once the LRS said it has none

    // ---- statements ----

    // Strictly increasing timestamps: the statements of one moment keep their order in a report.
    function timestamp() {
      var t = Date.now();
      if (t <= lastStamp) t = lastStamp + 1;
      lastStamp = t;
      return new Date(t).toISOString();
    }

    function statement(verb, object, result) {
      var context = { language: cfg.language };
      // Pages and questions belong to the unit; the unit's own statements need no parent.
      if (object.id !== unitId) context.contextActivities = { parent: [{ id: unitId, objectType: "Activity" }] };
      if (registration) context.registration = registration;
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

    /* A statement the LRS refuses on its own (400, 422) will never be stored: resending it
       would only block what follows. It leaves the queue for a list kept for diagnosis. */
    function setAside(s, status) {
      stats.rejected += 1;
      if (stats.rejected === 1 && window.console) {
        console.warn("xAPI: the LRS refuses a statement (" + status + "); kept aside in localStorage " + rejectedKey, s);
      }
      if (!storage) return;
      try {
        var list = JSON.parse(storage.getItem(rejectedKey) || "[]");
        storage.setItem(rejectedKey, JSON.stringify(list.concat([s]).slice(-100)));
      } catch (e) { /* full or unreadable: the warning above has it */ }
    }

    function forget(ids) {
      var done = {};
      ids.forEach(function (id) { done[id] = true; });
      writeQueue(readQueue().filter(function (s) { return !done[s.id]; }));
      stats.delivered += ids.length;
    }

    // ---- requests ----

    function headers(json) {
      var h = { "X-Experience-API-Version": XAPI_VERSION };
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
        method: method, headers: headers(body !== undefined), credentials: "omit", keepalive: !!options.keepalive
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
        return options.read ? res.text().then(function (text) { return { status: res.status, text: text }; }) : res.status;
      }, function () {
        clearTimeout(timer);
        return options.read ? { status: 0, text: "" } : 0;
      });
    }

    function ok(status) { return status >= 200 && status < 300; }

    function delivered() {
      retryDelay = 0;
      warned = false;
      if (noticeShown) { view.clearNotice(); noticeShown = false; }
    }

    /* Not delivered: keep everything, tell the learner once, try again later (and sooner when
       the browser comes back online or the learner does something that makes a statement). */
    function undelivered(status) {
      var refused = status === 401 || status === 403;
      stats.failures += 1;
      view.notice(refused ? "lrs_refused" : "saving_failed");
      noticeShown = true;
      if (!warned && window.console) console.warn("xAPI: statements not delivered (" + (status || "no answer") + "), kept and retried");
      warned = true;
      retryDelay = refused ? MAX_RETRY : Math.min(retryDelay ? retryDelay * 2 : 2000, MAX_RETRY);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, retryDelay);
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
            forget([s.id]);
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

    // Everything said in one synchronous moment (answer + outcome) leaves in one request.
    function flushSoon() {
      if (flushTimer) return;
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

    function usable(b) { return b && typeof b === "object" && b.v === 1 && b.state ? b : null; }

    function readLocalBookmark() {
      try { return usable(storage ? JSON.parse(storage.getItem(bookmarkKey) || "null") : null); }
      catch (e) { return null; }
    }

    function putState() {
      if (!stateApi || !bookmark) return;
      var json = JSON.stringify(bookmark);
      if (json === statePut) return;
      statePut = json;
      request("PUT", stateUrl(), json, { keepalive: true }).then(function (status) {
        if (status === 404 || status === 405 || status === 501) stateApi = false;
        else if (!ok(status)) statePut = ""; // try again next time
      });
    }

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
      putState();
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
          putState();
        });
        window.addEventListener("pageshow", function (e) {
          if (e.persisted && left) window.location.reload(); // back from the cache: a new session
        });
      },

      loadBookmark: function () {
        var local = readLocalBookmark();
        return request("GET", stateUrl(), undefined, { timeout: BOOKMARK_TIMEOUT, read: true }).then(function (res) {
          var remote = null;
          if (res.status === 200) {
            try { remote = usable(JSON.parse(res.text)); } catch (e) { remote = null; }
            if (remote) statePut = JSON.stringify(remote);
          } else if (res.status !== 404 && res.status !== 204 && window.console) {
            // 404 is the State API's "no bookmark yet" (and the answer of LRSs without one).
            console.info("xAPI: bookmark not read from the LRS (" + (res.status || "no answer") + "), using this browser's");
          }
          // The newer of the two: the State API's copy may lag if the last leave did not reach it.
          var chosen = remote && (!local || remote.at >= local.at) ? remote : local;
          if (!chosen) return null;
          earlier = chosen.elapsed || 0;
          bookmark = chosen;
          enqueue([statement("resumed", unit)]);
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
        var r = { response: xapiResponse(q, response), duration: duration(now - lastMoment) };
        if (q.scored) {
          r.success = result.correct === true;
          r.score = { scaled: r.success ? 1 : 0 };
        }
        if (result.attempt) { // which try this was: every try is a statement of its own
          r.extensions = {};
          r.extensions[cfg.unit.id + "/extensions/attempt"] = result.attempt;
        }
        lastMoment = now;
        enqueue([statement("answered", cfg.questions[q.id], r)]);
        flushSoon();
      },

      finish: function (outcome) {
        complete = outcome.complete;
        if (outcome.restored) return; // reported in an earlier session: only no "suspended" now
        var r = { completion: true, duration: duration(elapsed()) };
        var out = [];
        if (outcome.score !== null) {
          r.success = outcome.passed;
          r.score = { raw: outcome.score, min: 0, max: 100, scaled: outcome.score / 100 };
          out.push(statement(outcome.passed ? "passed" : "failed", unit, r));
        }
        // Moodle's tincanlaunch grades from "completed" on the launch's activity id.
        if (outcome.complete) out.push(statement("completed", unit, r));
        enqueue(out);
        flushSoon();
      },

      saveBookmark: function (state) {
        bookmark = { v: 1, at: Date.now(), elapsed: elapsed(), state: state };
        if (!storage) return;
        try { storage.setItem(bookmarkKey, JSON.stringify(bookmark)); } catch (e) { /* full: the State API still gets it */ }
      }
    };
    stats.queue = readQueue().length;
    return tracker;
  };
})();
