/*
 * The bookmark in the xAPI State API, written so that 1.0.3 and 2.0 LRSs both take it.
 *
 * xAPI 2.0 (ADL's LRS behind Moodle's mod_tincanlaunch) answers 409 to a PUT without a
 * precondition on an existing document, and 412 to one whose precondition no longer holds. So:
 * read the document's ETag, write with If-Match (If-None-Match: * when there is none), and on
 * 409/412 read again, merge (another browser may have written) and write once more. A write
 * that cannot be made is reported (io.failed), never dropped in silence; LRSs without a State
 * API (404/405/501 on a write) leave the bookmark to this browser's copy.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var TRIES = 3;

  function usable(b) { return b && typeof b === "object" && b.v === 1 && b.state ? b : null; }

  function union(a, b) {
    var out = (a || []).slice();
    (b || []).forEach(function (x) { if (out.indexOf(x) < 0) out.push(x); });
    return out;
  }

  /* Two bookmarks of one attempt as one: where the newer left off, every answer either gave
     (the newer's where both answered), every page either saw. After a retake (one has taken more)
     the answers are that one's alone: the other's belong to a round that no longer counts. */
  function merge(mine, theirs) {
    if (!theirs) return mine;
    if (!mine) return theirs;
    var rounds = function (b) { return b.state.retakes || 0; };
    var newer = rounds(theirs) !== rounds(mine) ? (rounds(theirs) > rounds(mine) ? theirs : mine)
      : theirs.at > mine.at ? theirs : mine;
    var older = newer === mine ? theirs : mine;
    var earlier = rounds(newer) === rounds(older) ? older : { state: {} }; // whose answers still count
    var state = {};
    Object.keys(newer.state).forEach(function (k) { state[k] = newer.state[k]; });
    state.answers = Object.assign({}, earlier.state.answers || {}, newer.state.answers || {});
    if (newer.state.marks || earlier.state.marks) state.marks = Object.assign({}, earlier.state.marks || {}, newer.state.marks || {});
    state.visited = union(newer.state.visited, older.state.visited);
    var out = { v: 1, at: newer.at, elapsed: Math.max(mine.elapsed || 0, theirs.elapsed || 0), state: state };
    if (newer.counted || earlier.counted) out.counted = Object.assign({}, earlier.counted || {}, newer.counted || {});
    // What an adapter reported (cmi5: completed, passed): once reported by either, reported.
    if (newer.memory || older.memory) out.memory = Object.assign({}, older.memory || {}, newer.memory || {});
    return out;
  }

  /* io: request(method, url, body, options) -> Promise (status, or {status, text, etag} with
     options.read), url (the bookmark's State API address), bookmark() (the current one),
     adopt(bookmark) (take a merged one), failed(status). */
  QSER.xapiStateStore = function (io) {
    var etag; // undefined: not known; null: no document; else the document's ETag
    var written = ""; // the JSON the State API holds from us
    var writing = false;
    var store = { available: true, merge: merge, usable: usable };

    store.read = function (timeout) {
      return io.request("GET", io.url, undefined, { timeout: timeout, read: true }).then(function (res) {
        var doc = null;
        if (res.status === 200) {
          try { doc = usable(JSON.parse(res.text)); } catch (e) { doc = null; }
          etag = res.etag || undefined;
          if (doc) written = JSON.stringify(doc);
        } else if (res.status === 404) {
          etag = null;
        }
        return { status: res.status, doc: doc };
      });
    };

    /* Write the current bookmark. The PUT is a keepalive request (it outlives a closing page);
       `leaving`: the page is going, so no reading first or after (that answer would never be
       read). The browser's copy has the bookmark anyway. */
    store.write = function (leaving) {
      var bookmark = io.bookmark();
      if (!store.available || !bookmark || writing || JSON.stringify(bookmark) === written) return Promise.resolve();
      if (leaving && etag === undefined) return Promise.resolve();
      writing = true;
      var tries = 0;
      function reread() {
        return store.read().then(function (r) {
          if (r.status !== 200 && r.status !== 404) return false;
          if (r.doc) io.adopt(merge(io.bookmark(), r.doc));
          return true;
        });
      }
      function put() {
        var body = JSON.stringify(io.bookmark());
        var pre = etag ? { "If-Match": etag } : { "If-None-Match": "*" };
        return io.request("PUT", io.url, body, { keepalive: true, headers: pre }).then(function (status) {
          if (status >= 200 && status < 300) {
            written = body;
            etag = undefined; // a PUT's answer need not carry the new ETag: read it for the next write
            return leaving ? null : reread();
          }
          if (status === 404 || status === 405 || status === 501) { store.available = false; return; }
          if ((status === 409 || status === 412) && !leaving && ++tries < TRIES) {
            return reread().then(function (again) { return again ? put() : io.failed(status); });
          }
          io.failed(status);
        });
      }
      var first = etag === undefined ? reread().then(function (again) { return again ? put() : io.failed(0); }) : put();
      return first.then(function () { writing = false; }, function () { writing = false; });
    };
    return store;
  };
})();
