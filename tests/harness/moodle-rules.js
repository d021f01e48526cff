/*
 * The test LMS's API as a SCO sees it in Moodle 4.5: scorm-again's SCORM 1.2 runtime keeps
 * the data model, Moodle's own request behaviour (moodle-request.js) sends it, and, when the
 * site setting `scormstandard` is on, Moodle's standards-mode checks refuse what Moodle would
 * refuse (LMSSetValue "false", error 405, listed in window.lmsLog.refused).
 * cmi.comments appends, as in Moodle. The log counts every API call, for the traffic figures.
 */
function moodleRules(api, launch) {
  var timespan = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  var rules = [
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
  var log = (window.lmsLog = { calls: [], refused: [], commits: 0, setValues: 0, getValues: 0, requests: 0, beacons: 0,
                               standard: !!launch.standard });
  var moodle = moodleRequests(launch, log);
  var ownCode = null; // an error code of Moodle's own (405 refused, 101 store failed), else scorm-again's
  var wrapped = Object.create(api);

  wrapped.LMSSetValue = function (element, value) {
    log.setValues += 1;
    log.calls.push(["LMSSetValue", element, String(value)]);
    ownCode = null;
    for (var i = 0; launch.standard && i < rules.length; i++) {
      if (rules[i][0].test(element) && !rules[i][1](String(value))) {
        log.refused.push([element, String(value)]);
        ownCode = "405";
        return "false";
      }
    }
    // Moodle appends what a SCO writes to cmi.comments to what is there.
    var stored = element === "cmi.comments" ? api.LMSGetValue(element) + String(value) : String(value);
    var result = api.LMSSetValue(element, stored);
    if (String(result) === "true") moodle.set(element, stored);
    return result;
  };
  wrapped.LMSGetLastError = function () {
    return ownCode !== null ? ownCode : api.LMSGetLastError();
  };
  function store(name, how) {
    wrapped[name] = function (arg) {
      ownCode = null;
      if (name === "LMSCommit") log.commits += 1;
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
  store("LMSCommit", moodle.commit);
  store("LMSFinish", moodle.finish);
  ["LMSInitialize", "LMSGetValue", "LMSGetErrorString", "LMSGetDiagnostic"].forEach(function (name) {
    wrapped[name] = function (arg) {
      if (name === "LMSInitialize" || name === "LMSGetValue") ownCode = null;
      if (name === "LMSGetValue") log.getValues += 1;
      var result = api[name].apply(api, arguments);
      log.calls.push([name, String(arg), String(result)]);
      return result;
    };
  });
  wrapped.LMSGetErrorString = function (code) {
    if (String(code) === "405") return "Incorrect Data Type";
    if (String(code) === "101") return "General exception";
    return api.LMSGetErrorString(code);
  };
  wrapped.runtime = api;
  wrapped.moodle = moodle;
  return wrapped;
}
