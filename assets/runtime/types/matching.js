/* matching: one radio group per source (named by its id); the response is {source id: target id},
   the parts [[source, target], ...] in authored source order, the bookmark one target letter per source. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  function input(form, name, value) {
    return form.querySelector('input[name="' + CSS.escape(name) + '"]' + (value ? '[value="' + CSS.escape(value) + '"]' : ":checked"));
  }
  QSER.questionType("matching", {
    read: function (form, q) {
      var pairs = {};
      for (var s = 0; s < q.options.length; s++) {
        var picked = input(form, q.options[s]);
        if (!picked) return { problem: "match_all" };
        pairs[q.options[s]] = picked.value;
      }
      return { value: pairs };
    },
    restore: function (form, q, r) {
      Object.keys(r).forEach(function (k) {
        var picked = input(form, k, r[k]);
        if (picked) picked.checked = true;
      });
    },
    judge: function (q, r) { return Object.keys(q.correct).every(function (k) { return r[k] === q.correct[k]; }); },
    parts: function (q, r) { return q.options.map(function (src) { return [src, r[src]]; }); },
    encode: function (q, r) { return kit.letters(q.targets, q.options.map(function (src) { return r[src]; })); },
    decode: function (q, v) {
      var targets = kit.ids(q.targets, v), pairs = {};
      q.options.forEach(function (src, i) { pairs[src] = targets[i]; });
      return pairs;
    }
  });
})();
