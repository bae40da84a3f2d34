// Shared by every page (no framework): a fetch that carries the CSRF token, for page scripts that
// call the JSON API with the session cookie. Pages work without this file; it only enhances them.
(function () {
  "use strict";
  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }
  function send(url, options) {
    options = options || {};
    var headers = new Headers(options.headers || {});
    headers.set("X-CSRF-Token", cookie("csrftoken"));
    headers.set("Accept", "application/json");
    if (options.json !== undefined) {
      headers.set("Content-Type", "application/json");
      options.body = JSON.stringify(options.json);
    }
    return fetch(url, {
      method: options.method || "POST",
      headers: headers,
      body: options.body,
      credentials: "same-origin",
      keepalive: Boolean(options.keepalive),
    });
  }
  window.Bibliology = { send: send, cookie: cookie };
})();
