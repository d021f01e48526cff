/*
 * SCORM 2004 formats for the adapter (scorm/scorm2004.js): ISO 8601 durations and times as
 * Moodle's 2004 player checks them (at most two decimals). No stand-ins: Moodle's 2004 player
 * (like scorm-again) sends every value at every commit, so a value a failed commit carried goes
 * again with the next one. Pure functions.
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

  QSER.scorm2004Formats = {
    MAX_SUSPEND: MAX_SUSPEND, timespan: timespan, timestamp: timestamp
  };
})();
