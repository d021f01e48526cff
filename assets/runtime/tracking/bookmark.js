/*
 * The compact bookmark (docs/suspend-data.md, format 2) for standards that keep it in one
 * limited text field: SCORM 1.2's cmi.suspend_data (4096 characters), SCORM 2004's (64,000).
 * Each answer is stored in its type's compact form (the type module's encode/decode), by
 * question position, with the question's mark, so that a later build of the unit restores an
 * answer only onto the same question with the same options. Pure functions: no LMS, no page.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var MARK = 4; // characters of a question's mark

  function typeOf(q) { return QSER.questionTypes[q.type]; }

  /* Cut to a limit so that the cut shows: "…[+N]" says N characters did not fit. */
  function fit(text, limit, given) {
    var total = Math.max(text.length, given || 0); // what the learner gave, if the page had to cut it
    if (total <= limit) return text;
    for (var keep = Math.min(limit - 1, text.length); keep > 0; keep--) {
      var marked = text.slice(0, keep) + "…[+" + (total - keep) + "]";
      if (marked.length <= limit) return marked;
    }
    return text.slice(0, limit);
  }

  /* [2, page, visited, next interaction, answers, tries, marks(, language shown: a bundle's
     (or null), retakes taken, first tries, the attempt's token: SCORM's, scorm/journal.js)],
     ending after its last index that holds something, at most `limit` characters: the first
     tries go first when it is too long (only the result page's review misses them), then the
     longest texts are shortened (marked) until it fits. */
  function encode(data, state, next, limit) {
    var pageIds = data.pages, questionIds = Object.keys(data.questions);
    var visited = pageIds.map(function (id) { return state.visited.indexOf(id) >= 0 ? "1" : "0"; }).join("");
    function compact(values) {
      return questionIds.map(function (id) {
        var q = data.questions[id];
        return id in values ? typeOf(q).encode(q, values[id]) : null;
      });
    }
    var answers = compact(state.answers);
    var page = state.page === "" ? -1 : pageIds.indexOf(state.page);
    var tries = questionIds.map(function (id) {
      var n = Math.min(9, (state.tries || {})[id] || 0);
      return n + "" + ((state.credit || {})[id] ? 1 : 0);
    }).join("");
    var marks = questionIds.map(function (id) { return data.questions[id].mark; }).join("");
    var first = compact(state.first || {});
    var record = function () {
      var tail = [state.lang || null, state.retakes || 0, first.some(function (v) { return v !== null; }) ? first : null,
        state.attempt || null];
      while (tail.length && !tail[tail.length - 1]) tail.pop(); // older readers ignore the tail: still format 2
      return JSON.stringify([2, page, visited, next, answers, tries, marks].concat(tail));
    };
    var encoded = record();
    if (encoded.length > limit) first = [];
    encoded = record();
    while (encoded.length > limit) {
      var longest = -1;
      answers.forEach(function (v, i) {
        if (typeof v === "string" && (longest < 0 || v.length > answers[longest].length)) longest = i;
      });
      if (longest < 0 || answers[longest].length < 16) break;
      var over = encoded.length - limit;
      answers[longest] = fit(answers[longest], Math.max(16, answers[longest].length - over - 12));
      encoded = record();
    }
    return encoded;
  }

  /* The state a bookmark describes, in this build's questions; throws on text that is not one. */
  function decode(data, raw) {
    var saved = raw ? JSON.parse(raw) : null;
    if (!Array.isArray(saved) || (saved[0] !== 1 && saved[0] !== 2)) return null;
    var pageIds = data.pages, questionIds = Object.keys(data.questions);
    var state = { page: saved[1] < 0 ? "" : pageIds[saved[1]], visited: [], answers: {}, next: saved[3] || 0 };
    if (typeof saved[7] === "string") state.lang = saved[7];
    if (typeof saved[8] === "number" && saved[8] > 0) state.retakes = saved[8];
    if (typeof saved[10] === "string") state.attempt = saved[10];
    String(saved[2]).split("").forEach(function (bit, i) { if (bit === "1" && pageIds[i]) state.visited.push(pageIds[i]); });
    // The question each stored position belongs to now: by mark (format 1 had none:
    // by position, as it was written); a position whose question changed or went belongs to none.
    var owner = questionIds;
    if (saved[0] === 2) {
      var byMark = {};
      questionIds.forEach(function (id) { byMark[data.questions[id].mark] = id; });
      owner = [];
      for (var i = 0; i * MARK < String(saved[6]).length; i++) owner.push(byMark[String(saved[6]).substr(i * MARK, MARK)]);
    }
    state.reset = 0; // answers to questions that changed or went: the player tells the learner
    (saved[4] || []).forEach(function (v, i) {
      var id = owner[i];
      if (v !== null && id) state.answers[id] = typeOf(data.questions[id]).decode(data.questions[id], v);
      else if (v !== null) state.reset++;
    });
    if (Array.isArray(saved[9])) {
      state.first = {};
      saved[9].forEach(function (v, i) {
        var id = owner[i];
        if (v !== null && id && id in state.answers) state.first[id] = typeOf(data.questions[id]).decode(data.questions[id], v);
      });
    }
    if (typeof saved[5] === "string") {
      state.tries = {};
      state.credit = {};
      owner.forEach(function (id, i) {
        var n = Number(saved[5].charAt(2 * i));
        if (id && n) { state.tries[id] = n; state.credit[id] = Number(saved[5].charAt(2 * i + 1)); }
      });
    }
    return state;
  }

  QSER.fit = fit;
  QSER.bookmark = { encode: encode, decode: decode };
})();
