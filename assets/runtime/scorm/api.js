/*
 * The LMS's SCORM API, whatever the standard: found where the standard says the LMS puts it,
 * called through one small wrapper that checks the last error after every call, so that no
 * adapter forgets to. The standard's call names come from its table (scorm/scorm12.js,
 * scorm/scorm2004.js).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  /* The object `name` ("API" or "API_1484_11") in this window or a parent, up to the top. */
  function climb(win, name) {
    for (var depth = 0; win && depth < 20; depth++) {
      try { if (win[name]) return win[name]; } catch (e) { /* another origin: keep climbing */ }
      if (win === win.parent) break;
      win = win.parent;
    }
    return null;
  }

  /* The parents first, then the window that opened this one (an LMS that opens a pop-up). */
  function find(name) {
    return climb(window, name) || (window.opener ? climb(window.opener, name) : null);
  }

  /* get/set/commit/finish on `api` with the standard's call names; every failure is kept in
     `errors` (and the console) with the call, element, value, code and the LMS's message. */
  function connect(api, calls) {
    var errors = [];

    function check(call, element, value) {
      var code = String(api[calls.lastError]());
      if (code === "0") return true;
      var report = { call: call, element: element, value: value, code: code,
                     message: String(api[calls.errorString](code)) };
      errors.push(report);
      if (window.console) console.warn("SCORM " + call + " failed", report);
      return false;
    }

    function call(name) {
      var ok = String(api[calls[name]]("")) === "true";
      return check(calls[name], "") && ok;
    }

    return {
      errors: errors,
      init: function () { return call("init"); },
      commit: function () { return call("commit"); },
      finish: function () { return call("finish"); },
      get: function (element) {
        var value = api[calls.get](element);
        return check(calls.get, element) ? String(value) : "";
      },
      set: function (element, value) {
        var ok = String(api[calls.set](element, String(value))) === "true";
        return check(calls.set, element, value) && ok;
      }
    };
  }

  /* The Moodle app's own SCORM 1.2 player, or null: its API object is an instance of the app's
     data model, with methods Moodle's browser API (and scorm-again) lack; `offline` says whether
     it is keeping this session's values on the device. Internals of the app: read defensively. */
  function app(api) {
    try {
      if (typeof api.loadSco !== "function" || typeof api.setOffline !== "function") return null;
    } catch (e) { return null; }
    return { offline: function () { try { return api.offline === true; } catch (e) { return false; } } };
  }

  QSER.scormAPI = { find: find, connect: connect, app: app };
})();
