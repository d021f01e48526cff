/* fill-in: a short text, right when it equals one of q.correct (every language's answers)
   ignoring case and runs of spaces. The parts carry the text as it was compared. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  function compact(text) { return String(text).trim().replace(/\s+/g, " "); }
  function normalise(text) { return compact(text).toLocaleLowerCase(document.documentElement.lang || undefined); }
  QSER.questionType("fill-in", {
    read: kit.readText,
    restore: kit.restoreText,
    judge: function (q, r) { return q.correct.some(function (a) { return normalise(a) === normalise(r); }); },
    words: function (form, q, r) { return [compact(r)]; },
    rightWords: function (form, q) { return [q.correct[0]]; }, // the shown language's first answer
    review: kit.reviewText,
    parts: function (q, r) { return [compact(r)]; }
  });
})();
