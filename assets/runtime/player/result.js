/*
 * The result page: passed or not, with the score and the pass mark; what to do next (links to
 * pages not read and questions not answered, a retake when the unit allows one); a review of
 * every scored question (the answer that counted, the right one, why); the reflections given or
 * skipped. Part of the player script; player/player.js calls QSER.playerResult(ctx, outcome).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  QSER.playerResult = function (ctx, outcome) {
    var data = ctx.data, ui = ctx.ui, state = ctx.state, format = ctx.format, questions = ctx.questions;

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) keepTogether(e, text);
      return e;
    }

    function keepTogether(e, text) { return QSER.questionKit.keepTogether(e, text); }

    function sign(e, good) {
      var s = el("span", "sign", good ? "\u2713 " : "\u2717 ");
      s.setAttribute("aria-hidden", "true");
      e.insertBefore(s, e.firstChild);
      return e;
    }

    /** A text, and its lines below it as a list when there are several (numbered when their
     * order is the answer: the type says `ordered`). */
    function answerBlock(label, lines, cls, ordered) {
      var wrap = el("div", "answer " + (cls || ""));
      var p = el("p");
      p.appendChild(el("strong", "", label));
      if (lines.length === 1) p.appendChild(el("span", "", " " + lines[0]));
      wrap.appendChild(p);
      if (lines.length > 1) {
        var list = el(ordered ? "ol" : "ul");
        lines.forEach(function (line) { list.appendChild(el("li", "", line)); });
        wrap.appendChild(list);
      }
      return wrap;
    }

    function link(text, href, go) {
      var a = el("a", "", text);
      a.href = href;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        go();
      });
      return a;
    }

    function formsInOrder() {
      return Array.prototype.slice.call(document.querySelectorAll("form.question"));
    }

    function questionLink(form) {
      return link(form.getAttribute("data-prompt"), "#" + form.id, function () { ctx.showQuestion(form); });
    }

    function linkList(items) {
      var list = el("ul", "links");
      items.forEach(function (a) {
        var li = el("li");
        li.appendChild(a);
        list.appendChild(li);
      });
      return list;
    }

    function section(box, titleKey) {
      var s = el("section", "result-part");
      var h = el("h2", "", ui[titleKey]);
      h.id = "result-" + titleKey;
      s.setAttribute("aria-labelledby", h.id);
      s.appendChild(h);
      box.appendChild(s);
      return s;
    }

    /** Passed or not, the score against the pass mark, which try counted. */
    function verdict(box, o) {
      if (o.score !== null) {
        var mark = { mastery: data.unit.masteryScore };
        box.appendChild(el("p", "score", format(ui.score, { score: o.score })));
        box.appendChild(sign(el("p", "verdict " + (o.passed ? "passed" : "failed"), format(o.passed ? ui.passed : ui.failed, mark)), o.passed));
        box.appendChild(el("p", "", questions.firstCounts ? ui.counted_first : ui.counted_best));
      } else if (o.complete) {
        box.appendChild(sign(el("p", "verdict passed", ui.completed), true));
      } else {
        box.appendChild(el("p", "verdict", ui.not_done));
      }
    }

    /** What to do next: what is left, a retake, or that the unit is done. */
    function next(box, o) {
      var part = section(box, "next_title");
      var forms = formsInOrder();
      var unseen = data.pages.filter(function (id) { return !state.visited[id]; });
      if (o.unseen && unseen.length) {
        part.appendChild(el("p", "", ctx.plural("unseen", unseen.length)));
        part.appendChild(linkList(unseen.map(function (id) {
          var title = document.getElementById("page-" + id).querySelector("h1").textContent;
          return link(title, "#page-" + id, function () { ctx.showPage(id); });
        })));
      }
      var open = forms.filter(function (f) {
        var id = f.getAttribute("data-question");
        return data.questions[id].scored && !(id in state.answers);
      });
      if (open.length) {
        part.appendChild(el("p", "", ctx.plural("unanswered", open.length)));
        part.appendChild(linkList(open.map(questionLink)));
      }
      if (o.score !== null) {
        var again = questions.mayRetake(o);
        var key = o.passed ? (again ? "next_practice" : "next_passed") : again ? "next_retake" : "next_failed";
        part.appendChild(el("p", "", ui[key]));
        if (again) {
          var left = questions.retakesLeft();
          if (left !== Infinity) part.appendChild(el("p", "hint", ctx.plural("retakes_left", left)));
          var button = el("button", "retake", ui.retake);
          button.type = "button";
          button.addEventListener("click", function () { ctx.retake(); });
          var p = el("p");
          p.appendChild(button);
          part.appendChild(p);
        }
      } else if (o.complete) {
        part.appendChild(el("p", "", ui.next_passed));
      }
    }

    /** Every scored question answered: the answer that counted, the right one, why. */
    function review(box) {
      var scored = formsInOrder().filter(function (f) { return data.questions[f.getAttribute("data-question")].scored; });
      var answered = scored.filter(function (f) { return f.getAttribute("data-question") in state.answers; });
      if (!answered.length) return;
      var part = section(box, "review_title");
      var list = el("ol", "review-list");
      answered.forEach(function (form) {
        var id = form.getAttribute("data-question");
        var q = data.questions[id], type = questions.typeOf(q);
        var right = !!state.credit[id];
        var item = el("li", "review-item " + (right ? "good" : "bad"));
        // Folded: the list stays short on a phone; each opens to the answers and the why.
        var fold = el("details");
        var head = el("summary");
        head.appendChild(sign(el("span", "tag", right ? ui.review_right : ui.review_wrong), right));
        var title = el("span", "", " " + format(ui.question_number, { n: scored.indexOf(form) + 1 }) + ": ");
        keepTogether(title, form.getAttribute("data-prompt"));
        head.appendChild(title);
        fold.appendChild(head);
        fold.appendChild(answerBlock(ui.answer_counted, type.words(form, q, questions.counted(id)), right ? "good" : "bad", type.ordered));
        if (id in state.first && type.judge(q, state.answers[id])) { // right later: that is the right answer
          fold.appendChild(answerBlock(ui.answer_later, type.words(form, q, state.answers[id]), "good", type.ordered));
        } else if (!right) {
          fold.appendChild(answerBlock(ui.answer_right, type.rightWords(form, q), "good", type.ordered));
        }
        var why = right ? q.feedback.correct : q.feedback.reveal || q.feedback.correct;
        if (why) fold.appendChild(el("p", "why", why));
        var p = el("p");
        p.appendChild(link(ui.open_question, "#" + form.id, function () { ctx.showQuestion(form); }));
        fold.appendChild(p);
        item.appendChild(fold);
        list.appendChild(item);
      });
      part.appendChild(list);
    }

    /** The unscored questions: what the learner wrote, or a link to write it. */
    function reflections(box) {
      var forms = formsInOrder().filter(function (f) { return !data.questions[f.getAttribute("data-question")].scored; });
      if (!forms.length) return;
      var part = section(box, "reflections_title");
      var list = el("ul", "reflection-list");
      forms.forEach(function (form) {
        var id = form.getAttribute("data-question");
        var q = data.questions[id];
        var item = el("li");
        item.appendChild(el("p", "prompt", form.getAttribute("data-prompt")));
        if (id in state.answers) {
          var said = el("blockquote");
          questions.typeOf(q).words(form, q, state.answers[id]).forEach(function (line) { said.appendChild(el("p", "", line)); });
          item.appendChild(said);
        } else {
          var p = el("p", "", ui.reflection_skipped + " ");
          p.appendChild(link(ui.answer_now, "#" + form.id, function () { ctx.showQuestion(form); }));
          item.appendChild(p);
        }
        list.appendChild(item);
      });
      part.appendChild(list);
    }

    function render() {
      var o = outcome();
      var box = document.getElementById("result");
      box.textContent = "";
      verdict(box, o);
      next(box, o);
      review(box);
      reflections(box);
    }

    return { render: render };
  };
})();
