// The lesson and slide editors (templates/lessons/teach/). Without this file every form still
// posts and the server renders errors and previews; with it: a warning before leaving with unsaved
// changes, saves without a reload (a refused save is then posted as a plain form, so the server
// shows why), the EN/FR previews refreshed after each save or reorder, a verse reference previewed
// while it is typed, and images uploaded through POST /api/v1/media.
(function () {
  "use strict";
  var B = window.Bibliology;
  var editor = document.querySelector("[data-editor]");
  var status = document.querySelector("[data-save-status]");
  var dirty = new Set();

  function say(text) { if (status) { status.textContent = text; } }

  // --- unsaved changes
  document.querySelectorAll("form[data-dirty-check]").forEach(function (form) {
    function mark() { dirty.add(form); }
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", function () { dirty.delete(form); });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty.size === 0) { return; }
    event.preventDefault();
    event.returnValue = "";
  });

  // --- previews
  var refreshTimer = null;
  function refreshPreviews() {
    document.querySelectorAll("[data-preview-url]").forEach(function (frame) {
      frame.classList.add("is-loading");
      fetch(frame.getAttribute("data-preview-url"), { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (markup) { frame.innerHTML = markup; })
        .catch(function () { /* the last preview stays; a reload shows the saved slide */ })
        .then(function () { frame.classList.remove("is-loading"); });
    });
  }
  function refreshSoon(delay) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshPreviews, delay);
  }
  document.querySelectorAll("[data-preview-refresh]").forEach(function (list) {
    new MutationObserver(function () { refreshSoon(900); }).observe(list, { childList: true });
  });

  // --- saves without a reload
  function postNatively(form) {
    dirty.delete(form);
    HTMLFormElement.prototype.submit.call(form);
  }
  document.querySelectorAll("form[data-async-save]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var files = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
        return input.files && input.files.length > 0;
      });
      if (files || !editor) { return; } // an upload the script did not send: the server takes it
      event.preventDefault();
      B.send(form.action, { body: new FormData(form), headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (answer) {
          document.querySelectorAll("input[data-version]").forEach(function (input) { input.value = answer.version; });
          dirty.delete(form);
          say(editor.getAttribute("data-saved-text"));
          form.setAttribute("data-saved", "true");
          refreshPreviews();
        })
        .catch(function () { postNatively(form); });
    });
  });

  // --- verse references
  document.querySelectorAll("[data-verse-ref]").forEach(function (input) {
    var box = input.closest(".verse-ref").querySelector("[data-verse-preview]");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var ref = input.value.trim();
        if (!ref) { box.innerHTML = ""; return; }
        var url = input.getAttribute("data-preview-url") + "?ref=" + encodeURIComponent(ref);
        fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (markup) { box.innerHTML = markup; });
      }, 350);
    });
  });

  // --- images: upload through the media API, or reuse an uploaded one
  function fill(fieldset, url, width, height) {
    fieldset.querySelector("[data-image-url]").value = url;
    fieldset.querySelector("[data-image-width]").value = width || "";
    fieldset.querySelector("[data-image-height]").value = height || "";
    fieldset.closest("form").dispatchEvent(new Event("change", { bubbles: true }));
  }
  document.querySelectorAll("[data-image-pick]").forEach(function (fieldset) {
    var upload = fieldset.querySelector("[data-image-upload]");
    var note = fieldset.querySelector("[data-upload-status]");
    var choice = fieldset.querySelector("[data-image-choice]");
    if (choice) {
      choice.addEventListener("change", function () {
        var option = choice.options[choice.selectedIndex];
        if (option.value) { fill(fieldset, option.value, option.getAttribute("data-width"), option.getAttribute("data-height")); }
      });
    }
    upload.addEventListener("change", function () {
      if (!upload.files || !upload.files.length) { return; }
      var body = new FormData();
      body.append("file", upload.files[0]);
      note.textContent = "…";
      B.send("/api/v1/media", { body: body })
        .then(function (response) {
          return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
        })
        .then(function (result) {
          if (!result.ok) { note.textContent = result.answer.detail || String(result.answer.title || ""); return; }
          fill(fieldset, result.answer.url, result.answer.width, result.answer.height);
          upload.value = "";
          note.textContent = result.answer.url;
        })
        .catch(function () { note.textContent = "!"; });
    });
  });
})();
