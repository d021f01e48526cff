/*
 * The test LMS's API as a SCO sees it in Moodle 4.5: scorm-again's runtime (SCORM 1.2 or 2004)
 * keeps the data model, Moodle's own request behaviour (moodle-request.js) sends it, and
 * Moodle's own checks refuse what Moodle would refuse (SetValue "false", listed in
 * window.lmsLog.refused with Moodle's error code):
 * - SCORM 1.2 (scorm_12.js): its formats and ranges whatever the site setting (error 405); with
 *   `scormstandard` on, its 255 / 4096-character strings (else 64000);
 * - SCORM 2004 (scorm_13.js), where stricter than scorm-again's: formats (406, e.g. option ids of
 *   word characters and dots only, its CMIShortIdentifier ^[\w.]{1,250}$; times with at most two
 *   decimals), ranges (407), and the order of an interaction's elements: index n exists once its
 *   id is written, any other element of a new n is 408, an n beyond _count 351, and
 *   learner_response / correct_responses before type 408.
 * SCORM 1.2's cmi.comments appends, as in Moodle. The log counts every API call.
 */
function moodleRules(api, launch) {
  var scorm2004 = launch.version === "2004";
  var N = scorm2004
    ? { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
        error: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic", refused: "406" }
    : { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
        error: "LMSGetLastError", errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic", refused: "405" };

  // scorm_12.js's formats, checked whatever the site setting (error 405); with standards mode
  // (`scormstandard`) on, CMIString256 / CMIString4096 are 255 / 4096 characters long, else 64000.
  var timespan = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  var decimal12 = /^-?\d{0,3}(\.\d*)?$/; // CMIDecimal: "" passes and counts as 0
  function within(v, low, high) { return decimal12.test(v) && +v >= low && +v <= high; }
  var string256 = launch.standard ? 255 : 64000, string4096 = launch.standard ? 4096 : 64000;
  var rules12 = [
    [/^cmi\.core\.score\.(raw|min|max)$/, function (v) { return within(v, 0, 100); }],
    [/^cmi\.core\.lesson_status$/, function (v) { return /^(passed|completed|failed|incomplete|browsed)$/.test(v); }],
    [/^cmi\.core\.exit$/, function (v) { return /^(time-out|suspend|logout|)$/.test(v); }],
    [/^cmi\.core\.session_time$/, function (v) { return timespan.test(v); }],
    [/^cmi\.core\.lesson_location$/, function (v) { return v.length <= string256; }],
    [/^cmi\.suspend_data$/, function (v) { return v.length <= string4096; }],
    [/^cmi\.comments$/, function (v) { return v.length <= string4096; }],
    [/^cmi\.interactions\.\d+\.id$/, function (v) { return /^[\u0021-\u007E]{0,255}$/.test(v); }],
    [/^cmi\.interactions\.\d+\.type$/, function (v) { return /^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/.test(v); }],
    [/^cmi\.interactions\.\d+\.result$/, function (v) { return /^(correct|wrong|unanticipated|neutral|\d{0,3}(\.\d*)?)$/.test(v); }],
    [/^cmi\.interactions\.\d+\.(student_response|correct_responses\.\d+\.pattern)$/, function (v) { return v.length <= string256; }],
    [/^cmi\.interactions\.\d+\.latency$/, function (v) { return timespan.test(v); }],
    [/^cmi\.interactions\.\d+\.time$/, function (v) { return /^[0-2]\d:[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(v); }],
    [/^cmi\.interactions\.\d+\.weighting$/, function (v) { return within(v, -100, 100); }]
  ];

  var SHORT_ID = /^[\w.]{1,250}$/;
  var TIMESPAN = /^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|((\d+(\.\d{1,2})?S))))?$/;
  var DECIMAL = /^-?\d{1,5}(\.\d{1,18})?$/;
  function identifiers(element, v) { // choice, sequencing, likert and matching nodes
    var type = moodle.values[element.replace(/\.(learner_response|correct_responses\.\d+\.pattern)$/, ".type")];
    if (!/^(choice|sequencing|likert|matching)$/.test(type)) return true;
    return v.split("[,]").every(function (node) {
      return (type === "matching" ? node.split("[.]") : [node]).every(function (id) { return SHORT_ID.test(id); });
    });
  }
  var rules2004 = [
    [/^cmi\.interactions\.\d+\.id$/, function (v) { return /^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$/.test(v); }],
    [/^cmi\.interactions\.\d+\.(learner_response|correct_responses\.\d+\.pattern)$/, function (v, e) { return identifiers(e, v); }],
    [/^cmi\.(interactions\.\d+\.timestamp|comments_from_learner\.\d+\.timestamp)$/, function (v) {
      return /^(19[7-9]\d|20[0-2]\d|203[0-8])(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2}((Z|[+-]([01]\d|2[0-3]))(:[0-5]\d)?)?)?)?)?)?)?)?$/.test(v); // a time zone only after a fraction of a second
    }],
    [/^cmi\.(interactions\.\d+\.latency|session_time)$/, function (v) { return TIMESPAN.test(v); }],
    [/^cmi\.interactions\.\d+\.result$/, function (v) { return /^(correct|incorrect|unanticipated|neutral|-?\d{1,4}(\.\d{1,18})?)$/.test(v); }],
    [/^cmi\.(score\.(raw|min|max|scaled)|interactions\.\d+\.weighting|progress_measure)$/, function (v) { return DECIMAL.test(v); }],
    [/^cmi\.score\.scaled$/, function (v) { return +v >= -1 && +v <= 1; }, "407"],
    [/^cmi\.progress_measure$/, function (v) { return +v >= 0 && +v <= 1; }, "407"]
  ];
  var rules = scorm2004 ? rules2004 : rules12;

  // SCORM 2004: the interactions Moodle's model holds (handed back at launch, or created by an id).
  var created = {};
  Object.keys(launch.cmi).forEach(function (k) {
    var m = /^cmi\.interactions\.(\d+)\.id$/.exec(k);
    if (m) created[m[1]] = true;
  });
  /* scorm_13.js's order rules for an interaction element: its code, or null when it may be written. */
  function order2004(element) {
    var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (!m) return null;
    var count = Object.keys(created).length;
    if (+m[1] > count || (m[1].length > 1 && m[1].charAt(0) === "0")) return "351";
    if (!created[m[1]]) return m[2] === "id" ? null : "408";
    if (/^(learner_response|correct_responses\.\d+\.pattern)$/.test(m[2]) &&
        moodle.values["cmi.interactions." + m[1] + ".type"] === undefined) return "408";
    return null;
  }

  var log = (window.lmsLog = { calls: [], refused: [], commits: 0, setValues: 0, getValues: 0, requests: 0, beacons: 0,
                               standard: !!launch.standard, version: scorm2004 ? "2004" : "1.2" });
  var moodle = moodleRequests(launch, log);
  var ownCode = null; // an error code of Moodle's own (405-408/351 refused, 101 store failed), else scorm-again's
  var wrapped = Object.create(api);

  function refuse(element, value, code) {
    log.refused.push([element, String(value), code]);
    ownCode = code;
    return "false";
  }

  wrapped[N.set] = function (element, value) {
    log.setValues += 1;
    log.calls.push([N.set, element, String(value)]);
    ownCode = null;
    for (var i = 0; i < rules.length; i++) {
      if (rules[i][0].test(element) && !rules[i][1](String(value), element)) {
        return refuse(element, value, rules[i][2] || N.refused);
      }
    }
    var order = scorm2004 ? order2004(element) : null;
    if (order) return refuse(element, value, order);
    // Moodle appends what a SCO writes to SCORM 1.2's cmi.comments to what is there.
    var stored = element === "cmi.comments" ? api[N.get](element) + String(value) : String(value);
    var result = api[N.set](element, stored);
    if (String(result) === "true") {
      moodle.set(element, stored);
      var m = /^cmi\.interactions\.(\d+)\.id$/.exec(element);
      if (m) created[m[1]] = true;
    }
    return result;
  };
  wrapped[N.error] = function () {
    return ownCode !== null ? ownCode : api[N.error]();
  };
  function store(name, how) {
    wrapped[name] = function (arg) {
      ownCode = null;
      if (name === N.commit) log.commits += 1;
      var result = api[name].apply(api, arguments); // scorm-again: state checks only, it sends nothing
      if (String(result) === "true") {
        var sent = how();
        result = sent.result;
        if (sent.error !== "0") ownCode = sent.error;
      }
      log.calls.push([name, String(arg), String(result)]);
      return result;
    };
  }
  store(N.commit, moodle.commit);
  store(N.finish, moodle.finish);
  [N.init, N.get, N.errorString, N.diagnostic].forEach(function (name) {
    wrapped[name] = function (arg) {
      if (name === N.init || name === N.get) ownCode = null;
      if (name === N.get) log.getValues += 1;
      var result = api[name].apply(api, arguments);
      log.calls.push([name, String(arg), String(result)]);
      return result;
    };
  });
  var MESSAGES = { "405": "Incorrect Data Type", "406": "Data Model Element Type Mismatch",
                   "407": "Data Model Element Value Out Of Range", "408": "Data Model Dependency Not Established",
                   "351": "General Set Failure", "101": "General exception" };
  wrapped[N.errorString] = function (code) {
    if (scorm2004 && String(code) === "405") return "Data Model Element Is Write Only";
    return MESSAGES[String(code)] || api[N.errorString](code);
  };
  wrapped.runtime = api;
  wrapped.moodle = moodle;
  return wrapped;
}
