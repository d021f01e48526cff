/*
 * The player's core: pages, navigation, progress, the bookmark and the start. Its other parts,
 * joined before it into player/player.js at build time: the question types (types/*.js),
 * player/questions.js (tries, scoring, feedback) and player/result.js (the result page).
 * It knows nothing of SCORM or xAPI: it talks to the tracker that the adapter
 * script loaded before it provides as QSER.createTracker(data, ui).
 *
 * Tracker interface (every adapter implements all six; any may return a Promise):
 *   start()                              the learner opened the unit
 *   loadBookmark() -> state | null       where they left off; `recorded` in it: the attempt was
 *                                        finished before, with this outcome {complete, score, passed}
 *   pageViewed(pageId)
 *   answered(question, response, result) question: {id, type, ...}, result: {correct: true|false|null,
 *                                        attempt: 1, 2, ...; every try is its own call;
 *                                        given: length the learner gave, if a paste was cut to fit}
 *   finish(outcome)                      the unit is complete, or its outcome changed;
 *                                        outcome.restored: it was complete before this launch
 *                                        (a re-entry): nothing new to report, but the tracker
 *                                        must not treat the attempt as unfinished
 *   saveBookmark(state)                  {page, visited: [ids], answers: {id: last response},
 *                                        tries: {id: n}, credit: {id: 0|1}; lang in a bundle}
 * Optional, for bundles (player/languages.js): preferredLanguages() -> ordered language tags the LMS
 * holds for the learner, read after start() (SCORM 1.2: cmi.student_preference.language; cmi5:
 * LMS.LaunchData's languagePreference). A tracker without it leaves the choice to the browser.
 *
 * Tries: a scored question takes q.attempts tries; after a right answer or the last try
 * it is locked, and after a wrong last try the right answer is shown. The score counts
 * the first try (data.unit.scoring "first") or the best one ("best").
 */
