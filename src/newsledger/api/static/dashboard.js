// newsledger dashboard: events of the store as a timeline, a map, a table and the evidence
// behind each one. Reads only the REST API (/api/...); builds every node with the DOM API
// (article text is data, never HTML).
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const form = document.getElementById("filters");
const state = { events: [], selected: null };

function el(tag, attrs = {}, text = null, ns = null) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}
const svgEl = (tag, attrs = {}, text = null) => el(tag, attrs, text, SVG);

async function api(path, params = {}) {
  const url = new URL("api/" + path, document.baseURI);
  for (const [k, v] of Object.entries(params)) {
    for (const one of [].concat(v)) if (one !== "" && one !== null) url.searchParams.append(k, one);
  }
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) {
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => `${d.loc[d.loc.length - 1]}: ${d.msg}`).join("; ")
      : body.detail;
    throw new Error(detail || res.statusText);
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

function filters() {
  const out = {};
  const data = new FormData(form);
  for (const [k, v] of data.entries()) if (k !== "certainty" && v.trim()) out[k] = v.trim();
  const boxes = [...form.querySelectorAll("input[name=certainty]")];
  if (boxes.some((b) => b.checked !== b.defaultChecked)) {
    out.certainty = boxes.every((b) => b.checked) ? "all" : data.getAll("certainty").join(",");
  }
  return out;
}

function setStatus(text, isError = false) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.style.color = isError ? "#c0392b" : "";
}

async function load() {
  const params = { ...filters(), limit: 10000 };
  setStatus("loading…");
  try {
    state.events = await api("events", params);
  } catch (err) {
    setStatus("error: " + err.message, true);
    return;
  }
  const shown = Object.entries(filters()).map(([k, v]) => `${k}=${v}`).join(", ");
  setStatus(`${state.events.length} events${shown ? " where " + shown : ""}`);
  document.getElementById("event-count").textContent = `(${state.events.length})`;
  renderTable(state.events);
  renderTimeline(state.events);
  await renderMap(state.events);
}

function eventLabel(e) {
  return e.subtype || e.type || e.plover || "event";
}

function renderTable(events) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  for (const e of events) {
    const tr = el("tr", { "data-doc": e.doc_id, "data-event": e.event_id });
    for (const cell of [
      e.date || "", eventLabel(e), e.actor1_name || e.actor1 || "", e.actor2_name || e.actor2 || "",
      e.place_name || "", e.fatalities ?? "", e.certainty || "", e.outlet || "",
    ]) tr.append(el("td", {}, cell));
    tr.lastChild.previousSibling.className = "certainty-" + (e.certainty || "");
    tr.addEventListener("click", () => showEvidence(e, tr));
    body.append(tr);
  }
}

function renderTimeline(events) {
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  const counts = new Map();
  let undated = 0;
  for (const e of events) {
    if (e.date && e.date.length >= 7) counts.set(e.date.slice(0, 7), (counts.get(e.date.slice(0, 7)) || 0) + 1);
    else undated += 1;
  }
  const months = [...counts.keys()].sort();
  if (!months.length) {
    svg.append(svgEl("text", { x: 300, y: 90, "text-anchor": "middle", class: "axis" }, "no dated events"));
    return;
  }
  // every month between the first and the last, so gaps show as gaps
  const all = [];
  let [y, m] = months[0].split("-").map(Number);
  const last = months[months.length - 1];
  while (all.length < 240) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    all.push(key);
    if (key === last) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  const max = Math.max(...counts.values());
  const left = 30, bottom = 150, width = 560, height = 130;
  const w = width / all.length;
  svg.append(svgEl("text", { x: 2, y: bottom - height + 8, class: "axis" }, max));
  svg.append(svgEl("line", { x1: left, y1: bottom, x2: left + width, y2: bottom, class: "grid" }));
  all.forEach((month, i) => {
    const n = counts.get(month) || 0;
    const h = (n / max) * height;
    if (n) {
      const bar = svgEl("rect", {
        x: left + i * w + 1, y: bottom - h, width: Math.max(w - 2, 1), height: h,
        class: "bar", "data-month": month, "data-count": n,
      });
      bar.append(svgEl("title", {}, `${month}: ${n} events`));
      bar.addEventListener("click", () => {
        form.elements.since.value = month;
        form.elements.until.value = month;
        load();
      });
      svg.append(bar);
    }
    const every = Math.ceil(all.length / 8);
    if (i % every === 0) {
      svg.append(svgEl("text", { x: left + i * w, y: bottom + 14, class: "axis" }, month));
    }
  });
  if (undated) {
    svg.append(svgEl("text", { x: left + width, y: bottom + 28, "text-anchor": "end", class: "axis" },
      `${undated} with a year only or no date`));
  }
}

function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  return [];
}

