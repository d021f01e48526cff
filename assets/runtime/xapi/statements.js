/*
 * Statements as both xAPI adapters make them (Tin Can launch: xapi/xapi.js; cmi5:
 * xapi/cmi5.js): ids made here (UUID v4, so sending one twice is harmless), ISO 8601
 * durations, and the statement itself with its place in the unit (responses: tracking/notation.js).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var VERBS = "http://adlnet.gov/expapi/verbs/";

  function uuid() {
    var b = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(b);
    else for (var i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(b, function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // ISO 8601 duration to the hundredth of a second, e.g. PT1H2M3.45S
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s.toFixed(2) + "S";
  }

  function utf8Length(text) {
    return encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, "x").length;
  }

  function ref(id) { return { id: id, objectType: "Activity" }; }

  /* The statement maker of one launch. o: {cfg (the target's tracker config), actor, unitId,
     registration, decorate (optional: the adapter's last word on a statement, e.g. cmi5's
     context template)}. */
  function maker(o) {
    var cfg = o.cfg, unitId = o.unitId, lastStamp = 0;

    // Strictly increasing timestamps: the statements of one moment keep their order in a report.
    function timestamp() {
      var t = Date.now();
      if (t <= lastStamp) t = lastStamp + 1;
      lastStamp = t;
      return new Date(t).toISOString();
    }

    /* Read alone, a statement says where its object sits: a page in this language's unit, a
       question on its page (parent) in the unit; and all in the language-neutral unit (grouping),
       which a report asks for. `extensions`: context extensions. */
    return function statement(verb, object, result, extensions) {
      var context = { language: cfg.language };
      var page = cfg.placement[object.id];
      var groups = unitId === cfg.group.id ? [ref(unitId)] : [ref(unitId), ref(cfg.group.id)];
      if (page) context.contextActivities = { parent: [ref(cfg.pages[page].id)], grouping: groups };
      else if (object.id !== unitId) context.contextActivities = { parent: [ref(unitId)], grouping: groups.slice(-1) };
      else if (unitId !== cfg.group.id) context.contextActivities = { grouping: [ref(cfg.group.id)] };
      if (o.registration) context.registration = o.registration;
      if (extensions) context.extensions = extensions;
      var s = {
        id: uuid(), actor: o.actor, timestamp: timestamp(), object: object, context: context,
        verb: { id: VERBS + verb, display: { "en-US": verb } }
      };
      if (result) s.result = result;
      return o.decorate ? o.decorate(s, verb) : s;
    };
  }

  QSER.xapiStatements = { uuid: uuid, duration: duration, utf8Length: utf8Length, maker: maker };
})();
