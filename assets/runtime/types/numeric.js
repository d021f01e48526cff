/* numeric: a number, right within q.tolerance; "7", " 7 ", "7,0" and "7.0" are all seven,
   "seven" or "7 partners" is not a number. The player shows no example number: any could be
   an accepted answer. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  var NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;
  function shown(n) {
    return Number(n).toLocaleString(document.documentElement.lang || undefined, { useGrouping: false, maximumFractionDigits: 10 });
  }
  QSER.questionType("numeric", {
    read: function (form) {
      var raw = kit.text(form).value.trim();
      if (!NUMBER.test(raw)) return { problem: "number_expected" };
      return { value: Number(raw.replace(",", ".")) };
    },
    restore: kit.restoreText,
    judge: function (q, r) { return Math.abs(r - q.correct) <= q.tolerance + 1e-9; },
    words: function (form, q, r) { return [shown(r)]; },
    rightWords: function (form, q) { return [shown(q.correct) + (q.tolerance ? " (\u00b1 " + shown(q.tolerance) + ")" : "")]; },
    review: kit.reviewText
  });
})();
