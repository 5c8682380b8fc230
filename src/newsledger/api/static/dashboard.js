// newsledger dashboard: the store's events as a timeline (timeline.js), a map (map.js), a
// table and the evidence behind each one; the claims with a text search; the selection as CSV
// or GeoJSON (/api/export). Reads only the REST API (/api/...); builds every node with the DOM
// API (article text is data, never HTML).
"use strict";

const form = document.getElementById("filters");
const state = { events: [], shown: [], claims: [], lastRow: null };
//: the filters each listing takes (the API refuses any other)
const CLAIM_FILTERS = ["actor", "place", "since", "until", "min_confidence", "outlet", "q"];

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

function query(path, params = {}) {
  const url = new URL("api/" + path, document.baseURI);
  for (const [k, v] of Object.entries(params)) {
    for (const one of [].concat(v)) if (one !== "" && one !== null && one !== undefined) url.searchParams.append(k, one);
  }
  return url;
}

async function api(path, params = {}) {
  let res;
  try {
    res = await fetch(query(path, params));
  } catch (err) {
    throw new Error("the server does not answer (is `newsledger serve` running?)");
  }
  let body = null;
  try { body = await res.json(); } catch (err) { /* not JSON: say the status */ }
  if (!res.ok) {
    const detail = body && Array.isArray(body.detail)
      ? body.detail.map((d) => `${d.loc[d.loc.length - 1]}: ${d.msg}`).join("; ")
      : body && body.detail;
    throw new Error(detail || `${res.status} ${res.statusText}`);
  }
  return body;
}

// The certainty boxes come from /api/health: the asserted ones ticked (the API's default).
// Only a choice that differs from the default is sent, so the default stays the API's own.
function certaintyBoxes(certainties) {
  const box = document.getElementById("certainty");
  for (const [group, ticked] of [["asserted", true], ["unasserted", false]]) {
    for (const c of certainties[group] || []) {
      const input = el("input", { type: "checkbox", name: "certainty", value: c });
      input.checked = input.defaultChecked = ticked;
      const label = el("label", { class: "check" });
      label.append(input, document.createTextNode(" " + c));
      box.append(label);
    }
  }
}

function choices(c) {
  const family = form.elements.family, outlet = form.elements.outlet;
  for (const t of Object.keys(c.types || {})) family.append(el("option", { value: t }, t));
  for (const o of c.outlets || []) outlet.append(el("option", { value: o.name }, `${o.name} (${o.documents})`));
}

// The form's values as the API's parameters. The type family is the `type` filter unless a
// type is typed too (a sub-type or PLOVER code): then that one is sent and the family is kept
// by the page (familyOnly).
function filters() {
  const out = {};
  const data = new FormData(form);
  for (const [k, v] of data.entries()) if (k !== "certainty" && k !== "family" && v.trim()) out[k] = v.trim();
  const family = form.elements.family.value;
  if (family && !out.type) out.type = family;
  const boxes = [...form.querySelectorAll("input[name=certainty]")];
  if (boxes.some((b) => b.checked !== b.defaultChecked)) {
    out.certainty = boxes.every((b) => b.checked) ? "all" : data.getAll("certainty").join(",");
  }
  return out;
}

function familyOnly(events) {
  const family = form.elements.family.value;
  return family && form.elements.type.value.trim() ? events.filter((e) => e.type === family) : events;
}

function setStatus(text, isError = false) {
  const s = document.getElementById("status");
  s.textContent = isError ? "error: " + text : text;
  s.className = isError ? "error" : "muted";
  s.setAttribute("role", isError ? "alert" : "status");
}

function downloads(params) {
  for (const fmt of ["csv", "geojson"]) {
    document.getElementById("download-" + fmt).href = query("export", { ...params, format: fmt }).href;
  }
}

