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
 *                                        attempt: 1, 2, ...; every try is its own call;
 *                                        given: length the learner gave, if a paste was cut to fit}
 *   finish(outcome)                      the unit is complete, or its outcome changed;
 *                                        outcome.restored: it was complete before this launch
 *                                        (a re-entry): nothing new to report, but the tracker
 *                                        must not treat the attempt as unfinished
 *   saveBookmark(state)                  {page, visited: [ids], answers: {id: last response},
 *                                        tries: {id: n}, credit: {id: 0|1}}
 *
 * Tries: a scored question takes q.attempts tries; after a right answer or the last try
 * it is locked, and after a wrong last try the right answer is shown. The score counts
 * the first try (data.unit.scoring "first") or the best one ("best").
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
  var state = { page: 0, visited: {}, answers: {}, tries: {}, credit: {} };
  var forms = QSER.forms;
  var plurals = new Intl.PluralRules(data.lang);
  var reported = null; // the last outcome handed to tracker.finish, as JSON
  var noticeEl = document.getElementById("notice");

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

  var view = {
    notice: function (key, values) {
      noticeEl.textContent = format(ui[key] || key, values || {});
      noticeEl.hidden = false;
    },
    clearNotice: function () {
      noticeEl.hidden = true;
      noticeEl.textContent = "";
    },
    // A tracker whose LMS wants the learner sent back (cmi5's returnURL) offers an Exit button.
    offerExit: function (go) {
      var exit = document.getElementById("exit");
      exit.hidden = false;
      exit.addEventListener("click", go);
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
      if (state.credit[id]) earned += q.weight;
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

  function triesLeft(id) {
    var q = data.questions[id];
    return q.scored ? Math.max(0, q.attempts - (state.tries[id] || 0)) : Infinity;
  }

  /** Verdict from the catalog, then the author's text: authors never repeat the verdict
   * (qser check refuses it). A wrong answer with tries left gets the hint only; after the
   * last try the right answer is shown and the "reveal" text explains it. */
  function showFeedback(form, q, correct, left) {
    var box = form.querySelector(".feedback");
    var kind = correct === null ? "neutral" : correct ? "correct" : "wrong";
    box.className = "feedback " + kind;
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = correct === null ? ui.saved : correct ? ui.correct : ui.wrong;
    box.appendChild(head);
    var parts = [];
    if (correct === false && left > 0) {
      parts.push(q.feedback.wrong, plural("tries_left", left));
    } else if (correct === false) {
      parts.push(ui.revealed, q.feedback.reveal || q.feedback.wrong);
    } else {
      parts.push(q.feedback[kind]);
    }
    parts.forEach(function (text) { if (text) box.appendChild(document.createTextNode(" " + text)); });
  }

  /** After a right answer or the last try, the question takes no more answers. */
  function settle(form, q, id, correct) {
    if (!q.scored || correct === null) return;
    if (correct === false && triesLeft(id) === 0) forms.restore(form, q, forms.rightAnswer(q));
    if (correct || triesLeft(id) === 0) forms.lock(form);
  }

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
    if (o.unseen) line(plural("unseen", o.unseen));
    if (o.unanswered) line(plural("unanswered", o.unanswered));
    if (o.score !== null) {
      line(format(ui.score, { score: o.score }), "score");
      line(format(o.passed ? ui.passed : ui.failed, { mastery: data.unit.masteryScore }), o.passed ? "passed" : "failed");
    } else if (o.complete) {
      line(ui.completed, "passed");
    }
    var inOrder = Array.prototype.map.call(document.querySelectorAll("form.question"), function (f) {
      return f.getAttribute("data-question");
    });
    var wrong = inOrder.filter(function (id) {
      return data.questions[id].scored && id in state.answers && !state.credit[id];
    });
    if (!wrong.length) return;
    line(ui.wrong_list);
    var list = document.createElement("ul");
    list.className = "wrong-list";
    wrong.forEach(function (id) {
      var form = document.getElementById("q-" + id);
      var a = document.createElement("a");
      a.href = "#q-" + id;
      a.textContent = form.querySelector(".qnum").textContent + ": " + form.getAttribute("data-prompt");
      a.addEventListener("click", function (event) {
        event.preventDefault();
        goToQuestion(form);
      });
      var li = document.createElement("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  /** Opens the page a question is on and puts the keyboard focus on the question. */
  function goToQuestion(form) {
    show(sections.indexOf(form.closest("section.page")), false);
    var target = form.querySelector(".qnum");
    target.focus();
    target.scrollIntoView({ block: "start" });
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
    return {
      page: state.page === RESULT ? "" : pageIds[state.page],
      visited: pageIds.filter(function (id) { return state.visited[id]; }),
      answers: state.answers,
      tries: state.tries,
      credit: state.credit,
      marks: marks(state.answers)
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
    var section = index === RESULT ? resultSection : sections[index];
    document.title = format(ui.page_title, { page: section.querySelector("h1").textContent, unit: data.unit.title });
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
      if (form.classList.contains("locked")) return;
      var r = forms.read(form, q);
      var box = form.querySelector(".feedback");
      if (r.problem) {
        box.className = "feedback problem";
        box.textContent = format(ui[r.problem], r.values || {});
        return;
      }
      var correct = isCorrect(q, r.value);
      var attempt = (state.tries[id] || 0) + 1;
      state.answers[id] = r.value;
      state.tries[id] = attempt;
      if (attempt === 1 || data.unit.scoring === "best" && correct) state.credit[id] = correct ? 1 : 0;
      showFeedback(form, q, correct, triesLeft(id));
      settle(form, q, id, correct);
      var result = { correct: correct, attempt: attempt };
      if (area && lost) result.given = r.value.length + lost;
      tracker.answered(Object.assign({ id: id }, q), r.value, result);
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

  function resume(saved) {
    if (saved && typeof saved === "object") {
      (saved.visited || []).forEach(function (id) { if (pageIds.indexOf(id) >= 0) state.visited[id] = true; });
      var answers = saved.answers || {};
      var reset = Number(saved.reset) || 0; // counted by a codec that could not place them
      Object.keys(answers).forEach(function (id) {
        var q = data.questions[id];
        var form = document.getElementById("q-" + id);
        // Answered in another version of the question, or a question that went: not restored,
        // the question is open again and the learner is told (an answer without a mark comes
        // from a bookmark older than marks: kept, by id).
        if (!q || !form || saved.marks && saved.marks[id] !== undefined && saved.marks[id] !== q.mark) {
          reset++;
          return;
        }
        try {
          var correct = isCorrect(q, answers[id]);
          // A bookmark without tries (an older one) is taken as final: no free extra try.
          var tries = Number((saved.tries || {})[id]) || q.attempts || 1;
          var credit = (saved.credit || {})[id];
          state.answers[id] = answers[id];
          state.tries[id] = tries;
          state.credit[id] = credit === 0 || credit === 1 ? credit : correct ? 1 : 0;
          forms.restore(form, q, answers[id]);
          showFeedback(form, q, correct, triesLeft(id));
          settle(form, q, id, correct);
        } catch (e) {
          // A bookmark that does not fit must not stop the unit: the question stays open.
          if (window.console) console.warn("qser: the saved answer to '" + id + "' was not restored: " + e);
          delete state.answers[id];
          delete state.tries[id];
          delete state.credit[id];
        }
      });
      if (reset) {
        noticeEl.textContent = plural("answers_reset", reset);
        noticeEl.hidden = false;
      }
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
    .catch(function (e) {
      if (window.console) console.warn("qser: no bookmark read, starting at the beginning: " + e);
      return null;
    })
    .then(function (saved) {
      show(resume(saved), false);
      document.documentElement.setAttribute("data-ready", "true");
    });

  QSER.player = { outcome: outcome, state: state };
})();
