/*
 * A bundle's first guess of the learner's language (builder/render/bundle.py), made in <head>
 * before any screen is parsed. The document shows the unit's first language, so that its screen
 * paints as soon as it arrives, as in a one-language package; the other languages wait in inert
 * <template>s for player/languages.js.
 *
 * The guess: the language last shown in this browser (player/languages.js keeps it), else the
 * browser's, else the unit's first. The paint is held (html[data-choosing], templates/player.html)
 * when the guess is another language than the document's, and when the package was launched (in a
 * frame or window of an LMS, or with launch parameters): then the bookmark or the LMS's preference
 * may still choose, and a learner must not see one language flash before another.
 * player/languages.js lets go once the language is settled. Provides QSER.firstLook.
 */
(function () {
  "use strict";

  var QSER = (window.QSER = window.QSER || {});
  var look = JSON.parse(document.getElementById("first-look").textContent);

  /** The language among `choices` ({code, tag}) that best fits an ordered list of preferences
   * (language tags such as "de-AT", "en", or lists "fr, en"): the first with the same tag or
   * the same primary language; null when none fits. */
  function choose(preferences, choices) {
    var wanted = [];
    (preferences || []).forEach(function (p) {
      String(p || "").split(",").forEach(function (t) {
        t = t.split(";")[0].trim().toLowerCase();
        if (t) wanted.push(t);
      });
    });
    for (var i = 0; i < wanted.length; i++) {
      for (var j = 0; j < choices.length; j++) {
        var c = choices[j];
        if (wanted[i] === c.code.toLowerCase() || wanted[i] === c.tag.toLowerCase()) return c.code;
      }
      var primary = wanted[i].split("-")[0];
      for (var k = 0; k < choices.length; k++) {
        if (primary === choices[k].code.toLowerCase().split("-")[0]) return choices[k].code;
      }
    }
    return null;
  }

  var last = null;
  try { last = window.localStorage.getItem(look.key); } catch (e) { /* storage blocked: no memory */ }
  var browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  var guess = choose([last], look.choices) || choose(browser, look.choices) || look.shown;
  var launched = window.parent !== window || !!window.opener || window.location.search.length > 1;
  if (guess !== look.shown || launched) document.documentElement.setAttribute("data-choosing", "");

  QSER.firstLook = { guess: guess, key: look.key, choose: choose };
})();
