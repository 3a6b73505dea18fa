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

  // resolve reads a link's target; an SVG <a> has href.baseVal and no
  // pathname, an HTML one both.
  function resolve(a) {
    var href = a.href && a.href.baseVal !== undefined ? a.href.baseVal : a.getAttribute("href");
    return new URL(href, location.href);
  }

  // load fetches the view for url and swaps it in. mode is "push" (a new
  // history entry), "replace" (this entry, as while typing) or "none"
  // (back/forward). focus says what gets the focus afterwards: "panel",
  // "chart", "list", a marker ("event:12"), or nothing.
  function load(url, mode, focus) {
    if (pending) pending.abort();
    var ctrl = new AbortController();
    pending = ctrl;
    view.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { "X-Dyad-Partial": "1" }, signal: ctrl.signal, credentials: "same-origin" })
      .then(function (res) {
        var type = res.headers.get("Content-Type") || "";
        // A failed request shows its own page: go there as a link would.
        if (res.status >= 500 || type.indexOf("text/html") !== 0) throw new Error("unexpected response");
        return res.text();
      })
      .then(function (html) {
        if (pending !== ctrl) return;
        pending = null;
        view.innerHTML = html;
        view.removeAttribute("aria-busy");
        if (mode === "push") history.pushState({ dyad: true }, "", url);
        else if (mode === "replace") history.replaceState({ dyad: true }, "", url);
        syncForm(new URL(url, location.href), mode !== "replace");
        syncLinks();
        setFocus(focus);
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") return;
        location.assign(url);
      });
  }

  // syncLinks gives the links outside the swapped view the new state: the
  // link that shows the pair the other way round keeps the filters, and so
  // do the links to the page in the other language.
  function syncLinks() {
    var bar = document.getElementById("toolbar");
    var swap = document.getElementById("swap");
    if (bar && swap && bar.dataset.swap) swap.setAttribute("href", bar.dataset.swap);
    // The language switch and the alternates show this view in the other
    // language.
    document.querySelectorAll("a[hreflang], link[rel=alternate][hreflang]").forEach(function (a) {
      var u = new URL(location.href);
      u.searchParams.set("lang", a.getAttribute("hreflang"));
      a.setAttribute("href", u.pathname + u.search);
    });
  }

  function marker(id) {
    return view.querySelector('.marker[data-event="' + id + '"]');
  }

  function setFocus(focus) {
    var el = null;
    if (focus === "panel") el = document.getElementById("panel-title");
    else if (focus === "chart") el = document.getElementById("chart");
    else if (focus === "list") {
      var list = document.getElementById("list");
      if (list) list.scrollIntoView();
    }
    else if (focus && focus.indexOf("event:") === 0) el = marker(focus.slice(6));
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
    // The summary of the closed filters counts those that are set.
    var set = kinds.length + ["side", "tag", "actor"].filter(function (n) { return p.get(n); }).length;
    // Its texts, by count, are the page's, in the page's language.
    countText("filters-set", set);
    countText("kinds-set", kinds.length);
  }

  // countText sets the element id to its text for n, from the texts by
  // count the page gave it, in the page's language.
  function countText(id, n) {
    var el = document.getElementById(id);
    if (!el) return;
    var texts = [];
    try { texts = JSON.parse(el.dataset.texts || "[]"); } catch (err) { texts = []; }
    el.textContent = texts[n] !== undefined ? texts[n] : n ? " (" + n + ")" : "";
  }

  function formURL() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "") params.append(key, value);
    });
    var qs = params.toString();
    return form.getAttribute("action") + (qs ? "?" + qs : "");
  }

  // While typing, the first pause adds a history entry and the next ones
  // replace it, so Back leaves the search rather than undoing a letter.
  var typing = null, typed = false;
  function endTyping() { clearTimeout(typing); typed = false; }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var mode = typed ? "replace" : "push";
    endTyping();
    load(formURL(), mode, null);
  });
  form.addEventListener("change", function (e) {
    if (e.target.type === "search" || e.target.type === "text") return;
    endTyping();
    load(formURL(), "push", null);
  });
  form.addEventListener("input", function (e) {
    if (e.target.name !== "q" && e.target.name !== "tag" && e.target.name !== "actor") return;
    clearTimeout(typing);
    typing = setTimeout(function () {
      load(formURL(), typed ? "replace" : "push", null);
      typed = true;
    }, 350);
  });
  form.addEventListener("focusout", function () { typed = false; });

  var lastDrag = 0;
  view.addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (!a || !view.contains(a) || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    if (Date.now() - lastDrag < 300 && (a.closest("#overview") || a.closest("#chart"))) { e.preventDefault(); return; }
    var u = resolve(a);
    endTyping();
    if (a.classList.contains("marker")) {
      e.preventDefault();
      load(u.pathname + u.search, "push", "panel");
    } else if (a.dataset.nav === "close") {
      e.preventDefault();
      var panel = document.getElementById("panel");
      load(u.pathname + u.search, "push", panel ? "event:" + panel.dataset.event : null);
    } else if (u.origin === location.origin && u.pathname === location.pathname && !a.hasAttribute("download")) {
      // Zoom, pan, presets, overview bars, buckets, clusters, pages: same
      // page, new view.
      e.preventDefault();
      var keep = a.closest("#chart") || a.closest(".zoom") ? "chart" : a.closest(".pages") ? "list" : null;
      load(u.pathname + u.search, "push", keep);
    }
  });

  window.addEventListener("popstate", function () {
    endTyping();
    load(location.href, "none", null);
  });

  function navigate(name) {
    var a = view.querySelector('a[data-nav="' + name + '"]');
    if (a) load(a.getAttribute("href"), "push", "chart");
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var inChart = e.target.closest && e.target.closest("#chart");
    if (e.key === "Escape") {
      var panel = document.getElementById("panel");
      var close = panel && panel.querySelector("a.close");
      if (close) {
        e.preventDefault();
        load(close.getAttribute("href"), "push", "event:" + panel.dataset.event);
      }
      return;
    }
    if (!inChart) return;
    // The arrows move the way they point: in a chart that reads right to
    // left, earlier is to the right.
    var timeSvg = document.querySelector("#chart svg.timeline");
    var back = timeSvg && rtl(timeSvg) ? "ArrowRight" : "ArrowLeft";
    var keys = { "+": "in", "=": "in", "-": "out", "_": "out" };
    keys[back] = "back";
    keys[back === "ArrowLeft" ? "ArrowRight" : "ArrowLeft"] = "forward";
    if (!keys[e.key]) return;
    e.preventDefault();
    // Zoom about the focused marker, where the keyboard is.
    var m = e.target.closest(".marker");
    if (m && (keys[e.key] === "in" || keys[e.key] === "out")) {
      var svg = m.closest("svg.timeline");
      var day = Number(m.dataset.day);
      zoom(svg, day, keys[e.key] === "in" ? 0.5 : 2, fraction(svg, day), "event:" + m.dataset.event);
      return;
    }
    navigate(keys[e.key]);
  });

  // Time on the charts. The horizontal chart maps days across its width
  // between two pads, from the left, or from the right when it reads right
  // to left (data-dir, from the page's language); the vertical one down its
  // plot.
  function rtl(svg) {
    return svg.dataset.dir === "rtl";
  }
  function windowOf(svg) {
    return { start: Number(svg.dataset.start), end: Number(svg.dataset.end),
      fitStart: Number(svg.dataset.fitStart), fitEnd: Number(svg.dataset.fitEnd) };
  }
  // across reports whether the chart runs across (wide screens) rather
  // than down: CSS shows one of its two drawings.
  function across(svg) {
    var g = svg.querySelector("g.h");
    return !!g && getComputedStyle(g).display !== "none";
  }
  // fraction is where a day sits along the chart's time axis, 0 to 1.
  function fraction(svg, day) {
    var w = windowOf(svg);
    return Math.min(1, Math.max(0, (day - w.start) / (w.end - w.start + 1)));
  }
  // dayAtPoint is the day under a point of the chart, and its fraction.
  function dayAtPoint(svg, clientX, clientY) {
    var box = svg.getBoundingClientRect(), w = windowOf(svg), f;
    if (across(svg)) {
      var pad = Number(svg.dataset.pad) * box.width;
      f = (clientX - box.left - pad) / (box.width - 2 * pad);
      if (rtl(svg)) f = 1 - f;
    } else {
      f = (clientY - box.top - Number(svg.dataset.top)) / Number(svg.dataset.plot);
    }
    f = Math.min(1, Math.max(0, f));
    return { day: Math.round(w.start + f * (w.end - w.start + 1)), f: f };
  }
  function iso(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }
  // rangeParams names a range of days [a, b) as briefly as it reads well.
  function rangeParams(a, b) {
    var from = iso(a), to = iso(b - 1 >= a ? b - 1 : a);
    var days = b - a;
    if (days >= 730) return [from.slice(0, 4), to.slice(0, 4)];
    if (days >= 60) return [from.slice(0, 7), to.slice(0, 7)];
    return [from, to];
  }
  function rangeURL(a, b) {
    var r = rangeParams(a, b);
    var u = new URL(location.href);
    u.searchParams.set("from", r[0]);
    u.searchParams.set("to", r[1]);
    u.searchParams.delete("page");
    return u.pathname + u.search;
  }
  // shownDays are the days where the chart draws matching events.
  function shownDays(svg) {
    return Array.prototype.map.call(svg.querySelectorAll("[data-day]"), function (el) { return Number(el.dataset.day); });
  }
  // goTo loads the range [a, b) of days, moved to hold the nearest drawn
  // event when it holds none and kept inside the matching events: a zoom
  // or a pan never lands on an empty range while there are events.
  function goTo(svg, a, b, focus) {
    var w = windowOf(svg), days = b - a;
    var shown = shownDays(svg);
    var hit = shown.some(function (d) { return d >= a && d < b; });
    if (!hit && shown.length) {
      var mid = a + days / 2, best = shown[0];
      shown.forEach(function (d) { if (Math.abs(d - mid) < Math.abs(best - mid)) best = d; });
      a = Math.round(best - days / 2);
      b = a + days;
    }
    if (days >= w.fitEnd - w.fitStart + 1) {
      var all = view.querySelector(".zoom a.preset");
      if (all) load(all.getAttribute("href"), "push", focus);
      return;
    }
    if (a < w.fitStart) { b += w.fitStart - a; a = w.fitStart; }
    if (b > w.fitEnd + 1) { a -= b - w.fitEnd - 1; b = w.fitEnd + 1; }
    load(rangeURL(a, b), "push", focus);
  }
  // zoom scales the window by factor about day, which stays at fraction f.
  function zoom(svg, day, factor, f, focus) {
    var w = windowOf(svg);
    var days = Math.max(7, Math.round((w.end - w.start + 1) * factor));
    var a = Math.round(day - f * days);
    goTo(svg, a, a + days, focus || "chart");
  }
  function chartSvg(target) {
    return target && target.closest && target.closest("#chart svg.timeline");
  }
  // preview stretches or moves the drawn chart while a gesture lasts.
  function preview(svg, scale, shift, originX, originY) {
    var box = svg.getBoundingClientRect();
    svg.style.transformOrigin = (originX - box.left) + "px " + (originY - box.top) + "px";
    svg.style.transform = across(svg) ? "translateX(" + shift + "px) scaleX(" + scale + ")" : "translateY(" + shift + "px) scaleY(" + scale + ")";
  }

  // Ctrl+wheel (and a touchpad's pinch, which the browser sends as one)
  // zooms about the pointer.
  var wheel = null;
  view.addEventListener("wheel", function (e) {
    var svg = chartSvg(e.target);
    if (!svg || !e.ctrlKey) return;
    e.preventDefault();
    if (!wheel) wheel = { svg: svg, delta: 0, at: dayAtPoint(svg, e.clientX, e.clientY), x: e.clientX, y: e.clientY };
    wheel.delta += e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
    var factor = Math.min(4, Math.max(0.25, Math.pow(2, wheel.delta / 300)));
    preview(svg, 1 / factor, 0, wheel.x, wheel.y);
    clearTimeout(wheel.timer);
    wheel.timer = setTimeout(function () {
      var w = wheel;
      wheel = null;
      zoom(w.svg, w.at.day, factor, w.at.f);
    }, 250);
  }, { passive: false });

  // Pointers on the chart: two fingers pinch to zoom about their middle;
  // one pointer dragged across the horizontal chart pans it.
  var touches = {}, gesture = null;
  function count(o) { return Object.keys(o).length; }
  function spread() {
    var ids = Object.keys(touches), p = touches[ids[0]], q = touches[ids[1]];
    return across(gesture.svg) ? Math.abs(p.x - q.x) : Math.abs(p.y - q.y);
  }
  view.addEventListener("pointerdown", function (e) {
    var svg = chartSvg(e.target);
    if (!svg || (e.pointerType === "mouse" && e.button !== 0)) return;
    touches[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (count(touches) === 2) {
      var ids = Object.keys(touches), p = touches[ids[0]], q = touches[ids[1]];
      var mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2;
      gesture = { kind: "pinch", svg: svg, x: mx, y: my, at: dayAtPoint(svg, mx, my) };
      gesture.d0 = Math.max(spread(), 10);
    } else if (count(touches) === 1 && across(svg)) {
      gesture = { kind: "pan", svg: svg, x: e.clientX, moved: false, id: e.pointerId };
    }
  });
  view.addEventListener("pointermove", function (e) {
    if (!gesture || !touches[e.pointerId]) return;
    touches[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (gesture.kind === "pinch" && count(touches) === 2) {
      gesture.scale = spread() / gesture.d0;
      preview(gesture.svg, gesture.scale, 0, gesture.x, gesture.y);
    } else if (gesture.kind === "pan") {
      var dx = e.clientX - gesture.x;
      if (Math.abs(dx) > 6 && !gesture.moved) {
        gesture.moved = true;
        gesture.svg.setPointerCapture(e.pointerId);
        document.getElementById("chart").classList.add("dragging");
      }
      if (gesture.moved) preview(gesture.svg, 1, dx, gesture.x, 0);
    }
  });
  function endPointer(e) {
    delete touches[e.pointerId];
    var g = gesture;
    if (!g) return;
    if (g.kind === "pinch" && count(touches) < 2) {
      gesture = null;
      if (g.scale && Math.abs(g.scale - 1) > 0.1) {
        lastDrag = Date.now();
        zoom(g.svg, g.at.day, 1 / g.scale, g.at.f);
      } else g.svg.style.transform = "";
    } else if (g.kind === "pan" && g.id === e.pointerId) {
      gesture = null;
      document.getElementById("chart").classList.remove("dragging");
      if (!g.moved || e.type === "pointercancel") { g.svg.style.transform = ""; return; }
      lastDrag = Date.now();
      var box = g.svg.getBoundingClientRect(), w = windowOf(g.svg);
      var pad = Number(g.svg.dataset.pad) * box.width;
      var days = w.end - w.start + 1;
      // Dragging the drawing towards later shows earlier days: leftwards
      // in a chart that reads left to right, rightwards in one that reads
      // right to left.
      var shift = Math.round(-(e.clientX - g.x) / (box.width - 2 * pad) * days);
      if (rtl(g.svg)) shift = -shift;
      goTo(g.svg, w.start + shift, w.end + 1 + shift, "chart");
    }
  }
  view.addEventListener("pointerup", endPointer);
  view.addEventListener("pointercancel", endPointer);

  // Dragging across the overview zooms to the dragged range.
  var drag = null;
  function overviewDay(svg, clientX) {
    var box = svg.getBoundingClientRect();
    var vb = svg.viewBox.baseVal;
    var pad = Number(svg.dataset.pad) * box.width / vb.width;
    var start = Number(svg.dataset.start), end = Number(svg.dataset.end);
    var f = (clientX - box.left - pad) / (box.width - 2 * pad);
    if (rtl(svg)) f = 1 - f;
    f = Math.min(1, Math.max(0, f));
    return Math.round(start + f * (end - start + 1));
  }
  view.addEventListener("pointerdown", function (e) {
    var svg = e.target.closest && e.target.closest("#overview-svg");
    if (!svg || e.button !== 0) return;
    drag = { svg: svg, x: e.clientX, day: overviewDay(svg, e.clientX), moved: false };
  });
  view.addEventListener("pointermove", function (e) {
    if (!drag) return;
    if (Math.abs(e.clientX - drag.x) > 4 && !drag.moved) {
      // Captured only once it is a drag, so that a click still reaches
      // the bar under the pointer.
      drag.moved = true;
      drag.svg.setPointerCapture(e.pointerId);
    }
    if (!drag.moved) return;
    var svg = drag.svg, box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    var x1 = (Math.min(drag.x, e.clientX) - box.left) * vb.width / box.width;
    var x2 = (Math.max(drag.x, e.clientX) - box.left) * vb.width / box.width;
    var rect = svg.querySelector(".ov-drag");
    rect.setAttribute("x", x1.toFixed(1));
    rect.setAttribute("width", (x2 - x1).toFixed(1));
  });
  view.addEventListener("pointerup", function (e) {
    if (!drag) return;
    var d = drag;
    drag = null;
    if (!d.moved) return;
    lastDrag = Date.now();
    var a = d.day, b = overviewDay(d.svg, e.clientX);
    if (b < a) { var t = a; a = b; b = t; }
    load(rangeURL(a, b), "push", "chart");
  });
  view.addEventListener("pointercancel", function () { drag = null; });
})();
