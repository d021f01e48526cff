/*
 * How Moodle 4.5's own SCORM JavaScript (mod/scorm/datamodels/scorm_12.js, scorm_13.js for
 * SCORM 2004, both with mod/scorm/request.js) turns a commit / finish into HTTP requests,
 * flaws included (see ../shared/design.md, "What Moodle 4.5's own SCORM JavaScript does"):
 *
 * - SCORM 1.2: a commit sends only the elements whose value differs from the value last
 *   collected for them, and marks them collected while building the request, before its
 *   result is known: after a failed commit, the same values are never sent again;
 * - SCORM 2004 differs here (scorm_13.js CollectData, read in moodle/moodle at 153e7d41): it
 *   compares each element with its data-model default (the launch value) and never records
 *   what it sent, so every commit sends every element that differs from the launch values,
 *   interactions always; its Terminate applies no status override (it reads
 *   cmi.scaled_passed_score, which the data model does not have, and the completion
 *   threshold only when the manifest sets one: ours does not);
 * - a request that throws (offline, connection dropped) is re-sent by sendBeacon and
 *   reported as success ("true", error 0), whatever became of it; while the page unloads
 *   every request is a beacon;
 * - only a non-200 answer (e.g. 503) makes LMSCommit/LMSFinish return "false", error 101;
 * - LMSFinish applies "mastery score overrides status" (and "not attempted" -> "completed")
 *   before it collects.
 * The values start as what Moodle handed the SCO at launch: those count as collected.
 */
function moodleRequests(launch, log) {
  var scorm2004 = launch.version === "2004";
  var READ_ONLY = scorm2004
    ? /^cmi\.(learner_id|learner_name|credit|entry|total_time|mode|launch_data|completion_threshold|scaled_passing_score|max_time_allowed|time_limit_action|comments_from_lms\.|.*\._count$|.*\._children$|_version$)/
    : /^cmi\.(core\.(student_id|student_name|credit|entry|total_time|lesson_mode)|launch_data|student_data\.|.*\._count$|.*\._children$)/;
  var ALWAYS = /^cmi\.(interactions|comments_from_learner)\./; // 2004: no default to compare with
  var values = {};
  var collected = {};
  var unloading = false;
  Object.keys(launch.cmi).forEach(function (k) { values[k] = collected[k] = String(launch.cmi[k]); });

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

  function collect() {
    var params = new URLSearchParams();
    Object.keys(values).forEach(function (k) {
      if (READ_ONLY.test(k) || (collected[k] === values[k] && !(scorm2004 && ALWAYS.test(k)))) return;
      params.append(k, values[k]);
      if (scorm2004) return; // 2004: nothing recorded
      collected[k] = values[k]; // marked as sent now, before the answer is known
    });
    return params;
  }

  function beacon(url, params) {
    log.beacons += 1;
    try { navigator.sendBeacon(url, params); } catch (e) { /* nobody will know */ }
    return "true\n0";
  }

  function doRequest(params, finishing) {
    var url = "/commit" + (finishing ? "?terminate=true" : "");
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
    if (finishing && !scorm2004) {
      if (values["cmi.core.lesson_status"] === "not attempted") values["cmi.core.lesson_status"] = "completed";
      var mastery = values["cmi.student_data.mastery_score"];
      var raw = values["cmi.core.score.raw"];
      if (launch.mastery_override && values["cmi.core.lesson_mode"] !== "browse" &&
          values["cmi.core.credit"] === "credit" && mastery && raw !== undefined && raw !== "") {
        values["cmi.core.lesson_status"] = Number(raw) >= Number(mastery) ? "passed" : "failed";
      }
    }
    var lines = String(doRequest(collect(), finishing)).split("\n");
    var ok = lines[0] === "true";
    return { result: ok ? "true" : "false", error: ok ? "0" : "101" };
  }

  return {
    values: values,
    set: function (element, value) { values[element] = String(value); },
    commit: function () { return storeData(false); },
    finish: function () { return storeData(true); }
  };
}
