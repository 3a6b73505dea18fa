// dyad's event form. Without this script the form works as well: the add
// and remove buttons send it and the server shows it again. With it, rows
// are added and removed in place, and after a failed save the focus goes to
// the summary of problems (or the duplicate warning).
(function () {
  "use strict";
  var form = document.getElementById("event-form");
  if (!form) return;

  var notice = document.getElementById("form-errors") || document.getElementById("form-duplicates");
  if (notice) notice.focus();

  // A link in the summary focuses its field and shows its label: browsers
  // scroll to a fragment's target but do not all focus it.
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.addEventListener("click", function (e) {
      var a = e.target.closest('a[href^="#"]');
      if (!a) return;
      var el = document.getElementById(a.getAttribute("href").slice(1));
      if (!el) return;
      e.preventDefault();
      var label = el.id ? form.querySelector('label[for="' + el.id + '"]') : null;
      (label || el).scrollIntoView({ block: "start" });
      if (el.tabIndex < 0 && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) el.tabIndex = -1;
      el.focus({ preventScroll: true });
    });
  }

  function rows(list) {
    return Array.prototype.filter.call(list.children, function (el) { return el.hasAttribute("data-row"); });
  }

  // renumber gives the rows of a list consecutive ids, labels and remove
  // values, as the server would have: f-sources-0-url, Source 1, sources-0.
  function renumber(list) {
    var prefix = list.getAttribute("data-prefix");
    var pattern = new RegExp("(^|[-\\s])" + prefix + "-\\d+", "g");
    var label = list.getAttribute("data-label");
    rows(list).forEach(function (row, i) {
      var fix = function (s) { return s.replace(pattern, "$1" + prefix + "-" + i); };
      [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (el) {
        ["id", "for", "aria-labelledby", "aria-describedby"].forEach(function (name) {
          var v = el.getAttribute(name);
          if (v) el.setAttribute(name, fix(v));
        });
        if (el.name === "remove") el.value = fix(el.value);
        if (el.hasAttribute("data-label")) el.textContent = label.replace("%d", String(i + 1));
      });
    });
  }

  // limit hides the add button of a list that has as many rows as the
  // model takes.
  function limit(list) {
    var add = document.getElementById("add-" + list.getAttribute("data-rows"));
    if (add) add.hidden = rows(list).length >= Number(list.getAttribute("data-max"));
  }

  function firstField(row) {
    return row && row.querySelector("input, select, textarea");
  }

  form.addEventListener("click", function (e) {
    var button = e.target.closest('button[name="add"], button[name="remove"]');
    if (!button) return;
    var list, row;
    if (button.name === "add") {
      list = document.getElementById("rows-" + button.value);
      var tpl = document.getElementById("tpl-" + button.value);
      if (!list || !tpl || !tpl.content) return;
      e.preventDefault();
      if (rows(list).length >= Number(list.getAttribute("data-max"))) return;
      row = tpl.content.firstElementChild.cloneNode(true);
      list.appendChild(row);
      renumber(list);
      limit(list);
      firstField(row).focus();
      return;
    }
    row = button.closest("[data-row]");
    list = row && row.parentNode;
    if (!list || !list.hasAttribute("data-rows")) return;
    e.preventDefault();
    var next = row.nextElementSibling || row.previousElementSibling;
    list.removeChild(row);
    renumber(list);
    limit(list);
    var target = firstField(next) || document.getElementById("add-" + list.getAttribute("data-rows"));
    if (target) target.focus();
  });
})();
