// The ecological space beside the city map (docs/space.md): the red lines and control areas
// of the latest year coloured by layer, the parts lost since the earliest year hatched red,
// the construction projects' intrusions marked, and the three promises (面积不减少、
// 类别不改变、功能不降低) per area in a table. For every role but unit reporters (the routes'
// rule); nothing is fetched that the store does not hold, so an empty store shows a note.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { chart, registerMap } from './chart.js';
import { esc } from './escape.js';
import { table } from './table.js';

const CONTROLLED = ['red-line', 'control-area', 'protected-area'];
const COLOURS = {
  'red-line': '#2e7d32',
  'control-area': '#9ccc65',
  'protected-area': '#4db6ac',
  lost: '#d32f2f',
  intrusion: '#ff9800',
};
const ha = (a) => (a?.ha ?? 0).toFixed(4);
const mark = (p) => (p.kept ? '✓ ' : '✗ ') + pick(p.reason_zh, p.reason_en);

// The latest year of `layer` up to `year` (0 when none).
const latest = (layers, layer, year) =>
  Math.max(0, ...layers.filter((l) => l.layer === layer && l.year <= year).map((l) => l.year));

function legend() {
  const swatch = (key) =>
    `<span class="swatch"><i style="background:${COLOURS[key]}"></i>${esc(t(`space_${key.replace('-', '_')}`))}</span>`;
  return `<div class="map-legend"><div>${Object.keys(COLOURS).map(swatch).join('')}</div></div>`;
}

// Loads what the store holds; {html, draw} for the map page.
export async function spaceSection() {
  const { layers } = await api('GET', '/api/v1/space/layers');
  const years = [...new Set(layers.filter((l) => CONTROLLED.includes(l.layer)).map((l) => l.year))];
  if (years.length === 0) {
    return { html: `<p class="note" id="space-none">${t('space_none')}</p>`, draw: () => {} };
  }
  const year = Math.max(...years);
  const baseline = Math.min(...years);
  const q = (params) => new URLSearchParams(params).toString();
  const features = [];
  const boundaryYear = latest(layers, 'boundary', year);
  const wanted = [
    ...(boundaryYear ? [['boundary', boundaryYear]] : []),
    ...CONTROLLED.filter((l) => layers.some((x) => x.layer === l && x.year === year)).map((l) => [
      l,
      year,
    ]),
  ];
  for (const [layer, y] of wanted) {
    const fc = await api('GET', `/api/v1/space/features?${q({ layer, year: y })}`);
    for (const f of fc.features) {
      features.push({ ...f, properties: { ...f.properties, name: `${layer}:${f.properties.id}` } });
    }
  }
  const compare = await api('GET', `/api/v1/space/compare?${q({ year, baseline })}`);
  for (const a of compare.areas) {
    if (a.lost_geometry) {
      features.push({
        type: 'Feature',
        properties: { name: `lost:${a.id}` },
        geometry: a.lost_geometry,
      });
    }
  }
  let intrusions = [];
  if (layers.some((l) => l.layer === 'projects' && l.year === year)) {
    intrusions = (await api('GET', `/api/v1/space/intrusions?${q({ year })}`)).intrusions;
    for (const i of intrusions) {
      if (!i.point && i.geometry) {
        features.push({
          type: 'Feature',
          properties: { name: `intrusion:${i.project}/${i.area}` },
          geometry: i.geometry,
        });
      }
    }
  }
  const rows = compare.areas.map((a) => ({
    id: a.id,
    name: a.name,
    layer: t(`space_${a.layer.replace('-', '_')}`),
    before: ha(a.baseline_area),
    after: ha(a.year_area),
    lost: ha(a.lost),
    area: mark(a.promises.area_not_reduced),
    category: mark(a.promises.category_unchanged),
    func: mark(a.promises.function_not_lowered),
  }));
  const columns = [
    { key: 'id', label: t('space_id'), raw: true },
    { key: 'name', label: t('space_name') },
    { key: 'layer', label: t('space_layer') },
    { key: 'before', label: `${baseline} ${t('space_area_ha')}` },
    { key: 'after', label: `${year} ${t('space_area_ha')}` },
    { key: 'lost', label: t('space_lost_ha') },
    { key: 'area', label: t('space_promise_area') },
    { key: 'category', label: t('space_promise_category') },
    { key: 'func', label: t('space_promise_function') },
  ];
  const intrusionRows = intrusions.map((i) => ({
    project: `${i.project} ${i.project_name}`,
    area: `${i.area} ${i.area_name}`,
    overlap: i.point ? t('space_point_inside') : ha(i.overlap),
  }));
  const html =
    `<p class="note" id="space-summary">${esc(
      t('space_summary')
        .replace('{year}', year)
        .replace('{baseline}', baseline)
        .replace('{n}', compare.areas_not_kept),
    )}</p>` +
    `<div id="space-map" class="chart map-chart"></div>${legend()}` +
    table('space-promises', columns, rows) +
    `<h4>${esc(t('space_intrusions').replace('{year}', year))}</h4>` +
    table(
      'space-intrusions',
      [
        { key: 'project', label: t('space_project') },
        { key: 'area', label: t('space_area') },
        { key: 'overlap', label: t('space_overlap_ha') },
      ],
      intrusionRows,
    );
  const colourOf = (name) => {
    const kind = name.split(':')[0];
    if (kind === 'boundary') return { areaColor: '#f4f6f4', borderColor: '#555', borderWidth: 1.5 };
    const colour = COLOURS[kind] ?? '#ccc';
    return { areaColor: colour, borderColor: colour, opacity: kind === 'lost' ? 1 : 0.8 };
  };
  const draw = () => {
    registerMap('space', { type: 'FeatureCollection', features });
    const points = intrusions.filter((i) => i.point && i.geometry);
    chart('space-map', {
      tooltip: { trigger: 'item', formatter: (p) => esc(p.data?.label ?? p.name ?? '') },
      geo: {
        map: 'space',
        roam: true,
        regions: features.map((f) => ({
          name: f.properties.name,
          itemStyle: colourOf(f.properties.name),
        })),
        emphasis: { disabled: true },
        select: { disabled: true },
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'triangle',
          symbolSize: 14,
          itemStyle: { color: COLOURS.intrusion, borderColor: '#333' },
          data: points.map((i) => ({
            name: i.project_name,
            value: i.geometry.coordinates,
            label: `${i.project_name} → ${i.area_name}`,
          })),
        },
      ],
    });
  };
  return { html, draw };
}
