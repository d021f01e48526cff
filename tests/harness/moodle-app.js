/*
 * The Moodle app 5.0.0's SCORM 1.2 player as a SCO meets it, from its code
 * (src/addons/mod/scorm/ in moodlehq/moodleapp, read at parabinda/moodleapp51 f3e109a60, "5.0.0"):
 *
 * - AppScormModel is classes/data-model-12.ts: window.API on the app's window (the SCO's parent),
 *   a class instance whose own fields (offline, attempt, scorm, mode, ...) and prototype methods
 *   (loadSco, setOffline, storeData, ...) a SCO can see; SetValue stores a value with a range as
 *   a number (GetValue then returns the number); interactions are write-only; a commit sends
 *   what differs (!==) from the last collected value and records it while collecting; LMSFinish
 *   sets "not attempted" to "completed" and applies the mastery score whatever the activity's
 *   "mastery score overrides status" says, then adds total_time; student_response and patterns
 *   are limited to 255 characters even with standards mode off (CMI_FEEDBACK is fixed when the
 *   module loads); interactions._count is rebuilt from the stored elements in the order Moodle
 *   returns them (by name: _10 before _2), so with 11 or more it comes out too low.
 * - Storing (services/scorm.ts saveTracksSync): online, one synchronous web-service call
 *   (mod_scorm_insert_scorm_tracks, values as strings); if it fails the model goes offline for
 *   good and stores the same tracks in the app's database; offline, every commit is an
 *   INSERT OR REPLACE of JSON.stringify(value) per element and answers "true"
 *   (services/scorm-offline.ts insertTrackSync). The database is this page's localStorage.
 * - sync() is services/scorm-sync.ts syncAttempt: the unsynced elements with a dot, each sent as
 *   `value || ''` after JSON.parse of a truthy column (a number 0 arrives as ''), then the local
 *   attempt is deleted. Not modelled: its collision rules (an offline attempt whose number
 *   Moodle has meanwhile used elsewhere); here it always goes into its own number.
 * - play() is pages/player/player.ts determineAttemptAndMode with scorm-helper.ts
 *   determineAttemptToContinue and services/scorm.ts determineAttemptAndMode: the last online
 *   attempt if incomplete, else the highest (a local one wins on equal numbers); a complete
 *   attempt opens in review mode unless a new attempt is asked for; a new attempt reads its
 *   (empty) user data from the site, or, offline, is made locally (createOfflineAttempt).
 * The site's answers (attempts, user data: Moodle's get_scorm_default) come from
 * tests/support/moodle_app.py over the network (the `ws` base URL); the app's own files and the
 * downloaded package are served locally, so they load offline as in the app.
 */
