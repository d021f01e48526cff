/*
 * The journal: values the LMS has not confirmed, kept in this browser (localStorage) so that
 * the next launch on this device writes them again at the same places. Moodle keeps one
 * value per element, so what it already holds is not duplicated; what it misses arrives.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  QSER.scormJournal = function () {
    var storage = null;
    try { storage = window.localStorage; storage.getItem("qser"); } catch (e) { storage = null; }
    var key = null;

    return {
      /* One journal per unit, version, language, standard and learner. */
      open: function (parts) { key = parts.join(":"); },

      /* `values` (element -> value) replace what the journal held; none: it is emptied. */
      keep: function (values) {
        if (!storage || !key) return;
        try {
          if (Object.keys(values).length) storage.setItem(key, JSON.stringify(values));
          else storage.removeItem(key);
        } catch (e) { /* full or blocked: the LMS copy is all there is */ }
      },

      /* What an earlier session left unconfirmed: {rows: {n: {field: value}}, others: {element: value}}, or null. */
      read: function () {
        var saved = null;
        try { saved = storage && key ? JSON.parse(storage.getItem(key) || "null") : null; }
        catch (e) { saved = null; }
        if (!saved || typeof saved !== "object") return null;
        var rows = {}, others = {};
        Object.keys(saved).forEach(function (element) {
          var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
          if (m) (rows[m[1]] = rows[m[1]] || {})[m[2]] = String(saved[element]);
          else others[element] = String(saved[element]);
        });
        return { rows: rows, others: others };
      }
    };
  };
})();
