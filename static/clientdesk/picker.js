// Search-as-you-type pickers (common/pickers.py): an ARIA combobox over a hidden
// input. Typing asks the server for the first matches; arrows move, Enter or a
// click chooses, Escape closes. Choosing sets the hidden input and fires its
// "change", which is what a filter form listens to; the text box's own changes
// are kept from the form, so half-typed words don't reload the list.
(function () {
  "use strict";
  var timers = new WeakMap();
  // Bumped by every choice: an answer asked for before it is stale.
  var generations = new WeakMap();

  function parts(element) {
    var box = element.closest("[data-picker]");
    if (!box) return null;
    return {
      box: box,
      input: box.querySelector("[data-picker-input]"),
      value: box.querySelector("[data-picker-value]"),
      list: box.querySelector("[role=listbox]"),
    };
  }

  function options(p) {
    return Array.prototype.slice.call(p.list.querySelectorAll("[data-value]"));
  }

  function close(p) {
    p.list.hidden = true;
    p.input.setAttribute("aria-expanded", "false");
    p.input.removeAttribute("aria-activedescendant");
  }

  function load(p) {
    var asked = p.input.value;
    var generation = generations.get(p.input) || 0;
    var url = p.box.dataset.picker + "?q=" + encodeURIComponent(p.input.value);
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        // A late answer for words no longer in the box, or after the box was left, is dropped.
        if (p.input.value !== asked || document.activeElement !== p.input) return;
        if ((generations.get(p.input) || 0) !== generation) return;
        p.list.innerHTML = html;
        p.list.hidden = !html;
        p.input.setAttribute("aria-expanded", html ? "true" : "false");
      });
  }

  function activate(p, step) {
    var items = options(p);
    if (!items.length) return;
    var current = items.findIndex(function (item) { return item.getAttribute("aria-selected") === "true"; });
    var next = Math.max(0, Math.min(items.length - 1, current + step));
    items.forEach(function (item, index) {
      item.setAttribute("aria-selected", index === next ? "true" : "false");
      item.classList.toggle("active", index === next);
    });
    p.input.setAttribute("aria-activedescendant", items[next].id);
    items[next].scrollIntoView({ block: "nearest" });
  }

  function choose(p, item) {
    clearTimeout(timers.get(p.input));
    generations.set(p.input, (generations.get(p.input) || 0) + 1);
    p.value.value = item ? item.dataset.value : "";
    p.input.value = item ? item.dataset.label : "";
    close(p);
    p.value.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-picker-input]")) return;
    var p = parts(event.target);
    clearTimeout(timers.get(p.input));
    // An emptied box means "any": the filter lets go at once.
    if (!p.input.value.trim() && p.value.value) { choose(p, null); return; }
    timers.set(p.input, setTimeout(function () { load(p); }, 200));
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-picker-input]")) load(parts(event.target));
  });

  document.addEventListener("keydown", function (event) {
    if (!event.target.matches("[data-picker-input]")) return;
    var p = parts(event.target);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (p.list.hidden) load(p); else activate(p, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && !p.list.hidden) {
      event.preventDefault();
      var active = p.list.querySelector("[data-value][aria-selected=true]") || options(p)[0];
      if (active) choose(p, active);
    } else if (event.key === "Escape") {
      close(p);
    }
  });

  // mousedown, not click: a click would first blur the text box and close the list.
  document.addEventListener("mousedown", function (event) {
    var item = event.target.closest("[data-picker] [data-value]");
    if (item) { event.preventDefault(); choose(parts(item), item); }
  });

  document.addEventListener("focusout", function (event) {
    if (!event.target.matches("[data-picker-input]")) return;
    var p = parts(event.target);
    setTimeout(function () { close(p); }, 100);
  });

  // The text box's change is not the filter's: only a choice (or clearing it) is.
  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-picker-input]")) return;
    event.stopPropagation();
    var p = parts(event.target);
    if (!p.input.value.trim() && p.value.value) choose(p, null);
  }, true);
})();
