/* seedsum review page, part 2 of 6: the text with its highlights, selection and the tooltip.
   (See model.js for how the parts are joined.) */

// -- the text with its highlights --------------------------------------------------------

function segments(length, spans) {
  var cuts = [0, length];
  spans.forEach(function (s) { cuts.push(s.start, s.end); });
  cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
  var byStart = {};
  spans.forEach(function (s) { (byStart[s.start] = byStart[s.start] || []).push(s); });
  var active = [];
  var out = [];
  for (var i = 0; i + 1 < cuts.length; i++) {
    var a = cuts[i], b = cuts[i + 1];
    active = active.filter(function (s) { return s.end > a; }).concat(byStart[a] || []);
    out.push({ start: a, end: b, items: active.slice() });
  }
  return out;
}

function describe(item) {
  var f = item.fields;
  return item.kind === "position"
    ? "Position of " + display(f.actor) + " on " + display(f.topic) + ": " + display(f.stance)
    : "Prediction by " + display(f.source) + ": " + display(f.claim) + " (" + display(f.likelihood) + ")";
}

function renderText(model) {
  var box = clear($("doc-text"));
  if (!model.doc.text) return;
  var shown = model.items.filter(function (i) { return i.located && visible(i); });
  var firsts = {};
  var fragment = document.createDocumentFragment();
  segments(model.text.length, shown).forEach(function (seg) {
    var span = el("span", { "data-s": seg.start, "data-e": seg.end });
    span.textContent = model.text.slice(seg.start, seg.end);
    if (seg.items.length) {
      var byLength = seg.items.slice().sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
      var positions = byLength.filter(function (i) { return i.kind === "position"; });
      var predictions = byLength.filter(function (i) { return i.kind === "prediction"; });
      span.className = "hl" + (positions.length ? " pos" : "") + (predictions.length ? " pred" : "")
        + (seg.items.length > 1 ? " nested" : "");
      span.setAttribute("data-ids", byLength.map(function (i) { return i.id; }).join("\n"));
      if (positions.length) {
        span.style.backgroundColor = hexToRgba(colourOf(model, positions[0].who), Math.min(0.6, 0.22 + 0.14 * (positions.length - 1)));
      }
      if (predictions.length) {
        span.style.borderBottomColor = colourOf(model, predictions[0].who);
        if (predictions.length > 1) span.classList.add("pred2");
      }
      byLength.forEach(function (item) {
        if (!firsts[item.id] && seg.start === item.start) {
          firsts[item.id] = true;
          span.setAttribute("tabindex", "0");
          span.setAttribute("data-first", item.id);
          span.setAttribute("role", "button");
          span.setAttribute("aria-label", describe(item));
        }
      });
    }
    fragment.appendChild(span);
  });
  box.appendChild(fragment);
  markSelected(model);
}

function segmentsOf(id) {
  return Array.prototype.filter.call(document.querySelectorAll("#doc-text .hl"), function (s) {
    return s.getAttribute("data-ids").split("\n").indexOf(id) >= 0;
  });
}

function markSelected(model) {
  Array.prototype.forEach.call(document.querySelectorAll("#doc-text .sel"), function (s) { s.classList.remove("sel"); });
  Array.prototype.forEach.call(document.querySelectorAll("#panel li.item"), function (li) {
    var on = li.getAttribute("data-id") === view.selected;
    li.classList.toggle("selected", on);
    if (on) li.setAttribute("aria-current", "true"); else li.removeAttribute("aria-current");
  });
  if (view.selected) segmentsOf(view.selected).forEach(function (s) { s.classList.add("sel"); });
}

function select(id, options) {
  var model = view.model;
  var item = model.items.filter(function (i) { return i.id === id; })[0];
  view.selected = item ? id : null;
  markSelected(model);
  if (!item) return;
  var segs = segmentsOf(id);
  if (segs.length && !(options && options.fromText)) segs[0].scrollIntoView({ block: "center" });
  var li = document.querySelector('#panel li.item[data-id="' + cssEscape(id) + '"]');
  if (li && !(options && options.keepPanel)) li.scrollIntoView({ block: "nearest" });
  if (li && options && options.focus) li.querySelector(".item-main").focus({ preventScroll: true });
  announce("Selected " + describe(item) + (item.located ? "" : " (quote not found in the text)"));
}

function cssEscape(value) {
  return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, "\\$&");
}

// -- the tooltip -----------------------------------------------------------------------------

function itemDetails(item) {
  var f = item.fields;
  var rows = [];
  if (item.kind === "position") {
    rows.push(["actor", f.actor], ["topic", f.topic], ["stance", f.stance]);
  } else {
    rows.push(["source", f.source], ["claim", f.claim], ["subjects", f.subjects], ["likelihood", f.likelihood],
      ["timeframe", f.timeframe], ["conditions", f.conditions]);
  }
  extras(item).forEach(function (k) { rows.push([k, f[k]]); });
  rows.push(["match", item.located ? item.match : "not found in the text"]);
  return el("dl", { class: "fields" }, rows.map(function (r) {
    return [el("dt", { text: r[0] }), el("dd", { text: display(r[1]) })];
  }));
}

function extras(item) {
  var known = SHOWN[item.kind];
  return Object.keys(item.fields).filter(function (k) { return known.indexOf(k) < 0; });
}

function showTip(target) {
  var ids = (target.getAttribute("data-ids") || "").split("\n");
  var items = view.model.items.filter(function (i) { return ids.indexOf(i.id) >= 0; });
  if (!items.length) return;
  var tip = clear($("tip"));
  items.forEach(function (item) {
    tip.appendChild(el("div", { class: "tip-item" },
      el("strong", { text: item.kind === "position" ? "Position" : "Prediction" }), itemDetails(item)));
  });
  tip.hidden = false;
  var r = target.getBoundingClientRect();
  var top = r.bottom + 6;
  if (top + tip.offsetHeight > window.innerHeight) top = Math.max(4, r.top - tip.offsetHeight - 6);
  tip.style.top = top + "px";
  tip.style.left = Math.max(4, Math.min(r.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
  target.setAttribute("aria-describedby", "tip");
}

function hideTip() { $("tip").hidden = true; }
