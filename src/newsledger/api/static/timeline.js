// newsledger dashboard: the timeline. Events (bars) and fatalities (a line, right axis) per
// month, quarter or year, whichever keeps the bars readable for the span the events cover:
// up to 3 years by month, up to 12 by quarter, beyond that by year. Each bar has the period's
// `since`/`until` filter values, so a click keeps that period.
"use strict";

const NLTimeline = (() => {
  const SVGNS = "http://www.w3.org/2000/svg";
  const W = 640, H = 200, LEFT = 34, RIGHT = 34, TOP = 24, BOTTOM = 160;

  function node(tag, attrs = {}, text = null) {
    const n = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== null) n.textContent = String(text);
    return n;
  }

  const pad = (n) => String(n).padStart(2, "0");

  // the bucket of a date at a granularity, or null when the date is less precise than that
  function bucketOf(date, unit) {
    if (!date || date.length < 4) return null;
    const y = Number(date.slice(0, 4));
    if (unit === "year") return { key: `${y}`, since: `${y}`, until: `${y}`, label: `${y}` };
    if (date.length < 7) return null;
    const m = Number(date.slice(5, 7));
    if (unit === "month") {
      const key = `${y}-${pad(m)}`;
      return { key, since: key, until: key, label: key };
    }
    const q = Math.floor((m - 1) / 3) + 1;
    return { key: `${y}-Q${q}`, since: `${y}-${pad(3 * q - 2)}`, until: `${y}-${pad(3 * q)}`, label: `${y} Q${q}` };
  }

  function unitFor(events) {
    const months = events.filter((e) => e.date && e.date.length >= 7).map((e) => e.date.slice(0, 7)).sort();
    const years = events.filter((e) => e.date).map((e) => Number(e.date.slice(0, 4)));
    if (!years.length) return null;
    if (!months.length) return "year";
    const [y0, m0] = months[0].split("-").map(Number);
    const [y1, m1] = months[months.length - 1].split("-").map(Number);
    const span = (y1 - y0) * 12 + (m1 - m0) + 1;
    const yearOnly = years.length - months.length;
    if (span <= 36 && yearOnly * 4 <= years.length) return "month";
    if (span <= 144 && yearOnly * 4 <= years.length) return "quarter";
    return "year";
  }

  // every bucket from the first to the last, so that gaps show as gaps
  function allBuckets(first, last, unit) {
    const out = [];
    let y = Number(first.since.slice(0, 4));
    let m = unit === "year" ? 1 : Number(first.since.slice(5, 7));
    const step = { month: 1, quarter: 3, year: 12 }[unit];
    for (let i = 0; i < 400; i++) {
      const b = bucketOf(`${y}-${pad(m)}`, unit);
      out.push(b);
      if (b.key === last.key) break;
      m += step;
      while (m > 12) { m -= 12; y += 1; }
    }
    return out;
  }

  function niceMax(v) {
    if (v <= 5) return Math.max(v, 1);
    const p = 10 ** Math.floor(Math.log10(v));
    return [1, 2, 2.5, 5, 10].map((k) => k * p).find((k) => k >= v);
  }

  function render(svg, events, onPick) {
    svg.replaceChildren();
    const unit = unitFor(events);
    const counts = new Map(), deaths = new Map(), seen = new Map();
    let left = 0;
    for (const e of events) {
      const b = unit && bucketOf(e.date, unit);
      if (!b) { left += 1; continue; }
      seen.set(b.key, b);
      counts.set(b.key, (counts.get(b.key) || 0) + 1);
      deaths.set(b.key, (deaths.get(b.key) || 0) + (e.fatalities || 0));
    }
    svg.dataset.unit = unit || "";
    if (!counts.size) {
      svg.append(node("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" }, "No dated events in this selection."));
      return;
    }
    const keys = [...counts.keys()].sort();
    const buckets = allBuckets(seen.get(keys[0]), seen.get(keys[keys.length - 1]), unit);
    const maxN = niceMax(Math.max(...counts.values()));
    const maxF = niceMax(Math.max(0, ...deaths.values()));
    const width = W - LEFT - RIGHT, height = BOTTOM - TOP;
    const w = width / buckets.length;
    const Y = (v, max) => BOTTOM - (v / max) * height;
    for (const frac of [0, 0.5, 1]) {
      const y = Y(frac * maxN, maxN);
      svg.append(node("line", { x1: LEFT, x2: LEFT + width, y1: y, y2: y, class: "grid" }));
      svg.append(node("text", { x: LEFT - 4, y: y + 4, "text-anchor": "end", class: "axis" }, Math.round(frac * maxN * 10) / 10));
      if (maxF > 0) {
        svg.append(node("text", { x: LEFT + width + 4, y: y + 4, class: "axis fat-axis" }, Math.round(frac * maxF * 10) / 10));
      }
    }
    svg.append(node("text", { x: 2, y: 11, class: "axis" }, "events"));
    if (maxF > 0) svg.append(node("text", { x: W - 2, y: 11, "text-anchor": "end", class: "axis fat-axis" }, "killed"));
    const every = Math.ceil(buckets.length / 8);  // at most 8 labels: none overprint
    const line = [];
    buckets.forEach((b, i) => {
      const n = counts.get(b.key) || 0, f = deaths.get(b.key) || 0;
      const x = LEFT + i * w;
      if (n) {
        const bar = node("rect", {
          x: x + w * 0.12, y: Y(n, maxN), width: Math.max(w * 0.76, 1.5), height: BOTTOM - Y(n, maxN),
          class: "bar", "data-bucket": b.key, "data-count": n, "data-fatalities": f,
          "data-since": b.since, "data-until": b.until,
        });
        bar.append(node("title", {}, `${b.label}: ${n} event${n === 1 ? "" : "s"}, ${f} killed`));
        bar.addEventListener("click", () => onPick(b));
        svg.append(bar);
      }
      line.push([x + w / 2, Y(f, maxF || 1), f, b]);
      if (i % every === 0) {
        svg.append(node("line", { x1: x + w / 2, x2: x + w / 2, y1: BOTTOM, y2: BOTTOM + 4, class: "grid" }));
        svg.append(node("text", { x: x + w / 2, y: BOTTOM + 16, "text-anchor": "middle", class: "axis tick" }, b.label));
      }
    });
    if (maxF > 0) {
      svg.append(node("polyline", { points: line.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "), class: "fat-line" }));
      for (const [x, y, f, b] of line) {
        if (!f) continue;
        const dot = node("circle", { cx: x, cy: y, r: 2.5, class: "fat", "data-bucket": b.key, "data-fatalities": f });
        dot.append(node("title", {}, `${b.label}: ${f} killed`));
        svg.append(dot);
      }
    }
    const per = { month: "per month", quarter: "per quarter", year: "per year" }[unit];
    const note = left ? ` · ${left} not shown (dated to the year only, or undated)` : "";
    svg.append(node("text", { x: LEFT, y: H - 4, class: "axis" }, `${per}${note}`));
  }

  return { render, bucketOf, unitFor };
})();
