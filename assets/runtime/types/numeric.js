/* numeric: a number, right within q.tolerance; "7", " 7 ", "7,0" and "7.0" are all seven,
   "seven" or "7 partners" is not a number. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  var NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;
  QSER.questionType("numeric", {
    read: function (form) {
      var raw = kit.text(form).value.trim();
      if (!NUMBER.test(raw)) return { problem: "number_expected" };
      return { value: Number(raw.replace(",", ".")) };
    },
    restore: kit.restoreText,
    judge: function (q, r) { return Math.abs(r - q.correct) <= q.tolerance + 1e-9; }
  });
})();
