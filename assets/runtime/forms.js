/*
 * The question forms: reading what the learner entered, putting an answer back in,
 * and locking a question. Kept apart from player.js so that the player keeps to
 * pages, scoring and feedback. Loaded before player.js; provides QSER.forms.
 *
 * read(form, q) returns {value} or, for an answer it cannot take, {problem, values}:
 * `problem` names the catalog message that says what is expected.
 */
(function () {
  "use strict";

  var QSER = (window.QSER = window.QSER || {});
  var NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

  function checked(form) {
    return Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return i.value; });
  }

  function read(form, q) {
    switch (q.type) {
      case "true-false": {
        var tf = checked(form);
        return tf.length ? { value: tf[0] === "true" } : { problem: "choose_one" };
      }
      case "single-choice":
      case "likert": {
        var one = checked(form);
        if (!one.length) return { problem: "choose_one" };
        return { value: q.type === "likert" ? one[0] : [one[0]] };
      }
      case "multiple-choice": {
        var all = checked(form);
        return all.length ? { value: all } : { problem: "choose_some" };
      }
      case "matching": {
        var pairs = {};
        for (var s = 0; s < q.options.length; s++) {
          var picked = form.querySelector('input[name="' + CSS.escape(q.options[s]) + '"]:checked');
          if (!picked) return { problem: "match_all" };
          pairs[q.options[s]] = picked.value;
        }
        return { value: pairs };
      }
      case "sequencing": {
        var positions = [], used = {};
        var selects = form.querySelectorAll("select");
        for (var i = 0; i < selects.length; i++) {
          var p = selects[i].value;
          if (!p) return { problem: "position_all" };
          if (used[p]) return { problem: "position_twice", values: { n: p } };
          used[p] = true;
          positions.push([Number(p), selects[i].name]);
        }
        positions.sort(function (a, b) { return a[0] - b[0]; });
        return { value: positions.map(function (x) { return x[1]; }) };
      }
      case "numeric": {
        // "7", " 7 ", "7,0" and "7.0" are all seven; "seven" or "7 partners" is not a number.
        var raw = form.querySelector("input").value.trim();
        if (!NUMBER.test(raw)) return { problem: "number_expected" };
        return { value: Number(raw.replace(",", ".")) };
      }
      default: { // fill-in, free-text
        var text = form.querySelector("input, textarea").value;
        return text.trim() ? { value: text } : { problem: "write_first" };
      }
    }
  }

  function restore(form, q, r) {
    switch (q.type) {
      case "true-false":
        form.querySelector('input[value="' + (r ? "true" : "false") + '"]').checked = true;
        break;
      case "single-choice":
      case "multiple-choice":
      case "likert":
        Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
          input.checked = [].concat(r).indexOf(input.value) >= 0;
        });
        break;
      case "matching":
        Object.keys(r).forEach(function (k) {
          var input = form.querySelector('input[name="' + CSS.escape(k) + '"][value="' + CSS.escape(r[k]) + '"]');
          if (input) input.checked = true;
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

  /** The right answer in the form's own terms (what restore() takes). */
  function rightAnswer(q) {
    return q.type === "fill-in" ? q.correct[0] : q.correct;
  }

  /** No more tries: the inputs stop taking answers and the check button goes. */
  function lock(form) {
    form.classList.add("locked");
    Array.prototype.forEach.call(form.querySelectorAll("input, select, textarea"), function (el) { el.disabled = true; });
    var button = form.querySelector("button[type=submit]");
    if (button) button.hidden = true;
  }

  QSER.forms = { read: read, restore: restore, rightAnswer: rightAnswer, lock: lock };
})();
