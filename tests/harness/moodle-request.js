/*
 * How Moodle 4.5's own SCORM JavaScript (mod/scorm/datamodels/scorm_12.js, scorm_13.js for
 * SCORM 2004, both with mod/scorm/request.js; read at Moodle 4.5.6) turns a commit / finish into
 * HTTP requests, flaws included (see ../shared/design.md and docs/moodle.md):
 *
 * - a value with a range (1.2: scores, weighting, preferences; 2004: score.scaled,
 *   progress_measure, preferences) is kept as a number (SetValue stores value * 1.0), every
 *   other value as the string written; two values count as equal when `==` holds and their
 *   types match (CollectData), so "1" and "1.0" written to a weighting are the same value;
 * - SCORM 1.2: a commit sends only the elements whose value differs from the value last
 *   collected for them, and marks them collected while building the request, before its
 *   result is known: after a failed commit, the same values are never sent again;
 *   cmi.core.session_time is never sent (CollectData skips it), LMSFinish adds total_time;
 * - SCORM 2004 differs here (scorm_13.js CollectData): it compares each element with its
 *   data-model default (the launch value) and never records what it sent, so every commit
 *   sends every element that differs from the launch values, interactions always; its
 *   Terminate applies no status override (it reads cmi.scaled_passed_score, which the data
 *   model does not have), only the completion threshold when the manifest sets one, and adds
 *   total_time = the launch's total_time + session_time (after a launch without `suspend` the
 *   launch's total_time is PT0H0M0S);
 * - a request that throws (offline, connection dropped) is re-sent by sendBeacon and
 *   reported as success ("true", error 0), whatever became of it; while the page unloads
 *   every request is a beacon;
 * - only a non-200 answer (e.g. 503) makes LMSCommit/LMSFinish return "false", error 101;
 * - LMSFinish (1.2) applies "mastery score overrides status" (and "not attempted" ->
 *   "completed") in normal mode with credit, before it collects.
 * The values start as what Moodle handed the SCO at launch (launch.cmi, plus launch.moodle:
 * the stored exit and total_time): those count as collected.
 */
