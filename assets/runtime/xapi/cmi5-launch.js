/*
 * The cmi5 launch (cmi5 spec, section 8, 10 and 11): the launch URL's endpoint, fetch, actor,
 * registration and activityId; the one-time fetch URL for the session's auth token; the LMS's
 * "LMS.LaunchData" State document; the learner's "cmi5LearnerPreferences" Agent Profile.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var TRIES = 3; // reads are repeated after no answer or a 5xx, a second apart

  /* What is wrong with a cmi5 launch, as the name of the parameter at fault (null: nothing). */
  function problem(launch, actor) {
    if (!/^https?:\/\/[^\s\/?#]+[^\s]*$/i.test(launch.fetch || "")) return "fetch";
    if (!launch.registration) return "registration";
    if (!launch.activityId) return "activity_id";
    // The Tin Can checks, with the cmi5 names (activityId) and without its "this is cmi5" rule.
    return QSER.xapiLaunch.problem({
      endpoint: launch.endpoint, registration: launch.registration, activity_id: launch.activityId, auth: "-"
    }, actor);
  }

  function later(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  /* A GET repeated while the LMS gives no answer or a 5xx: {status, text}. */
  function read(client, url) {
    var tries = 0;
    function once() {
      return client.request("GET", url, undefined, { read: true }).then(function (res) {
        if ((res.status === 0 || res.status >= 500) && ++tries < TRIES) return later(1000).then(once);
        return res;
      });
    }
    return once();
  }

  /* POST the fetch URL once (spec 8.2): {token} or {error: the LMS's error-code, text}. The
     token belongs to this launch: a reload of the page is not a new launch, and the fetch URL
     answers its second POST with error 1 (the learner is told to open the unit from the course). */
  function token(fetchUrl) {
    var tries = 0;
    function once() {
      var sent;
      try { sent = window.fetch(fetchUrl, { method: "POST", credentials: "omit", cache: "no-store" }); }
      catch (e) { sent = Promise.reject(e); }
      return sent.then(function (res) {
        if (res.status >= 500 && ++tries < TRIES) return later(1000).then(once);
        return res.json().then(function (body) {
          if (res.status === 200 && body && typeof body["auth-token"] === "string" && body["auth-token"]) {
            return { token: body["auth-token"] };
          }
          return { error: String((body && body["error-code"]) || res.status), text: String((body && body["error-text"]) || "") };
        }, function () { return { error: String(res.status), text: "" }; });
      }, function () {
        // No answer: the LMS may never have seen the POST, so one more try is worth its risk.
        if (++tries < TRIES) return later(1000).then(once);
        return { error: "0", text: "" };
      });
    }
    return once();
  }

  function launchData(client, endpoint, launch, actor) {
    var url = endpoint + "activities/state?stateId=LMS.LaunchData&activityId=" + encodeURIComponent(launch.activityId) +
      "&agent=" + encodeURIComponent(JSON.stringify(actor)) + "&registration=" + encodeURIComponent(launch.registration);
    return read(client, url).then(function (res) {
      var doc = null;
      try { doc = res.status === 200 ? JSON.parse(res.text) : null; } catch (e) { doc = null; }
      var ok = doc && typeof doc === "object" && doc.contextTemplate && typeof doc.contextTemplate === "object";
      return ok ? doc : null;
    });
  }

  /* The learner's preferences, or {} (none kept, or an LMS that does not answer: not an error). */
  function preferences(client, endpoint, actor) {
    var url = endpoint + "agents/profile?profileId=cmi5LearnerPreferences&agent=" + encodeURIComponent(JSON.stringify(actor));
    return read(client, url).then(function (res) {
      try { return res.status === 200 ? JSON.parse(res.text) || {} : {}; } catch (e) { return {}; }
    });
  }

  /* The package's language for the learner's first preference it can serve: the same tag, or
     the same primary language ("de-DE" for "de-AT"); else the package's first (spec 11.1). */
  function language(preference, available) {
    var wanted = String(preference || "").split(",").map(function (t) { return t.trim().toLowerCase(); }).filter(Boolean);
    var lower = available.map(function (t) { return t.toLowerCase(); });
    for (var i = 0; i < wanted.length; i++) {
      var at = lower.indexOf(wanted[i]);
      if (at >= 0) return available[at];
      var primary = wanted[i].split("-")[0];
      for (var k = 0; k < lower.length; k++) if (lower[k].split("-")[0] === primary) return available[k];
    }
    return available[0];
  }

  QSER.cmi5Launch = {
    problem: problem, token: token, launchData: launchData, preferences: preferences, language: language
  };
})();
