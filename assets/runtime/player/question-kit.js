/*
 * What question types share, so that each type module (types/<type>.js) holds only what
 * makes it different. A type registers with QSER.questionType(name, spec); the player and
 * the adapters reach it as QSER.questionTypes[q.type] and never ask which type it is.
 *
 * A type: read(form, q) -> {value} or {problem, values} (a catalog key saying what is
 * expected); restore(form, q, r); judge(q, r) -> true | false | null (not scored);
 * words(form, q, r) -> the response as the learner reads it (lines of text, from the form's
 * own labels); rightWords(form, q) -> the right answer so; review(form, q, r, correct, ui):
 * after the last try or a right one, marks in the locked form what was right and wrong
 * (✓/✗ with words, the learner's own answer kept); parts(q, r) -> the response as parts
 * (docs in tracking/notation.js); encode(q, r) / decode(q, v): the compact bookmark value.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  QSER.questionTypes = QSER.questionTypes || {};

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  var SHORT_JOIN = /(^|[^\w-])(\w{1,2}-\w+)/g; // "Q-SER", "E-Mail": never broken at the hyphen

  var kit = {
    /** Text into `el`, a word joined to a part of one or two letters ("Q-SER") in a span that does
     * not wrap (builder/render/templates.py's keep_together does the same for the page's own text). */
    keepTogether: function (el, text) {
      text = String(text);
      var at = 0;
      text.replace(SHORT_JOIN, function (m, before, word, offset) {
        var start = offset + before.length;
        el.appendChild(document.createTextNode(text.slice(at, start)));
        var span = document.createElement("span");
        span.className = "nowrap";
        span.textContent = word;
        el.appendChild(span);
        at = start + word.length;
        return m;
      });
      el.appendChild(document.createTextNode(text.slice(at)));
      return el;
    },
    checked: function (form) {
      return Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return i.value; });
    },
    /** Ticks exactly the inputs whose values are in `values`. */
    tick: function (form, values) {
      each(form.querySelectorAll("input"), function (input) { input.checked = values.indexOf(input.value) >= 0; });
    },
    sameList: function (a, b) {
      return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
    },
    /** The letters of ids in `list` (a = the first authored): the bookmark's compact form. */
    letters: function (list, ids) {
      return ids.map(function (id) { return LETTERS.charAt(list.indexOf(id)); }).join("");
    },
    ids: function (list, letters) {
      return String(letters).split("").map(function (c) { return list[LETTERS.indexOf(c)]; });
    },
    /** The option ids of r in authored order, whatever order they were ticked in. */
    inOrder: function (q, r) {
      return q.options.filter(function (id) { return r.indexOf(id) >= 0; });
    },
    text: function (form) { return form.querySelector("input, textarea"); },
    /** A text answer: anything but blanks. */
    readText: function (form) {
      var text = kit.text(form).value;
      return text.trim() ? { value: text } : { problem: "write_first" };
    },
    restoreText: function (form, q, r) { kit.text(form).value = String(r); },
    /** Under each select with a place for it, the chosen option written out when the select is too
     * narrow to show it whole (a phone): for the eye only, the select itself says it. */
    showChosen: function (form) {
      each(form.querySelectorAll("select"), function (s) {
        var place = s.parentNode.querySelector(".chosen");
        if (!place) return;
        var option = s.options[s.selectedIndex];
        place.textContent = s.value && option && option.textContent.trim().length > 30 ? option.textContent.trim() : "";
      });
    },
    /** What a label says, without the marks a review added to it. */
    labelText: function (label) {
      var copy = label.cloneNode(true);
      each(copy.querySelectorAll(".mark"), function (m) { m.parentNode.removeChild(m); });
      return copy.textContent.replace(/\s+/g, " ").trim();
    },
    /** The label of the input with this value (an option, a source, an item). */
    optionLabel: function (form, value) {
      var input = form.querySelector('input[value="' + CSS.escape(String(value)) + '"]');
      return input ? kit.labelText(input.closest("label")) : String(value);
    },
    /** A mark after `el`'s text: "✓ Your answer: right", "✗ Your answer: wrong" or "✓ The right answer";
     * the sign for the eye, the words for everyone (never colour alone). */
    mark: function (el, kind, ui) {
      var span = document.createElement("span");
      span.className = "mark " + (kind === "yours_wrong" ? "bad" : "good");
      var sign = document.createElement("span");
      sign.setAttribute("aria-hidden", "true");
      sign.textContent = kind === "yours_wrong" ? "\u2717 " : "\u2713 ";
      span.appendChild(sign);
      span.appendChild(document.createTextNode(ui["mark_" + kind]));
      el.appendChild(span);
      return span;
    },
    /** A line under the answer: "✓ The right answer: …" (a list when it has several lines). */
    rightLine: function (form, after, lines, ui, key) {
      var box = document.createElement("div");
      box.className = "review right";
      var head = document.createElement("p");
      var sign = document.createElement("span");
      sign.setAttribute("aria-hidden", "true");
      sign.textContent = "\u2713 ";
      head.appendChild(sign);
      var label = document.createElement("strong");
      label.textContent = ui[key || "right_answer"];
      head.appendChild(label);
      if (lines.length === 1) head.appendChild(document.createTextNode(" " + lines[0]));
      box.appendChild(head);
      if (lines.length > 1) {
        var list = document.createElement("ol");
        lines.forEach(function (line) {
          var li = document.createElement("li");
          li.textContent = line;
          list.appendChild(li);
        });
        box.appendChild(list);
      }
      after.parentNode.insertBefore(box, after.nextSibling);
    },
    /** The review of a typed answer: the learner's text stays, marked; the right one below it. */
    reviewText: function (form, q, r, correct, ui) {
      var field = form.querySelector(".field");
      kit.mark(field.querySelector("label"), correct ? "yours_right" : "yours_wrong", ui);
      if (!correct) kit.rightLine(form, field, this.rightWords(form, q), ui);
    }
  };

  var defaults = {
    /** No more tries: the inputs keep the answer (readable, focusable, not changeable) and the
     * check button goes (the player moved the focus to the feedback first). */
    lock: function (form) {
      form.classList.add("locked");
      each(form.querySelectorAll("input, select, textarea"), function (el) {
        el.setAttribute("aria-disabled", "true");
        if (el.tagName === "SELECT") el.setAttribute("data-kept", el.value);
        else if (el.type !== "radio" && el.type !== "checkbox") el.readOnly = true;
      });
      var button = form.querySelector("button[type=submit]");
      if (button) button.hidden = true;
    },
    /** Open again for a retake: empty, unmarked, with its check button. */
    unlock: function (form) {
      form.classList.remove("locked");
      each(form.querySelectorAll(".mark, .review"), function (m) { m.parentNode.removeChild(m); });
      each(form.querySelectorAll("input, select, textarea"), function (el) {
        el.removeAttribute("aria-disabled");
        el.removeAttribute("data-kept");
        el.readOnly = false;
        if (el.type === "radio" || el.type === "checkbox") el.checked = false;
        else el.value = "";
      });
      var button = form.querySelector("button[type=submit]");
      if (button) button.hidden = false;
      var box = form.querySelector(".feedback");
      box.className = "feedback";
      box.textContent = "";
      kit.showChosen(form);
    },
    judge: function () { return null; },
    words: function (form, q, r) { return [String(r)]; },
    rightWords: function (form, q) { return this.words(form, q, q.correct); },
    review: function () {},
    parts: function (q, r) { return [r]; },
    encode: function (q, r) { return r; },
    decode: function (q, v) { return v; }
  };

  QSER.questionKit = kit;
  QSER.questionType = function (name, spec) {
    var type = Object.assign({}, defaults, spec);
    QSER.questionTypes[name] = type;
    return type;
  };
})();
