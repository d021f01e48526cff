/*
 * The result page: score, pass or fail, what is left to do, and links to the questions
 * answered wrong. Part of the player script; player/player.js calls QSER.playerResult(ctx, outcome).
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  QSER.playerResult = function (ctx, outcome) {
    var data = ctx.data, ui = ctx.ui, state = ctx.state, format = ctx.format;

    function render() {
      var o = outcome();
      var box = document.getElementById("result");
      box.textContent = "";
      function line(text, cls) {
        var p = document.createElement("p");
        p.textContent = text;
        if (cls) p.className = cls;
        box.appendChild(p);
      }
      if (o.unseen) line(ctx.plural("unseen", o.unseen));
      if (o.unanswered) line(ctx.plural("unanswered", o.unanswered));
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
      ctx.showSection(form.closest("section.page"));
      var target = form.querySelector(".qnum");
      target.focus();
      target.scrollIntoView({ block: "start" });
    }

    return { render: render };
  };
})();