async function load() {
  const params = { ...filters(), limit: 10000 };
  setStatus("loading…");
  let events;
  try {
    events = familyOnly(await api("events", params));
  } catch (err) {
    setStatus(err.message, true);
    state.events = [];
    show([], null);
    NLTimeline.render(document.getElementById("timeline"), [], pickPeriod);
    return;
  }
  state.events = events;
  const given = Object.entries(filters()).map(([k, v]) => `${k}=${v}`).join(", ");
  setStatus(`${events.length} events${given ? " where " + given : ""}`);
  downloads(filters());
  show(events, null);
  NLTimeline.render(document.getElementById("timeline"), events, pickPeriod);
  NLMap.render(events);
  loadClaims();
}

// the table shows the selection, or the events of the place picked on the map
function show(events, pick) {
  state.shown = events;
  document.getElementById("event-count").textContent = `(${events.length})`;
  document.getElementById("pick").hidden = !pick;
  document.getElementById("pick-text").textContent = pick ? `at ${pick}` : "";
  document.getElementById("events-empty").hidden = events.length > 0;
  renderTable(events);
}

function pickPeriod(b) {
  form.elements.since.value = b.since;
  form.elements.until.value = b.until;
  load();
}

function eventLabel(e) {
  return e.subtype || e.type || e.plover || "event";
}

function renderTable(events) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  for (const e of events) {
    const tr = el("tr", { "data-doc": e.doc_id, "data-event": e.event_id, tabindex: "0" });
    for (const cell of [
      e.date || "", eventLabel(e), e.actor1_name || e.actor1 || "", e.actor2_name || e.actor2 || "",
      e.place_name || "", e.fatalities ?? "", e.certainty || "", e.outlet || "",
    ]) tr.append(el("td", {}, cell));
    tr.children[6].className = "certainty-" + (e.certainty || "");
    tr.addEventListener("click", () => showEvidence(e, tr, eventRecord(e)));
    body.append(tr);
  }
}

async function loadClaims() {
  const all = { ...filters(), q: document.querySelector("#claim-search input[name=q]").value.trim() };
  const params = Object.fromEntries(Object.entries(all).filter(([k]) => CLAIM_FILTERS.includes(k)));
  const body = document.querySelector("#claims tbody");
  try {
    state.claims = await api("claims", { ...params, limit: 10000 });
  } catch (err) {
    setStatus(err.message, true);
    state.claims = [];
  }
  body.replaceChildren();
  for (const c of state.claims) {
    const tr = el("tr", { "data-doc": c.doc_id, "data-claim": c.claim_id, tabindex: "0" });
    for (const cell of [c.date || "", c.speaker_name || c.speaker_text || "someone", c.cue || "",
      c.content || "", c.outlet || ""]) tr.append(el("td", {}, cell));
    tr.addEventListener("click", () => showEvidence(c, tr, claimRecord(c)));
    body.append(tr);
  }
  document.getElementById("claim-count").textContent = `(${state.claims.length})`;
  document.getElementById("claims-empty").hidden = state.claims.length > 0;
}

function eventRecord(e) {
  return [eventLabel(e), [e.actor1_name, e.actor2_name && "against " + e.actor2_name,
    e.place_name && "in " + e.place_name, e.date,
    e.fatalities !== null && e.fatalities !== undefined && `${e.fatalities} killed`, e.certainty]
    .filter(Boolean).join(", ")];
}

function claimRecord(c) {
  return [`${c.speaker_name || c.speaker_text || "someone"} (${c.cue})`, c.content];
}

// Python counts characters as code points; JavaScript strings count UTF-16 units.
function slice(chars, a, b) { return chars.slice(a, b).join(""); }

