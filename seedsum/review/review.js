/* seedsum review page, part 6 of 6: the document view, routing, events and start.
   (See model.js for how the parts are joined.) */

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
