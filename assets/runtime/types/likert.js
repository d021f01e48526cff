/* likert: one point of a scale, recorded and never scored; the response is the point's id. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  QSER.questionType("likert", {
    read: function (form) {
      var one = kit.checked(form);
      return one.length ? { value: one[0] } : { problem: "choose_one" };
    },
    restore: function (form, q, r) { kit.tick(form, [r]); },
    words: function (form, q, r) { return [kit.optionLabel(form, r)]; },
    encode: function (q, r) { return kit.letters(q.options, [r]); },
    decode: function (q, v) { return kit.ids(q.options, v)[0]; }
  });
})();
