/*
 * cmi5 adapter: the unit as an assignable unit (AU) that a cmi5 LMS launches. The build joins
 * the shared xAPI parts before it (see xapi/xapi.js) and xapi/cmi5-launch.js.
 *
 * What it keeps to (cmi5 spec; docs/cmi5.md):
 * - start: the launch URL's parameters, one POST to the fetch URL for the token (used as the
 *   Authorization of every request), LMS.LaunchData (context template, launch mode, mastery
 *   score, returnURL), cmi5LearnerPreferences (the language); nothing is sent before these;
 * - every statement's context is the LMS's context template (session id, publisher id) plus
 *   the unit's own; cmi5 defined statements (initialized, completed, passed, failed,
 *   terminated) carry the cmi5 category, completed/passed/failed the moveOn one too; pages and
 *   answers are "cmi5 allowed" statements between initialized and terminated;
 * - completed and passed at most once per registration (what was sent is kept in the
 *   bookmark, which the LMS's State API holds), passed only at the LMS's mastery score, at
 *   most one of passed/failed per session and no failed after passed: a failure is reported
 *   when the session ends unless the learner passed by then;
 * - Browse and Review: initialized and terminated only, of the cmi5 defined statements, and
 *   the bookmark is read but not written (what the learner does then changes no record);
 * - with a returnURL, an Exit button ends the session and goes there.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var DEFINED = { initialized: true, completed: true, passed: true, failed: true, terminated: true };

  /* The LMS's context template with the statement's own context: the template's values win,
     its activity lists come first and ours are added to them. */
  function withTemplate(template, own) {
    var context = JSON.parse(JSON.stringify(own || {}));
    Object.keys(template).forEach(function (key) {
      var t = template[key];
      if (key === "contextActivities" && t && typeof t === "object") {
        var lists = context.contextActivities || {};
        Object.keys(t).forEach(function (kind) {
          var theirs = Array.isArray(t[kind]) ? t[kind] : [t[kind]];
          var ids = theirs.map(function (a) { return a.id; });
          lists[kind] = theirs.concat((lists[kind] || []).filter(function (a) { return ids.indexOf(a.id) < 0; }));
        });
        context.contextActivities = lists;
      } else if (key === "extensions" && t && typeof t === "object") {
        context.extensions = Object.assign({}, context.extensions || {}, t);
      } else {
        context[key] = t;
      }
    });
    return context;
  }

  function category(context, id) {
    var lists = context.contextActivities = context.contextActivities || {};
    lists.category = (lists.category || []).concat([{ id: id, objectType: "Activity" }]);
  }

  QSER.createTracker = function (data, view) {
    var cfg = data.tracker;
    var launch = QSER.xapiLaunch.params(window.location.search);
    var actor = launch.actor ? QSER.xapiLaunch.agent(launch.actor) : null;
    var stats = QSER.xapi = {
      connected: false, queue: 0, requests: 0, statements: 0, delivered: 0, failures: 0, rejected: 0, kept: 0, sending: false
    };
    var preference = null; // the learner's cmi5 languagePreference, when the LMS has one
    var info = QSER.cmi5 = { mode: null, language: cfg.language, returnURL: null, token: null };
    var session = null, launchData = null, judged = false, failure = null;

    function unconnected(notice, values) {
      info.token = info.token || "none";
      view.notice(notice, values);
    }

    /* Statements for the player's outcome, in Normal mode only. */
    function outcome(o, tools) {
      if (launchData.launchMode !== "Normal" || o.restored) return [];
      var mem = tools.memory, out = [];
      var duration = QSER.xapiStatements.duration(tools.elapsed());
      if (o.score !== null && !mem.passed && !judged) {
        if (o.passed) {
          out.push(judgement("passed", o, tools, duration));
          mem.passed = true;
          judged = true;
          failure = null;
        } else {
          failure = o; // told at the session's end, unless a pass comes first
        }
      }
      if (o.complete && !mem.completed) {
        out.push(tools.statement("completed", tools.unit, { completion: true, duration: duration }));
        mem.completed = true;
      }
      return out;
    }

    function judgement(verb, o, tools, duration) {
      var r = { success: verb === "passed", duration: duration,
                score: { raw: o.score, min: 0, max: 100, scaled: o.score / 100 } };
      var answers = {};
      Object.keys(tools.counted).forEach(function (qid) {
        if (cfg.questions[qid] && data.questions[qid] && data.questions[qid].scored) answers[cfg.questions[qid].id] = tools.counted[qid].id;
      });
      r.extensions = {};
      r.extensions[cfg.extensions.answers] = answers;
      var context = null;
      if (typeof launchData.masteryScore === "number") {
        context = {};
        context[MASTERY] = launchData.masteryScore;
      }
      return tools.statement(verb, tools.unit, r, context);
    }

    function closing(tools) {
      if (!failure || judged || tools.memory.passed || launchData.launchMode !== "Normal") return [];
      judged = true;
      return [judgement("failed", failure, tools, QSER.xapiStatements.duration(tools.elapsed()))];
    }

    function decorate(s, verb) {
      s.context = withTemplate(launchData.contextTemplate, s.context);
      if (DEFINED[verb] && s.object.id === launch.activityId) {
        category(s.context, CMI5);
        if (verb === "completed" || verb === "passed" || verb === "failed") category(s.context, MOVEON);
      }
      return s;
    }

    function begin() {
      var endpoint = launch.endpoint.replace(/\/?$/, "/");
      return QSER.cmi5Launch.token(launch.fetch).then(function (got) {
        if (!got.token) {
          if (window.console) console.warn("cmi5: the fetch URL gave no token (error " + got.error + ") " + got.text);
          return unconnected("cmi5_token", { code: got.error });
        }
        info.token = "ok";
        var auth = "Basic " + got.token;
        var reader = QSER.xapiClient({ auth: auth, stats: stats });
        return Promise.all([
          QSER.cmi5Launch.launchData(reader, endpoint, launch, actor),
          QSER.cmi5Launch.preferences(reader, endpoint, actor)
        ]).then(function (found) {
          launchData = found[0];
          if (!launchData) return unconnected("cmi5_launch_data");
          var mode = launchData.launchMode === "Browse" || launchData.launchMode === "Review" ? launchData.launchMode : "Normal";
          launchData.launchMode = info.mode = mode;
          if (typeof launchData.masteryScore === "number" && launchData.masteryScore >= 0 && launchData.masteryScore <= 1) {
            data.unit.masteryScore = Math.round(launchData.masteryScore * 10000) / 100; // the LMS's pass mark decides
          } else {
            delete launchData.masteryScore;
          }
          // The learner's language among the package's; a bundle (player/languages.js) asks
          // preferredLanguages() and shows it, a one-language package just reports its own.
          info.language = QSER.cmi5Launch.language(found[1].languagePreference, cfg.languages || [cfg.language]);
          preference = found[1].languagePreference;
          stats.connected = true;
          session = QSER.xapiSession(data, view, {
            endpoint: endpoint, auth: auth, actor: actor, registration: launch.registration,
            unitId: launch.activityId, stats: stats
          }, { decorate: decorate, outcome: outcome, closing: closing, readOnly: mode !== "Normal" });
          session.start();
          if (mode !== "Normal") view.notice(mode === "Browse" ? "cmi5_browse" : "cmi5_review");
          if (typeof launchData.returnURL === "string" && /^https?:/i.test(launchData.returnURL) && view.offerExit) {
            info.returnURL = launchData.returnURL;
            view.offerExit(function () {
              session.leave();
              window.location.assign(launchData.returnURL);
            });
          }
        });
      });
    }

    function call(name) {
      return function () { return session ? session[name].apply(null, arguments) : null; };
    }

    return {
      start: function () {
        if (!launch.endpoint && !launch.fetch) return view.notice("not_connected");
        var problem = QSER.cmi5Launch.problem(launch, actor);
        if (problem) {
          if (window.console) console.warn("cmi5: launch parameter not usable: " + problem);
          return view.notice("launch_invalid", { what: data.ui["launch_" + problem] });
        }
        return begin();
      },
      loadBookmark: call("loadBookmark"), pageViewed: call("pageViewed"), answered: call("answered"),
      finish: call("finish"), saveBookmark: call("saveBookmark"),
      /** The learner's languagePreference (Agent Profile cmi5LearnerPreferences), as an ordered list. */
      preferredLanguages: function () { return preference ? String(preference).split(",") : []; }
    };
  };
})();
