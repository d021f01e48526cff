/* free-text: any text up to q.maxLength, recorded and never scored. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  QSER.questionType("free-text", { read: kit.readText, restore: kit.restoreText });
})();
