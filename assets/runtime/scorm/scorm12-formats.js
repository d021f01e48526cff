/*
 * SCORM 1.2 formats for the adapter (scorm/scorm12.js, shipped in the same file after this):
 * its limits, times, and the other spellings / stand-ins used to make Moodle send a value
 * again. Responses and patterns come from the build's notations (tracking/notation.js), the bookmark
 * from tracking/bookmark.js. Pure functions: no LMS, no page.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  var MAX_SUSPEND = 4096;
  var MAX_RESPONSE = 255;
  var MAX_COMMENTS = 4096;
  function pad(n, width) {
    var s = String(Math.floor(n));
    while (s.length < width) s = "0" + s;
    return s;
  }

  // CMITimespan HHHH:MM:SS.SS
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  // CMITime HH:MM:SS (the learner's clock)
  function clock(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  /* The same value in another spelling (Moodle compares strings), or null if there is none. */
  function respell(element, value) {
    var m;
    if (/score\.(raw|min|max)$|\.weighting$/.test(element)) {
      if (/^-?\d+$/.test(value)) return value + ".0";
      if (/^-?\d+\.0$/.test(value)) return value.slice(0, -2);
    } else if (/\.latency$|session_time$/.test(element) && (m = /^(\d{2,4})(:.*)$/.exec(value))) {
      var h = parseInt(m[1], 10);
      if (m[1].length === 4 && h < 100) return pad(h, 2) + m[2];
      return pad(h, 4) + m[2];
    } else if (/\.time$/.test(element)) {
      if (/^\d\d:\d\d:\d\d$/.test(value)) return value + ".0";
      if (/\.0$/.test(value)) return value.slice(0, -2);
    } else if (element === "cmi.suspend_data") {
      if (/ $/.test(value)) return value.slice(0, -1);
      if (value.length < MAX_SUSPEND) return value + " "; // JSON allows it
    }
    return null;
  }

  /* A valid value that differs, written and committed only so that Moodle's JavaScript
     sends the real value after it. */
  function standIn(element, value) {
    if (/\.id$/.test(element)) return value === "qser-resend" ? "qser-resend-2" : "qser-resend";
    if (/\.type$/.test(element)) return value === "performance" ? "likert" : "performance";
    if (/\.result$/.test(element)) return value === "unanticipated" ? "neutral" : "unanticipated";
    if (element === "cmi.core.lesson_status") return value === "incomplete" ? "browsed" : "incomplete";
    return value === "" ? "-" : "";
  }

  QSER.scorm12Formats = {
    MAX_SUSPEND: MAX_SUSPEND, MAX_RESPONSE: MAX_RESPONSE, MAX_COMMENTS: MAX_COMMENTS,
    timespan: timespan, clock: clock, fit: QSER.fit, respell: respell, standIn: standIn, pad: pad
  };
})();
