/*
 * What question types share, so that each type module (types/<type>.js) holds only what
 * makes it different. A type registers with QSER.questionType(name, spec); the player and
 * the adapters reach it as QSER.questionTypes[q.type] and never ask which type it is.
 *
 * A type: read(form, q) -> {value} or {problem, values} (a catalog key saying what is
 * expected); restore(form, q, r); reveal(form, q) (the right answer, after the last try);
 * lock(form); judge(q, r) -> true | false | null (not scored); parts(q, r) -> the response
 * as parts (docs in tracking/notation.js); encode(q, r) / decode(q, v): the compact bookmark value.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  QSER.questionTypes = QSER.questionTypes || {};

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  var kit = {
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
    restoreText: function (form, q, r) { kit.text(form).value = String(r); }
  };

  var defaults = {
    /** No more tries: the inputs stop taking answers and the check button goes. */
    lock: function (form) {
      form.classList.add("locked");
      each(form.querySelectorAll("input, select, textarea"), function (el) { el.disabled = true; });
      var button = form.querySelector("button[type=submit]");
      if (button) button.hidden = true;
    },
    reveal: function (form, q) { this.restore(form, q, q.correct); },
    judge: function () { return null; },
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
