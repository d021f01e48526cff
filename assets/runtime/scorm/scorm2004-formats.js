/*
 * SCORM 2004 formats for the adapter (scorm/scorm2004.js): ISO 8601 durations and times as
 * Moodle's 2004 player checks them (at most two decimals), and the other spellings / stand-ins used
 * to make an LMS that sends only changed values send a value again. Pure functions.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  function pad(n, width) {
    var s = String(Math.floor(n));
    while (s.length < width) s = "0" + s;
    return s;
  }

  var MAX_SUSPEND = 64000;

  /* timeinterval (second,10,2): PT#H#M#S, seconds with at most two decimals. */
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (h || m ? m + "M" : "") + s + "S";
  }

  /* time (second,10,0): the learner's local time with its offset, e.g. 2026-12-05T09:30:00.0+01:00
     (Moodle's and scorm-again's checks take a time zone only after a fraction of a second). */
  function timestamp(date) {
    var offset = -date.getTimezoneOffset(), sign = offset < 0 ? "-" : "+";
    offset = Math.abs(offset);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) + "T" +
      pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2) + ".0" +
      sign + pad(Math.floor(offset / 60), 2) + ":" + pad(offset % 60, 2);
  }

  /* The same value in another spelling, or null if there is none. */
  function respell(element, value) {
    if (/score\.(raw|min|max|scaled)$|\.weighting$|progress_measure$/.test(element)) {
      if (/^-?\d+$/.test(value)) return value + ".0";
      if (/^-?\d+\.\d*0$/.test(value)) return value.replace(/\.?0$/, "");
      if (/^-?\d+\.\d$/.test(value)) return value + "0";
    } else if (/\.latency$|session_time$/.test(element)) {
      if (/^PT\d+(\.\d+)?S$/.test(value)) return "PT0M" + value.slice(2);
      if (/^PT0M/.test(value)) return "PT" + value.slice(4);
    } else if (/\.timestamp$/.test(element)) {
      if (/\.0[+-]/.test(value)) return value.replace(/\.0([+-])/, ".00$1");
      if (/\.00[+-]/.test(value)) return value.replace(/\.00([+-])/, ".0$1");
    } else if (element === "cmi.suspend_data") {
      if (/ $/.test(value)) return value.slice(0, -1);
      if (value.length < MAX_SUSPEND) return value + " "; // JSON allows it
    }
    return null;
  }

  /* A valid value that differs, written and committed only so that the real value is sent after it. */
  function standIn(element, value) {
    if (/\.id$/.test(element)) return value === "urn:qser:resend" ? "urn:qser:resend-2" : "urn:qser:resend";
    if (/\.type$/.test(element)) return value === "other" ? "performance" : "other";
    if (/\.result$/.test(element)) return value === "unanticipated" ? "neutral" : "unanticipated";
    if (element === "cmi.completion_status") return value === "incomplete" ? "unknown" : "incomplete";
    if (element === "cmi.success_status") return value === "unknown" ? "failed" : "unknown";
    return value === "" ? "-" : "";
  }

  QSER.scorm2004Formats = {
    MAX_SUSPEND: MAX_SUSPEND, timespan: timespan, timestamp: timestamp, respell: respell, standIn: standIn
  };
})();
