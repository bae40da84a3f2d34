// The import page while its job runs: polls the import (and its job, for the progress) through the
// JSON API, updates the <progress> and the live status line, and reloads into the report at the end.
// Without this file the page offers a Refresh link.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-progress]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var line = box.querySelector("[data-import-status]");
  var delay = 1000;
  var said = line ? line.textContent.trim() : "";

  function say(text) {
    if (line && text && text !== said) {
      line.textContent = text;
      said = text;
    }
  }
  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(
      function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }
    );
  }
  function showJob(job) {
    var progress = job.progress || {};
    if (bar && progress.percent !== null && progress.percent !== undefined) bar.value = progress.percent;
    if (progress.total) {
      say(box.dataset.textRunning.replace("{done}", progress.done).replace("{total}", progress.total));
    }
  }
  function tick() {
    getJson(box.dataset.importUrl)
      .then(function (record) {
        if (record.status === "succeeded" || record.status === "failed") {
          if (bar) bar.value = 100;
          say(box.dataset.textDone);
          window.location.reload();
          return null;
        }
        if (record.status === "queued") say(box.dataset.textQueued);
        var next = box.dataset.jobUrl ? getJson(box.dataset.jobUrl).then(showJob) : Promise.resolve();
        return next.then(function () {
          setTimeout(tick, delay);
        });
      })
      .catch(function () {
        delay = Math.min(delay * 2, 10000); // the server is busy or gone: ask less often
        setTimeout(tick, delay);
      });
  }
  setTimeout(tick, delay);
})();
