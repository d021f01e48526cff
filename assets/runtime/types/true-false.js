/* true-false: two radio buttons; the response is true or false. */
(function () {
  "use strict";
  var QSER = window.QSER;
  QSER.questionType("true-false", {
    read: function (form) {
      var picked = QSER.questionKit.checked(form);
      return picked.length ? { value: picked[0] === "true" } : { problem: "choose_one" };
    },
    restore: function (form, q, r) {
      form.querySelector('input[value="' + (r ? "true" : "false") + '"]').checked = true;
    },
    judge: function (q, r) { return r === q.correct; },
    encode: function (q, r) { return r ? 1 : 0; },
    decode: function (q, v) { return v === 1; }
  });
})();