function moodleRequests(launch, log) {
  var scorm2004 = launch.version === "2004";
  var READ_ONLY = scorm2004
    ? /^cmi\.(learner_id|learner_name|credit|entry|total_time|mode|launch_data|completion_threshold|scaled_passing_score|max_time_allowed|time_limit_action|comments_from_lms\.|.*\._count$|.*\._children$|_version$)/
    : /^cmi\.(core\.(student_id|student_name|credit|entry|total_time|lesson_mode|session_time)|launch_data|student_data\.|.*\._count$|.*\._children$)/;
  var RANGED = scorm2004
    ? /^cmi\.(score\.scaled|progress_measure|learner_preference\.(audio_level|delivery_speed|audio_captioning)|objectives\.\d+\.(score\.scaled|progress_measure))$/
    : /^cmi\.(core\.score\.(raw|min|max)|interactions\.\d+\.weighting|objectives\.\d+\.score\.(raw|min|max)|student_preference\.(audio|speed|text))$/;
  var ALWAYS = /^cmi\.(interactions|comments_from_learner)\./; // 2004: no default to compare with
  var values = {};
  var collected = {};
  var unloading = false;
  var launched = Object.assign({}, launch.cmi, launch.moodle || {});
  Object.keys(launched).forEach(function (k) { values[k] = collected[k] = String(launched[k]); });
  var totalAtLaunch = values[scorm2004 ? "cmi.total_time" : "cmi.core.total_time"];

  function markUnloading() { unloading = true; }
  // Capture phase: runs before the SCO's own pagehide listener (which calls LMSFinish).
  window.addEventListener("pagehide", markUnloading, true);
  // Each new document in the SCO's frame: its pagehide marks the unload too.
  document.addEventListener("load", function (event) {
    var frame = event.target;
    if (!frame || frame.tagName !== "IFRAME") return;
    unloading = false;
    try { frame.contentWindow.addEventListener("pagehide", markUnloading, true); } catch (e) { /* other origin */ }
  }, true);

  /* SetValue's store: value * 1.0 for elements with a range, else the string. */
  function typed(element, value) { return RANGED.test(element) ? Number(value) * 1.0 : String(value); }

  function differs(a, b) { return a != b || typeof a !== typeof b; } // eslint-disable-line eqeqeq

  function collect() {
    var params = new URLSearchParams();
    Object.keys(values).forEach(function (k) {
      if (READ_ONLY.test(k)) return;
      if (!(scorm2004 && ALWAYS.test(k)) && k in collected && !differs(collected[k], values[k])) return;
      params.append(k, String(values[k]));
      if (scorm2004) return; // 2004: nothing recorded
      collected[k] = values[k]; // marked as sent now, before the answer is known
    });
    return params;
  }

  /* AddTime of scorm_12.js: HH:MM:SS[.cc] + HH:MM:SS[.cc]. */
  function addTime12(first, second) {
    var a = String(first).split(":"), b = String(second).split(":");
    var ca = a[2].split("."), cb = b[2].split(".");
    var cents = (ca.length > 1 ? parseInt(ca[1], 10) : 0) + (cb.length > 1 ? parseInt(cb[1], 10) : 0);
    var carry = Math.floor(cents / 100);
    cents -= carry * 100;
    var secs = parseInt(ca[0], 10) + parseInt(cb[0], 10) + carry;
    carry = Math.floor(secs / 60);
    secs -= carry * 60;
    var mins = parseInt(a[1], 10) + parseInt(b[1], 10) + carry;
    carry = Math.floor(mins / 60);
    mins -= carry * 60;
    var hours = parseInt(a[0], 10) + parseInt(b[0], 10) + carry;
    function two(n) { return n < 10 ? "0" + n : String(n); }
    return two(hours) + ":" + two(mins) + ":" + two(secs) + (cents ? "." + two(cents) : "");
  }

  /* AddTime of scorm_13.js for durations of hours, minutes and seconds ("P" when both are zero). */
  function addTime2004(first, second) {
    function parts(d) {
      var m = /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/.exec(d) || [];
      return [parseInt(m[1] || "0", 10), parseInt(m[2] || "0", 10), parseFloat(m[3] || "0")];
    }
    var a = parts(first), b = parts(second);
    var secs = a[2] + b[2], carry = Math.floor(secs / 60);
    secs = Math.round((secs - carry * 60) * 100) / 100;
    var mins = a[1] + b[1] + carry;
    carry = Math.floor(mins / 60);
    mins -= carry * 60;
    var hours = (a[0] + b[0] + carry) % 24;
    var out = "P";
    if (hours || mins || secs) out += "T" + (hours ? hours + "H" : "") + (mins ? mins + "M" : "") + (secs ? secs + "S" : "");
    return out;
  }

  function beacon(url, params) {
    log.beacons += 1;
    try { navigator.sendBeacon(url, params); } catch (e) { /* nobody will know */ }
    return "true\n0";
  }

  function doRequest(params, finishing) {
    var url = "/commit?attempt=" + (launch.attempt || 1) + (finishing ? "&terminate=true" : "");
    log.requests += 1;
    if (unloading) return beacon(url, params);
    var xhr = new XMLHttpRequest();
    try {
      xhr.open("POST", url, false);
      xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
      xhr.send(params.toString());
    } catch (e) {
      return beacon(url, params);
    }
    return xhr.status === 200 ? xhr.responseText : String(xhr.status);
  }

  function storeData(finishing) {
    var normal = values[scorm2004 ? "cmi.mode" : "cmi.core.lesson_mode"] === "normal" &&
                 values[scorm2004 ? "cmi.credit" : "cmi.core.credit"] === "credit";
    if (finishing && !scorm2004) {
      if (values["cmi.core.lesson_status"] === "not attempted") values["cmi.core.lesson_status"] = "completed";
      var mastery = values["cmi.student_data.mastery_score"];
      var raw = values["cmi.core.score.raw"];
      if (launch.mastery_override && normal && mastery !== undefined && mastery !== "" &&
          raw !== undefined && raw !== "") {
        values["cmi.core.lesson_status"] = parseFloat(raw) >= parseFloat(mastery) ? "passed" : "failed";
      }
    }
    if (finishing && scorm2004 && normal) {
      var threshold = values["cmi.completion_threshold"], progress = values["cmi.progress_measure"];
      if (threshold && progress) values["cmi.completion_status"] = progress >= threshold ? "completed" : "incomplete";
    }
    var params = collect();
    if (finishing) {
      var session = values[scorm2004 ? "cmi.session_time" : "cmi.core.session_time"];
      params.append(scorm2004 ? "cmi.total_time" : "cmi.core.total_time", scorm2004
        ? addTime2004(totalAtLaunch || "PT0H0M0S", session || "PT0H0M0S")
        : addTime12(totalAtLaunch || "00:00:00", session || "00:00:00"));
    }
    var lines = String(doRequest(params, finishing)).split("\n");
    var ok = lines[0] === "true";
    return { result: ok ? "true" : "false", error: ok ? "0" : "101" };
  }

  return {
    values: values,
    set: function (element, value) { values[element] = typed(element, value); },
    commit: function () { return storeData(false); },
    finish: function () { return storeData(true); },
    addTime12: addTime12,
    addTime2004: addTime2004
  };
}
