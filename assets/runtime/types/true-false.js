/* true-false: two radio buttons; the response is true or false. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  QSER.questionType("true-false", {
    read: function (form) {
      var picked = kit.checked(form);
      return picked.length ? { value: picked[0] === "true" } : { problem: "choose_one" };
    },
    restore: function (form, q, r) {
      form.querySelector('input[value="' + (r ? "true" : "false") + '"]').checked = true;
    },
    judge: function (q, r) { return r === q.correct; },
    words: function (form, q, r) { return [kit.optionLabel(form, r ? "true" : "false")]; },
    review: function (form, q, r, correct, ui) {
      kit.mark(form.querySelector('input[value="' + String(!!r) + '"]').closest("label"), correct ? "yours_right" : "yours_wrong", ui);
      if (!correct) kit.mark(form.querySelector('input[value="' + String(!!q.correct) + '"]').closest("label"), "right", ui);
    },
    encode: function (q, r) { return r ? 1 : 0; },
    decode: function (q, v) { return v === 1; }
  });
})();
