/*
 * The journal: values the LMS has not confirmed, kept in this browser (localStorage) so that
 * the next launch on this device writes them again at the same places. Moodle keeps one
 * value per element, so what it already holds is not duplicated; what it misses arrives.
 *
 * A journal belongs to one attempt. SCORM gives a SCO no attempt number (Moodle's browser
 * player keeps it to itself), so the package makes its own: a random token, written into the
 * bookmark in the LMS with the attempt's first commit (tracking/bookmark.js). A journal is
 * kept under its attempt's token and replayed only into the attempt whose bookmark carries
 * that token; an attempt that started afresh (nothing in the LMS) takes over a journal only
 * if nothing of that journal's attempt ever reached the LMS (so that LMS attempt cannot be
 * another one). `confirmed` says that something did.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  QSER.scormJournal = function () {
    var storage = null;
    try { storage = window.localStorage; storage.getItem("qser"); } catch (e) { storage = null; }
    var prefix = null, token = null, confirmed = false;

    function load(key) {
      try {
        var record = JSON.parse(storage.getItem(key) || "null");
        return record && typeof record === "object" && record.values ? record : null;
      } catch (e) { return null; }
    }

    /* The journals of this unit and learner: [{token, confirmed, at, values}]. */
    function all() {
      var out = [];
      if (!storage || !prefix) return out;
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(prefix + ":") === 0) {
          var record = load(key);
          if (record) out.push(Object.assign(record, { token: key.slice(prefix.length + 1) }));
        }
      }
      return out;
    }

    function remove(t) { try { storage.removeItem(prefix + ":" + t); } catch (e) { /* blocked */ } }

    return {
      /* One journal per unit, version, language, standard and learner (`parts`), then attempt.
         `older`: the key an earlier version kept without an attempt; it cannot be placed, so it goes. */
      open: function (parts, older) {
        prefix = parts.join(":");
        if (storage && older) try { storage.removeItem(older); } catch (e) { /* blocked */ }
      },

      /* The attempt this launch writes to: its token from the LMS's bookmark, or, for an attempt
         with nothing in the LMS (`fresh`), an unconfirmed journal's, else a new one. Journals
         of other attempts that the LMS took in part are dropped: they can never be replayed. */
      attempt: function (fromLms, fresh) {
        var journals = all();
        var adopted = !fromLms && fresh ? journals.filter(function (j) { return !j.confirmed; })
          .sort(function (a, b) { return (b.at || 0) - (a.at || 0); })[0] : null;
        token = fromLms || (adopted && adopted.token) || Math.random().toString(36).slice(2, 10);
        confirmed = !!fromLms; // its bookmark is in the LMS
        journals.forEach(function (j) {
          if (j.token === token) confirmed = confirmed || !!j.confirmed;
          else if (j.confirmed) remove(j.token);
        });
        return token;
      },

      /* Something of this attempt reached the LMS. */
      confirm: function () { confirmed = true; },

      /* `values` (element -> value) replace what the journal held; none: it is removed. */
      keep: function (values) {
        if (!storage || !token) return;
        try {
          if (Object.keys(values).length) {
            storage.setItem(prefix + ":" + token, JSON.stringify({ at: Date.now(), confirmed: confirmed, values: values }));
          } else {
            remove(token);
          }
        } catch (e) { /* full or blocked: the LMS copy is all there is */ }
      },

      /* What an earlier session of this attempt left unconfirmed:
         {rows: {n: {field: value}}, others: {element: value}}, or null. */
      read: function () {
        var saved = storage && token ? load(prefix + ":" + token) : null;
        if (!saved) return null;
        var rows = {}, others = {};
        Object.keys(saved.values).forEach(function (element) {
          var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
          if (m) (rows[m[1]] = rows[m[1]] || {})[m[2]] = String(saved.values[element]);
          else others[element] = String(saved.values[element]);
        });
        return { rows: rows, others: others };
      }
    };
  };
})();
