/*
 * The Tin Can launch, read and checked: what the LMS put into the package's URL.
 * Everything a statement takes from it must be valid, or the LRS refuses every statement;
 * xapi/xapi.js asks problem() first and, when a parameter is bad, sends nothing.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

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

  var IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
  var MAILTO = /^mailto:[^\s@<>()\[\],;:"]+@[^\s@<>()\[\],;:"]+\.[^\s@<>()\[\],;:".]+$/i;
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

  /* What is wrong with a launch, as the name of the parameter at fault (null: nothing). An LRS
     refuses every statement made from a bad one, so the learner is told and nothing is queued:
     the LMS administrator must fix the activity. */
  function launchProblem(launch, actor) {
    // cmi5 launches carry a fetch URL for a token instead of auth: not what this package speaks.
    if (launch.fetch !== undefined && !launch.auth) return "cmi5";
    if (!/^https?:\/\/[^\s\/?#]+[^\s]*$/i.test(launch.endpoint)) return "endpoint";
    if (!actor) return "actor";
    if (actor.mbox !== undefined && !MAILTO.test(actor.mbox)) return "actor";
    if (actor.mbox_sha1sum !== undefined && !/^[0-9a-f]{40}$/i.test(actor.mbox_sha1sum)) return "actor";
    if (actor.openid !== undefined && !IRI.test(actor.openid)) return "actor";
    if (actor.account && (!IRI.test(actor.account.homePage) || !actor.account.name.trim())) return "actor";
    if (launch.registration && !UUID.test(launch.registration)) return "registration";
    if (launch.activity_id !== undefined && !IRI.test(launch.activity_id)) return "activity_id";
    return null;
  }

  QSER.xapiLaunch = { params: launchParams, agent: agentFrom, problem: launchProblem };
})();