// The panel is a column beside the desk (never over the controls); it opens at its top, the
// record's header in view, with the marked sentence scrolled into view inside the article box.
async function showEvidence(rec, row, [head, rest]) {
  document.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
  row.classList.add("selected");
  state.lastRow = row;
  let doc;
  try {
    doc = await api("documents/" + encodeURIComponent(rec.doc_id));
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  const panel = document.getElementById("evidence");
  document.getElementById("evidence-title").textContent = doc.title || doc.id;
  document.getElementById("evidence-meta").textContent = [doc.outlet,
    doc.published && "published " + doc.published,
    doc.reference_date && doc.reference_date !== doc.published && "written " + doc.reference_date,
    doc.url].filter(Boolean).join(" · ");
  document.getElementById("evidence-record").replaceChildren(el("strong", {}, head),
    document.createTextNode(rest ? ` — ${rest}` : ""));
  const chars = Array.from(doc.text);
  const text = document.getElementById("evidence-text");
  const mark = el("mark", { "data-start": rec.start, "data-end": rec.end }, slice(chars, rec.start, rec.end));
  text.replaceChildren(document.createTextNode(slice(chars, 0, rec.start)), mark,
    document.createTextNode(slice(chars, rec.end, chars.length)));
  const claims = document.getElementById("evidence-claims");
  claims.replaceChildren();
  for (const c of doc.claims || []) {
    const li = el("li");
    li.append(el("strong", {}, c.speaker_text || c.speaker || "someone"),
      document.createTextNode(` (${c.cue}${c.quote === "direct" ? ", quoted" : ""}): ${c.content}`));
    claims.append(li);
  }
  if (!claims.children.length) claims.append(el("li", { class: "muted" }, "none"));
  panel.hidden = false;
  document.body.classList.add("evidence-open");
  NLMap.refit();
  panel.scrollTop = 0;
  text.scrollTop = Math.max(0, mark.offsetTop - text.offsetTop - text.clientHeight / 3);
}

function closeEvidence() {
  const panel = document.getElementById("evidence");
  if (panel.hidden) return;
  panel.hidden = true;
  document.body.classList.remove("evidence-open");
  NLMap.refit();
  if (state.lastRow && state.lastRow.isConnected) state.lastRow.focus({ preventScroll: true });
}

document.getElementById("close-evidence").addEventListener("click", closeEvidence);
document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeEvidence(); });
document.getElementById("pick-clear").addEventListener("click", () => show(state.events, null));
document.getElementById("claim-search").addEventListener("submit", (ev) => { ev.preventDefault(); loadClaims(); });
form.addEventListener("submit", (ev) => { ev.preventDefault(); if (form.reportValidity()) load(); });
form.addEventListener("reset", () => setTimeout(load, 0));

// The newest ingests (/api/documents?sort=ingested): what a running `newsledger watch` or
// ingest brought in last, whatever the filters.
async function loadLatest() {
  const rows = await api("documents", { sort: "ingested", limit: 15 });
  const body = document.querySelector("#latest tbody");
  body.replaceChildren();
  for (const d of rows) {
    const tr = el("tr");
    const title = el("td");
    title.append(/^https?:\/\//i.test(d.url || "") ? el("a", { href: d.url, rel: "noopener noreferrer" }, d.title || d.id)
                       : document.createTextNode(d.title || d.id));
    tr.append(el("td", {}, (d.ingested_at || "").slice(0, 19).replace("T", " ")), title,
              el("td", {}, d.outlet || ""), el("td", {}, d.published || ""),
              el("td", {}, d.events), el("td", {}, d.claims));
    body.append(tr);
  }
  document.getElementById("latest-empty").hidden = rows.length > 0;
}

async function start() {
  try {
    await NLMap.init((name, events) => show(events, name));
  } catch (err) {
    setStatus("the map could not be drawn: " + err.message, true);
  }
  try {
    const [h, c] = await Promise.all([api("health"), api("choices")]);
    const unasserted = h.unasserted_events ? ` (+${h.unasserted_events} unasserted)` : "";
    document.getElementById("store-summary").textContent =
      `${h.documents} documents · ${h.events - (h.unasserted_events || 0)} events${unasserted} · ` +
      `${h.claims} claims · ${h.actors} actors · ${h.places} places`;
    certaintyBoxes(h.certainties || {});
    choices(c);
    await loadLatest();
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  await load();
}

start();