(function () {
  "use strict";

  var QSER = (window.QSER = window.QSER || {});
  // A bundle's player/languages.js read the data first (and shows one language's screen).
  var data = QSER.unitData || JSON.parse(document.getElementById("unit-data").textContent);
  var pageIds = data.pages;
  var RESULT = pageIds.length; // index of the result page
  var state = { page: 0, visited: {}, answers: {}, tries: {}, credit: {} };
  var reported = null; // the last outcome handed to tracker.finish, as JSON
  var started = false; // the bookmark is applied: from now on the screen shows the state
  // The screen of the language shown; findScreen() finds them again after a language switch.
  var ui, plurals, sections, resultSection, noticeEl;
  var shownNotice = null; // [catalog key, values, n for a plural]: said again in a new language
  var exitTo = null; // offerExit's way back: offered again in another language's screen

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : m;
    });
  }

  /** A catalog text that may have plural forms ({one, other, ...}), filled in with n. */
  function plural(key, n, values) {
    var entry = ui[key];
    if (typeof entry !== "string") entry = entry[plurals.select(n)] || entry.other;
    return format(entry, Object.assign({ n: n }, values || {}));
  }

  function renderNotice() {
    noticeEl.hidden = !shownNotice;
    noticeEl.textContent = !shownNotice ? "" : shownNotice[2] !== undefined ? plural(shownNotice[0], shownNotice[2])
      : format(ui[shownNotice[0]] || shownNotice[0], shownNotice[1] || {});
  }

  function showExit() {
    var exit = document.getElementById("exit");
    exit.hidden = false;
    exit.addEventListener("click", exitTo);
  }

  var view = {
    notice: function (key, values) {
      shownNotice = [key, values];
      renderNotice();
    },
    clearNotice: function () {
      shownNotice = null;
      renderNotice();
    },
    // A tracker whose LMS wants the learner sent back (cmi5's returnURL) offers an Exit button.
    offerExit: function (go) {
      exitTo = go;
      showExit();
    }
  };

  function findScreen() {
    ui = data.ui;
    plurals = new Intl.PluralRules(data.lang);
    sections = pageIds.map(function (id) { return document.getElementById("page-" + id); });
    resultSection = document.getElementById("page-result");
    noticeEl = document.getElementById("notice");
  }
  findScreen();

  var tracker = QSER.createTracker(data, view);
  var ctx = {
    data: data, ui: ui, state: state, format: format, plural: plural, tracker: tracker,
    changed: function () { report(); tracker.saveBookmark(bookmark()); },
    showSection: function (section) { show(sections.indexOf(section), false); }
  };
  var questions, result;
  // A finished attempt's outcome as the LMS holds it (loadBookmark's `recorded`): shown and kept
  // while the answers here do not make a complete outcome (another device, no bookmark).
  var recorded = null;
  var outcome = function () {
    var o = questions.outcome();
    return recorded && !o.complete ? recorded : o;
  };

  // ---- pages ----

  function updateNav() {
    var onResult = state.page === RESULT;
    document.getElementById("back").disabled = state.page === 0;
    var next = document.getElementById("next");
    next.hidden = onResult;
    document.getElementById("progress-box").hidden = onResult;
    next.textContent = state.page === RESULT - 1 ? ui.finish : ui.next;
    var n = Math.min(state.page + 1, RESULT);
    var bar = document.getElementById("progress");
    bar.value = n;
    document.getElementById("progress-text").textContent = format(ui.progress, { n: n, total: RESULT });
  }

  function report() {
    var o = outcome();
    if (!o.complete) return;
    var key = JSON.stringify(o);
    if (key === reported) return;
    reported = key;
    tracker.finish(o);
  }

  /* The fingerprint of each answered question (docs/suspend-data.md): a later build restores
     an answer only onto the same question with the same options. */
  function marks(answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) { out[id] = data.questions[id].mark; });
    return out;
  }

  function bookmark() {
    var b = {
      page: state.page === RESULT ? "" : pageIds[state.page],
      visited: pageIds.filter(function (id) { return state.visited[id]; }),
      answers: state.answers,
      tries: state.tries,
      credit: state.credit,
      marks: marks(state.answers)
    };
    if (data.languages) b.lang = data.lang; // a bundle: the language shown
    return b;
  }

  /** `again`: the same page in another language, not a new visit for the tracker. */
  function show(index, moveFocus, again) {
    state.page = index;
    sections.concat([resultSection]).forEach(function (s, i) { s.hidden = i !== index; });
    if (index === RESULT) {
      result.render();
    } else {
      var id = pageIds[index];
      state.visited[id] = true;
      if (!again) tracker.pageViewed(id);
    }
    updateNav();
    var section = index === RESULT ? resultSection : sections[index];
    var heading = section.querySelector("h1").textContent;  // a page titled like the unit: named once
    document.title = heading === data.unit.title ? heading : format(ui.page_title, { page: heading, unit: data.unit.title });
    ctx.changed();
    if (moveFocus) {
      section.querySelector("h1").focus();
      window.scrollTo(0, 0);
    }
  }

  // ---- wiring (again for each language's screen a bundle shows) ----

  function bind() {
    ctx.ui = ui;
    questions = QSER.playerQuestions(ctx);
    result = QSER.playerResult(ctx, outcome);
    document.getElementById("back").addEventListener("click", function () {
      if (state.page > 0) show(state.page - 1, true);
    });
    document.getElementById("next").addEventListener("click", function () {
      if (state.page < RESULT) show(state.page + 1, true);
    });
  }
  bind();

  /** A language switch (player/languages.js): `swap` puts the other language's data and screen in
   * place; the state (page, answers, tries, score) stays and is shown again there. */
  function relanguage(swap) {
    swap();
    findScreen();
    bind();
    if (exitTo) showExit();
    if (!started) return;
    questions.restore({ answers: state.answers, tries: state.tries, credit: state.credit });
    renderNotice();
    show(state.page, false, true);
  }

  /** Where a bookmark left the learner (its answers put back); the first page without one. */
  function resume(saved) {
    if (!saved || typeof saved !== "object") return 0;
    recorded = saved.recorded || null;
    (saved.visited || []).forEach(function (id) { if (pageIds.indexOf(id) >= 0) state.visited[id] = true; });
    var reset = questions.restore(saved);
    if (reset) {
      shownNotice = ["answers_reset", null, reset];
      renderNotice();
    }
    var before = outcome();
    reported = JSON.stringify(before); // already reported in the earlier session
    if (before.complete) tracker.finish(Object.assign({ restored: true }, before));
    var at = saved.page === "" ? RESULT : pageIds.indexOf(saved.page);
    return at >= 0 ? at : 0;
  }

  Promise.resolve(tracker.start())
    .then(function () { return tracker.loadBookmark(); })
    .catch(function (e) {
      if (window.console) console.warn("qser: no bookmark read, starting at the beginning: " + e);
      return null;
    })
    .then(function (saved) {
      if (QSER.languages) QSER.languages.settle(saved, tracker);
      started = true;
      show(resume(saved), false);
      document.documentElement.setAttribute("data-ready", "true");
    });

  QSER.player = { outcome: outcome, state: state, relanguage: relanguage };
})();
