/* seedsum review page. Everything shown comes from the JSON blob in #seedsum-data and is
   untrusted (model replies, documents): it only ever reaches the DOM through textContent,
   attribute values set with setAttribute, and form values - never innerHTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("seedsum-data").textContent);
  var STORE = "seedsum-review:v1:";
  var PALETTE = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
    "#8c564b", "#e377c2", "#7a8a00", "#393b79", "#ad494a", "#637939",
  ];
  var OTHER_COLOUR = "#6b6b6b";
  var LIKELIHOODS = ["certain", "likely", "possible", "unlikely", "unspecified"];
  var KINDS = ["person", "state", "organization", "group", "other"];
  var PUBLICATION = "the publication";
  var SHOWN = {
    position: ["actor", "topic", "stance", "quote", "span"],
    prediction: ["source", "claim", "subjects", "timeframe", "conditions", "likelihood", "quote", "span"],
  };
  var PAGE_ROWS = 200;

  var docs = DATA.documents || [];
  var corpus = docs.length > 1;
  var view = { doc: null, model: null, selected: null, editing: null, adding: null, cycle: 0 };
  var filters = { actor: "", position: true, prediction: true, likelihood: "", verdict: "", search: "" };

  // -- small DOM helpers -----------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = String(value);
        else if (key === "class") node.className = value;
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function announce(message) { $("live").textContent = message; }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function display(value) {
    if (value === null || value === undefined || value === "") return "—";
    if (Array.isArray(value)) return value.length ? value.map(display).join(", ") : "—";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function hexToRgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // -- offsets: Python counts code points, the DOM counts UTF-16 units -------------------------

  function offsetMaps(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) {
      var same = function (i) { return i; };
      return { toU16: same, toCp: same };
    }
    var cpToU16 = [];
    var u16ToCp = new Array(text.length + 1);
    var cp = 0;
    for (var i = 0; i < text.length; cp++) {
      cpToU16.push(i);
      var code = text.charCodeAt(i);
      var width = code >= 0xd800 && code < 0xdc00 && i + 1 < text.length ? 2 : 1;
      for (var k = 0; k < width; k++) u16ToCp[i + k] = cp;
      i += width;
    }
    cpToU16.push(text.length);
    u16ToCp[text.length] = cp;
    return {
      toU16: function (c) { return cpToU16[Math.min(c, cpToU16.length - 1)]; },
      toCp: function (u) { return u16ToCp[u]; },
    };
  }

  // -- review state (localStorage, keyed by the document's hash) ------------------------------

  function emptyState() {
    return { verdicts: {}, edits: {}, added: [], actors: null, renames: {}, summary: null, next: 1 };
  }

  function loadState(doc) {
    var state = emptyState();
    if (!doc.hash) return state;
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE + doc.hash) || "null");
      if (saved && typeof saved === "object") Object.keys(state).forEach(function (k) {
        if (saved[k] !== undefined) state[k] = saved[k];
      });
    } catch (e) { /* unreadable or unavailable storage: start afresh */ }
    return state;
  }

  function hasState(doc) {
    try { return !!(doc.hash && window.localStorage.getItem(STORE + doc.hash)); } catch (e) { return false; }
  }

  function saveState(model) {
    if (!model.doc.hash) return;
    try {
      window.localStorage.setItem(STORE + model.doc.hash, JSON.stringify(model.state));
    } catch (e) {
      announce("This browser does not keep the review (storage unavailable): export before closing.");
    }
  }

  // -- the model of one document: items with their current fields and UTF-16 spans ------------

  function resolve(renames, name) {
    for (var i = 0; i < 20 && typeof name === "string" && renames[name]; i++) name = renames[name];
    return name;
  }

  function prepare(doc) {
    var result = doc.result || { summary: "", actors: [], positions: [], predictions: [], meta: null };
    var text = doc.text || "";
    var model = { doc: doc, text: text, result: result, maps: offsetMaps(text), state: loadState(doc) };
    var seen = {};
    model.base = [];
    [["position", result.positions || []], ["prediction", result.predictions || []]].forEach(function (pair) {
      pair[1].forEach(function (raw, index) {
        var who = pair[0] === "position" ? raw.actor : raw.source;
        var key = pair[0][0] + "|" + who + "|" + raw.quote;
        seen[key] = (seen[key] || 0) + 1;
        model.base.push({ id: key + "#" + seen[key], kind: pair[0], index: index, raw: raw, added: false });
      });
    });
    refresh(model);
    return model;
  }

  function refresh(model) {
    var st = model.state;
    var items = model.base.concat(st.added.map(function (a) {
      return { id: a.id, kind: a.kind, index: -1, raw: a.fields, added: true };
    }));
    model.items = items.map(function (item) {
      var fields = Object.assign({}, item.raw, st.edits[item.id] || {});
      var who = item.kind === "position" ? "actor" : "source";
      fields[who] = resolve(st.renames, fields[who]);
      if (Array.isArray(fields.subjects)) {
        fields.subjects = fields.subjects.map(function (s) { return resolve(st.renames, s); });
      }
      var span = fields.span;
      var located = !!(span && typeof span.start === "number" && span.end > span.start && model.text);
      var out = {
        id: item.id, kind: item.kind, added: item.added, raw: item.raw, fields: fields,
        who: fields[who], verdict: st.verdicts[item.id] || "", located: located,
        start: located ? model.maps.toU16(span.start) : null,
        end: located ? model.maps.toU16(span.end) : null,
        match: located ? span.match || "exact" : null,
      };
      if (located) out.quoteText = model.text.slice(out.start, out.end);
      return out;
    });
    model.items.sort(function (a, b) {
      return (a.located ? a.start : Infinity) - (b.located ? b.start : Infinity) || (a.end || 0) - (b.end || 0);
    });
    model.actors = st.actors || (model.result.actors || []).map(function (a) { return Object.assign({}, a); });
    model.colours = {};
    model.actors.forEach(function (actor, i) {
      var colour = PALETTE[i % PALETTE.length];
      [actor.name].concat(actor.aliases || []).forEach(function (n) {
        var k = String(n).toLowerCase();
        if (!(k in model.colours)) model.colours[k] = colour;
      });
    });
  }

  function colourOf(model, name) {
    return model.colours[String(name || "").toLowerCase()] || OTHER_COLOUR;
  }

  // -- the gold file (bench/eval/GUIDELINES.md): what Export writes ----------------------------

  function asList(value) {
    if (Array.isArray(value)) return value.map(String).filter(function (s) { return s.trim(); });
    return [];
  }

  function gold(model) {
    var left = { wrong: 0, unlocated: 0 };
    var out = {
      summary: model.state.summary !== null ? model.state.summary : model.result.summary || "",
      actors: model.actors.map(function (a) {
        return { name: a.name, kind: a.kind, role: a.role || null, aliases: asList(a.aliases) };
      }),
      positions: [],
      predictions: [],
    };
    model.items.forEach(function (item) {
      if (item.verdict === "wrong") { left.wrong++; return; }
      if (!item.located) { left.unlocated++; return; }
      var f = item.fields;
      // The quote is the text at the span: always an exact substring, whatever the model wrote.
      if (item.kind === "position") {
        out.positions.push({ actor: f.actor, topic: f.topic || "", stance: f.stance || "", quote: item.quoteText });
      } else {
        out.predictions.push({
          source: f.source, claim: f.claim || "", subjects: asList(f.subjects),
          timeframe: f.timeframe || null, conditions: asList(f.conditions),
          likelihood: LIKELIHOODS.indexOf(f.likelihood) >= 0 ? f.likelihood : "unspecified",
          quote: item.quoteText,
        });
      }
    });
    return { gold: out, left: left };
  }

  function goldName(doc) {
    var base = String(doc.id).split(/[\\/]/).pop().replace(/\.[^.]*$/, "") || "document";
    return base + ".gold.json";
  }

  function download(name, value) {
    var blob = new Blob([JSON.stringify(value, null, 2) + "\n"], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // -- filters ---------------------------------------------------------------------------------

  function searchable(item) {
    var f = item.fields;
    return Object.keys(f).filter(function (k) { return k !== "span"; })
      .map(function (k) { return display(f[k]); }).join(" \n ").toLowerCase();
  }

  function visible(item) {
    if (!filters[item.kind]) return false;
    if (filters.actor && String(item.who).toLowerCase() !== filters.actor) return false;
    if (filters.likelihood && (item.kind !== "prediction" || item.fields.likelihood !== filters.likelihood)) return false;
    if (filters.verdict && (item.verdict || "unreviewed") !== filters.verdict) return false;
    if (filters.search && searchable(item).indexOf(filters.search.toLowerCase()) < 0) return false;
    return true;
  }

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

  // -- the side panel --------------------------------------------------------------------------

  function section(id, title, extra) {
    var heading = el("h3", { id: id + "-h", text: title });
    return el("section", { id: id, class: "box " + (extra || ""), "aria-labelledby": id + "-h" }, heading);
  }

  function button(label, onclick, props) {
    return el("button", Object.assign({ type: "button", text: label, onclick: onclick }, props || {}));
  }

  function renderPanel(model) {
    var panel = clear($("panel"));
    panel.appendChild(summarySection(model));
    panel.appendChild(reviewSection(model));
    panel.appendChild(addSection(model));
    panel.appendChild(filterSection(model));
    panel.appendChild(itemsSection(model));
    panel.appendChild(unlocatedSection(model));
    panel.appendChild(actorsSection(model));
    panel.appendChild(metaSection(model));
    markSelected(model);
  }

  function summarySection(model) {
    var box = section("summary", "Summary");
    var current = model.state.summary !== null ? model.state.summary : model.result.summary || "";
    if (view.editing === "summary") {
      var area = el("textarea", { rows: 5, "aria-label": "Summary" });
      area.value = current;
      box.appendChild(area);
      box.appendChild(el("div", { class: "actions" },
        button("Save", function () { model.state.summary = area.value; changed(model); view.editing = null; renderPanel(model); }),
        button("Cancel", function () { view.editing = null; renderPanel(model); })));
    } else {
      box.appendChild(el("p", { class: "summary", text: current || "(no summary)" }));
      box.appendChild(el("div", { class: "actions" }, button("Edit summary", function () { view.editing = "summary"; renderPanel(model); })));
    }
    return box;
  }

  function filterSection(model) {
    var box = section("filters", "Filter");
    var names = {};
    model.actors.forEach(function (a) { names[a.name.toLowerCase()] = a.name; });
    model.items.forEach(function (i) { var k = String(i.who).toLowerCase(); if (!(k in names)) names[k] = String(i.who); });
    var actor = el("select", { id: "f-actor", onchange: function () { filters.actor = actor.value; update(model); } },
      el("option", { value: "", text: "All actors" }),
      Object.keys(names).map(function (k) { return el("option", { value: k, text: names[k] }); }));
    actor.value = filters.actor;
    var likelihood = el("select", { id: "f-likelihood", onchange: function () { filters.likelihood = likelihood.value; update(model); } },
      el("option", { value: "", text: "Any likelihood" }),
      LIKELIHOODS.map(function (l) { return el("option", { value: l, text: l }); }));
    likelihood.value = filters.likelihood;
    var verdict = el("select", { id: "f-verdict", onchange: function () { filters.verdict = verdict.value; update(model); } },
      el("option", { value: "", text: "Reviewed or not" }),
      ["unreviewed", "correct", "wrong"].map(function (v) { return el("option", { value: v, text: v }); }));
    verdict.value = filters.verdict;
    var kinds = ["position", "prediction"].map(function (kind) {
      var box2 = el("input", { type: "checkbox", id: "f-" + kind, checked: filters[kind],
        onchange: function () { filters[kind] = box2.checked; update(model); } });
      return el("label", { class: "check" }, box2, kind + "s");
    });
    var search = el("input", { type: "search", id: "search", placeholder: "Search items  ( / )", "aria-label": "Search items",
      oninput: function () { filters.search = search.value; update(model); } });
    search.value = filters.search;
    box.appendChild(el("div", { class: "filters" },
      el("label", { class: "field" }, el("span", { text: "Actor" }), actor),
      el("label", { class: "field" }, el("span", { text: "Likelihood" }), likelihood),
      el("label", { class: "field" }, el("span", { text: "Review" }), verdict),
      el("div", { class: "kinds", role: "group", "aria-label": "Kinds" }, kinds),
      el("label", { class: "field wide" }, el("span", { text: "Search" }), search)));
    return box;
  }

  function itemsSection(model) {
    var box = section("items", "Items in text order");
    var located = model.items.filter(function (i) { return i.located; });
    var shown = located.filter(visible);
    box.appendChild(el("p", { id: "count", class: "count", "aria-live": "polite",
      text: "Showing " + shown.length + " of " + plural(located.length, "located item") }));
    var list = el("ol", { class: "items", "aria-label": "Located items" });
    shown.forEach(function (item) { list.appendChild(itemCard(model, item)); });
    box.appendChild(list);
    return box;
  }

  function unlocatedSection(model) {
    var missing = model.items.filter(function (i) { return !i.located; });
    var box = section("unlocated", "⚠ Not found in the text (" + missing.length + ")", "flagged");
    if (!missing.length) {
      box.appendChild(el("p", { text: "Every quote was found in the text." }));
      return box;
    }
    box.appendChild(el("p", { class: "warn", text: "These items' quotes were not found in the source text, so they cannot be "
      + "highlighted and may be invented or paraphrased. Check each against the text; select the right words in the "
      + "document and use “Use selection as quote”, or mark it wrong." }));
    var list = el("ol", { class: "items", "aria-label": "Items whose quote was not found" });
    missing.forEach(function (item) { list.appendChild(itemCard(model, item)); });
    box.appendChild(list);
    return box;
  }

  function warningFor(model, item) {
    var warnings = (model.result.meta && model.result.meta.warnings) || [];
    var head = String(item.fields.quote || "").slice(0, 24);
    var match = warnings.filter(function (w) {
      return w.indexOf("not found") >= 0 && w.indexOf(String(item.who)) >= 0 && w.indexOf(head) >= 0;
    })[0];
    return match || "quote not found in the text: " + display(item.fields.quote);
  }

  function itemCard(model, item) {
    var f = item.fields;
    var li = el("li", { class: "item " + item.kind + (item.verdict ? " v-" + item.verdict : "") + (item.located ? "" : " unlocated"),
      "data-id": item.id });
    var colour = colourOf(model, item.who);
    var main = el("button", { type: "button", class: "item-main", "aria-label": describe(item),
      onclick: function () { select(item.id); } },
      el("span", { class: "badge " + item.kind, text: item.kind }),
      el("span", { class: "swatch", style: "background:" + colour, "aria-hidden": "true" }),
      el("span", { class: "who", text: display(item.who) }),
      item.verdict ? el("span", { class: "verdict " + item.verdict, text: item.verdict }) : null,
      item.added ? el("span", { class: "verdict added", text: "added" }) : null,
      el("span", { class: "what", text: item.kind === "position" ? display(f.topic) + ": " + display(f.stance) : display(f.claim) }));
    li.appendChild(main);
    var details = [];
    if (item.kind === "prediction") {
      details.push(["likelihood", f.likelihood], ["timeframe", f.timeframe], ["subjects", f.subjects], ["conditions", f.conditions]);
    }
    extras(item).forEach(function (k) { details.push([k, f[k]]); });
    // Empty fields stay out of the card (the tooltip lists them all), so it reads quickly.
    details = details.filter(function (d) { return display(d[1]) !== "—"; });
    if (details.length) {
      li.appendChild(el("dl", { class: "fields" }, details.map(function (d) {
        return [el("dt", { text: d[0] }), el("dd", { text: display(d[1]) })];
      })));
    }
    var quote = item.located ? item.quoteText : display(f.quote);
    var same = quote === (item.kind === "position" ? f.stance : f.claim);
    li.appendChild(el("blockquote", { class: "quote" + (same ? " same" : ""), title: same ? "the quote, word for word as the claim" : null },
      same ? "(quote as above)" : quote,
      item.located && item.match !== "exact" ? el("span", { class: "match", text: " (" + item.match + " match)" }) : null));
    if (!item.located) li.appendChild(el("p", { class: "warn", text: warningFor(model, item) }));
    if (view.editing === item.id) li.appendChild(editForm(model, item));
    else li.appendChild(el("div", { class: "actions", role: "group", "aria-label": "Review this item" },
      button("✓ Correct", function () { verdict(model, item, "correct"); }, { "aria-pressed": String(item.verdict === "correct"), class: "ok" }),
      button("✗ Wrong", function () { verdict(model, item, "wrong"); }, { "aria-pressed": String(item.verdict === "wrong"), class: "bad" }),
      button("Edit", function () { view.editing = item.id; view.selected = item.id; renderPanel(model); focusForm(); })));
    return li;
  }

  function verdict(model, item, value) {
    if (model.state.verdicts[item.id] === value) delete model.state.verdicts[item.id];
    else model.state.verdicts[item.id] = value;
    view.selected = item.id;
    changed(model);
    update(model);
    announce(item.kind + " marked " + (model.state.verdicts[item.id] || "unreviewed"));
  }

  function focusForm() {
    var first = document.querySelector("#panel form input, #panel form select, #panel form textarea");
    if (first) first.focus();
  }

  // -- forms: edit an item, add a missed statement ------------------------------------------

  function whoChoices(model, current) {
    var names = model.actors.map(function (a) { return a.name; });
    if (names.indexOf(PUBLICATION) < 0) names.push(PUBLICATION);
    if (current && names.indexOf(current) < 0) names.unshift(current);
    return names;
  }

  function fieldInputs(model, kind, f) {
    var inputs = {};
    var rows = [];
    function add(name, label, node) { inputs[name] = node; rows.push(el("label", { class: "field" }, el("span", { text: label }), node)); }
    function text(name, label, value) { var i = el("input", { type: "text", name: name }); i.value = value || ""; add(name, label, i); }
    function long(name, label, value) { var t = el("textarea", { name: name, rows: 3 }); t.value = value || ""; add(name, label, t); }
    function lines(name, label, value) {
      var t = el("textarea", { name: name, rows: 2, placeholder: "one per line" });
      t.value = asList(value).join("\n");
      add(name, label, t);
    }
    var whoName = kind === "position" ? "actor" : "source";
    var who = el("select", { name: whoName }, whoChoices(model, f[whoName]).map(function (n) { return el("option", { value: n, text: n }); }));
    who.value = f[whoName] || model.actors.length && model.actors[0].name || PUBLICATION;
    add(whoName, kind === "position" ? "Actor" : "Source", who);
    if (kind === "position") {
      text("topic", "Topic", f.topic);
      long("stance", "Stance", f.stance);
    } else {
      long("claim", "Claim", f.claim);
      lines("subjects", "Subjects", f.subjects);
      text("timeframe", "Timeframe", f.timeframe);
      lines("conditions", "Conditions", f.conditions);
      var l = el("select", { name: "likelihood" }, LIKELIHOODS.map(function (v) { return el("option", { value: v, text: v }); }));
      l.value = LIKELIHOODS.indexOf(f.likelihood) >= 0 ? f.likelihood : "unspecified";
      add("likelihood", "Likelihood", l);
    }
    return { inputs: inputs, rows: rows };
  }

  function readInputs(kind, inputs) {
    var out = {};
    Object.keys(inputs).forEach(function (k) {
      var v = inputs[k].value;
      if (k === "subjects" || k === "conditions") out[k] = v.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
      else if (k === "timeframe") out[k] = v.trim() || null;
      else out[k] = v.trim();
    });
    return out;
  }

  function editForm(model, item) {
    var built = fieldInputs(model, item.kind, item.fields);
    var note = el("p", { class: "note" });
    var form = el("form", { class: "edit", "aria-label": "Edit " + item.kind }, built.rows, note,
      el("div", { class: "actions" },
        el("button", { type: "submit", text: "Save" }),
        button("Use selection as quote", function () {
          var sel = selectionOffsets(model);
          if (!sel) { note.textContent = "Select the words of the quote in the document first."; return; }
          var edits = model.state.edits[item.id] = model.state.edits[item.id] || {};
          edits.span = { start: model.maps.toCp(sel.start), end: model.maps.toCp(sel.end), match: "exact" };
          edits.quote = model.text.slice(sel.start, sel.end);
          note.textContent = "Quote set: " + edits.quote;
        }),
        button("Cancel", function () { view.editing = null; renderPanel(model); })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = readInputs(item.kind, built.inputs);
      var edits = model.state.edits[item.id] = model.state.edits[item.id] || {};
      Object.keys(values).forEach(function (k) { edits[k] = values[k]; });
      view.editing = null;
      view.selected = item.id;
      changed(model);
      update(model);
      announce(item.kind + " saved");
    });
    return form;
  }

  function selectionOffsets(model) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    var box = $("doc-text");
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return null;
    var start = pointOffset(range.startContainer, range.startOffset);
    var end = pointOffset(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    // Trim surrounding whitespace: gold quotes start and end with a character of the text.
    while (start < end && /\s/.test(model.text[start])) start++;
    while (end > start && /\s/.test(model.text[end - 1])) end--;
    if (end <= start) return null;
    // Never split a surrogate pair.
    if (/[\uDC00-\uDFFF]/.test(model.text[start] || "")) start--;
    if (/[\uD800-\uDBFF]/.test(model.text[end - 1] || "")) end++;
    return { start: start, end: end };
  }

  function pointOffset(node, offset) {
    var box = $("doc-text");
    if (node.nodeType === 3) {
      var seg = node.parentElement && node.parentElement.closest("[data-s]");
      return seg ? Number(seg.getAttribute("data-s")) + offset : null;
    }
    if (node === box) {
      var child = box.childNodes[offset];
      return child ? Number(child.getAttribute("data-s")) : view.model.text.length;
    }
    var own = node.closest && node.closest("[data-s]");
    if (!own) return null;
    return offset === 0 ? Number(own.getAttribute("data-s")) : Number(own.getAttribute("data-e"));
  }

  function addSection(model) {
    var box = section("add", "Add a missed statement");
    if (!view.adding) {
      box.appendChild(el("p", { class: "note", text: "Select its words in the document, then:" }));
      box.appendChild(el("div", { class: "actions" }, button("Add from selection", function () { startAdding(model); }, { id: "add-from-selection" })));
      return box;
    }
    var adding = view.adding;
    var kind = el("select", { name: "kind", "aria-label": "Kind" }, ["position", "prediction"].map(function (k) { return el("option", { value: k, text: k }); }));
    kind.value = adding.kind;
    kind.addEventListener("change", function () { adding.kind = kind.value; renderPanel(model); focusForm(); });
    var built = fieldInputs(model, adding.kind, adding.fields || {});
    var quote = model.text.slice(adding.start, adding.end);
    var repeat = model.text.indexOf(quote) !== adding.start;
    var form = el("form", { class: "edit", id: "add-form", "aria-label": "Add a missed statement" },
      el("label", { class: "field" }, el("span", { text: "Kind" }), kind),
      el("blockquote", { class: "quote", text: quote }),
      repeat ? el("p", { class: "warn", text: "These words also appear earlier in the text; seedsum.eval locates a gold quote at its first occurrence." }) : null,
      built.rows,
      el("div", { class: "actions" }, el("button", { type: "submit", text: "Add" }),
        button("Cancel", function () { view.adding = null; renderPanel(model); })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = readInputs(adding.kind, built.inputs);
      fields.quote = quote;
      fields.span = { start: model.maps.toCp(adding.start), end: model.maps.toCp(adding.end), match: "exact" };
      var id = "a|" + model.state.next++;
      model.state.added.push({ id: id, kind: adding.kind, fields: fields });
      model.state.verdicts[id] = "correct";
      view.adding = null;
      view.selected = id;
      changed(model);
      update(model);
      announce("Added a " + adding.kind);
    });
    box.appendChild(form);
    return box;
  }

  function startAdding(model) {
    var sel = selectionOffsets(model);
    if (!sel) {
      announce("Select the words of the statement in the document first.");
      var note = document.querySelector("#add .note");
      if (note) note.textContent = "Nothing selected: select the statement's words in the document first.";
      return;
    }
    view.adding = { kind: "position", start: sel.start, end: sel.end, fields: {} };
    hideFloating();
    renderPanel(model);
    $("add").scrollIntoView({ block: "nearest" });
    focusForm();
  }

  function showFloating() {
    var model = view.model;
    var old = $("float-add");
    if (old) old.remove();
    var sel = model && selectionOffsets(model);
    if (!sel) return;
    var rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
    var b = button("+ Add statement", function () { startAdding(model); }, { id: "float-add", class: "float-add" });
    b.style.top = (window.scrollY + rect.bottom + 4) + "px";
    b.style.left = (window.scrollX + rect.left) + "px";
    document.body.appendChild(b);
  }

  function hideFloating() { var b = $("float-add"); if (b) b.remove(); }

  // -- actors ----------------------------------------------------------------------------------

  function actorsSection(model) {
    var box = section("actors", "Actors (" + model.actors.length + ")");
    var counts = {};
    model.items.forEach(function (i) {
      var c = counts[String(i.who).toLowerCase()] = counts[String(i.who).toLowerCase()] || { position: 0, prediction: 0 };
      c[i.kind]++;
    });
    var list = el("ul", { class: "actors" });
    model.actors.forEach(function (actor, index) {
      var c = counts[actor.name.toLowerCase()] || { position: 0, prediction: 0 };
      var li = el("li", { class: "actor" },
        el("span", { class: "swatch", style: "background:" + colourOf(model, actor.name), "aria-hidden": "true" }),
        el("strong", { text: actor.name }), " ",
        el("span", { class: "muted", text: [actor.kind, actor.role].filter(Boolean).join(", ") }),
        actor.aliases && actor.aliases.length ? el("div", { class: "muted", text: "also: " + actor.aliases.join(", ") }) : null,
        el("div", { class: "muted", text: plural(c.position, "position") + ", " + plural(c.prediction, "prediction") }));
      if (view.editing === "actor:" + index) li.appendChild(actorForm(model, index));
      else if (view.editing === "merge:" + index) li.appendChild(mergeForm(model, index));
      else li.appendChild(el("div", { class: "actions" },
        button("Edit", function () { view.editing = "actor:" + index; renderPanel(model); focusForm(); }, { "aria-label": "Edit or rename " + actor.name }),
        model.actors.length > 1 ? button("Merge…", function () { view.editing = "merge:" + index; renderPanel(model); focusForm(); }, { "aria-label": "Merge " + actor.name + " into another actor" }) : null));
      list.appendChild(li);
    });
    box.appendChild(list);
    if (view.editing === "actor:new") box.appendChild(actorForm(model, -1));
    else box.appendChild(el("div", { class: "actions" }, button("Add actor", function () { view.editing = "actor:new"; renderPanel(model); focusForm(); })));
    return box;
  }

  function actorForm(model, index) {
    var actor = index >= 0 ? model.actors[index] : { name: "", kind: "person", role: null, aliases: [] };
    var name = el("input", { type: "text", name: "name", required: true }); name.value = actor.name;
    var kind = el("select", { name: "kind" }, KINDS.map(function (k) { return el("option", { value: k, text: k }); })); kind.value = actor.kind;
    var role = el("input", { type: "text", name: "role" }); role.value = actor.role || "";
    var aliases = el("textarea", { name: "aliases", rows: 2, placeholder: "one per line" }); aliases.value = (actor.aliases || []).join("\n");
    var form = el("form", { class: "edit", "aria-label": index >= 0 ? "Edit actor" : "Add actor" },
      el("label", { class: "field" }, el("span", { text: "Name" }), name),
      el("label", { class: "field" }, el("span", { text: "Kind" }), kind),
      el("label", { class: "field" }, el("span", { text: "Role" }), role),
      el("label", { class: "field" }, el("span", { text: "Aliases" }), aliases),
      el("div", { class: "actions" }, el("button", { type: "submit", text: index >= 0 ? "Save" : "Add" }),
        button("Cancel", function () { view.editing = null; renderPanel(model); })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var updated = { name: name.value.trim(), kind: kind.value, role: role.value.trim() || null,
        aliases: aliases.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean) };
      if (!updated.name) return;
      var actors = model.actors.slice();
      if (index >= 0) {
        if (actor.name !== updated.name) model.state.renames[actor.name] = updated.name;
        delete model.state.renames[updated.name];
        actors[index] = Object.assign({}, actor, updated);
      } else actors.push(updated);
      model.state.actors = actors;
      view.editing = null;
      changed(model);
      update(model);
    });
    return form;
  }

  function mergeForm(model, index) {
    var actor = model.actors[index];
    var into = el("select", { name: "into" }, model.actors.filter(function (a, i) { return i !== index; })
      .map(function (a) { return el("option", { value: a.name, text: a.name }); }));
    var form = el("form", { class: "edit", "aria-label": "Merge " + actor.name },
      el("label", { class: "field" }, el("span", { text: "Merge " + actor.name + " into" }), into),
      el("div", { class: "actions" }, el("button", { type: "submit", text: "Merge" }),
        button("Cancel", function () { view.editing = null; renderPanel(model); })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var actors = model.actors.slice();
      var target = actors.filter(function (a) { return a.name === into.value; })[0];
      if (!target) return;
      var aliases = asList(target.aliases).concat([actor.name], asList(actor.aliases))
        .filter(function (a, i, all) { return a !== target.name && all.indexOf(a) === i; });
      actors[actors.indexOf(target)] = Object.assign({}, target, { aliases: aliases, role: target.role || actor.role });
      actors.splice(index, 1);
      model.state.actors = actors;
      model.state.renames[actor.name] = target.name;
      view.editing = null;
      changed(model);
      update(model);
      announce(actor.name + " merged into " + target.name);
    });
    return form;
  }

  // -- review progress, export and the run's meta ----------------------------------------------

  function reviewSection(model) {
    var box = section("review", "Review and export");
    var marks = { correct: 0, wrong: 0 };
    model.items.forEach(function (i) { if (i.verdict) marks[i.verdict]++; });
    var added = model.state.added.length;
    box.appendChild(el("p", { id: "progress", text: "Reviewed " + (marks.correct + marks.wrong) + " of " + model.items.length
      + " items (" + marks.correct + " correct, " + marks.wrong + " wrong), " + added + " added." }));
    box.appendChild(el("p", { class: "note", text: "Export writes a gold file (" + goldName(model.doc) + ") for python -m seedsum.eval: "
      + "every item not marked wrong whose quote is located, with the text at its span as the quote." }));
    var status = el("p", { id: "export-status", class: "note", role: "status" });
    var reset = button("Reset review", function () {
      if (reset.getAttribute("data-armed") !== "1") { reset.setAttribute("data-armed", "1"); reset.textContent = "Press again to discard this review"; return; }
      model.state = emptyState();
      try { window.localStorage.removeItem(STORE + model.doc.hash); } catch (e) { /* nothing kept */ }
      refresh(model);
      update(model);
    }, { class: "bad" });
    box.appendChild(el("div", { class: "actions" }, button("Export gold file", function () {
      var g = gold(model);
      download(goldName(model.doc), g.gold);
      status.textContent = "Exported " + plural(g.gold.positions.length, "position") + " and " + plural(g.gold.predictions.length, "prediction")
        + "; left out " + g.left.wrong + " marked wrong and " + g.left.unlocated + " not located.";
      announce(status.textContent);
    }, { id: "export" }), reset));
    box.appendChild(status);
    return box;
  }

  function metaSection(model) {
    var meta = model.result.meta;
    var details = el("details", { class: "box meta", id: "meta" }, el("summary", { text: "Run: how this result was made" }));
    if (!meta) { details.appendChild(el("p", { text: "No run information." })); return details; }
    var rows = [
      ["backend", meta.backend], ["model", meta.model], ["prompt version", meta.prompt_version], ["chunks", meta.chunks],
      ["calls", meta.calls], ["re-asks", meta.reasks], ["cache hits / misses", display(meta.cache_hits) + " / " + display(meta.cache_misses)],
      ["input tokens", meta.input_tokens], ["output tokens", meta.output_tokens], ["cached input tokens", meta.cached_input_tokens],
      ["cost", meta.cost_usd === null || meta.cost_usd === undefined ? "unknown" : "$" + Number(meta.cost_usd).toFixed(4)],
    ];
    var known = ["backend", "model", "prompt_version", "chunks", "calls", "reasks", "cache_hits", "cache_misses",
      "input_tokens", "output_tokens", "cached_input_tokens", "cost_usd", "warnings"];
    Object.keys(meta).forEach(function (k) { if (known.indexOf(k) < 0) rows.push([k, meta[k]]); });
    details.appendChild(el("dl", { class: "fields" }, rows.map(function (r) { return [el("dt", { text: r[0] }), el("dd", { text: display(r[1]) })]; })));
    var warnings = meta.warnings || [];
    details.appendChild(el("h4", { text: plural(warnings.length, "warning") }));
    if (warnings.length) details.appendChild(el("ul", { class: "warnings" }, warnings.map(function (w) { return el("li", { text: w }); })));
    if (warnings.length) details.open = true;
    return details;
  }

  // -- the document view ---------------------------------------------------------------------

  function changed(model) { saveState(model); refresh(model); }

  var SECTIONS = [["items", itemsSection], ["unlocated", unlocatedSection], ["add", addSection],
    ["actors", actorsSection], ["review", reviewSection]];

  // Rebuild what a change affects, but never the filter box being typed in.
  function update(model) {
    renderText(model);
    if (!$("items")) { renderPanel(model); return; }
    var filtersBox = $("filters");
    if (!filtersBox.contains(document.activeElement)) filtersBox.replaceWith(filterSection(model));
    SECTIONS.forEach(function (pair) { $(pair[0]).replaceWith(pair[1](model)); });
    markSelected(model);
  }

  function openDocument(index) {
    var doc = docs[index];
    if (!doc) return;
    hideTip();
    view.doc = index;
    view.model = prepare(doc);
    view.selected = null;
    view.editing = null;
    view.adding = null;
    $("corpus").hidden = true;
    $("docview").hidden = false;
    $("doc-title").textContent = doc.title;
    var r = view.model.result;
    var located = view.model.items.filter(function (i) { return i.located; }).length;
    $("doc-sub").textContent = [doc.date, doc.id !== doc.title ? doc.id : null,
      plural((r.actors || []).length, "actor"), plural((r.positions || []).length, "position"),
      plural((r.predictions || []).length, "prediction"), (view.model.items.length - located) + " not found"]
      .filter(Boolean).join(" · ");
    var error = $("doc-error");
    error.hidden = !doc.error && doc.text !== null;
    error.textContent = doc.error || (doc.text === null ? "The source text of this document was not found." : "");
    update(view.model);
    markTab("doc");
  }

  function move(step) {
    var model = view.model;
    if (!model) return;
    var order = Array.prototype.map.call(document.querySelectorAll("#panel li.item"), function (li) { return li.getAttribute("data-id"); });
    if (!order.length) return;
    var at = order.indexOf(view.selected);
    var next = at < 0 ? (step > 0 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + step));
    select(order[next], { focus: true });
  }

  // -- the corpus view ---------------------------------------------------------------------------

  var summaries = null;

  function corpusRows() {
    if (summaries) return summaries;
    summaries = docs.map(function (doc, index) {
      var r = doc.result || {};
      var missing = (r.positions || []).concat(r.predictions || []).filter(function (i) { return !i.span; }).length;
      return { index: index, title: doc.title, date: doc.date || "", actors: (r.actors || []).length,
        positions: (r.positions || []).length, predictions: (r.predictions || []).length, missing: missing,
        error: doc.error || (doc.text === null ? "source text not found" : "") };
    });
    return summaries;
  }

  function docLink(index, label) {
    return el("a", { href: "#/doc/" + index, text: label || docs[index].title });
  }

  function sortableTable(caption, columns, rows, state) {
    var table = el("table", { class: "grid" }, el("caption", { text: caption }));
    var headRow = el("tr");
    columns.forEach(function (col) {
      var sorted = state.key === col.key;
      var th = el("th", { scope: "col", "aria-sort": sorted ? (state.dir > 0 ? "ascending" : "descending") : "none" });
      if (col.sort === false) th.textContent = col.label;
      else th.appendChild(button(col.label + (sorted ? (state.dir > 0 ? " ▲" : " ▼") : ""), function () {
        state.dir = state.key === col.key ? -state.dir : 1;
        state.key = col.key;
        state.shown = PAGE_ROWS;
        state.render();
      }));
      headRow.appendChild(th);
    });
    table.appendChild(el("thead", null, headRow));
    var sortedRows = rows.slice();
    if (state.key) {
      sortedRows.sort(function (a, b) {
        var x = a[state.key], y = b[state.key];
        if (x === y) return 0;
        if (x === "" || x === null || x === undefined) return 1;
        if (y === "" || y === null || y === undefined) return -1;
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * state.dir;
      });
    }
    var body = el("tbody");
    sortedRows.slice(0, state.shown).forEach(function (row) {
      body.appendChild(el("tr", null, columns.map(function (col) {
        var value = col.cell ? col.cell(row) : display(row[col.key]);
        return el("td", { class: col.cls || null }, value);
      })));
    });
    table.appendChild(body);
    var wrap = el("div", { class: "table-wrap" }, table);
    if (sortedRows.length > state.shown) {
      wrap.appendChild(button("Show " + Math.min(PAGE_ROWS, sortedRows.length - state.shown) + " more of " + sortedRows.length, function () {
        state.shown += PAGE_ROWS;
        state.render();
      }, { class: "more" }));
    }
    return wrap;
  }

  var tables = {};

  function tableState(name, render) {
    tables[name] = tables[name] || { key: null, dir: 1, shown: PAGE_ROWS, filter: "" };
    tables[name].render = render;
    return tables[name];
  }

  function showCorpus(tab) {
    hideTip();
    view.model = null;
    view.doc = null;
    $("docview").hidden = true;
    var box = clear($("corpus"));
    box.hidden = false;
    if (tab === "actors") renderActorsTab(box);
    else if (tab === "predictions") renderPredictionsTab(box);
    else renderIndexTab(box);
    markTab(tab || "index");
  }

  function renderIndexTab(box) {
    var state = tableState("index", function () { showCorpus("index"); });
    var rows = corpusRows();
    var reviewed = docs.filter(hasState).length;
    var filter = el("input", { type: "search", id: "search", "aria-label": "Filter documents by title", placeholder: "Filter documents  ( / )",
      oninput: function () { state.filter = filter.value; state.shown = PAGE_ROWS; redraw(); } });
    filter.value = state.filter;
    var status = el("p", { id: "export-status", class: "note", role: "status" });
    var holder = el("div");
    function redraw() {
      var wanted = state.filter.toLowerCase();
      var shown = rows.filter(function (r) { return !wanted || r.title.toLowerCase().indexOf(wanted) >= 0; });
      clear(holder).appendChild(sortableTable(plural(docs.length, "document") + (wanted ? " (" + shown.length + " match)" : ""), [
        { key: "title", label: "Document", cell: function (r) { return docLink(r.index, r.title); } },
        { key: "date", label: "Date" },
        { key: "actors", label: "Actors", cls: "num" },
        { key: "positions", label: "Positions", cls: "num" },
        { key: "predictions", label: "Predictions", cls: "num" },
        { key: "missing", label: "Not found", cls: "num" },
        { key: "error", label: "Error", cls: "err" },
      ], shown, state));
    }
    box.appendChild(el("div", { class: "corpus-bar" },
      el("label", { class: "field wide" }, el("span", { text: "Filter" }), filter),
      button("Export all reviewed (" + reviewed + ")", function () {
        var bundle = { seedsum_gold_bundle: 1, documents: {} };
        docs.forEach(function (doc) { if (hasState(doc)) bundle.documents[doc.id] = gold(prepare(doc)).gold; });
        download("reviewed.gold-bundle.json", bundle);
        status.textContent = "Exported " + plural(Object.keys(bundle.documents).length, "reviewed document") + ".";
      }, { id: "export-all" })));
    box.appendChild(status);
    box.appendChild(holder);
    redraw();
  }

  function renderActorsTab(box) {
    var state = tableState("actors", function () { showCorpus("actors"); });
    var byName = {};
    docs.forEach(function (doc, index) {
      ((doc.result && doc.result.actors) || []).forEach(function (actor) {
        var key = String(actor.name).toLowerCase();
        var entry = byName[key] = byName[key] || { name: actor.name, kinds: {}, docs: [] };
        entry.kinds[actor.kind] = true;
        if (entry.docs[entry.docs.length - 1] !== index) entry.docs.push(index);
      });
    });
    var rows = Object.keys(byName).map(function (k) {
      var e = byName[k];
      return { name: e.name, kind: Object.keys(e.kinds).join(", "), count: e.docs.length, docs: e.docs };
    });
    box.appendChild(sortableTable("Actors across " + plural(docs.length, "document"), [
      { key: "name", label: "Actor" },
      { key: "kind", label: "Kind" },
      { key: "count", label: "Documents", cls: "num" },
      { key: "docs", label: "Appears in", sort: false, cell: function (r) {
        var links = r.docs.slice(0, 8).map(function (i) { return [docLink(i), " "]; });
        return el("span", null, links, r.docs.length > 8 ? "and " + (r.docs.length - 8) + " more" : null);
      } },
    ], rows, state));
  }

  function renderPredictionsTab(box) {
    var state = tableState("predictions", function () { showCorpus("predictions"); });
    var rows = [];
    docs.forEach(function (doc, index) {
      ((doc.result && doc.result.predictions) || []).forEach(function (p) {
        rows.push({ source: p.source, claim: p.claim, timeframe: p.timeframe || "", likelihood: p.likelihood,
          document: doc.title, index: index, found: p.span ? "yes" : "no" });
      });
    });
    box.appendChild(sortableTable(plural(rows.length, "prediction") + " across " + plural(docs.length, "document"), [
      { key: "source", label: "Source" },
      { key: "claim", label: "Claim" },
      { key: "timeframe", label: "Timeframe" },
      { key: "likelihood", label: "Likelihood" },
      { key: "found", label: "Quote found" },
      { key: "document", label: "Document", cell: function (r) { return docLink(r.index, r.document); } },
    ], rows, state));
  }

  function buildTabs() {
    var nav = $("tabs");
    nav.hidden = false;
    [["index", "Documents", "#/"], ["actors", "Actors", "#/actors"], ["predictions", "Predictions", "#/predictions"]].forEach(function (t) {
      nav.appendChild(el("a", { href: t[2], "data-tab": t[0], text: t[1] }));
    });
    nav.appendChild(el("span", { class: "tab-doc", id: "tab-doc", "data-tab": "doc" }));
  }

  function markTab(name) {
    if (!corpus) return;
    Array.prototype.forEach.call(document.querySelectorAll("#tabs [data-tab]"), function (a) {
      if (a.getAttribute("data-tab") === name) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    $("tab-doc").textContent = name === "doc" && view.doc !== null ? "▸ " + docs[view.doc].title : "";
  }

  function route() {
    if (!corpus) { if (view.doc === null) openDocument(0); return; }
    var hash = window.location.hash;
    var m = /^#\/doc\/(\d+)$/.exec(hash);
    if (m && docs[Number(m[1])]) openDocument(Number(m[1]));
    else if (hash === "#/actors") showCorpus("actors");
    else if (hash === "#/predictions") showCorpus("predictions");
    else showCorpus("index");
    window.scrollTo(0, 0);
  }

  // -- events ------------------------------------------------------------------------------------

  function onText(event) {
    var target = event.target.closest && event.target.closest("#doc-text .hl");
    if (!target) return;
    var ids = target.getAttribute("data-ids").split("\n");
    // Repeated clicks on nested spans walk out from the innermost item.
    var at = ids.indexOf(view.selected);
    var id = at >= 0 ? ids[(at + 1) % ids.length] : ids[0];
    select(id, { fromText: true });
  }

  document.addEventListener("click", function (event) {
    if (window.getSelection && !window.getSelection().isCollapsed) return;
    onText(event);
  });
  document.addEventListener("mouseup", function (event) {
    if (event.target.closest && event.target.closest("#doc-text")) setTimeout(showFloating, 0);
  });
  document.addEventListener("mouseover", function (event) {
    var target = event.target.closest && event.target.closest("#doc-text .hl");
    if (target) showTip(target); else if (!(event.target.closest && event.target.closest("#tip"))) hideTip();
  });
  document.addEventListener("focusin", function (event) {
    var target = event.target.closest && event.target.closest("#doc-text .hl");
    if (target) showTip(target); else hideTip();
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape") {
      hideTip();
      hideFloating();
      var search = $("search");
      if (search && search.value) { search.value = ""; filters.search = ""; if (view.model) update(view.model); else search.dispatchEvent(new Event("input")); }
      if (view.model && (view.editing || view.adding)) { view.editing = null; view.adding = null; renderPanel(view.model); }
      if (view.model) { view.selected = null; markSelected(view.model); }
      if (typing) event.target.blur();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    var hl = event.target.closest && event.target.closest("#doc-text .hl");
    if (hl && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); onText({ target: hl }); return; }
    if (event.key === "j" || event.key === "k") { event.preventDefault(); move(event.key === "j" ? 1 : -1); }
    else if (event.key === "/") { var s = $("search"); if (s) { event.preventDefault(); s.focus(); s.select(); } }
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("scroll", hideTip, { passive: true });

  // -- start ---------------------------------------------------------------------------------

  if (DATA.version !== 1) {
    document.body.appendChild(el("p", { class: "error", text: "This page's data has version " + DATA.version + "; this page reads version 1." }));
  } else if (!docs.length) {
    document.body.appendChild(el("p", { class: "error", text: "No documents to review." }));
  } else {
    if (corpus) buildTabs();
    else $("page-title").textContent = "seedsum review";
    route();
  }
  window.seedsumReadyAt = performance.now();
  window.seedsumReady = true;
  document.documentElement.setAttribute("data-ready", "1");
})();
