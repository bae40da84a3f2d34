// Quiz take page (templates/quizzes/take.html). The page works without this file: it posts the whole
// form (Save, or Submit… then a confirmation page). This adds: each change saved at once through the
// JSON API (PUT /api/v1/attempts/{id}/answers, X-CSRF-Token from the csrftoken cookie), a confirmation
// dialog, and the countdown to the server's deadline, announced politely at intervals.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) return;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }
  function fill(label, values) {
    return label.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  var status = document.getElementById("quiz-save-status");
  function say(text) { if (status) status.textContent = text; }

  // The answer a question's fieldset holds, in the API's shape (null: none, clears the saved one).
  function answerOf(fieldset) {
    var id = fieldset.getAttribute("data-question-id");
    var name = "q." + id;
    var kind = fieldset.getAttribute("data-kind");
    var parts = {}, any = false, i;
    if (kind === "MULTIPLE_CHOICE") {
      var picked = [];
      var boxes = fieldset.querySelectorAll("input[name='" + name + "']");
      for (i = 0; i < boxes.length; i++) if (boxes[i].checked) picked.push(boxes[i].value);
      return picked.length ? { selected: picked } : null;
    }
    if (kind === "TRUE_FALSE") {
      var chosen = fieldset.querySelector("input[name='" + name + "']:checked");
      return chosen ? { value: chosen.value === "true" } : null;
    }
    if (kind === "SHORT_ANSWER") {
      var text = fieldset.querySelector("input[name='" + name + "']");
      return text && text.value !== "" ? { text: text.value } : null;
    }
    var inputs = fieldset.querySelectorAll("[data-part]");
    for (i = 0; i < inputs.length; i++) {
      if (inputs[i].value !== "") { parts[inputs[i].getAttribute("data-part")] = inputs[i].value; any = true; }
    }
    if (!any) return null;
    return kind === "FILL_BLANK" ? { blanks: parts } : { pairs: parts };
  }

  // --- autosave: changes are batched briefly, one request at a time ----------------------------
  var pending = {}, timer = null, busy = false, submitting = false;
  function queue(fieldset) {
    pending[fieldset.getAttribute("data-question-id")] = answerOf(fieldset);
    clearTimeout(timer);
    timer = setTimeout(flush, 500);
  }
  function flush() {
    if (busy || submitting) return;
    var answers = pending, ids = Object.keys(answers);
    if (!ids.length) return;
    pending = {};
    busy = true;
    say(form.getAttribute("data-label-saving"));
    fetch(form.getAttribute("data-save-url"), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": cookie("csrftoken") },
      body: JSON.stringify({ answers: answers }),
    }).then(function (response) {
      busy = false;
      if (response.status === 409) {  // past the deadline or submitted elsewhere: the server decided
        window.location.assign(form.getAttribute("data-result-url") + "?late=1");
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      say(form.getAttribute("data-label-saved"));
      if (Object.keys(pending).length) flush();
    }).catch(function () {
      busy = false;
      for (var k in answers) if (!(k in pending)) pending[k] = answers[k];  // retried on the next change
      say(form.getAttribute("data-label-failed"));
    });
  }
  function onChange(event) {
    var fieldset = event.target.closest && event.target.closest("fieldset[data-question-id]");
    if (fieldset) queue(fieldset);
  }
  form.addEventListener("change", onChange);
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") onChange(event);
  });
  form.addEventListener("submit", function () { submitting = true; clearTimeout(timer); });

  // --- confirmation dialog --------------------------------------------------------------------
  var dialog = document.getElementById("quiz-confirm");
  var submitButton = document.getElementById("quiz-submit");
  var confirmButton = document.getElementById("quiz-confirm-submit");
  function unanswered() {
    var numbers = [], sets = form.querySelectorAll("fieldset[data-question-id]");
    for (var i = 0; i < sets.length; i++) if (answerOf(sets[i]) === null) numbers.push(sets[i].getAttribute("data-number"));
    return numbers;
  }
  if (dialog && typeof dialog.showModal === "function" && submitButton) {
    submitButton.addEventListener("click", function (event) {
      event.preventDefault();
      var missing = unanswered();
      document.getElementById("quiz-confirm-unanswered").textContent = missing.length
        ? fill(form.getAttribute("data-label-unanswered"), { list: missing.join(", ") })
        : form.getAttribute("data-label-all-answered");
      dialog.showModal();
      var cancel = document.getElementById("quiz-confirm-cancel");
      if (cancel) cancel.focus();
    });
    document.getElementById("quiz-confirm-cancel").addEventListener("click", function () {
      dialog.close();
      submitButton.focus();
    });
  }

  // --- countdown --------------------------------------------------------------------------------
  var box = document.getElementById("quiz-timer");
  var clock = document.getElementById("quiz-clock");
  var live = document.getElementById("quiz-timer-status");
  if (box && clock) {
    // Counted from the seconds the server said were left (the device's clock may be off).
    var end = Date.now() + 1000 * parseInt(box.getAttribute("data-seconds-left") || "0", 10);
    var marks = [1800, 900, 600, 300, 120, 60, 30, 10];  // announced once each, never every second
    var announced = {};
    var format = function (s) {
      var m = Math.floor(s / 60), r = s % 60;
      return m + ":" + (r < 10 ? "0" : "") + r;
    };
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      clock.textContent = format(left);
      for (var i = 0; i < marks.length; i++) {
        if (left <= marks[i] && left > marks[i] - 5 && !announced[marks[i]]) {
          announced[marks[i]] = true;
          if (live) live.textContent = fill(box.getAttribute("data-label-left"), { time: format(left) });
        }
      }
      if (left === 0) {
        clearInterval(interval);
        box.classList.add("is-over");
        if (live) live.textContent = box.getAttribute("data-label-over");
        if (!submitting && confirmButton) {  // the grace period covers this request
          submitting = true;
          if (form.requestSubmit) form.requestSubmit(confirmButton); else confirmButton.click();
        }
      } else if (left <= 60) {
        box.classList.add("is-low");
      }
    };
    var interval = setInterval(tick, 1000);
    tick();
  }
})();
