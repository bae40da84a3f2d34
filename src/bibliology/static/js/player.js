// The lesson player's enhancements: ←/→ Home/End between slides, and the time spent on the slide
// while the tab is visible, sent as progress events to POST /api/v1/progress/events (the page view
// itself is recorded by the server). Without this file every slide still reads and counts.
(function () {
  "use strict";
  var player = document.getElementById("player");
  if (!player) { return; }
  var data = player.dataset;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY)$/.test(target.tagName));
  }
  var KEYS = { ArrowLeft: "prevUrl", ArrowRight: "nextUrl", Home: "firstUrl", End: "lastUrl" };
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    if (typing(event.target)) { return; }
    var url = data[KEYS[event.key]];
    if (url && url !== window.location.pathname) {
      event.preventDefault();
      window.location.assign(url);
    }
  });

  if (data.track !== "true") { return; }
  var MAX = 240; // the server counts at most 300 s per event: send before reaching it
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var banked = 0;

  function elapsed() {
    return banked + (visibleSince === null ? 0 : (Date.now() - visibleSince) / 1000);
  }
  function eventId() {
    if (window.crypto && window.crypto.randomUUID) { return "web-" + window.crypto.randomUUID(); }
    return "web-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  function flush() {
    var seconds = Math.round(elapsed());
    banked = 0;
    visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    if (seconds < 1) { return; }
    var body = { lesson_id: data.lessonId, slide_id: data.slideId, seconds: seconds, client_event_id: eventId() };
    var send = window.Bibliology && window.Bibliology.send;
    if (send) {
      send(data.eventsUrl, { json: body, keepalive: true }).catch(function () {});
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flush();
      visibleSince = null;
    } else if (visibleSince === null) {
      visibleSince = Date.now();
    }
  });
  window.addEventListener("pagehide", flush);
  window.setInterval(function () { if (elapsed() >= MAX) { flush(); } }, 15000);
})();
