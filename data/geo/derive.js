// Derive data/geo/syria_neighbours.geojson from world-atlas (Natural Earth 4.1.0, public domain).
// Run from the folder where `npm install world-atlas@2.0.2 topojson-client@3` was run.
const here = {paths: [process.cwd()]};
const {feature} = require(require.resolve("topojson-client", here));
const hi = require(require.resolve("world-atlas/countries-10m.json", here));
const lo = require(require.resolve("world-atlas/countries-50m.json", here));
const WANT = {"760": "SYR", "792": "TUR", "368": "IRQ", "400": "JOR", "422": "LBN", "376": "ISR",
              "275": "PSE", "196": "CYP", "682": "SAU", "818": "EGY"};
// Where the map writes each country's name (lon, lat): inside the part of it the map shows.
const LABELS = {SYR: [38.9, 35.3], TUR: [37.6, 37.55], IRQ: [42.3, 34.0], JOR: [37.1, 31.95],
                LBN: [35.55, 33.75], ISR: [34.85, 31.95], PSE: [35.35, 31.75], CYP: [33.3, 35.05],
                SAU: [40.9, 31.75], EGY: [34.1, 30.9]};
const round = (c) => typeof c[0] === "number" ? [Math.round(c[0]*1000)/1000, Math.round(c[1]*1000)/1000] : c.map(round);
const out = [];
for (const [topo, ids] of [[hi, ["760", "422", "376", "275"]], [lo, ["792", "368", "400", "196", "682", "818"]]]) {
  for (const g of topo.objects.countries.geometries) {
    if (!ids.includes(g.id)) continue;
    const f = feature(topo, g);
    out.push({type: "Feature", id: WANT[g.id],
              properties: {name: g.properties.name, iso_a3: WANT[g.id], focus: g.id === "760",
                           label_lon: LABELS[WANT[g.id]][0], label_lat: LABELS[WANT[g.id]][1],
                           resolution: topo === hi ? "10m" : "50m"},
              geometry: {type: f.geometry.type, coordinates: round(f.geometry.coordinates)}});
  }
}
out.sort((a, b) => (b.properties.focus - a.properties.focus) || a.id.localeCompare(b.id));
process.stdout.write(JSON.stringify({type: "FeatureCollection", features: out}));