async function renderMap(events) {
  const svg = document.getElementById("map");
  svg.replaceChildren();
  const places = new Map();
  for (const e of events) {
    if (e.lat === null || e.lon === null || e.lat === undefined) continue;
    const key = e.place || `${e.lat},${e.lon}`;
    const p = places.get(key) || { lat: e.lat, lon: e.lon, name: e.place_name || key, n: 0 };
    p.n += 1;
    places.set(key, p);
  }
  const pts = [...places.values()];
  if (!pts.length) {
    svg.append(svgEl("text", { x: 300, y: 180, "text-anchor": "middle", class: "axis" }, "no located events"));
    return;
  }
  const lats = pts.map((p) => p.lat), lons = pts.map((p) => p.lon);
  const span = Math.max(Math.max(...lats) - Math.min(...lats), Math.max(...lons) - Math.min(...lons), 2);
  const pad = span * 0.3 + 1;
  const lat0 = Math.max(Math.min(...lats) - pad, -85), lat1 = Math.min(Math.max(...lats) + pad, 85);
  const kx = Math.cos(((lat0 + lat1) / 2) * Math.PI / 180);
  const lon0 = Math.min(...lons) - pad, lon1 = Math.max(...lons) + pad;
  const scale = Math.min(600 / ((lon1 - lon0) * kx), 360 / (lat1 - lat0));
  const cx = (lon0 + lon1) / 2, cy = (lat0 + lat1) / 2;
  const X = (lon) => 300 + (lon - cx) * kx * scale;
  const Y = (lat) => 180 - (lat - cy) * scale;
  const countries = [...new Set(events.map((e) => e.country).filter(Boolean))];
  if (countries.length) {
    try {
      const outlines = await api("outlines", { country: countries });
      for (const f of outlines.features) {
        for (const ring of rings(f.geometry)) {
          const d = ring.map(([lo, la], i) => `${i ? "L" : "M"}${X(lo).toFixed(1)},${Y(la).toFixed(1)}`).join("") + "Z";
          svg.append(svgEl("path", { d, class: "outline", "data-country": f.properties.iso || "" }));
        }
      }
    } catch (err) { /* outlines are decoration: the points still show */ }
  }
  const step = [0.5, 1, 2, 5, 10, 15, 30].find((s) => span / s <= 8) || 30;
  for (let la = Math.ceil(lat0 / step) * step; la <= lat1; la += step) {
    svg.append(svgEl("line", { x1: 0, x2: 600, y1: Y(la), y2: Y(la), class: "grid" }));
  }
  for (let lo = Math.ceil(lon0 / step) * step; lo <= lon1; lo += step) {
    svg.append(svgEl("line", { x1: X(lo), x2: X(lo), y1: 0, y2: 360, class: "grid" }));
  }
  const max = Math.max(...pts.map((p) => p.n));
  for (const p of pts.sort((a, b) => b.n - a.n)) {
    const dot = svgEl("circle", {
      cx: X(p.lon), cy: Y(p.lat), r: 4 + 10 * Math.sqrt(p.n / max), class: "dot",
      "data-place": p.name, "data-count": p.n,
    });
    dot.append(svgEl("title", {}, `${p.name}: ${p.n} events`));
    dot.addEventListener("click", () => { form.elements.place.value = p.name; load(); });
    svg.append(dot);
    svg.append(svgEl("text", { x: X(p.lon) + 7, y: Y(p.lat) - 6, class: "dot-label" }, p.name));
  }
}

// Python counts characters as code points; JavaScript strings count UTF-16 units.
function slice(chars, a, b) { return chars.slice(a, b).join(""); }

async function showEvidence(e, row) {
  document.querySelectorAll("#events tr.selected").forEach((r) => r.classList.remove("selected"));
  row.classList.add("selected");
  const panel = document.getElementById("evidence");
  let doc;
  try {
    doc = await api("documents/" + encodeURIComponent(e.doc_id));
  } catch (err) {
    setStatus("error: " + err.message, true);
    return;
  }
  document.getElementById("evidence-title").textContent = doc.title || doc.id;
  const meta = [doc.outlet, doc.published && "published " + doc.published,
    doc.reference_date && doc.reference_date !== doc.published && "written " + doc.reference_date,
    doc.url].filter(Boolean).join(" · ");
  document.getElementById("evidence-meta").textContent = meta;
  const record = document.getElementById("evidence-record");
  record.replaceChildren(
    el("strong", {}, eventLabel(e)),
    document.createTextNode(
      ` — ${[e.actor1_name, e.actor2_name && "against " + e.actor2_name, e.place_name && "in " + e.place_name,
        e.date, e.fatalities !== null && e.fatalities !== undefined && `${e.fatalities} killed`,
        e.certainty].filter(Boolean).join(", ")}`),
  );
  const chars = Array.from(doc.text);
  const text = document.getElementById("evidence-text");
  const mark = el("mark", { "data-start": e.start, "data-end": e.end }, slice(chars, e.start, e.end));
  text.replaceChildren(
    document.createTextNode(slice(chars, 0, e.start)), mark,
    document.createTextNode(slice(chars, e.end, chars.length)),
  );
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
  mark.scrollIntoView({ block: "center" });
}

document.getElementById("close-evidence").addEventListener("click", () => {
  document.getElementById("evidence").hidden = true;
});
form.addEventListener("submit", (ev) => { ev.preventDefault(); if (form.reportValidity()) load(); });
form.addEventListener("reset", () => setTimeout(load, 0));

api("health").then((h) => {
  const unasserted = h.unasserted_events ? ` (+${h.unasserted_events} unasserted)` : "";
  document.getElementById("store-summary").textContent =
    `${h.documents} documents · ${h.events - (h.unasserted_events || 0)} events${unasserted} · ` +
    `${h.claims} claims · ${h.actors} actors · ${h.places} places`;
  certaintyBoxes(h.certainties || {});
}).catch((err) => setStatus("error: " + err.message, true)).finally(load);
