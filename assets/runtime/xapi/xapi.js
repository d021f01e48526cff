/*
 * xAPI adapter (Tin Can launch): the tracker interface of player/player.js as statements to an LRS.
 * The build joins its parts before it into one script: xapi/launch.js (reading and checking
 * the launch), xapi/statements.js, xapi/client.js, xapi/queue.js (nothing dropped in silence),
 * xapi/state.js (the bookmark in the State API) and xapi/session.js (the tracker itself).
 *
 * What this file adds (see docs/xapi.md for why):
 * - endpoint, auth, actor, registration and activity_id come from the launch URL, never from
 *   the package; without endpoint and actor the unit runs unconnected and sends nothing; with
 *   a bad one the learner is told which, and nothing is queued;
 * - the outcome: passed/failed and completed on the unit, with the score and the pass mark.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

  /* passed/failed (with the score, the pass mark and which answers it counted), completed. */
  function outcomeStatements(data, outcome, tools) {
    if (outcome.restored) return []; // reported in an earlier session: only no "suspended" now
    var cfg = data.tracker;
    var r = { completion: true, duration: QSER.xapiStatements.duration(tools.elapsed()) };
    var out = [], context;
    if (outcome.score !== null) {
      r.success = outcome.passed;
      r.score = { raw: outcome.score, min: 0, max: 100, scaled: outcome.score / 100 };
      // Which answers the score counted: question IRI -> the id of its answered statement.
      var answers = {};
      Object.keys(tools.counted).forEach(function (qid) {
        if (cfg.questions[qid] && data.questions[qid] && data.questions[qid].scored) answers[cfg.questions[qid].id] = tools.counted[qid].id;
      });
      r.extensions = {};
      r.extensions[cfg.extensions.answers] = answers;
      context = {};
      context[MASTERY] = data.unit.masteryScore / 100; // the pass mark, as cmi5 writes it
      out.push(tools.statement(outcome.passed ? "passed" : "failed", tools.unit, r, context));
    }
    // Moodle's tincanlaunch grades from "completed" on the launch's activity id.
    if (outcome.complete) out.push(tools.statement("completed", tools.unit, r, context));
    return out;
  }

  QSER.createTracker = function (data, view) {
    var cfg = data.tracker;
    var launch = QSER.xapiLaunch.params(window.location.search);
    var actor = launch.actor ? QSER.xapiLaunch.agent(launch.actor) : null;
    var stats = QSER.xapi = {
      connected: false, queue: 0, requests: 0, statements: 0, delivered: 0, failures: 0, rejected: 0, kept: 0, sending: false,
      formats: { duration: QSER.xapiStatements.duration }
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

    return QSER.xapiSession(data, view, {
      endpoint: launch.endpoint.replace(/\/?$/, "/"),
      auth: launch.auth,
      actor: actor,
      registration: launch.registration || "",
      // Older launchers omit activity_id: then the unit's own IRI, as in tincan.xml.
      unitId: launch.activity_id || cfg.unit.id,
      stats: stats
    }, {
      outcome: function (outcome, tools) { return outcomeStatements(data, outcome, tools); }
    });
  };
})();
