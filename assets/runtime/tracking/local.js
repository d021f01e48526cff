/*
 * Local tracker for previews: keeps the bookmark in the browser's storage and
 * reports nothing anywhere. Implements the tracker interface of player/player.js.
 */
(function () {
  "use strict";
  var QSER = (window.QSER = window.QSER || {});

  QSER.createTracker = function (data) {
    var key = "qser:" + data.unit.id + ":" + data.unit.version + ":" + (data.packageLang || data.lang);
    var storage = null;
    try { storage = window.localStorage; } catch (e) { /* storage blocked: run without it */ }

    return {
      start: function () {},
      pageViewed: function () {},
      answered: function () {},
      finish: function () {},
      saveBookmark: function (state) {
        try { if (storage) storage.setItem(key, JSON.stringify(state)); } catch (e) { /* full or blocked */ }
      },
      loadBookmark: function () {
        try { return storage ? JSON.parse(storage.getItem(key) || "null") : null; } catch (e) { return null; }
      }
    };
  };
})();
