/* Choice-like types share this: the response is a list of option ids, kept in the bookmark
   as their letters. single-choice and multiple-choice differ only in how many may be ticked.
   The review marks each option the learner ticked ✓ or ✗, and a right one they missed. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  QSER.choiceLike = {
    restore: function (form, q, r) { kit.tick(form, [].concat(r)); },
    judge: function (q, r) { return kit.sameList(r.slice().sort(), q.correct.slice().sort()); },
    words: function (form, q, r) {
      return kit.inOrder(q, [].concat(r)).map(function (id) { return kit.optionLabel(form, id); });
    },
    review: function (form, q, r, correct, ui) {
      var picked = [].concat(r), right = [].concat(q.correct);
      Array.prototype.forEach.call(form.querySelectorAll("label.option"), function (label) {
        var id = label.querySelector("input").value;
        if (picked.indexOf(id) >= 0) kit.mark(label, right.indexOf(id) >= 0 ? "yours_right" : "yours_wrong", ui);
        else if (right.indexOf(id) >= 0) kit.mark(label, "right", ui);
      });
    },
    parts: function (q, r) { return kit.inOrder(q, r); },
    encode: function (q, r) { return kit.letters(q.options, r); },
    decode: function (q, v) { return kit.ids(q.options, v); }
  };
})();
