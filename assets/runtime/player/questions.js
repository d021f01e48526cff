/*
 * The player's questions: tries, scoring, feedback, retakes, and answers put back from a bookmark.
 * What differs between question types lives in the type modules (types/*.js): this file
 * only calls them. Part of the player script (player/player.js, joined at build time);
 * player/player.js hands it the shared context: QSER.playerQuestions(ctx).
 *
 * One scoring truth, said three times in the same words: before the first scored question
 * (describe()), in the feedback of a try that can no longer change the score, and on the
 * result page. The score counts the first try (data.unit.scoring "first") or the best ("best").
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  QSER.playerQuestions = function (ctx) {
    var data = ctx.data, ui = ctx.ui, state = ctx.state, pageIds = data.pages, format = ctx.format;
    var firstCounts = data.unit.scoring !== "best";
    var recount = {}; // question id -> recounts its text area's characters (after a restore)

    function typeOf(q) { return QSER.questionTypes[q.type]; }
    function form(id) { return document.getElementById("q-" + id); }
    /** The scored questions in the order the unit shows them (the data's keys are sorted). */
    function scoredIds() {
      return Array.prototype.map.call(document.querySelectorAll("form.question"), function (f) {
        return f.getAttribute("data-question");
      }).filter(function (id) { return data.questions[id].scored; });
    }

    // ---- scoring (the only place that adds up right and wrong; judging is the type's) ----

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
      var lastPage = data.unit.completion === "last-page";
      var pagesDone = lastPage ? !!state.visited[pageIds[pageIds.length - 1]] : unseen === 0;
      var scored = total > 0;
      var score = scored && unanswered === 0 ? Math.round((100 * earned) / total) : null;
      return {
        complete: pagesDone && unanswered === 0,
        scored: scored,
        score: score,
        passed: score === null ? null : score >= data.unit.masteryScore,
        unanswered: unanswered,
        unseen: lastPage ? (pagesDone ? 0 : 1) : unseen
      };
    }

    function triesLeft(id) {
      var q = data.questions[id];
      return q.scored ? Math.max(0, q.attempts - (state.tries[id] || 0)) : Infinity;
    }

    /** The response the score counted: the first try's when a later one replaced it. */
    function counted(id) { return id in state.first ? state.first[id] : state.answers[id]; }

    /* A target may set retakes itself: the html package, which reports to no LMS, allows any number,
       after a pass too (practice); elsewhere the unit's number, after a fail only (an LMS keeps the grade). */
    var practice = "retakes" in (data.tracker || {});
    function retakesAllowed() {
      var allowed = practice ? data.tracker.retakes : data.unit.retakes;
      return allowed === null || allowed === undefined ? Infinity : allowed;
    }

    /** How many more times the check may be taken now (Infinity: no limit). */
    function retakesLeft() { return Math.max(0, retakesAllowed() - (state.retakes || 0)); }

    /** Whether the result page offers the check again for this outcome. */
    function mayRetake(o) { return o.score !== null && retakesLeft() > 0 && (!o.passed || practice); }

    /** Verdict from the catalog, then what the try means for the score, then the author's text:
     * authors never repeat the verdict (qser check refuses it). A wrong answer with tries left
     * gets the hint only; after the last try the question marks the right answer and the
     * "reveal" text explains it. */
    function showFeedback(el, q, correct, left, attempt) {
      var box = el.querySelector(".feedback");
      var kind = correct === null ? "neutral" : correct ? "correct" : "wrong";
      box.className = "feedback " + kind;
      box.textContent = "";
      var head = document.createElement("strong");
      head.textContent = correct === null ? ui.saved : correct ? ui.correct : ui.wrong;
      box.appendChild(head);
      var parts = [];
      var fixed = firstCounts && attempt > 1; // the score took the first try: this one changes nothing
      if (correct === false && left > 0) {
        parts.push(q.feedback.wrong, ctx.plural(firstCounts ? "tries_left_first" : "tries_left", left));
      } else if (correct === false) {
        parts.push(fixed ? ui.first_counted : "", ui.revealed, q.feedback.reveal || q.feedback.wrong);
      } else {
        parts.push(correct && fixed ? ui.first_counted : "", q.feedback[kind]);
      }
      parts.forEach(function (text) { if (text) QSER.questionKit.keepTogether(box, " " + text); });
    }

    /** After a right answer or the last try, the question takes no more answers and shows
     * what was right and wrong in it, the learner's own answer kept. */
    function settle(el, q, id, correct) {
      if (!q.scored || correct === null || (!correct && triesLeft(id) > 0)) return false;
      var type = typeOf(q);
      type.lock(el);
      type.review(el, q, state.answers[id], correct, ui);
      return true;
    }

    /** A text area counts down its characters; a paste over the limit keeps what fits and says
     * how much did not (the browser would cut silently). Returns the characters lost so far. */
    function countCharacters(el, q, area) {
      var lost = 0;
      var left = el.querySelector(".hint");
      var count = function () {
        if (!area.value) lost = 0;
        var n = q.maxLength - area.value.length;
        var text = n > 0 ? format(ui.characters_left, { n: n }) : format(ui.limit_reached, { max: q.maxLength });
        if (lost) text += " " + format(ui.paste_cut, { n: lost, max: q.maxLength });
        left.textContent = text;
      };
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
      recount[el.getAttribute("data-question")] = count;
      count();
      return function () { return lost; };
    }

    /* A locked question keeps its answer readable and focusable, but takes no change. */
    function keepLocked(el) {
      el.addEventListener("click", function (event) {
        var t = event.target;
        if (el.classList.contains("locked") && t.tagName === "INPUT" && (t.type === "radio" || t.type === "checkbox")) {
          event.preventDefault();
        }
      });
      el.addEventListener("change", function (event) {
        var t = event.target;
        if (el.classList.contains("locked") && t.tagName === "SELECT") t.value = t.getAttribute("data-kept");
        if (t.tagName === "SELECT") QSER.questionKit.showChosen(el);
      });
    }

    function wire(el) {
      var id = el.getAttribute("data-question");
      var q = data.questions[id];
      var area = el.querySelector("textarea");
      var lost = area ? countCharacters(el, q, area) : function () { return 0; };
      keepLocked(el);
      el.addEventListener("submit", function (event) {
        event.preventDefault();
        if (el.classList.contains("locked")) return;
        var type = typeOf(q);
        var r = type.read(el, q);
        var box = el.querySelector(".feedback");
        if (r.problem) {
          box.className = "feedback problem";
          box.textContent = format(ui[r.problem], r.values || {});
          box.focus(); // said once, by the focus (the box is no live region)
          return;
        }
        var correct = type.judge(q, r.value);
        var attempt = (state.tries[id] || 0) + 1;
        if (attempt > 1 && firstCounts && q.scored && !(id in state.first)) state.first[id] = state.answers[id];
        state.answers[id] = r.value;
        state.tries[id] = attempt;
        var counts = attempt === 1 || !firstCounts && correct; // this try is the one the score takes
        if (counts) state.credit[id] = correct ? 1 : 0;
        showFeedback(el, q, correct, triesLeft(id), attempt);
        box.focus(); // before the check button goes: the focus never falls to the page
        settle(el, q, id, correct);
        var result = { correct: correct, attempt: attempt, counts: counts };
        if (lost()) result.given = r.value.length + lost();
        ctx.tracker.answered(Object.assign({ id: id }, q), r.value, result);
        ctx.changed();
      });
    }

    /** Puts a bookmark's answers back; returns how many could not be (their question changed or went). */
    function restore(saved) {
      var answers = saved.answers || {};
      var reset = Number(saved.reset) || 0; // counted by a codec that could not place them
      state.retakes = Number(saved.retakes) || 0;
      Object.keys(answers).forEach(function (id) {
        var q = data.questions[id];
        var el = form(id);
        // Answered in another version of the question, or a question that went: not restored,
        // the question is open again and the learner is told (an answer without a mark comes
        // from a bookmark older than marks: kept, by id).
        if (!q || !el || saved.marks && saved.marks[id] !== undefined && saved.marks[id] !== q.mark) {
          reset++;
          return;
        }
        try {
          var type = typeOf(q);
          var correct = type.judge(q, answers[id]);
          // A bookmark without tries (an older one) is taken as final: no free extra try.
          var tries = Number((saved.tries || {})[id]) || q.attempts || 1;
          var credit = (saved.credit || {})[id];
          var first = (saved.first || {})[id];
          state.answers[id] = answers[id];
          state.tries[id] = tries;
          state.credit[id] = credit === 0 || credit === 1 ? credit : correct ? 1 : 0;
          if (first !== undefined && first !== null) state.first[id] = first;
          type.restore(el, q, answers[id]);
          QSER.questionKit.showChosen(el);
          if (recount[id]) recount[id]();
          showFeedback(el, q, correct, triesLeft(id), tries);
          settle(el, q, id, correct);
        } catch (e) {
          // A bookmark that does not fit must not stop the unit: the question stays open.
          if (window.console) console.warn("qser: the saved answer to '" + id + "' was not restored: " + e);
          delete state.answers[id];
          delete state.tries[id];
          delete state.credit[id];
          delete state.first[id];
        }
      });
      return reset;
    }

    /** The knowledge check again: every scored answer, try and credit cleared, the questions
     * open; reflections and pages seen stay. Returns the first scored question's form. */
    function retake() {
      state.retakes = (state.retakes || 0) + 1;
      scoredIds().forEach(function (id) {
        delete state.answers[id];
        delete state.tries[id];
        delete state.credit[id];
        delete state.first[id];
        typeOf(data.questions[id]).unlock(form(id));
      });
      return form(scoredIds()[0]);
    }

    function percent(n) { return format(ui.percent, { n: n }); }

    /** "How this knowledge check works", before the first scored question: from the unit's data. */
    function describe() {
      var ids = scoredIds();
      var first = ids.length ? form(ids[0]) : null;
      if (!first) return;
      var box = document.createElement("section");
      box.className = "check-rules";
      box.setAttribute("aria-labelledby", "check-rules-title");
      var title = document.createElement("h2");
      title.id = "check-rules-title";
      title.textContent = ui.check_title;
      box.appendChild(title);
      var tries = ids.map(function (id) { return data.questions[id].attempts; });
      var most = Math.max.apply(null, tries);
      var lines = [ctx.plural("check_size", ids.length, { mastery: percent(data.unit.masteryScore) })];
      lines.push(tries.every(function (n) { return n === most; }) ? ctx.plural("check_tries", most) : ui.check_tries_vary);
      if (most > 1) lines.push(firstCounts ? ui.check_counts_first : ui.check_counts_best);
      var allowed = retakesAllowed();
      lines.push(practice ? ui.check_retakes_practice : allowed === Infinity ? ui.check_retakes_unlimited
        : allowed ? ctx.plural("check_retakes", allowed) : ui.check_retakes_none);
      var list = document.createElement("ul");
      lines.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        list.appendChild(li);
      });
      box.appendChild(list);
      first.parentNode.insertBefore(box, first);
    }

    Array.prototype.forEach.call(document.querySelectorAll("form.question"), wire);
    describe();
    return {
      outcome: outcome, restore: restore, retake: retake, retakesLeft: retakesLeft, mayRetake: mayRetake, counted: counted,
      typeOf: typeOf, percent: percent, firstCounts: firstCounts
    };
  };
})();
