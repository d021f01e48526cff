/*
 * The statement queue both xAPI adapters send through. Nothing is dropped in silence:
 * - every statement waits in localStorage (read and written whole: another tab may share it)
 *   until the LRS confirms it (2xx); a 5xx, a timeout or being offline delay it (retried on a
 *   clock, and at once when the browser comes back online), refused credentials too;
 * - one the LRS refuses for its content (400/422) is kept aside, and the learner is told;
 * - the statements of one moment (an answer, a page change) go in one POST, at most BATCH;
 * - when the page goes away, a keepalive request carries what fits; the rest waits for the
 *   next launch.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var BATCH = 50; // statements per POST (a long offline spell is sent in parts)
  var KEEPALIVE_BYTES = 60000; // browsers allow 64 KiB in flight for requests that outlive the page
  var BACKOFF = [1000, 2000, 3000]; // ms between tries while the LRS is away; then every 3 s
  var REFUSED_RETRY = 60000; // credentials refused: they will not change within this launch
  var KEEP_REJECTED = 500; // statements kept for inspection per launch key

  function storageOrNull() {
    try {
      var s = window.localStorage;
      s.getItem("qser"); // throws where storage is blocked
      return s;
    } catch (e) { return null; }
  }

  QSER.xapiStorage = storageOrNull;

  /* o: {endpoint (ends in /), key (the launch: endpoint|registration|unit), client (xapi-client),
     view (notices), stats (QSER.xapi)}. */
  QSER.xapiQueue = function (o) {
    var stats = o.stats, view = o.view, request = o.client.request, ok = o.client.ok, endpoint = o.endpoint;
    var storage = storageOrNull();
    var queueKey = "qser-xapi-queue:" + o.key;
    var rejectedKey = "qser-xapi-rejected:" + o.key;
    var memoryQueue = [], memoryKept = [];
    var inFlight = false, closed = false;
    var flushTimer = null, retryTimer = null, retries = 0;
    var noticeShown = false, warned = false, rejectedShown = false;

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
      if (inFlight || closed) return;
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
        var bytes = QSER.xapiStatements.utf8Length(JSON.stringify(pending[i])) + 1;
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

    /* The session ends: no more timed sends; what is queued leaves in a keepalive request. */
    function close() {
      closed = true;
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
      flushKeepalive();
    }

    stats.queue = readQueue().length;
    return {
      enqueue: enqueue, flush: flush, flushSoon: flushSoon, close: close, storage: function () { return storage; },
      hidden: function () { if (!inFlight) flushKeepalive(); }
    };
  };
})();
