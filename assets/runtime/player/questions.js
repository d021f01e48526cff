/*
 * The player's questions: tries, scoring, feedback, and answers put back from a bookmark.
 * What differs between question types lives in the type modules (types/*.js): this file
 * only calls them. Part of the player script (player/player.js, joined at build time);
 * player/player.js hands it the shared context: QSER.playerQuestions(ctx).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  QSER.playerQuestions = function (ctx) {
    var data = ctx.data, ui = ctx.ui, state = ctx.state, pageIds = data.pages, format = ctx.format;

    function typeOf(q) { return QSER.questionTypes[q.type]; }

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
        parts.push(q.feedback.wrong, ctx.plural("tries_left", left));
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
      var type = typeOf(q);
      if (correct === false && triesLeft(id) === 0) type.reveal(form, q);
      if (correct || triesLeft(id) === 0) type.lock(form);
    }

    /** A text area counts down its characters; a paste over the limit keeps what fits and says
     * how much did not (the browser would cut silently). Returns the characters lost so far. */
    function countCharacters(form, q, area) {
      var lost = 0;
      var left = form.querySelector(".hint");
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
      count();
      return function () { return lost; };
    }

    function wire(form) {
      var id = form.getAttribute("data-question");
      var q = data.questions[id];
      var area = form.querySelector("textarea");
      var lost = area ? countCharacters(form, q, area) : function () { return 0; };
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (form.classList.contains("locked")) return;
        var type = typeOf(q);
        var r = type.read(form, q);
        var box = form.querySelector(".feedback");
        if (r.problem) {
          box.className = "feedback problem";
          box.textContent = format(ui[r.problem], r.values || {});
          return;
        }
        var correct = type.judge(q, r.value);
        var attempt = (state.tries[id] || 0) + 1;
        state.answers[id] = r.value;
        state.tries[id] = attempt;
        if (attempt === 1 || data.unit.scoring === "best" && correct) state.credit[id] = correct ? 1 : 0;
        showFeedback(form, q, correct, triesLeft(id));
        settle(form, q, id, correct);
        var result = { correct: correct, attempt: attempt };
        if (lost()) result.given = r.value.length + lost();
        ctx.tracker.answered(Object.assign({ id: id }, q), r.value, result);
        ctx.changed();
      });
    }

    /** Puts a bookmark's answers back; returns how many could not be (their question changed or went). */
    function restore(saved) {
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
          var type = typeOf(q);
          var correct = type.judge(q, answers[id]);
          // A bookmark without tries (an older one) is taken as final: no free extra try.
          var tries = Number((saved.tries || {})[id]) || q.attempts || 1;
          var credit = (saved.credit || {})[id];
          state.answers[id] = answers[id];
          state.tries[id] = tries;
          state.credit[id] = credit === 0 || credit === 1 ? credit : correct ? 1 : 0;
          type.restore(form, q, answers[id]);
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
      return reset;
    }

    Array.prototype.forEach.call(document.querySelectorAll("form.question"), wire);
    return { outcome: outcome, restore: restore };
  };
})();
