/* Choice-like types share this: the response is a list of option ids, kept in the bookmark
   as their letters. single-choice and multiple-choice differ only in how many may be ticked. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  QSER.choiceLike = {
    restore: function (form, q, r) { kit.tick(form, [].concat(r)); },
    judge: function (q, r) { return kit.sameList(r.slice().sort(), q.correct.slice().sort()); },
    parts: function (q, r) { return kit.inOrder(q, r); },
    encode: function (q, r) { return kit.letters(q.options, r); },
    decode: function (q, v) { return kit.ids(q.options, v); }
  };
})();
