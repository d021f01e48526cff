/* multiple-choice: any options; the response is the ticked option ids. */
(function () {
  "use strict";
  var QSER = window.QSER;
  QSER.questionType("multiple-choice", Object.assign({}, QSER.choiceLike, {
    read: function (form) {
      var all = QSER.questionKit.checked(form);
      return all.length ? { value: all } : { problem: "choose_some" };
    }
  }));
})();
