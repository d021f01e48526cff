/*
 * One formatter for every standard's response notation: the build hands the adapter a
 * notation per question (tracker config "notations", made by builder/questiontypes/notation.py),
 * the question's type module turns a response into parts, and QSER.notate writes them.
 * So no response format is written twice, in Python and in JavaScript.
 *
 * notation: {type, tokens: {option/target id: token}, sources: {matching source id: token},
 *            join, pair, true, false, pattern}
 * parts:    true-false [true|false]; choices, likert, sequencing option ids; matching
 *           [[source id, target id], ...]; numeric [number]; fill-in, free-text [text].
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});
  var own = Object.prototype.hasOwnProperty;

  function token(map, id) { return map && own.call(map, id) ? map[id] : String(id); }

  /** The parts in the notation's terms: a boolean by its word, a pair as source+pair+target,
   * an id by its token; numbers and texts as they are. */
  QSER.notate = function (notation, parts) {
    return parts.map(function (p) {
      if (p === true || p === false) return notation[String(p)];
      if (Array.isArray(p)) return token(notation.sources, p[0]) + notation.pair + token(notation.tokens, p[1]);
      return token(notation.tokens, p);
    }).join(notation.join);
  };

  /** A learner's response to q in the notation: the type module says what its parts are. */
  QSER.notateResponse = function (notation, q, response) {
    return QSER.notate(notation, QSER.questionTypes[q.type].parts(q, response));
  };
})();
