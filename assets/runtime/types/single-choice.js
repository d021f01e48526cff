/* single-choice: one option of several; the response is [option id]. */
(function () {
  "use strict";
  var QSER = window.QSER;
  QSER.questionType("single-choice", Object.assign({}, QSER.choiceLike, {
    read: function (form) {
      var one = QSER.questionKit.checked(form);
      return one.length ? { value: [one[0]] } : { problem: "choose_one" };
    }
  }));
})();
