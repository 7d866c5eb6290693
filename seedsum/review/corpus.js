/* seedsum review page, part 5 of 6: the corpus view: index, actors across documents, all predictions.
   (See model.js for how the parts are joined.) */

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
  rows.forEach(function (r) { r.reviewed = hasState(docs[r.index]) ? "yes" : ""; });
  var reviewed = rows.filter(function (r) { return r.reviewed; }).length;
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
      { key: "reviewed", label: "Reviewed" },
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
