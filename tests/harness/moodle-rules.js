/*
 * Moodle 4.5's SCORM 1.2 "standards mode" checks, on top of scorm-again (which is more lenient).
 * cmi.comments appends, as in Moodle. A value Moodle would refuse is refused here too (LMSSetValue "false", error 405) and listed in
 * window.lmsLog.refused, so a test sees what Moodle would have dropped.
 * The log also counts every API call, for the traffic figures.
 */
function moodleRules(api) {
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
  var log = (window.lmsLog = { calls: [], refused: [], commits: 0, setValues: 0 });
  var refusedCode = null;
  var wrapped = Object.create(api);

  wrapped.LMSSetValue = function (element, value) {
    log.setValues += 1;
    log.calls.push(["LMSSetValue", element, String(value)]);
    for (var i = 0; i < rules.length; i++) {
      if (rules[i][0].test(element) && !rules[i][1](String(value))) {
        log.refused.push([element, String(value)]);
        refusedCode = "405";
        return "false";
      }
    }
    refusedCode = null;
    if (element === "cmi.comments") {
      // Moodle appends what a SCO writes to cmi.comments to what is there.
      return api.LMSSetValue(element, api.LMSGetValue(element) + String(value));
    }
    return api.LMSSetValue(element, value);
  };
  wrapped.LMSGetLastError = function () {
    return refusedCode !== null ? refusedCode : api.LMSGetLastError();
  };
  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSCommit", "LMSGetErrorString", "LMSGetDiagnostic"].forEach(function (name) {
    wrapped[name] = function (arg) {
      if (name !== "LMSGetErrorString" && name !== "LMSGetDiagnostic") refusedCode = null;
      if (name === "LMSCommit") log.commits += 1;
      var result = api[name].apply(api, arguments);
      log.calls.push([name, String(arg), String(result)]);
      return result;
    };
  });
  wrapped.runtime = api;
  return wrapped;
}
