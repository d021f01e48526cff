/*
 * The test LMS's API as a SCO sees it in Moodle 4.5: scorm-again's runtime (SCORM 1.2 or 2004)
 * keeps the data model, Moodle's own request behaviour (moodle-request.js) sends it, and
 * Moodle's own format checks refuse what Moodle would refuse (SetValue "false", listed in
 * window.lmsLog.refused): for SCORM 1.2 its standards mode, when the site setting
 * `scormstandard` is on (error 405); for SCORM 2004 the checks scorm_13.js always makes where
 * they are stricter than scorm-again's (error 406), e.g. option ids of word characters and
 * dots only (its CMIShortIdentifier ^[\w.]{1,250}$), times with at most two decimals.
 * SCORM 1.2's cmi.comments appends, as in Moodle. The log counts every API call.
 */
function moodleRules(api, launch) {
  var scorm2004 = launch.version === "2004";
  var N = scorm2004
    ? { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
        error: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic", refused: "406" }
    : { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
        error: "LMSGetLastError", errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic", refused: "405" };
  var timespan = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  var rules12 = [
    [/^cmi\.core\.score\.(raw|min|max)$/, function (v) { return v === "" || (/^-?\d+(\.\d+)?$/.test(v) && +v >= 0 && +v <= 100); }],
    [/^cmi\.core\.lesson_status$/, function (v) { return /^(passed|completed|failed|incomplete|browsed)$/.test(v); }],
    [/^cmi\.core\.exit$/, function (v) { return /^(time-out|suspend|logout|)$/.test(v); }],
    [/^cmi\.core\.session_time$/, function (v) { return timespan.test(v); }],
    [/^cmi\.core\.lesson_location$/, function (v) { return v.length <= 255; }],
    [/^cmi\.suspend_data$/, function (v) { return v.length <= 4096; }],
    [/^cmi\.comments$/, function (v) { return v.length <= 4096; }],
    [/^cmi\.interactions\.\d+\.id$/, function (v) { return /^[\u0021-\u007E]{1,255}$/.test(v); }],
    [/^cmi\.interactions\.\d+\.type$/, function (v) { return /^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/.test(v); }],
    [/^cmi\.interactions\.\d+\.result$/, function (v) { return /^(correct|wrong|unanticipated|neutral|\d{0,3}(\.\d*)?)$/.test(v); }],
    [/^cmi\.interactions\.\d+\.(student_response|correct_responses\.\d+\.pattern)$/, function (v) { return v.length <= 255; }],
    [/^cmi\.interactions\.\d+\.latency$/, function (v) { return timespan.test(v); }],
    [/^cmi\.interactions\.\d+\.time$/, function (v) { return /^[0-2]\d:[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(v); }],
    [/^cmi\.interactions\.\d+\.weighting$/, function (v) { return /^-?\d+(\.\d+)?$/.test(v); }]
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
    [/^cmi\.(score\.(raw|min|max)|interactions\.\d+\.weighting)$/, function (v) { return DECIMAL.test(v); }],
    [/^cmi\.score\.scaled$/, function (v) { return DECIMAL.test(v) && +v >= -1 && +v <= 1; }],
    [/^cmi\.progress_measure$/, function (v) { return DECIMAL.test(v) && +v >= 0 && +v <= 1; }]
  ];
  var rules = scorm2004 ? rules2004 : launch.standard ? rules12 : [];
  var log = (window.lmsLog = { calls: [], refused: [], commits: 0, setValues: 0, getValues: 0, requests: 0, beacons: 0,
                               standard: !!launch.standard, version: scorm2004 ? "2004" : "1.2" });
  var moodle = moodleRequests(launch, log);
  var ownCode = null; // an error code of Moodle's own (405/406 refused, 101 store failed), else scorm-again's
  var wrapped = Object.create(api);

  wrapped[N.set] = function (element, value) {
    log.setValues += 1;
    log.calls.push([N.set, element, String(value)]);
    ownCode = null;
    for (var i = 0; i < rules.length; i++) {
      if (rules[i][0].test(element) && !rules[i][1](String(value), element)) {
        log.refused.push([element, String(value)]);
        ownCode = N.refused;
        return "false";
      }
    }
    // Moodle appends what a SCO writes to SCORM 1.2's cmi.comments to what is there.
    var stored = element === "cmi.comments" ? api[N.get](element) + String(value) : String(value);
    var result = api[N.set](element, stored);
    if (String(result) === "true") moodle.set(element, stored);
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
  wrapped[N.errorString] = function (code) {
    if (String(code) === "405") return "Incorrect Data Type";
    if (String(code) === "406") return "Data Model Element Type Mismatch";
    if (String(code) === "101") return "General exception";
    return api[N.errorString](code);
  };
  wrapped.runtime = api;
  wrapped.moodle = moodle;
  return wrapped;
}
