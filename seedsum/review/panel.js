/* seedsum review page, part 3 of 6: the side panel: summary, filters, items, not-found items, review and export, meta.
   (See model.js for how the parts are joined.) */

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
