/*
 * One request to an LRS, as both xAPI adapters make it: the xAPI version header, the launch's
 * credential (Tin Can: the `auth` parameter; cmi5: the token from the fetch URL), a timeout,
 * and an answer that never throws (status 0: no answer, a timeout or offline).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var XAPI_VERSION = "1.0.3";
  var TIMEOUT = 10000; // ms before a request counts as lost

  /* o: {auth: the Authorization header's value or "", stats: counts requests}. */
  QSER.xapiClient = function (o) {
    function headers(json, extra) {
      var h = { "X-Experience-API-Version": XAPI_VERSION };
      Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
      if (o.auth) h.Authorization = o.auth;
      if (json) h["Content-Type"] = "application/json";
      return h;
    }

    /* One request to the LRS; resolves with the status (0: no answer, a timeout or offline). */
    function request(method, url, body, options) {
      options = options || {};
      o.stats.requests += 1;
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

    return { request: request, ok: function (status) { return status >= 200 && status < 300; } };
  };
})();
