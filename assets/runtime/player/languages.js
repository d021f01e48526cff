/*
 * Languages of a bundle (a package with every language of the unit; builder/render/bundle.py).
 * Loaded before player/player.js, only in bundles. The document shows the unit's first language;
 * every other language's screen waits in an inert <template id="lang-xx">. This file keeps the
 * first one's as it arrived in a template too, shows the language chosen, and swaps another in when
 * the learner picks it, without reloading the document: the LMS session stays one (LMSInitialize once).
 *
 * Which language opens: the bookmark's (the learner's last choice), then the LMS's
 * preferences (tracker.preferredLanguages(): SCORM's cmi.student_preference.language, cmi5's
 * languagePreference), then player/language-guess.js's guess (the language last shown in this
 * browser, else the browser's, else the unit's first). While the guess may still be corrected,
 * nothing is painted (language-guess.js holds); settle() lets go, or HOLD_AT_MOST after this file
 * ran when the LMS or LRS is slow to answer (then a later answer switches in view).
 * The player keeps page, answers, tries and score; this file moves over what the learner
 * typed but did not check yet. Provides QSER.languages and QSER.unitData.
 */
(function () {
  "use strict";

  var QSER = (window.QSER = window.QSER || {});
  var data = (QSER.unitData = JSON.parse(document.getElementById("unit-data").textContent));
  var choices = data.languages;

  var look = QSER.firstLook;
  var HOLD_AT_MOST = 1500; // ms: a blank screen longer than this is worse than a later switch

  /** The unit language that best fits an ordered list of preferences (player/language-guess.js). */
  function choose(preferences) {
    return look.choose(preferences, choices);
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
    listen();
  }

  /** The language switch of the screen shown answers the learner. */
  function listen() {
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

  /** The screen the document arrived with (the unit's first language), untouched, as a template
   * like the others: the player has not run yet, so it holds no learner's state. Copied straight
   * into the template's inert document: a copy in this one would fetch its figures. */
  function keepFirst() {
    var template = document.createElement("template");
    var inert = template.content.ownerDocument;
    template.id = "lang-" + data.lang;
    template.setAttribute("lang", data.lang);
    Array.prototype.forEach.call(document.body.children, function (el) {
      if (el.tagName !== "TEMPLATE" && el.tagName !== "SCRIPT") template.content.appendChild(inert.importNode(el, true));
    });
    document.body.insertBefore(template, document.body.querySelector("template"));
  }

  /** The learner sees the screen: nothing more is held back. */
  function reveal() {
    document.documentElement.removeAttribute("data-choosing");
  }

  function switchTo(lang, byLearner) {
    if (!document.getElementById("lang-" + lang) || (lang === data.lang && document.getElementById("main"))) return;
    var kept = drafts();
    var swap = function () { adopt(lang); swapScreen(lang); };
    if (QSER.player) QSER.player.relanguage(swap);
    else swap();
    putBack(kept);
    try { window.localStorage.setItem(look.key, lang); } catch (e) { /* storage blocked: no memory */ }
    if (byLearner) {
      var pressed = document.querySelector('.languages button[data-lang="' + CSS.escape(lang) + '"]');
      if (pressed) pressed.focus({ preventScroll: true }); // the keyboard stays where it was, in the new screen
    }
  }

  /** After the tracker started and the bookmark is read: the learner's last choice, else what
   * the LMS says they prefer; the guess (shown at load) stays otherwise. Then the screen shows. */
  function settle(saved, tracker) {
    var lms = [];
    try {
      lms = tracker && tracker.preferredLanguages ? tracker.preferredLanguages() || [] : [];
    } catch (e) { lms = []; }
    var lang = choose([saved && saved.lang]) || choose(lms);
    if (lang) switchTo(lang, false);
    reveal();
  }

  window.setTimeout(reveal, HOLD_AT_MOST); // first: whatever fails below, the screen shows
  keepFirst();
  listen();
  switchTo(look.guess, false);

  QSER.languages = { choose: choose, settle: settle, switchTo: switchTo };
})();
