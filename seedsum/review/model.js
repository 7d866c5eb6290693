/* seedsum review page, part 1 of 6: the data, DOM helpers, offsets, the review state, the
   document model, the gold file and the filters.

   render.py joins model.js, text.js, panel.js, forms.js, corpus.js and review.js, in that
   order, inside one function ("use strict"), so they share its scope. Everything shown comes
   from the JSON blob in #seedsum-data and is untrusted (model replies, documents): it only
   reaches the DOM through textContent, setAttribute and form values - never innerHTML. */

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
var UNNAMED = "unnamed";
var ATTRIBUTIONS = ["direct", "indirect", "mixed", "publication", "unnamed"];
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

// Gold v2 (GUIDELINES.md, "Attribution"): how each quote stands in the text. A value the
// item carries (or a reviewer chose) wins; else it is read from the quotation marks around
// the span, the way bench/eval/check_gold.py reads them.
function quotedMask(text) {
  var mask = new Uint8Array(text.length);
  var re = /\n\s*\n/g, start = 0, m, paragraphs = [];
  while ((m = re.exec(text)) !== null) { paragraphs.push([start, m.index]); start = m.index + m[0].length; }
  paragraphs.push([start, text.length]);
  paragraphs.forEach(function (p) {
    var depth = 0, straight = false, i;
    var label = /^[QA]:\s/.exec(text.slice(p[0], p[1]));
    if (label) for (i = p[0] + label[0].length; i < p[1]; i++) mask[i] = 1;
    for (i = p[0]; i < p[1]; i++) {
      var ch = text[i];
      if (ch === "\u201c") { if (depth > 0 || straight) mask[i] = 1; depth++; }
      else if (ch === "\u201d") { depth = Math.max(0, depth - 1); if (depth > 0 || straight) mask[i] = 1; }
      else if (ch === '"') { straight = !straight; if (depth > 0) mask[i] = 1; }
      else if (depth > 0 || straight) mask[i] = 1;
    }
  });
  return mask;
}

function attributionOf(model, item) {
  var f = item.fields;
  if (ATTRIBUTIONS.indexOf(f.attribution) >= 0) return f.attribution;
  if (item.who === PUBLICATION) return "publication";
  if (item.who === UNNAMED) return "unnamed";
  model.mask = model.mask || quotedMask(model.text);
  var inside = true;
  for (var i = item.start; i < item.end; i++) if (!model.mask[i]) { inside = false; break; }
  if (inside) return "direct";
  return /[\u201c"]/.test(item.quoteText) ? "mixed" : "indirect";
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
    var entry;
    // The quote is the text at the span: always an exact substring, whatever the model wrote.
    if (item.kind === "position") {
      entry = { actor: f.actor, topic: f.topic || "", stance: f.stance || "", quote: item.quoteText };
    } else {
      entry = {
        source: f.source, claim: f.claim || "", subjects: asList(f.subjects),
        timeframe: f.timeframe || null, conditions: asList(f.conditions),
        likelihood: LIKELIHOODS.indexOf(f.likelihood) >= 0 ? f.likelihood : "unspecified",
        quote: item.quoteText,
      };
    }
    entry.attribution = attributionOf(model, item);
    if (entry.attribution === "unnamed") entry.source_description = f.source_description || "";
    out[item.kind === "position" ? "positions" : "predictions"].push(entry);
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
