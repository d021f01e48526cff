/*
 * The player: pages, navigation, questions, scoring, feedback, progress.
 * It knows nothing of SCORM or xAPI: it talks to the tracker that the adapter
 * script loaded before it provides as QSER.createTracker(data, ui).
 *
 * Tracker interface (every adapter implements all six; any may return a Promise):
 *   start()                              the learner opened the unit
 *   loadBookmark() -> state | null       where they left off
 *   pageViewed(pageId)
 *   answered(question, response, result) question: {id, type, ...}, result: {correct: true|false|null,
 *                                        given: length the learner gave, if a paste was cut to fit}
 *   finish(outcome)                      the unit is complete, or its outcome changed;
 *                                        outcome.restored: it was complete before this launch
 *                                        (a re-entry): nothing new to report, but the tracker
 *                                        must not treat the attempt as unfinished
 *   saveBookmark(state)                  {page, visited: [ids], answers: {id: response}}
 */
(function () {
  "use strict";

  var QSER = (window.QSER = window.QSER || {});
  var data = JSON.parse(document.getElementById("unit-data").textContent);
  var ui = data.ui;
  var pageIds = data.pages;
  var sections = pageIds.map(function (id) { return document.getElementById("page-" + id); });
  var resultSection = document.getElementById("page-result");
  var RESULT = pageIds.length; // index of the result page
  var state = { page: 0, visited: {}, answers: {} };
  var reported = null; // the last outcome handed to tracker.finish, as JSON
  var noticeEl = document.getElementById("notice");

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : m;
    });
  }

  var view = {
    notice: function (key) {
      noticeEl.textContent = ui[key] || key;
      noticeEl.hidden = false;
    },
    clearNotice: function () {
      noticeEl.hidden = true;
      noticeEl.textContent = "";
    }
  };

  var tracker = QSER.createTracker(data, view);

  // ---- scoring (the only place that decides right or wrong) ----

  function normalise(text) {
    return String(text).trim().replace(/\s+/g, " ").toLocaleLowerCase(data.lang);
  }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  function isCorrect(q, r) {
    switch (q.type) {
      case "true-false": return r === q.correct;
      case "single-choice":
      case "multiple-choice": return sameList(r.slice().sort(), q.correct.slice().sort());
      case "matching": return Object.keys(q.correct).every(function (k) { return r[k] === q.correct[k]; });
      case "sequencing": return sameList(r, q.correct);
      case "fill-in": return q.correct.some(function (a) { return normalise(a) === normalise(r); });
      case "numeric": return Math.abs(r - q.correct) <= q.tolerance + 1e-9;
      default: return null; // likert, free-text: recorded, not scored
    }
  }

  function outcome() {
    var total = 0, earned = 0, unanswered = 0;
    Object.keys(data.questions).forEach(function (id) {
      var q = data.questions[id];
      if (!q.scored) return;
      total += q.weight;
      if (!(id in state.answers)) { unanswered += 1; return; }
      if (isCorrect(q, state.answers[id])) earned += q.weight;
    });
    var unseen = pageIds.filter(function (id) { return !state.visited[id]; }).length;
    var pagesDone = data.unit.completion === "last-page" ? !!state.visited[pageIds[RESULT - 1]] : unseen === 0;
    var scored = total > 0;
    var score = scored && unanswered === 0 ? Math.round((100 * earned) / total) : null;
    return {
      complete: pagesDone && unanswered === 0,
      scored: scored,
      score: score,
      passed: score === null ? null : score >= data.unit.masteryScore,
      unanswered: unanswered,
      unseen: data.unit.completion === "last-page" ? (pagesDone ? 0 : 1) : unseen
    };
  }

  // ---- reading and restoring answers ----

  function readResponse(form, q) {
    var els = form.elements;
    switch (q.type) {
      case "true-false": {
        var tf = form.querySelector("input:checked");
        return tf ? { value: tf.value === "true" } : null;
      }
      case "single-choice":
      case "likert": {
        var one = form.querySelector("input:checked");
        if (!one) return null;
        return { value: q.type === "likert" ? one.value : [one.value] };
      }
      case "multiple-choice": {
        var all = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return i.value; });
        return all.length ? { value: all } : null;
      }
      case "matching": {
        var pairs = {}, complete = true;
        Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
          if (!s.value) complete = false;
          pairs[s.name] = s.value;
        });
        return complete ? { value: pairs } : null;
      }
      case "sequencing": {
        var positions = [], used = {};
        var selects = form.querySelectorAll("select");
        for (var i = 0; i < selects.length; i++) {
          var p = selects[i].value;
          if (!p || used[p]) return null;
          used[p] = true;
          positions.push([Number(p), selects[i].name]);
        }
        positions.sort(function (a, b) { return a[0] - b[0]; });
        return { value: positions.map(function (x) { return x[1]; }) };
      }
      case "numeric": {
        var raw = els[0].value.trim().replace(",", ".");
        if (!raw || isNaN(Number(raw))) return null;
        return { value: Number(raw) };
      }
      default: { // fill-in, free-text
        var text = form.querySelector("input, textarea").value;
        return text.trim() ? { value: text } : null;
      }
    }
  }

  function restoreResponse(form, q, r) {
    switch (q.type) {
      case "true-false":
        form.querySelector('input[value="' + (r ? "true" : "false") + '"]').checked = true;
        break;
      case "single-choice":
      case "multiple-choice":
      case "likert":
        [].concat(r).forEach(function (v) {
          var input = form.querySelector('input[value="' + CSS.escape(v) + '"]');
          if (input) input.checked = true;
        });
        break;
      case "matching":
        Object.keys(r).forEach(function (k) {
          var s = form.querySelector('select[name="' + CSS.escape(k) + '"]');
          if (s) s.value = r[k];
        });
        break;
      case "sequencing":
        r.forEach(function (id, i) {
          var s = form.querySelector('select[name="' + CSS.escape(id) + '"]');
          if (s) s.value = String(i + 1);
        });
        break;
      default:
        form.querySelector("input, textarea").value = String(r);
    }
  }

  function showFeedback(form, q, correct) {
    var box = form.querySelector(".feedback");
    var kind = correct === null ? "neutral" : correct ? "correct" : "wrong";
    box.className = "feedback " + kind;
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = correct === null ? ui.saved : correct ? ui.correct : ui.wrong;
    box.appendChild(head);
    if (q.feedback[kind]) box.appendChild(document.createTextNode(" " + q.feedback[kind]));
  }

  // ---- pages ----

  function updateNav() {
    var onResult = state.page === RESULT;
    document.getElementById("back").disabled = state.page === 0;
    var next = document.getElementById("next");
    next.hidden = onResult;
    next.textContent = state.page === RESULT - 1 ? ui.finish : ui.next;
    var n = Math.min(state.page + 1, RESULT);
    var bar = document.getElementById("progress");
    bar.value = n;
    document.getElementById("progress-text").textContent = format(ui.progress, { n: n, total: RESULT });
  }

  function renderResult() {
    var o = outcome();
    var box = document.getElementById("result");
    box.textContent = "";
    function line(text, cls) {
      var p = document.createElement("p");
      p.textContent = text;
      if (cls) p.className = cls;
      box.appendChild(p);
    }
    if (o.unseen) line(format(ui.unseen, { n: o.unseen }));
    if (o.unanswered) line(format(ui.unanswered, { n: o.unanswered }));
    if (o.score !== null) {
      line(format(ui.score, { score: o.score }), "score");
      line(format(o.passed ? ui.passed : ui.failed, { mastery: data.unit.masteryScore }), o.passed ? "passed" : "failed");
    } else if (o.complete) {
      line(ui.completed, "passed");
    }
  }

  function report() {
    var o = outcome();
    if (!o.complete) return;
    var key = JSON.stringify(o);
    if (key === reported) return;
    reported = key;
    tracker.finish(o);
  }

  function bookmark() {
    return {
      page: state.page === RESULT ? "" : pageIds[state.page],
      visited: pageIds.filter(function (id) { return state.visited[id]; }),
      answers: state.answers
    };
  }

  function show(index, moveFocus) {
    state.page = index;
    sections.concat([resultSection]).forEach(function (s, i) { s.hidden = i !== index; });
    if (index === RESULT) {
      renderResult();
    } else {
      var id = pageIds[index];
      state.visited[id] = true;
      tracker.pageViewed(id);
    }
    updateNav();
    report();
    tracker.saveBookmark(bookmark());
    if (moveFocus) {
      (index === RESULT ? resultSection : sections[index]).querySelector("h1").focus();
      window.scrollTo(0, 0);
    }
  }

  // ---- wiring ----

  Array.prototype.forEach.call(document.querySelectorAll("form.question"), function (form) {
    var id = form.getAttribute("data-question");
    var q = data.questions[id];
    var area = form.querySelector("textarea");
    var lost = 0; // characters of pastes that did not fit: the marker counts what was given
    if (area) {
      var left = form.querySelector(".hint");
      var count = function () {
        if (!area.value) lost = 0;
        var n = q.maxLength - area.value.length;
        var text = n > 0 ? format(ui.characters_left, { n: n }) : format(ui.limit_reached, { max: q.maxLength });
        if (lost) text += " " + format(ui.paste_cut, { n: lost, max: q.maxLength });
        left.textContent = text;
      };
      // A paste over the limit: keep what fits, and say how much did not (the browser would cut silently).
      area.addEventListener("paste", function (event) {
        var text = event.clipboardData ? event.clipboardData.getData("text") : "";
        var room = q.maxLength - area.value.length + (area.selectionEnd - area.selectionStart);
        if (text.length <= room) return;
        event.preventDefault();
        area.setRangeText(text.slice(0, Math.max(0, room)), area.selectionStart, area.selectionEnd, "end");
        lost += text.length - Math.max(0, room);
        area.dispatchEvent(new Event("input", { bubbles: true }));
      });
      area.addEventListener("input", count);
      count();
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var r = readResponse(form, q);
      var box = form.querySelector(".feedback");
      if (!r) {
        box.className = "feedback wrong";
        box.textContent = ui.answer_first;
        return;
      }
      var correct = isCorrect(q, r.value);
      state.answers[id] = r.value;
      showFeedback(form, q, correct);
      var given = area && lost ? { correct: correct, given: r.value.length + lost } : { correct: correct };
      tracker.answered(Object.assign({ id: id }, q), r.value, given);
      report();
      tracker.saveBookmark(bookmark());
    });
  });

  document.getElementById("back").addEventListener("click", function () {
    if (state.page > 0) show(state.page - 1, true);
  });
  document.getElementById("next").addEventListener("click", function () {
    if (state.page < RESULT) show(state.page + 1, true);
  });
  document.getElementById("review").addEventListener("click", function () { show(0, true); });

  function resume(saved) {
    if (saved && typeof saved === "object") {
      (saved.visited || []).forEach(function (id) { if (pageIds.indexOf(id) >= 0) state.visited[id] = true; });
      var answers = saved.answers || {};
      Object.keys(answers).forEach(function (id) {
        var q = data.questions[id];
        var form = document.getElementById("q-" + id);
        if (!q || !form) return;
        state.answers[id] = answers[id];
        try {
          restoreResponse(form, q, answers[id]);
          showFeedback(form, q, isCorrect(q, answers[id]));
        } catch (e) { /* a stale bookmark must not stop the unit */ }
      });
      var before = outcome();
      reported = JSON.stringify(before); // already reported in the earlier session
      if (before.complete) tracker.finish(Object.assign({ restored: true }, before));
      var at = saved.page === "" ? RESULT : pageIds.indexOf(saved.page);
      return at >= 0 ? at : 0;
    }
    return 0;
  }

  Promise.resolve(tracker.start())
    .then(function () { return tracker.loadBookmark(); })
    .catch(function () { return null; })
    .then(function (saved) {
      show(resume(saved), false);
      document.documentElement.setAttribute("data-ready", "true");
    });

  QSER.player = { outcome: outcome, state: state };
})();
