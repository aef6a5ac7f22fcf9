// ECharts (only the parts the pages use), drawn into an element by id.
import * as echarts from 'echarts/core';
import { LineChart, BarChart, HeatmapChart, ScatterChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  CalendarComponent,
  VisualMapComponent,
  LegendComponent,
  MarkLineComponent,
  DataZoomComponent,
  GeoComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  ScatterChart,
  MapChart,
  GridComponent,
  TooltipComponent,
  CalendarComponent,
  VisualMapComponent,
  LegendComponent,
  MarkLineComponent,
  DataZoomComponent,
  GeoComponent,
  CanvasRenderer,
]);

const live = new Set();
const still = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

// Draws the option into the element with this id (nothing when it is not on the page).
export function chart(id, option) {
  const el = document.getElementById(id);
  if (!el) return null;
  // Drawn again in place (the map page's category boxes): the old chart goes first.
  const old = echarts.getInstanceByDom(el);
  if (old) {
    live.delete(old);
    old.dispose();
  }
  const c = echarts.init(el);
  c.setOption(still() ? { ...option, animation: false } : option);
  live.add(c);
  return c;
}

// Registers a GeoJSON boundary under a name for `geo` components (the map page).
export const registerMap = (name, geojson) => echarts.registerMap(name, geojson);

// Frees the charts of the page being left.
export function disposeCharts() {
  for (const c of live) c.dispose();
  live.clear();
}

window.addEventListener('resize', () => {
  for (const c of live) c.resize();
});
