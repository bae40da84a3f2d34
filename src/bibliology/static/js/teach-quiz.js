// The quiz editor: the policy's consequences in words follow the form as it is edited (the server
// writes the same sentences on every render: quizzes/editor_forms.py policy_sentences).
(function () {
  "use strict";
  var list = document.getElementById("policy-words");
  if (!list) { return; }
  var form = list.closest("form");

  function word(key) { return list.getAttribute("data-w-" + key.replace(/_/g, "-")) || ""; }
  function value(name) { var el = form.elements[name]; return el ? String(el.value).trim() : ""; }
  function checked(name) { var el = form.elements[name]; return !!(el && el.checked); }
  function number(name) { var v = value(name); return /^\d{1,9}$/.test(v) ? parseInt(v, 10) : null; }

  function sentences() {
    var out = [];
    var attempts = number("max_attempts");
    out.push(attempts === null ? word("attempts_unlimited")
      : word(attempts === 1 ? "attempts_one" : "attempts_many").replace("%(n)s", attempts));
    var passing = number("passing_score_percentage");
    if (passing === null) { passing = 70; }
    out.push(passing <= 0 ? word("pass_zero") : word("pass").replace("%(p)s", passing).replace("%%", "%"));
    var minutes = number("time_limit_minutes");
    out.push(minutes ? word(minutes === 1 ? "time_one" : "time_many").replace("%(n)s", minutes) : word("no_time"));
    out.push(word(checked("shuffle_questions") ? "shuffle_questions" : "keep_questions"));
    out.push(word(checked("shuffle_options") ? "shuffle_options" : "keep_options"));
    out.push(!checked("allow_review") ? word("score_only") : word(checked("show_correct_answers") ? "review_full" : "review"));
    if (value("partial_credit_policy") === "all_or_nothing") {
      out.push(word("all_or_nothing"));
    } else {
      out.push(word("partial"));
      var penalty = value("wrong_pick_penalty");
      out.push(word(penalty === "none" || penalty === "strict" ? penalty : "balanced"));
    }
    return out;
  }

  function update() {
    var lines = sentences();
    var current = Array.prototype.map.call(list.children, function (li) { return li.textContent; });
    if (current.join("\n") === lines.join("\n")) { return; }
    list.textContent = "";
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
})();
