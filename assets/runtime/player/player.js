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
 *                                        attempt: 1, 2, ...; every try is its own call; counts: whether
 *                                        the score takes this try (scoring first: the first only);
 *                                        given: length the learner gave, if a paste was cut to fit}
 *   finish(outcome)                      the unit is complete, or its outcome changed;
 *                                        outcome.restored: it was complete before this launch
 *                                        (a re-entry): nothing new to report, but the tracker
 *                                        must not treat the attempt as unfinished
 *   saveBookmark(state)                  {page, visited: [ids], answers: {id: last response},
 *                                        tries: {id: n}, credit: {id: 0|1}, first: {id: the first
 *                                        try's response, where a later one replaced it}, retakes: n;
 *                                        lang in a bundle}
 * Optional, for bundles (player/languages.js): preferredLanguages() -> ordered language tags the LMS
 * holds for the learner, read after start() (SCORM 1.2: cmi.student_preference.language; cmi5:
 * LMS.LaunchData's languagePreference). A tracker without it leaves the choice to the browser.
 *
 * Tries: a scored question takes q.attempts tries; after a right answer or the last try
 * it is locked and marks the learner's answer and the right one. The score counts
 * the first try (data.unit.scoring "first") or the best one ("best"). A retake (the result
 * page offers it) clears the scored answers: the tracker gets new answers, then a new outcome.
 *
 * Steps: a page with two or more questions shows one at a time ("Question 3 of 7"); the text
 * before a question goes with it, the text after the last one with the last. Next and Back move
 * a step, then a page; only a page change is a page view for the tracker and the bookmark.
 * Focus: after every page or step change on the new heading, after every check on its feedback;
 * never on a control that is about to go.
 */
(function () {
  "use strict";

  var QSER = (window.QSER = window.QSER || {});
  // A bundle's player/languages.js read the data first (and shows one language's screen).
  var data = QSER.unitData || JSON.parse(document.getElementById("unit-data").textContent);
  var pageIds = data.pages;
  var RESULT = pageIds.length; // index of the result page
  var state = { page: 0, step: 0, visited: {}, answers: {}, tries: {}, credit: {}, first: {}, retakes: 0 };
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
    showQuestion: function (form) { showQuestion(form); },
    showPage: function (id) { show(pageIds.indexOf(id), true, false, 0); },
    retake: function () { retake(); }
  };
  var questions, result;
  // A finished attempt's outcome as the LMS holds it (loadBookmark's `recorded`): shown and kept
  // while the answers here do not make a complete outcome (another device, no bookmark).
  var recorded = null;
  var outcome = function () {
    var o = questions.outcome();
    return recorded && !o.complete ? recorded : o;
  };

  // ---- steps: one question at a time ----

  /** The steps of a page: lists of its elements (the heading stays on every step). */
  function stepsOf(section) {
    var groups = [], pending = [];
    Array.prototype.forEach.call(section.children, function (el) {
      if (el.tagName === "H1") return;
      pending.push(el);
      if (el.matches("form.question")) {
        groups.push(pending);
        pending = [];
      }
    });
    if (!groups.length) return [pending];
    groups[groups.length - 1] = groups[groups.length - 1].concat(pending);
    return groups;
  }

  function stepCount(index) { return index === RESULT ? 1 : stepsOf(sections[index]).length; }

  function showStep(section, step) {
    stepsOf(section).forEach(function (group, i) {
      group.forEach(function (el) { el.hidden = i !== step; });
    });
  }

  /** Where a learner coming back to the unit (a bookmark) enters its page: the first question not
   * answered yet, else the last step when every one is answered. */
  function resumeStep(index) {
    if (index === RESULT) return 0;
    var groups = stepsOf(sections[index]);
    for (var i = 0; i < groups.length; i++) {
      var form = groups[i].filter(function (el) { return el.matches("form.question"); })[0];
      if (form && !(form.getAttribute("data-question") in state.answers)) return i;
    }
    return groups.length - 1;
  }

  // ---- pages ----

  function updateNav() {
    var onResult = state.page === RESULT;
    var last = state.page === RESULT - 1 && state.step === stepCount(state.page) - 1;
    document.getElementById("back").disabled = state.page === 0 && state.step === 0;
    var next = document.getElementById("next");
    next.hidden = onResult;
    next.textContent = last ? ui.finish : ui.next;
    var total = RESULT + 1; // the result page counts
    var steps = stepCount(state.page);
    var bar = document.getElementById("progress");
    bar.max = total;
    bar.value = onResult ? total : state.page + (state.step + 1) / steps;
    document.getElementById("progress-text").textContent = format(ui.progress, { n: state.page + 1, total: total });
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
    if (Object.keys(state.first).length) b.first = state.first;
    if (state.retakes) b.retakes = state.retakes;
    if (data.languages) b.lang = data.lang; // a bundle: the language shown
    return b;
  }

  /** Shows page `index` at `step` (-1: its last). `focusOn`: the element that takes the focus
   * (by default the page's heading on a page change, the question's on a step change); `again`:
   * the same page in another language, not a new visit for the tracker. */
  function show(index, moveFocus, again, step, focusOn) {
    var newPage = index !== state.page || !started;
    var section = index === RESULT ? resultSection : sections[index];
    var steps = stepCount(index);
    state.page = index;
    state.step = step < 0 ? steps - 1 : Math.min(step || 0, steps - 1);
    if (index === RESULT) result.render();
    else showStep(section, state.step);
    section.hidden = false;
    if (moveFocus) {
      // Before anything goes: the focus moves to what is new, never to the page itself.
      var form = index === RESULT ? null : stepsOf(section)[state.step].filter(function (el) { return el.matches("form.question"); })[0];
      var target = focusOn || (!newPage && form ? form.querySelector(".qnum") : section.querySelector("h1"));
      window.scrollTo(0, 0);
      target.focus({ preventScroll: true });
      var box = target.getBoundingClientRect();
      if (box.bottom > window.innerHeight) target.scrollIntoView({ block: "center" });
    }
    sections.concat([resultSection]).forEach(function (s) { if (s !== section) s.hidden = true; });
    var h1 = section.querySelector("h1").textContent;
    document.getElementById("unit-title").hidden = h1.trim() === data.unit.title.trim(); // said once
    updateNav();
    document.title = h1.trim() === data.unit.title.trim() ? h1 : format(ui.page_title, { page: h1, unit: data.unit.title }); // a page titled like the unit: named once
    if (newPage && index !== RESULT) { // a visit: not a step within the page, nor the page in another language
      var id = pageIds[index];
      state.visited[id] = true;
      tracker.pageViewed(id);
    }
    if (newPage || again) ctx.changed(); // a step within a page changes nothing to record
  }

  /** Opens the page and step a question is on, the keyboard focus on its heading. */
  function showQuestion(form) {
    var section = form.closest("section.page");
    var index = sections.indexOf(section);
    var step = 0;
    stepsOf(section).forEach(function (group, i) { if (group.indexOf(form) >= 0) step = i; });
    show(index, true, false, step, form.querySelector(".qnum"));
  }

  function retake() {
    var first = questions.retake();
    reported = null; // the retake's outcome is news, even when it equals the last one
    ctx.changed();
    showQuestion(first);
  }

  // ---- wiring (again for each language's screen a bundle shows) ----

  function bind() {
    ctx.ui = ui;
    questions = QSER.playerQuestions(ctx);
    ctx.questions = questions;
    result = QSER.playerResult(ctx, outcome);
    document.getElementById("back").addEventListener("click", function () {
      if (state.step > 0) show(state.page, true, false, state.step - 1);
      else if (state.page > 0) show(state.page - 1, true, false, -1);
    });
    document.querySelector(".skip").addEventListener("click", function (event) {
      event.preventDefault();
      var next = document.getElementById("next");
      (next.hidden ? document.getElementById("back") : next).focus();
    });
    document.getElementById("next").addEventListener("click", function () {
      if (state.page === RESULT) return;
      if (state.step < stepCount(state.page) - 1) show(state.page, true, false, state.step + 1);
      else show(state.page + 1, true, false, 0);
    });
  }
  bind();

  function kept() {
    return { answers: state.answers, tries: state.tries, credit: state.credit, first: state.first, retakes: state.retakes };
  }

  /** A language switch (player/languages.js): `swap` puts the other language's data and screen in
   * place; the state (page, step, answers, tries, score) stays and is shown again there, where the
   * learner was reading. */
  function relanguage(swap) {
    var place = started && window.scrollY ? readingPlace() : null;
    swap();
    findScreen();
    bind();
    if (exitTo) showExit();
    if (!started) return;
    questions.restore(kept());
    renderNotice();
    show(state.page, false, true, state.step);
    backTo(place);
  }

  function shownSection() { return state.page === RESULT ? resultSection : sections[state.page]; }

  /** Where the learner is reading: the first part of the page still on the screen, and how far down. */
  function readingPlace() {
    var parts = shownSection().children;
    for (var i = 0; i < parts.length; i++) {
      var box = parts[i].getBoundingClientRect();
      if (box.height && box.bottom > 0) return { index: i, offset: box.top };
    }
    return null;
  }

  /** The same part of the page in the other language at the same height; again as its figures load
   * (they move it), until the learner scrolls on their own. */
  function backTo(place) {
    if (!place) return;
    var section = shownSection(), moved = false;
    var put = function () {
      var part = section.children[place.index];
      if (part && !moved) window.scrollBy(0, part.getBoundingClientRect().top - place.offset);
    };
    put();
    ["wheel", "touchmove", "keydown"].forEach(function (kind) {
      window.addEventListener(kind, function () { moved = true; }, { once: true, passive: true });
    });
    Array.prototype.forEach.call(section.querySelectorAll("img"), function (img) {
      if (!img.complete) img.addEventListener("load", put, { once: true });
    });
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
      var at = resume(saved);
      show(at, false, false, resumeStep(at));
      started = true;
      document.documentElement.setAttribute("data-ready", "true");
    });

  QSER.player = { outcome: outcome, state: state, relanguage: relanguage };
})();
