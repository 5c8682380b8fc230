// newsledger dashboard: the map. Leaflet with no tile server: the countries are Natural
// Earth's (world-atlas, vendored) drawn as vector shapes. Events are drawn by the precision of
// their place: a site or town is a solid dot, a district a ring, a province or region a wide
// dashed ring; an event placed only in a country is no point at all: its country is shaded and
// a click on it lists those events. Nearby points cluster (leaflet.markercluster); place labels
// are placed greedily, most events first, and a label that would overprint another is hidden.
"use strict";

const NLMap = (() => {
  const PRECISION = { site: "town", city: "town", admin2: "district", admin1: "province", region: "province" };
  const SIZE = { town: 12, district: 18, province: 26 };
  let map = null, cluster = null, countries = null, markers = [];
  let shaded = new Map();  // iso2 -> the country-level events
  let onPick = () => {};
  let fitted = null;  // the bounds the map was last fitted to

  async function init(pick) {
    onPick = pick;
    map = L.map("map", { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: true }).setView([25, 30], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: Natural Earth via world-atlas · Leaflet");
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "map-legend");
      div.innerHTML = "● site/town &nbsp;◎ district &nbsp;◯ province<br>▦ country only &nbsp;<b>n</b> cluster";
      return div;
    };
    legend.addTo(map);
    const res = await fetch("static/vendor/countries-50m.json");
    const topo = await res.json();
    countries = L.geoJSON(topojson.feature(topo, topo.objects.countries), {
      style: () => ({ color: "#a39e93", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }),
      onEachFeature: (f, layer) => {
        layer.on("click", () => {
          const evs = shaded.get(f.properties.iso2);
          if (evs) onPick(`${f.properties.name} (country-level)`, evs);
        });
      },
    }).addTo(map);
    cluster = L.markerClusterGroup({
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: (c) => {
        const n = c.getAllChildMarkers().reduce((s, m) => s + m.options.n, 0);
        const size = 22 + Math.min(18, 4 * Math.log2(n));
        return L.divIcon({ html: `<span>${n}</span>`, className: "cluster", iconSize: [size, size] });
      },
    }).addTo(map);
    map.on("zoomend moveend", declutter);
    cluster.on("animationend", declutter);
  }

  function placeGroups(events) {
    const groups = new Map();
    for (const e of events) {
      if (e.lat === null || e.lat === undefined || e.lon === null) continue;
      const precision = PRECISION[e.place_kind] || (e.place_kind === "country" ? "country" : "town");
      if (precision === "country") continue;
      const key = `${precision}|${e.place_name}|${e.lat.toFixed(3)}|${e.lon.toFixed(3)}`;
      const g = groups.get(key) || { precision, name: e.place_name || "?", lat: e.lat, lon: e.lon, events: [] };
      g.events.push(e);
      groups.set(key, g);
    }
    return [...groups.values()];
  }

  function render(events) {
    if (!map) return;
    cluster.clearLayers();
    markers = [];
    shaded = new Map();
    for (const e of events) {
      if (e.place_kind === "country" || (!e.place_kind && !e.lat && e.country)) {
        if (e.place_kind === "country" && e.country) shaded.set(e.country, [...(shaded.get(e.country) || []), e]);
      }
    }
    const groups = placeGroups(events);
    for (const g of groups) {
      const size = SIZE[g.precision];
      const icon = L.divIcon({ className: `pt ${g.precision}`, iconSize: [size, size], html: "" });
      const m = L.marker([g.lat, g.lon], { icon, n: g.events.length, title: `${g.name}: ${g.events.length} events` });
      m.bindTooltip(`${g.name}${g.events.length > 1 ? ` (${g.events.length})` : ""}`,
        { permanent: true, direction: "right", offset: [size / 2, 0], className: "place-label" });
      m.on("click", () => onPick(g.name, g.events));
      m.on("add", () => {
        const el = m.getElement();
        el.dataset.place = g.name; el.dataset.count = g.events.length; el.dataset.precision = g.precision;
      });
      m.group = g;
      markers.push(m);
    }
    cluster.addLayers(markers);
    countries.setStyle((f) => shaded.has(f.properties.iso2)
      ? { color: "#8c6d1f", weight: 1.2, fillColor: "#f3d9a4", fillOpacity: 1 }
      : { color: "#a39e93", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 });
    countries.eachLayer((layer) => {
      const iso = layer.feature.properties.iso2, evs = shaded.get(iso);
      const path = layer.getElement && layer.getElement();
      if (path) { path.dataset.iso = iso || ""; path.dataset.countryEvents = evs ? evs.length : 0; }
      layer.unbindTooltip();
      if (evs) layer.bindTooltip(`${layer.feature.properties.name}: ${evs.length} event(s) placed only in the country`, { sticky: true });
    });
    document.getElementById("map-empty").hidden = groups.length > 0 || shaded.size > 0;
    const bounds = L.latLngBounds(groups.map((g) => [g.lat, g.lon]));
    if (!groups.length) {  // only country-level events: show their countries
      countries.eachLayer((layer) => { if (shaded.has(layer.feature.properties.iso2)) bounds.extend(layer.getBounds()); });
    }
    fitted = bounds.isValid() ? bounds.pad(0.3) : null;
    refit();
  }

  // after the map's box changed size (the evidence panel opened or closed)
  function refit() {
    if (!map) return;
    map.invalidateSize({ pan: false });
    if (fitted) map.fitBounds(fitted, { maxZoom: 7, animate: false });
    else map.setView([25, 30], 2, { animate: false });
    setTimeout(declutter, 0);
  }

  // most events first; a label whose box meets a kept one (or a point) is hidden
  function declutter() {
    const kept = [];
    const shown = markers.filter((m) => cluster.getVisibleParent(m) === m)
      .sort((a, b) => b.options.n - a.options.n);
    for (const m of markers) { const t = m.getTooltip(); if (t && t.getElement()) t.getElement().style.visibility = "hidden"; }
    const boxes = shown.map((m) => m.getElement()).filter(Boolean).map((el) => el.getBoundingClientRect());
    for (const m of shown) {
      const el = m.getTooltip() && m.getTooltip().getElement();
      if (!el) continue;
      const r = el.getBoundingClientRect();
      const meets = (o) => r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom;
      const own = m.getElement() && m.getElement().getBoundingClientRect();
      if (kept.some(meets) || boxes.some((b) => b !== own && meets(b) && !sameBox(b, own))) continue;
      el.style.visibility = "visible";
      kept.push(r);
    }
  }

  function sameBox(a, b) { return b && a.left === b.left && a.top === b.top; }

  return { init, render, refit, get map() { return map; }, get cluster() { return cluster; } };
})();
