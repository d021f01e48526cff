/*
 * Languages of a bundle (a package with every language of the unit; builder/render/bundle.py).
 * Loaded before player/player.js, only in bundles. Each language's screen waits in an inert
 * <template id="lang-xx">; this file shows one, and swaps another in when the learner picks
 * it, without reloading the document: the LMS session stays one (LMSInitialize once).
 *
 * Which language opens: the bookmark's (the learner's last choice), then the LMS's
 * preferences (tracker.preferredLanguages(): SCORM's cmi.student_preference.language, cmi5's
 * languagePreference), then the browser's (navigator.languages), then the unit's first.
 * The player keeps page, answers, tries and score; this file moves over what the learner
 * typed but did not check yet. Provides QSER.languages and QSER.unitData.
 */
(function () {
  "use strict";

  var QSER = (window.QSER = window.QSER || {});
  var data = (QSER.unitData = JSON.parse(document.getElementById("unit-data").textContent));
  var choices = data.languages;

  /** The unit language that best fits an ordered list of preferences (language tags such as
   * "de-AT", "en", or lists "fr, en"): the first with the same tag or the same primary
   * language; null when none fits. */
  function choose(preferences) {
    var wanted = [];
    (preferences || []).forEach(function (p) {
      String(p || "").split(",").forEach(function (t) {
        t = t.split(";")[0].trim().toLowerCase();
        if (t) wanted.push(t);
      });
    });
    for (var i = 0; i < wanted.length; i++) {
      for (var j = 0; j < choices.length; j++) {
        var c = choices[j];
        if (wanted[i] === c.code.toLowerCase() || wanted[i] === c.tag.toLowerCase()) return c.code;
      }
      var primary = wanted[i].split("-")[0];
      for (var k = 0; k < choices.length; k++) {
        if (primary === choices[k].code.toLowerCase().split("-")[0]) return choices[k].code;
      }
    }
    return null;
  }

  /* A patch (builder/render/bundle.py, language_bound): key -> {"=": value} sets it, key -> patch goes
     inside. Applied in place, so the player and the tracker, holding `data`, see the language. */
  function apply(target, patch) {
    Object.keys(patch).forEach(function (key) {
      if (Object.prototype.hasOwnProperty.call(patch[key], "=")) target[key] = patch[key]["="];
      else apply(target[key], patch[key]);
    });
  }

  /** The language-bound runtime data of `lang` into `data` (the player's and the tracker's). */
  function adopt(lang) {
    apply(data, data.texts[lang] || {});
    data.lang = lang;
  }

  /** Replaces what is shown (everything in <body> before the scripts) by `lang`'s screen. */
  function swapScreen(lang) {
    var body = document.body;
    Array.prototype.slice.call(body.children).forEach(function (el) {
      if (el.tagName !== "TEMPLATE" && el.tagName !== "SCRIPT") body.removeChild(el);
    });
    var template = document.getElementById("lang-" + lang);
    body.insertBefore(document.importNode(template.content, true), body.querySelector("template"));
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll(".languages button"), function (button) {
      button.addEventListener("click", function () { switchTo(button.getAttribute("data-lang"), true); });
    });
  }

  /* What the learner typed or ticked in a question they have not finished, by form: moved to the
     same inputs of the other language (a locked question is shown from the player's state). */
  function drafts() {
    var kept = [];
    Array.prototype.forEach.call(document.querySelectorAll("form.question:not(.locked)"), function (form) {
      Array.prototype.forEach.call(form.querySelectorAll("input, select, textarea"), function (el) {
        kept.push({ form: form.id, name: el.name, value: el.value, type: el.type, checked: el.checked });
      });
    });
    return kept;
  }

  function putBack(kept) {
    kept.forEach(function (d) {
      var form = document.getElementById(d.form);
      if (!form || form.classList.contains("locked")) return;
      var selector = '[name="' + CSS.escape(d.name) + '"]';
      if (d.type === "radio" || d.type === "checkbox") selector += '[value="' + CSS.escape(d.value) + '"]';
      var el = form.querySelector(selector);
      if (!el) return;
      if (d.type === "radio" || d.type === "checkbox") {
        el.checked = d.checked;
      } else if (el.value !== d.value) {
        el.value = d.value;
        el.dispatchEvent(new Event("input", { bubbles: true })); // counters follow
      }
    });
  }

  function switchTo(lang, byLearner) {
    if (!document.getElementById("lang-" + lang) || (lang === data.lang && document.getElementById("main"))) return;
    var kept = drafts();
    var swap = function () { adopt(lang); swapScreen(lang); };
    if (QSER.player) QSER.player.relanguage(swap);
    else swap();
    putBack(kept);
    if (byLearner) {
      var pressed = document.querySelector('.languages button[data-lang="' + CSS.escape(lang) + '"]');
      if (pressed) pressed.focus({ preventScroll: true }); // the keyboard stays where it was, in the new screen
    }
  }

  /** After the tracker started and the bookmark is read: the learner's last choice, else what
   * the LMS says they prefer; the browser's choice (made at load) stays otherwise. */
  function settle(saved, tracker) {
    var lms = [];
    try {
      lms = tracker && tracker.preferredLanguages ? tracker.preferredLanguages() || [] : [];
    } catch (e) { lms = []; }
    var lang = choose([saved && saved.lang]) || choose(lms);
    if (lang) switchTo(lang, false);
  }

  var browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  switchTo(choose(browser) || choices[0].code, false);

  QSER.languages = { choose: choose, settle: settle, switchTo: switchTo };
})();
