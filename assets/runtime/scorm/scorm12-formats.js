/*
 * SCORM 1.2 formats for the adapter (scorm/scorm12.js, shipped in the same file after this):
 * its limits, times, and the stand-ins used to make Moodle send a value again. Responses and patterns come from the build's notations (tracking/notation.js), the bookmark
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

  /* A valid value that Moodle's JavaScript takes for a different one (a number by its value, as
     SetValue keeps it: "1" and "1.0" are one value; anything else by its text), written and
     committed once only so that it sends the real value again after it. Chosen to mislead least
     for the moment it is stored (until the commit of the real value succeeds). */
  function standIn(element, value) {
    if (/score\.(raw|min|max)$|\.weighting$/.test(element)) return Number(value) === 0 ? "1" : "0";
    if (/\.id$/.test(element)) return value === "qser-resend" ? "qser-resend-2" : "qser-resend";
    if (/\.type$/.test(element)) return value === "performance" ? "likert" : "performance";
    if (/\.result$/.test(element)) return value === "unanticipated" ? "neutral" : "unanticipated";
    if (/\.time$/.test(element)) return value === "00:00:00" ? "00:00:01" : "00:00:00";
    if (/\.latency$/.test(element)) return value === "0000:00:00.00" ? "0000:00:00.01" : "0000:00:00.00";
    if (element === "cmi.core.lesson_status") return value === "incomplete" ? "browsed" : "incomplete";
    if (element === "cmi.suspend_data" && value.length < MAX_SUSPEND) return value + " "; // the same bookmark
    return value === "" ? "-" : "";
  }

  QSER.scorm12Formats = {
    MAX_SUSPEND: MAX_SUSPEND, MAX_RESPONSE: MAX_RESPONSE, MAX_COMMENTS: MAX_COMMENTS,
    timespan: timespan, clock: clock, fit: QSER.fit, standIn: standIn, pad: pad
  };
})();
