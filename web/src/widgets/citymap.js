// The city map's drawing, shared by the map page and the station board: the boundary layer
// the administrator uploads (drawn offline, no tile server), points on it, and where each
// water section is (the layer's Point features naming it).
import { registerMap, chart } from './chart.js';

// Where each section is: the layer's Point features naming it.
export function sectionPoints(layer) {
  const at = new Map();
  for (const f of layer?.features ?? []) {
    const code = f.properties?.section;
    if (f.geometry?.type === 'Point' && code) at.set(code, f.geometry.coordinates);
  }
  return at;
}

// The boundary alone (the points are drawn as series, with their colours).
const boundaryOf = (layer) => ({
  type: 'FeatureCollection',
  features: layer.features.filter((f) => f.geometry?.type !== 'Point'),
});

// Draws `series` (scatter series of [longitude, latitude, …] points) into the element `id`,
// on the boundary when there is a layer, else on plain longitude/latitude axes. The chart is
// kept on the element (`.chart`) so that browser tests can find a point's pixel.
export function drawCityMap(id, layer, series, tooltip, axisNames) {
  let option;
  if (layer) {
    registerMap('city', boundaryOf(layer));
    option = {
      tooltip,
      geo: {
        map: 'city',
        roam: true,
        itemStyle: { areaColor: '#eef3ef', borderColor: '#1f5f3f', borderWidth: 1.5 },
        emphasis: { disabled: true },
        select: { disabled: true },
        tooltip: { show: false },
      },
      series: series.map((s) => ({ ...s, coordinateSystem: 'geo' })),
    };
  } else {
    option = {
      tooltip,
      grid: { left: 56, right: 24, top: 24, bottom: 40 },
      xAxis: { type: 'value', scale: true, name: axisNames[0] },
      yAxis: { type: 'value', scale: true, name: axisNames[1] },
      series,
    };
  }
  const c = chart(id, option);
  const el = document.getElementById(id);
  if (el && c) el.chart = c;
  return c;
}
