/* seedsum review page, part 4 of 6: forms: edit an item, add a missed statement, edit and merge actors.
   (See model.js for how the parts are joined.) */

// -- forms: edit an item, add a missed statement ------------------------------------------

function whoChoices(model, current) {
  var names = model.actors.map(function (a) { return a.name; });
  if (names.indexOf(PUBLICATION) < 0) names.push(PUBLICATION);
  if (names.indexOf(UNNAMED) < 0) names.push(UNNAMED);
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
  var a = el("select", { name: "attribution" }, el("option", { value: "", text: "from the text" }),
    ATTRIBUTIONS.map(function (v) { return el("option", { value: v, text: v }); }));
  a.value = ATTRIBUTIONS.indexOf(f.attribution) >= 0 ? f.attribution : "";
  add("attribution", "Attribution", a);
  text("source_description", "Unnamed source, as written", f.source_description);
  return { inputs: inputs, rows: rows };
}

function readInputs(kind, inputs) {
  var out = {};
  Object.keys(inputs).forEach(function (k) {
    var v = inputs[k].value;
    if (k === "subjects" || k === "conditions") out[k] = v.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    else if (k === "timeframe" || k === "attribution" || k === "source_description") out[k] = v.trim() || null;
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
