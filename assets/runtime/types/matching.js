/* matching: one select per source (named by its id) listing the targets, so that each long
   target text is written once per list, not once per source; the response is {source id: target id},
   the parts [[source, target], ...] in authored source order, the bookmark one target letter per source. */
(function () {
  "use strict";
  var QSER = window.QSER, kit = QSER.questionKit;
  function select(form, name) { return form.querySelector('select[name="' + CSS.escape(name) + '"]'); }
  function targetText(form, src, target) {
    var option = select(form, src).querySelector('option[value="' + CSS.escape(String(target)) + '"]');
    return option ? option.textContent.trim() : String(target);
  }
  function sourceText(form, src) { return kit.labelText(form.querySelector('label[for="' + CSS.escape(select(form, src).id) + '"]')); }
  QSER.questionType("matching", {
    read: function (form, q) {
      var pairs = {};
      for (var s = 0; s < q.options.length; s++) {
        var picked = select(form, q.options[s]).value;
        if (!picked) return { problem: "match_all" };
        pairs[q.options[s]] = picked;
      }
      return { value: pairs };
    },
    restore: function (form, q, r) {
      Object.keys(r).forEach(function (k) {
        var s = select(form, k);
        if (s) s.value = r[k];
      });
    },
    judge: function (q, r) { return Object.keys(q.correct).every(function (k) { return r[k] === q.correct[k]; }); },
    words: function (form, q, r) {
      return q.options.map(function (src) { return sourceText(form, src) + " \u2192 " + targetText(form, src, r[src]); });
    },
    review: function (form, q, r, correct, ui) {
      if (correct) return; // the verdict says it: no mark on every row
      q.options.forEach(function (src) {
        var label = form.querySelector('label[for="' + CSS.escape(select(form, src).id) + '"]');
        var right = r[src] === q.correct[src];
        kit.mark(label, right ? "yours_right" : "yours_wrong", ui);
        var shown = select(form, src).parentNode.querySelector(".chosen") || select(form, src); // under the learner's choice
        if (!right) kit.rightLine(form, shown, [targetText(form, src, q.correct[src])], ui);
      });
    },
    parts: function (q, r) { return q.options.map(function (src) { return [src, r[src]]; }); },
    encode: function (q, r) { return kit.letters(q.targets, q.options.map(function (src) { return r[src]; })); },
    decode: function (q, v) {
      var targets = kit.ids(q.targets, v), pairs = {};
      q.options.forEach(function (src, i) { pairs[src] = targets[i]; });
      return pairs;
    }
  });
})();
