/* sequencing: a position select per item (named by its id); the response is the ids in the
   learner's order. The review marks each item's position ✓ or ✗ and shows the right order. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  function itemText(form, id) {
    return kit.labelText(form.querySelector('label[for="' + CSS.escape(form.querySelector('select[name="' + CSS.escape(id) + '"]').id) + '"]'));
  }
  QSER.questionType("sequencing", {
    ordered: true, // its words are a sequence: the result page numbers them
    read: function (form) {
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
    },
    restore: function (form, q, r) {
      r.forEach(function (id, i) {
        var s = form.querySelector('select[name="' + CSS.escape(id) + '"]');
        if (s) s.value = String(i + 1);
      });
    },
    judge: function (q, r) { return kit.sameList(r, q.correct); },
    words: function (form, q, r) { return r.map(function (id) { return itemText(form, id); }); },
    review: function (form, q, r, correct, ui) {
      if (!correct) r.forEach(function (id, i) { // which places were right: only worth saying when some were not
        var label = form.querySelector('label[for="' + CSS.escape(form.querySelector('select[name="' + CSS.escape(id) + '"]').id) + '"]');
        kit.mark(label, q.correct[i] === id ? "yours_right" : "yours_wrong", ui);
      });
      kit.rightLine(form, form.querySelector("fieldset"), this.rightWords(form, q), ui, "right_order");
    },
    parts: function (q, r) { return r.slice(); },
    encode: function (q, r) { return kit.letters(q.options, r); },
    decode: function (q, v) { return kit.ids(q.options, v); }
  });
})();
