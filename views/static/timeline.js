// dyad's timeline page: swaps the view in place when filters change or the
// user zooms, pans or selects an event, keeping the URL as the full state so
// that links, reloads and back/forward all work. Without this script the same
// URLs work as plain links and a GET form.
(function () {
  "use strict";
  var view = document.getElementById("view");
  var form = document.getElementById("filters");
  if (!view || !form || !window.fetch || !window.history.pushState) return;

  var pending = null;

  // On a narrow screen the chart scrolls sideways: start at its latest end.
  function showLatest() {
    var fig = document.getElementById("chart");
    if (fig && fig.scrollWidth > fig.clientWidth && !document.getElementById("panel")) {
      fig.scrollLeft = fig.scrollWidth;
    }
  }
  showLatest();

  // load fetches the view for url and swaps it in. focus says what gets the
  // focus afterwards: "panel", "chart", a marker id ("event:12"), or nothing.
  function load(url, push, focus) {
    if (pending) pending.abort();
    var ctrl = new AbortController();
    pending = ctrl;
    view.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { "X-Dyad-Partial": "1" }, signal: ctrl.signal, credentials: "same-origin" })
      .then(function (res) {
        var type = res.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") !== 0) throw new Error("unexpected response");
        return res.text();
      })
      .then(function (html) {
        if (pending !== ctrl) return;
        pending = null;
        view.innerHTML = html;
        view.removeAttribute("aria-busy");
        if (push) history.pushState({ dyad: true }, "", url);
        syncForm(new URL(url, location.href), !push);
        showLatest();
        setFocus(focus);
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") return;
        location.assign(url);
      });
  }

  function setFocus(focus) {
    var el = null;
    if (focus === "panel") el = document.getElementById("panel-title");
    else if (focus === "chart") el = document.getElementById("chart");
    else if (focus === "list") {
      var list = document.getElementById("list");
      if (list) list.scrollIntoView();
    }
    else if (focus && focus.indexOf("event:") === 0) {
      el = view.querySelector('.marker[data-event="' + focus.slice(6) + '"]');
    }
    if (el) el.focus();
  }

  // syncForm puts the URL's filters back into the form (after back/forward,
  // or after a zoom changed the range). The field being typed in is left
  // alone unless the whole state changed (all).
  function syncForm(u, all) {
    var p = u.searchParams;
    ["q", "tag", "actor", "from", "to", "side"].forEach(function (name) {
      var el = form.elements[name];
      if (el && (all || document.activeElement !== el)) el.value = p.get(name) || "";
    });
    var kinds = p.getAll("kind");
    form.querySelectorAll('input[name="kind"]').forEach(function (box) {
      box.checked = kinds.indexOf(box.value) >= 0;
    });
  }

  function formURL() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "") params.append(key, value);
    });
    var qs = params.toString();
    return form.getAttribute("action") + (qs ? "?" + qs : "");
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    load(formURL(), true, null);
  });
  form.addEventListener("change", function (e) {
    if (e.target.type === "search" || e.target.type === "text") return;
    load(formURL(), true, null);
  });
  var typing = null;
  form.addEventListener("input", function (e) {
    if (e.target.name !== "q" && e.target.name !== "tag" && e.target.name !== "actor") return;
    clearTimeout(typing);
    typing = setTimeout(function () { load(formURL(), true, null); }, 350);
  });

  var lastDrag = 0;
  view.addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (!a || !view.contains(a) || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    if (Date.now() - lastDrag < 300 && a.closest("#overview")) { e.preventDefault(); return; }
    var href = a.getAttribute("href");
    if (a.classList.contains("marker")) {
      e.preventDefault();
      load(href.split("#")[0], true, "panel");
    } else if (a.dataset.nav === "close") {
      e.preventDefault();
      var panel = document.getElementById("panel");
      load(href, true, panel ? "event:" + panel.dataset.event : null);
    } else if (a.pathname === location.pathname && !a.hasAttribute("download")) {
      // Zoom, pan, presets, overview bars, buckets, pages: same page, new view.
      e.preventDefault();
      var keep = a.closest("#chart") || a.closest(".zoom") ? "chart" : a.closest(".pages") ? "list" : null;
      load(a.pathname + a.search, true, keep);
    }
  });

  window.addEventListener("popstate", function () {
    load(location.href, false, null);
  });

  function navigate(name) {
    var a = view.querySelector('a[data-nav="' + name + '"]');
    if (a) load(a.getAttribute("href"), true, "chart");
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var inChart = e.target.closest && e.target.closest("#chart");
    if (e.key === "Escape") {
      var panel = document.getElementById("panel");
      var close = panel && panel.querySelector("a.close");
      if (close) {
        e.preventDefault();
        load(close.getAttribute("href"), true, "event:" + panel.dataset.event);
      }
      return;
    }
    if (!inChart) return;
    var keys = { ArrowLeft: "back", ArrowRight: "forward", "+": "in", "=": "in", "-": "out", "_": "out" };
    if (keys[e.key]) {
      e.preventDefault();
      navigate(keys[e.key]);
    }
  });

  // Dragging across the overview zooms to the dragged range.
  var drag = null;
  function dayAt(svg, clientX) {
    var box = svg.getBoundingClientRect();
    var vb = svg.viewBox.baseVal;
    var pad = Number(svg.dataset.pad) * box.width / vb.width;
    var start = Number(svg.dataset.start), end = Number(svg.dataset.end);
    var f = (clientX - box.left - pad) / (box.width - 2 * pad);
    f = Math.min(1, Math.max(0, f));
    return Math.round(start + f * (end - start + 1));
  }
  function iso(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }
  // rangeParams names a range of days as briefly as it reads well.
  function rangeParams(a, b) {
    var from = iso(a), to = iso(b - 1 >= a ? b - 1 : a);
    var days = b - a;
    if (days >= 730) return [from.slice(0, 4), to.slice(0, 4)];
    if (days >= 60) return [from.slice(0, 7), to.slice(0, 7)];
    return [from, to];
  }
  view.addEventListener("pointerdown", function (e) {
    var svg = e.target.closest && e.target.closest("#overview-svg");
    if (!svg || e.button !== 0) return;
    drag = { svg: svg, x: e.clientX, day: dayAt(svg, e.clientX), moved: false };
    svg.setPointerCapture(e.pointerId);
  });
  view.addEventListener("pointermove", function (e) {
    if (!drag) return;
    if (Math.abs(e.clientX - drag.x) > 4) drag.moved = true;
    if (!drag.moved) return;
    var svg = drag.svg, box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    var x1 = (Math.min(drag.x, e.clientX) - box.left) * vb.width / box.width;
    var x2 = (Math.max(drag.x, e.clientX) - box.left) * vb.width / box.width;
    var rect = svg.querySelector(".ov-drag");
    rect.setAttribute("x", x1.toFixed(1));
    rect.setAttribute("width", (x2 - x1).toFixed(1));
  });
  function endDrag(e) {
    if (!drag) return;
    var d = drag;
    drag = null;
    if (!d.moved) return;
    lastDrag = Date.now();
    var a = d.day, b = dayAt(d.svg, e.clientX);
    if (b < a) { var t = a; a = b; b = t; }
    var r = rangeParams(a, b);
    var u = new URL(location.href);
    u.searchParams.set("from", r[0]);
    u.searchParams.set("to", r[1]);
    u.searchParams.delete("page");
    load(u.pathname + u.search, true, "chart");
  }
  view.addEventListener("pointerup", endDrag);
  view.addEventListener("pointercancel", function () { drag = null; });
})();
