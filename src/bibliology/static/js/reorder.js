// Reordering lists (lessons, slides, blocks, questions) with the keyboard and by drag and drop.
// The page works without this file: each item's ↑/↓ buttons are forms posting to a page route. With
// it, those buttons and drops call the JSON move API instead and the item moves in place.
//
//   <ol data-reorder data-reorder-label="lessons" [data-order-url="PUT url taking {question_ids}"]>
//     <li data-id="…" [data-move-url="POST url taking {position}"]>
//       … <button type="submit" data-move="up">  … <button type="submit" data-move="down">
(function () {
  "use strict";

  function items(list) {
    return Array.prototype.filter.call(list.children, function (el) { return el.tagName === "LI"; });
  }

  function liveRegion(list) {
    var region = list.parentNode.querySelector("[data-reorder-status]");
    if (!region) {
      region = document.createElement("p");
      region.setAttribute("data-reorder-status", "");
      region.setAttribute("role", "status");
      region.className = "visually-hidden";
      list.parentNode.insertBefore(region, list.nextSibling);
    }
    return region;
  }

  function announce(list, item) {
    var position = items(list).indexOf(item) + 1;
    var label = (item.querySelector("[data-reorder-name]") || item).textContent.trim().slice(0, 80);
    var template = list.getAttribute("data-reorder-announce") || "%(name)s: %(n)s / %(total)s";
    liveRegion(list).textContent = template
      .replace("%(name)s", label)
      .replace("%(n)s", String(position))
      .replace("%(total)s", String(items(list).length));
  }

  // The ↑/↓ forms carry the item's target position; after a move in place they must be renumbered,
  // and the first ↑ / last ↓ disabled, as the server would render them.
  function renumber(list) {
    var all = items(list);
    all.forEach(function (item, index) {
      [["up", index - 1], ["down", index + 1]].forEach(function (pair) {
        var button = item.querySelector('[data-move="' + pair[0] + '"]');
        if (!button) { return; }
        var input = button.form && button.form.querySelector('input[name="position"]');
        if (input) { input.value = String(pair[1]); }
        button.disabled = pair[1] < 0 || pair[1] >= all.length;
      });
    });
  }

  function save(list, item, position) {
    var orderUrl = list.getAttribute("data-order-url");
    var request = orderUrl
      ? window.Bibliology.send(orderUrl, {
          method: "PUT",
          json: { question_ids: items(list).map(function (el) { return el.getAttribute("data-id"); }) },
        })
      : window.Bibliology.send(item.getAttribute("data-move-url"), { json: { position: position } });
    return request.then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
    }).catch(function () {
      window.location.reload(); // refused or offline: show the order the server has
    });
  }

  function moveTo(list, item, position) {
    var all = items(list);
    if (position < 0 || position >= all.length || all.indexOf(item) === position) { return; }
    var without = all.filter(function (el) { return el !== item; });
    list.insertBefore(item, without[position] || null);
    renumber(list);
    announce(list, item);
    save(list, item, position);
  }

  function enhance(list) {
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (!button || !list.contains(button)) { return; }
      event.preventDefault();
      var item = button.closest("li");
      var from = items(list).indexOf(item);
      moveTo(list, item, from + (button.getAttribute("data-move") === "up" ? -1 : 1));
      // Focus stays with the moved item, on the same button when it is still usable.
      var again = item.querySelector('[data-move="' + button.getAttribute("data-move") + '"]');
      (again && !again.disabled ? again : item.querySelector("[data-move]:not([disabled])") || again).focus();
    });

    var dragged = null;
    items(list).forEach(function (item) { item.draggable = true; });
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("li");
      if (!dragged || dragged.parentNode !== list) { dragged = null; return; }
      dragged.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.getAttribute("data-id") || "");
    });
    list.addEventListener("dragover", function (event) {
      if (dragged) { event.preventDefault(); }
    });
    list.addEventListener("drop", function (event) {
      var target = event.target.closest("li");
      if (!dragged || !target || target.parentNode !== list) { return; }
      event.preventDefault();
      moveTo(list, dragged, items(list).indexOf(target));
    });
    list.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("is-dragging"); }
      dragged = null;
    });
  }

  document.querySelectorAll("[data-reorder]").forEach(enhance);
})();