(function () {
  "use strict";

  var CMI_INDEX = "[._](\\d+).";
  var FORMATS = {
    time: "^([0-2]{1}[0-9]{1}):([0-5]{1}[0-9]{1}):([0-5]{1}[0-9]{1})(.[0-9]{1,2})?$",
    timespan: "^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(.[0-9]{1,2})?$",
    sinteger: "^-?([0-9]+)$",
    decimal: "^-?([0-9]{0,3})(.[0-9]*)?$",
    identifier: "^[\\u0021-\\u007E]{0,255}$",
    feedback: "^[\\u0000-\\uFFFF]{0,255}$", // CMI_FEEDBACK: CMI_STRING_256 as the module loads, never widened
    status: "^passed$|^completed$|^failed$|^incomplete$|^browsed$",
    status2: "^passed$|^completed$|^failed$|^incomplete$|^browsed$|^not attempted$",
    exit: "^time-out$|^suspend$|^logout$|^$",
    type: "^true-false$|^choice$|^fill-in$|^matching$|^performance$|^sequencing$|^likert$|^numeric$",
    result: "^correct$|^wrong$|^unanticipated$|^neutral$|^([0-9]{0,3})?(.[0-9]*)?$",
    nav: "^previous$|^continue$"
  };

  /* The data model of one SCO (data-model-12.ts init), its defaults taken from `def`. */
  function elements(def, standard) {
    var s256 = standard ? "^[\\u0000-\\uFFFF]{0,255}$" : "^[\\u0000-\\uFFFF]{0,64000}$";
    var s4096 = standard ? "^[\\u0000-\\uFFFF]{0,4096}$" : "^[\\u0000-\\uFFFF]{0,64000}$";
    function r(value) { return { defaultvalue: value, mod: "r", writeerror: "403" }; }
    function keyword(value) { return { defaultvalue: value, mod: "r", writeerror: "402" }; }
    function rw(format, value, range) { return { defaultvalue: value, format: format, range: range, mod: "rw", writeerror: "405" }; }
    function w(format, range) { return { format: format, range: range, mod: "w", readerror: "404", writeerror: "405" }; }
    return {
      "cmi._children": keyword("core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions"),
      "cmi._version": keyword("3.4"),
      "cmi.core.student_id": r(def["cmi.core.student_id"]),
      "cmi.core.student_name": r(def["cmi.core.student_name"]),
      "cmi.core.lesson_location": rw(s256, def["cmi.core.lesson_location"]),
      "cmi.core.credit": r(def["cmi.core.credit"]),
      "cmi.core.lesson_status": rw(FORMATS.status, def["cmi.core.lesson_status"]),
      "cmi.core.entry": r(def["cmi.core.entry"]),
      "cmi.core.score.raw": rw(FORMATS.decimal, def["cmi.core.score.raw"], "0#100"),
      "cmi.core.score.max": rw(FORMATS.decimal, def["cmi.core.score.max"], "0#100"),
      "cmi.core.score.min": rw(FORMATS.decimal, def["cmi.core.score.min"], "0#100"),
      "cmi.core.total_time": r(def["cmi.core.total_time"]),
      "cmi.core.lesson_mode": r(def["cmi.core.lesson_mode"]),
      "cmi.core.exit": { defaultvalue: def["cmi.core.exit"], format: FORMATS.exit, mod: "w", readerror: "404", writeerror: "405" },
      "cmi.core.session_time": { defaultvalue: "00:00:00", format: FORMATS.timespan, mod: "w", readerror: "404", writeerror: "405" },
      "cmi.suspend_data": rw(s4096, def["cmi.suspend_data"]),
      "cmi.launch_data": r(def["cmi.launch_data"]),
      "cmi.comments": rw(s4096, def["cmi.comments"]),
      "cmi.comments_from_lms": { mod: "r", writeerror: "403" },
      "cmi.objectives._count": keyword("0"),
      "cmi.objectives.n.id": rw(FORMATS.identifier),
      "cmi.objectives.n.score.raw": rw(FORMATS.decimal, "", "0#100"),
      "cmi.objectives.n.status": rw(FORMATS.status2),
      "cmi.student_data.mastery_score": r(def["cmi.student_data.mastery_score"]),
      "cmi.student_data.max_time_allowed": r(def["cmi.student_data.max_time_allowed"]),
      "cmi.student_data.time_limit_action": r(def["cmi.student_data.time_limit_action"]),
      "cmi.student_preference.audio": rw(FORMATS.sinteger, def["cmi.student_preference.audio"], "-1#100"),
      "cmi.student_preference.language": rw(s256, def["cmi.student_preference.language"]),
      "cmi.student_preference.speed": rw(FORMATS.sinteger, def["cmi.student_preference.speed"], "-100#100"),
      "cmi.student_preference.text": rw(FORMATS.sinteger, def["cmi.student_preference.text"], "-1#1"),
      "cmi.interactions._children": keyword("id,objectives,time,type,correct_responses,weighting,student_response,result,latency"),
      "cmi.interactions._count": keyword("0"),
      "cmi.interactions.n.id": w(FORMATS.identifier),
      "cmi.interactions.n.objectives._count": keyword("0"),
      "cmi.interactions.n.objectives.n.id": w(FORMATS.identifier),
      "cmi.interactions.n.time": w(FORMATS.time),
      "cmi.interactions.n.type": w(FORMATS.type),
      "cmi.interactions.n.correct_responses._count": keyword("0"),
      "cmi.interactions.n.correct_responses.n.pattern": w(FORMATS.feedback),
      "cmi.interactions.n.weighting": w(FORMATS.decimal, "-100#100"),
      "cmi.interactions.n.student_response": w(FORMATS.feedback),
      "cmi.interactions.n.result": w(FORMATS.result),
      "cmi.interactions.n.latency": w(FORMATS.timespan),
      "nav.event": { defaultvalue: "", format: FORMATS.nav, mod: "w", readerror: "404", writeerror: "405" }
    };
  }

  var ERRORS = { 0: "No error", 101: "General exception", 201: "Invalid argument error",
                 202: "Element cannot have children", 203: "Element not an array - cannot have count",
                 301: "Not initialized", 401: "Not implemented error", 402: "Invalid set value, element is a keyword",
                 403: "Element is read only", 404: "Element is write only", 405: "Incorrect data type" };

  function clone(o) { return JSON.parse(JSON.stringify(o)); }

  /* AddonModScormDataModel12: userData {scoId: {defaultdata, userdata}}, as the app builds it. */
  function AppScormModel(site, siteId, scorm, scoId, attempt, userData, mode, offline, canSaveTracks) {
    Object.defineProperty(this, "site", { value: site, enumerable: false }); // the app's services
    this.siteId = siteId;
    this.scorm = scorm;
    this.scoId = scoId;
    this.attempt = attempt;
    this.userData = userData;
    this.mode = mode || "normal";
    this.offline = !!offline;
    this.canSaveTracks = canSaveTracks !== false;
    this.currentUserData = {};
    this.def = {};
    this.defExtra = {};
    this.dataModel = {};
    this.initialized = false;
    this.errorCode = "0";
    this.timeout = undefined;
    this.init(userData);
  }

  AppScormModel.prototype.init = function (userData) {
    for (var scoId in userData) {
      this.def[scoId] = userData[scoId].defaultdata;
      this.defExtra[scoId] = userData[scoId].userdata;
    }
    for (scoId in this.def) {
      this.dataModel[scoId] = elements(this.def[scoId], this.scorm.scormStandard);
      var data = (this.currentUserData[scoId] = { scoid: Number(scoId), userdata: {}, defaultdata: {} }).userdata;
      var model = this.dataModel[scoId];
      Object.keys(model).forEach(function (element) {
        if (element.match(/\.n\./) === null && model[element].defaultvalue !== undefined) data[element] = model[element].defaultvalue;
      });
      var extra = this.defExtra[scoId];
      Object.keys(this.def[scoId]).forEach(function (element) {
        if (element.match(/\.n\./) !== null) return;
        if (model[element] && model[element].defaultvalue !== undefined) data[element] = model[element].defaultvalue;
        else if (extra[element] !== undefined) data[element] = extra[element];
        else data[element] = "";
      });
      // Interactions and objectives, and their counters, in the order the elements come.
      Object.keys(extra).forEach(function (element) {
        if (!element.match(new RegExp(CMI_INDEX, "g"))) return;
        var dotted = element.replace(new RegExp(CMI_INDEX, "g"), ".$1.");
        data[dotted] = extra[element];
        var counter = "", index = "0";
        if (dotted.indexOf("cmi.objectives") === 0) {
          counter = "cmi.objectives._count";
          index = (dotted.match(/.(\d+)./) || [])[1] || "0";
        } else if (dotted.indexOf("cmi.interactions") === 0) {
          var n = (dotted.match(/cmi.interactions.(\d+)./) || [])[1];
          if (dotted.indexOf(".objectives.") > 0) {
            index = (dotted.match(/objectives.(\d+)./) || [])[1] || "0";
            counter = "cmi.interactions." + n + ".objectives._count";
          } else if (dotted.indexOf(".correct_responses.") > 0) {
            index = (dotted.match(/correct_responses.(\d+)./) || [])[1] || "0";
            counter = "cmi.interactions." + n + ".correct_responses._count";
          } else {
            counter = "cmi.interactions._count";
            index = (dotted.match(/.(\d+)./) || [])[1] || "0";
          }
        }
        if (!counter) return;
        var count = data[counter];
        if (count === undefined) data[counter] = 0;
        if (Number(index) == Number(count)) data[counter] = Number(count) + 1; // eslint-disable-line eqeqeq
        if (Number(index) > Number(count)) data[counter] = Number(index) - 1;
      });
      if (data["cmi.core.lesson_status"] === "") data["cmi.core.lesson_status"] = "not attempted";
      data["cmi.core.credit"] = this.mode === "normal" ? "credit" : "no-credit";
      data["cmi.core.lesson_mode"] = this.mode;
    }
  };

  AppScormModel.prototype.getEl = function (el) {
    var data = this.currentUserData[this.scoId];
    return data && data.userdata[el] !== undefined ? data.userdata[el] : "";
  };

  AppScormModel.prototype.setEl = function (el, value) {
    this.currentUserData[this.scoId] = this.currentUserData[this.scoId] || { scoid: this.scoId, userdata: {}, defaultdata: {} };
    this.currentUserData[this.scoId].userdata[el] = value;
  };

  AppScormModel.prototype.LMSInitialize = function (param) {
    this.errorCode = "0";
    if (param != "") { this.errorCode = "201"; return "false"; } // eslint-disable-line eqeqeq
    if (this.initialized) { this.errorCode = "101"; return "false"; }
    this.initialized = true;
    return "true";
  };

  AppScormModel.prototype.LMSGetValue = function (element) {
    this.errorCode = "0";
    if (!this.initialized) { this.errorCode = "301"; return ""; }
    if (element == "") { this.errorCode = "201"; return ""; } // eslint-disable-line eqeqeq
    var model = this.dataModel[this.scoId];
    var generic = String(element).replace(new RegExp(CMI_INDEX, "g"), ".n.");
    if (model[generic] !== undefined) {
      if (model[generic].mod != "w") return this.getEl(element); // eslint-disable-line eqeqeq
      this.errorCode = model[generic].readerror || "0";
      return "";
    }
    var parent;
    if (/\._children$/.test(generic)) {
      parent = generic.replace(/\._children$/, "");
      this.errorCode = model[parent] !== undefined ? "202" : "201";
    } else if (/\._count$/.test(generic)) {
      parent = generic.replace(/\._count$/, "");
      this.errorCode = model[parent] !== undefined ? "203" : "201";
    } else {
      this.errorCode = "201";
    }
    return "";
  };

  AppScormModel.prototype.LMSSetValue = function (element, value) {
    this.errorCode = "0";
    if (!this.initialized) { this.errorCode = "301"; return "false"; }
    if (element == "") { this.errorCode = "201"; return "false"; } // eslint-disable-line eqeqeq
    var model = this.dataModel[this.scoId];
    var generic = String(element).replace(new RegExp(CMI_INDEX, "g"), ".n.");
    var entry = model[generic];
    if (entry === undefined) { this.errorCode = "201"; return "false"; }
    if (entry.mod == "r") { this.errorCode = entry.writeerror; return "false"; } // eslint-disable-line eqeqeq
    value = value + "";
    if (value.match(new RegExp(entry.format || "")) === null) { this.errorCode = entry.writeerror; return "false"; }
    if (element != generic) { // eslint-disable-line eqeqeq
      if (element.indexOf("cmi.interactions") === 0) {
        var n = (element.match(/cmi.interactions.(\d+)./) || [])[1];
        if (this.getEl("cmi.interactions." + n + ".objectives._count") === "") this.setEl("cmi.interactions." + n + ".objectives._count", 0);
        if (this.getEl("cmi.interactions." + n + ".correct_responses._count") === "") this.setEl("cmi.interactions." + n + ".correct_responses._count", 0);
      }
      var parts = element.split("."), sub = "cmi";
      for (var i = 1; i < parts.length - 1; i++) {
        if (parts[i + 1].match(/^\d+$/)) {
          var counter = sub + "." + parts[i] + "._count";
          if (this.currentUserData[this.scoId].userdata[counter] === undefined) this.setEl(counter, 0);
          if (parts[i + 1] == this.getEl(counter)) this.setEl(counter, Number(this.getEl(counter)) + 1); // eslint-disable-line eqeqeq
          if (parts[i + 1] > this.getEl(counter)) this.errorCode = "201";
          sub = sub + "." + parts[i] + "." + parts[i + 1];
          i++;
        } else {
          sub = sub + "." + parts[i];
        }
      }
      element = sub + "." + parts[parts.length - 1];
    }
    if (this.errorCode != "0") return "false"; // eslint-disable-line eqeqeq
    if (this.scorm.autocommit && !this.timeout) {
      var self = this;
      this.timeout = window.setTimeout(function () { self.LMSCommit(""); }, 60000);
    }
    if (entry.range !== undefined) {
      var bounds = entry.range.split("#"), number = Number(value);
      if (number >= Number(bounds[0]) && number <= Number(bounds[1])) { this.setEl(element, number); return "true"; }
      this.errorCode = entry.writeerror;
      return "false";
    }
    this.setEl(element, element === "cmi.comments" ? this.getEl("cmi.comments") + value : value);
    return "true";
  };

  AppScormModel.prototype.collectData = function () {
    var data = this.currentUserData[this.scoId], model = this.dataModel[this.scoId], out = [];
    if (!data) return out;
    var self = this;
    Object.keys(data.userdata).forEach(function (element) {
      if (element.substring(0, 3) != "cmi" || element == "cmi.core.session_time") return; // eslint-disable-line eqeqeq
      var generic = element.replace(new RegExp(CMI_INDEX, "g"), ".n.");
      if (model[element] === undefined && model[generic] !== undefined) model[element] = clone(model[generic]);
      if (model[element] === undefined || model[element].mod == "r") return; // eslint-disable-line eqeqeq
      var el = { element: element.replace(new RegExp(CMI_INDEX, "g"), "_$1."), value: self.getEl(element) };
      if (model[element].defaultvalue !== undefined) {
        if (model[element].defaultvalue !== el.value) {
          out.push(el);
          model[element].defaultvalue = el.value;
        }
      } else {
        out.push(el);
        model[element].defaultvalue = el.value;
      }
    });
    return out;
  };

  AppScormModel.prototype.addTime = function (first, second) {
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
    function two(n) { return Math.floor(n) < 10 ? "0" + n : String(n); }
    return two(hours) + ":" + two(mins) + ":" + two(secs) + (cents != 0 ? "." + two(cents) : ""); // eslint-disable-line eqeqeq
  };

  AppScormModel.prototype.totalTime = function () {
    return { element: "cmi.core.total_time", value: this.addTime(this.getEl("cmi.core.total_time"), this.getEl("cmi.core.session_time")) };
  };

  AppScormModel.prototype.storeData = function (storeTotalTime) {
    if (!this.canSaveTracks) return true;
    var tracks;
    if (storeTotalTime) {
      if (this.getEl("cmi.core.lesson_status") == "not attempted") this.setEl("cmi.core.lesson_status", "completed"); // eslint-disable-line eqeqeq
      if (this.getEl("cmi.core.lesson_mode") === "normal" && this.getEl("cmi.core.credit") === "credit" &&
          this.getEl("cmi.student_data.mastery_score") !== "" && this.getEl("cmi.core.score.raw") !== "") {
        this.setEl("cmi.core.lesson_status", parseFloat(this.getEl("cmi.core.score.raw")) >=
          parseFloat(this.getEl("cmi.student_data.mastery_score")) ? "passed" : "failed");
      }
      if (this.getEl("cmi.core.lesson_mode") === "browse" && this.dataModel[this.scoId]["cmi.core.lesson_status"].defaultvalue == "" && // eslint-disable-line eqeqeq
          this.getEl("cmi.core.lesson_status") == "not attempted") this.setEl("cmi.core.lesson_status", "browsed"); // eslint-disable-line eqeqeq
      tracks = this.collectData();
      tracks.push(this.totalTime());
    } else {
      tracks = this.collectData();
    }
    var ok = this.site.saveTracksSync(this.scoId, this.attempt, tracks, this.scorm, this.offline, this.currentUserData);
    if (this.offline || ok) return ok;
    this.offline = true; // an online save failed: offline for good, the same tracks kept locally
    this.site.goOffline(this.attempt);
    return this.site.saveTracksSync(this.scoId, this.attempt, tracks, this.scorm, this.offline, this.currentUserData);
  };

  AppScormModel.prototype.LMSCommit = function (param) {
    if (this.timeout) { clearTimeout(this.timeout); this.timeout = undefined; }
    this.errorCode = "0";
    if (param != "") { this.errorCode = "201"; return "false"; } // eslint-disable-line eqeqeq
    if (!this.initialized) { this.errorCode = "301"; return "false"; }
    var ok = this.storeData(false);
    this.errorCode = ok ? "0" : "101";
    this.site.called("LMSCommit", ok);
    return ok ? "true" : "false";
  };

  AppScormModel.prototype.LMSFinish = function (param) {
    this.errorCode = "0";
    if (param != "") { this.errorCode = "201"; return "false"; } // eslint-disable-line eqeqeq
    if (!this.initialized) { this.errorCode = "301"; return "false"; }
    this.initialized = false;
    var ok = this.storeData(true);
    this.errorCode = ok ? "0" : "101";
    this.site.called("LMSFinish", ok);
    return ok ? "true" : "false";
  };

  AppScormModel.prototype.LMSGetDiagnostic = function (param) { return param == "" ? this.errorCode : param; }; // eslint-disable-line eqeqeq
  AppScormModel.prototype.LMSGetErrorString = function (param) { return param != "" ? ERRORS[param] : ""; }; // eslint-disable-line eqeqeq
  AppScormModel.prototype.LMSGetLastError = function () { return this.errorCode; };
  AppScormModel.prototype.loadSco = function (scoId) { this.scoId = scoId; };
  AppScormModel.prototype.setOffline = function (offline) { this.offline = offline; };
  AppScormModel.prototype.triggerEvent = function () {};

  // ---- the app around the model: its database, the site's web services, play and sync ----

  var DB = "moodleapp-scorm-tracks"; // {attempt: {element: {value: JSON text or null, synced: 0|1}}}
  var CACHE = "moodleapp-scorm-cache"; // what "Download" fetched: the site's answers for offline use

  function read(key) { return JSON.parse(localStorage.getItem(key) || "{}"); }
  function write(key, value) { localStorage.setItem(key, JSON.stringify(value)); }

  function moodleApp(config) { // config: {ws: base URL of the site's web services, sco: URL of the package's index.html}
    var log = (window.appLog = { wsCalls: 0, offlineWrites: 0, syncs: [], calls: [] });

    function ws(method, path, body) {
      log.wsCalls += 1;
      if (navigator.onLine === false) throw new Error("offline"); // CoreNetwork.isOnline()
      var xhr = new XMLHttpRequest();
      xhr.open(method, config.ws + path, false);
      if (body !== undefined) xhr.setRequestHeader("Content-Type", "application/json");
      xhr.send(body === undefined ? null : JSON.stringify(body));
      if (xhr.status !== 200) throw new Error("HTTP " + xhr.status);
      return JSON.parse(xhr.responseText);
    }

    function asStrings(tracks) { // convertValuesToString
      return tracks.map(function (t) { return { element: t.element, value: t.value === undefined || t.value === null ? t.value : String(t.value) }; });
    }

    var site = {
      called: function (name, ok) { log.calls.push([name, ok]); }, // for the tests: the SCO's commits
      saveTracksSync: function (scoId, attempt, tracks, scorm, offline) {
        if (offline) {
          var db = read(DB), stored = (db[attempt] = db[attempt] || {});
          tracks.forEach(function (t) {
            var value = t.value;
            if (scorm.forcecompleted && t.element === "cmi.core.lesson_status" && value == "incomplete" && // eslint-disable-line eqeqeq
                stored["cmi.core.score.raw"] && JSON.parse(stored["cmi.core.score.raw"].value || "null")) value = "completed";
            stored[t.element] = { value: value === undefined ? null : JSON.stringify(value), synced: 0 };
            log.offlineWrites += 1;
          });
          write(DB, db);
          return true;
        }
        if (!tracks.length) return true;
        try {
          return !!ws("POST", "/insert_tracks?attempt=" + attempt, { tracks: asStrings(tracks) }).trackids;
        } catch (e) {
          return false;
        }
      },
      goOffline: function (attempt) { // convertAttemptToOffline: the online values, where none is stored locally
        var db = read(DB), stored = (db[attempt] = db[attempt] || {});
        var online = (read(CACHE).attempts || {})[attempt] || {};
        Object.keys(online).forEach(function (element) {
          if (!(element in stored)) stored[element] = { value: JSON.stringify(online[element]), synced: 0 };
        });
        write(DB, db);
      }
    };

    /* What "Download" stores: the activity, the learner, the last online attempt and its data. */
    function download() {
      var info = ws("GET", "/info");
      write(CACHE, info);
      return info;
    }

    function complete(tracks) {
      return ["completed", "passed", "failed"].indexOf(tracks["cmi.core.lesson_status"]) >= 0;
    }

    function localTracks(attempt) {
      var stored = read(DB)[attempt] || {}, out = {};
      Object.keys(stored).sort().forEach(function (element) {
        out[element] = stored[element].value ? JSON.parse(stored[element].value) : null;
      });
      return out;
    }

    /* scorm-offline.ts getScormUserData: get_scorm_default's rules on the local tracks. */
    function offlineUserData(info, attempt) {
      var tracks = localTracks(attempt);
      function v(element, fallback) { return tracks[element] !== undefined && tracks[element] !== null ? tracks[element] : fallback; }
      var status = v("cmi.core.lesson_status", "");
      var def = {
        "cmi.core.student_id": info.student[0], "cmi.core.student_name": info.student[1],
        "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal",
        "cmi.core.entry": status === "" ? "ab-initio" : v("cmi.core.exit", "") === "suspend" ? "resume" : "",
        "cmi.launch_data": config.sco, "cmi.student_data.mastery_score": info.masteryscore,
        "cmi.student_data.max_time_allowed": "", "cmi.student_data.time_limit_action": "",
        "cmi.core.total_time": v("cmi.core.total_time", "00:00:00"), "cmi.core.lesson_location": v("cmi.core.lesson_location", ""),
        "cmi.core.lesson_status": status, "cmi.core.score.raw": v("cmi.core.score.raw", ""),
        "cmi.core.score.max": v("cmi.core.score.max", ""), "cmi.core.score.min": v("cmi.core.score.min", ""),
        "cmi.core.exit": v("cmi.core.exit", ""), "cmi.suspend_data": v("cmi.suspend_data", ""),
        "cmi.comments": v("cmi.comments", ""), "cmi.student_preference.language": v("cmi.student_preference.language", ""),
        "cmi.student_preference.audio": v("cmi.student_preference.audio", "0"),
        "cmi.student_preference.speed": v("cmi.student_preference.speed", "0"),
        "cmi.student_preference.text": v("cmi.student_preference.text", "0")
      };
      return { defaultdata: def, userdata: tracks };
    }

    /* Open the player: the attempt and mode the app picks, the model on this window, the SCO in the frame. */
    function play(options) {
      options = options || {};
      var online = navigator.onLine !== false, info;
      try { info = online ? download() : read(CACHE); } catch (e) { info = read(CACHE); online = false; }
      var local = Object.keys(read(DB)).map(Number);
      var last = info.lastAttempt || 0;
      var attempt, offline;
      if (last && !complete(info.attempts[last] || {})) {
        attempt = last;
        offline = false;
      } else {
        attempt = Math.max.apply(null, [last].concat(local));
        offline = local.indexOf(attempt) >= 0;
      }
      var tracks = offline ? localTracks(attempt) : (info.attempts[attempt] || {});
      var mode = "normal";
      if (attempt === 0 || (complete(tracks) && (options.newAttempt || info.forcenewattempt))) {
        attempt += 1;
        var fresh = null;
        if (!offline) {
          try { fresh = ws("GET", "/user_data?attempt=" + attempt); } catch (e) { fresh = null; }
        }
        if (!fresh) { // createOfflineAttempt
          offline = true;
          var db = read(DB);
          db[attempt] = {};
          write(DB, db);
        }
        tracks = {};
      } else if (complete(tracks)) {
        mode = "review";
      }
      var userData;
      if (offline) userData = offlineUserData(info, attempt);
      else if (online) userData = ws("GET", "/user_data?attempt=" + attempt);
      else userData = info.userData[attempt] || info.newUserData;
      window.API = new AppScormModel(site, "site-1", info.scorm, 1, attempt, { 1: userData }, mode, offline, true);
      document.getElementById("scorm_object").src = config.sco;
      return { attempt: attempt, mode: mode, offline: offline };
    }

    /* scorm-sync.ts syncAttempt for each local attempt; refused while offline. */
    function sync() {
      if (navigator.onLine === false) return { synced: [], refused: "offline" };
      var db = read(DB), done = [];
      Object.keys(db).map(Number).sort().forEach(function (attempt) {
        var tracks = [];
        Object.keys(db[attempt]).forEach(function (element) {
          var row = db[attempt][element];
          if (row.synced || element.indexOf(".") < 0) return;
          var value = row.value ? JSON.parse(row.value) : null;
          tracks.push({ element: element, value: value || "" });
        });
        try {
          if (tracks.length) ws("POST", "/insert_tracks?attempt=" + attempt + "&sync=1", { tracks: asStrings(tracks) });
        } catch (e) {
          return;
        }
        delete db[attempt]; // the attempt has been sent: deleted from the device
        done.push(attempt);
      });
      write(DB, db);
      log.syncs.push(done);
      return { synced: done, refused: null };
    }

    /* Leaving the player (back button): the SCO's frame is emptied, nothing else is called. */
    function leave() { document.getElementById("scorm_object").src = ""; }

    return { download: download, play: play, sync: sync, leave: leave, local: function () { return read(DB); } };
  }

  window.AppScormModel = AppScormModel;
  window.moodleApp = moodleApp;
})();
