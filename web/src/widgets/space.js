// The ecological space beside the city map (docs/space.md): the red lines, control areas and
// protected areas of a chosen year coloured by category (each category a layer that can be
// hidden), the parts lost since a chosen baseline year in red, the construction projects'
// intrusions marked, the built-up area outlined, the year's cover figures, and the three
// promises (面积不减少、类别不改变、功能不降低) per area and the intrusions in tables, with the
// key projects that have no site listed as not checked. For every
// role but unit reporters (the routes' rule); nothing is fetched that the store does not hold,
// so an empty store shows a note and no request fails.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { chart, registerMap } from './chart.js';
import { esc } from './escape.js';
import { table } from './table.js';

const CONTROLLED = ['red-line', 'control-area', 'protected-area'];
// Colours per category code (config/space-vocabulary.toml); a category not listed takes
// the next of SPARE.
const CATEGORY_COLOURS = {
  'scenic-area': '#2e7d32',
  wetland: '#0277bd',
  'drinking-water-source': '#4fc3f7',
  'key-function-area': '#9ccc65',
  'nature-reserve': '#1b5e20',
  'forest-park': '#66bb6a',
  geopark: '#a1887f',
  'wetland-park': '#4db6ac',
  'ecological-forest': '#558b2f',
  'water-conservation-area': '#26a69a',
  'germplasm-area': '#c0ca33',
};
const SPARE = ['#7e57c2', '#8d6e63', '#ec407a', '#78909c'];
const MARKS = { lost: '#d32f2f', intrusion: '#ff9800' };
const ha = (a) => (a?.ha ?? 0).toFixed(4);
const mark = (p) => (p.kept ? '✓ ' : '✗ ') + pick(p.reason_zh, p.reason_en);
const q = (params) => new URLSearchParams(params).toString();
const layerLabel = (layer) => t(`space_${layer.replaceAll('-', '_')}`);

// The latest year of `layer` up to `year` (0 when none).
const latest = (layers, layer, year) =>
  Math.max(0, ...layers.filter((l) => l.layer === layer && l.year <= year).map((l) => l.year));

const colourOfCategory = (() => {
  const given = {};
  return (code) => {
    if (CATEGORY_COLOURS[code]) return CATEGORY_COLOURS[code];
    given[code] ??= SPARE[Object.keys(given).length % SPARE.length];
    return given[code];
  };
})();

// `approved`: the approved baseline year (marked so), or null.
function yearPicker(id, label, years, chosen, approved = null) {
  const text = (y) => (y === approved ? t('space_approved').replace('{year}', y) : String(y));
  const options = years
    .map((y) => `<option value="${y}"${y === chosen ? ' selected' : ''}>${esc(text(y))}</option>`)
    .join('');
  return `<label>${esc(label)} <select id="${id}" data-action="${id}">${options}</select></label>`;
}

// The categories present, each a checkbox: unticked, its areas are left off the map.
function legend(categories, hidden) {
  const box = ([code, term]) =>
    `<label class="swatch"><input type="checkbox" data-action="space-category" data-category="${esc(code)}"${
      hidden.has(code) ? '' : ' checked'
    }><i style="background:${colourOfCategory(code)}"></i>${esc(pick(term.zh, term.en))}</label>`;
  const fixed = (key) =>
    `<span class="swatch"><i style="background:${MARKS[key]}"></i>${esc(t(`space_${key}`))}</span>`;
  return (
    `<div class="map-legend" id="space-legend"><div>${[...categories].map(box).join('')}</div>` +
    `<div>${fixed('lost')}${fixed('intrusion')}<span class="swatch"><i class="built-up"></i>${esc(
      t('space_built_up'),
    )}</span></div></div>`
  );
}

function coverNote(cover) {
  if (!cover) return '';
  const urban = cover.urban
    ? ` · ${t('space_urban_green')} ${cover.urban.green_cover_percent.toFixed(2)}%`
    : '';
  return `<p class="note" id="space-cover">${esc(
    t('space_cover')
      .replace('{year}', cover.year)
      .replace('{forest}', cover.forest_cover_percent.toFixed(2))
      .replace('{forest_grass}', cover.forest_grass_cover_percent.toFixed(2)),
  )}${esc(urban)}</p>`;
}

// What one choice of years shows: the features, the comparison, the intrusions, the cover.
async function load(layers, keyYears, year, baseline) {
  const features = [];
  const wanted = [];
  for (const layer of ['boundary', 'built-up']) {
    const y = latest(layers, layer, year);
    if (y) wanted.push([layer, y]);
  }
  for (const layer of CONTROLLED) {
    if (layers.some((x) => x.layer === layer && x.year === year)) wanted.push([layer, year]);
  }
  for (const [layer, y] of wanted) {
    const fc = await api('GET', `/api/v1/space/features?${q({ layer, year: y })}`);
    for (const f of fc.features) {
      const kind = CONTROLLED.includes(layer) ? 'area' : layer;
      // The category as the features route gives it ({code, zh, en}), kept for the legend.
      const term = f.properties.category ?? null;
      features.push({
        ...f,
        properties: {
          ...f.properties,
          name: `${kind}:${layer}:${f.properties.id}`,
          kind,
          category: term?.code ?? '',
          term,
        },
      });
    }
  }
  const compare = await api('GET', `/api/v1/space/compare?${q({ year, baseline })}`);
  for (const a of compare.areas) {
    if (a.lost_geometry) {
      features.push({
        type: 'Feature',
        properties: { name: `lost:${a.layer}:${a.id}`, kind: 'lost' },
        geometry: a.lost_geometry,
      });
    }
  }
  let intrusions = [];
  let unsited = [];
  // A year with key projects is asked too: those without a site are listed as not checked.
  if (layers.some((l) => l.layer === 'projects' && l.year === year) || keyYears.includes(year)) {
    const report = await api('GET', `/api/v1/space/intrusions?${q({ year })}`);
    intrusions = report.intrusions;
    unsited = report.key_projects.filter((k) => k.site_year === null);
    for (const i of intrusions) {
      if (!i.point && i.geometry) {
        features.push({
          type: 'Feature',
          properties: { name: `intrusion:${i.project}/${i.area}`, kind: 'intrusion' },
          geometry: i.geometry,
        });
      }
    }
  }
  const hasCover =
    layers.some((l) => l.layer === 'land-cover' && l.year === year) &&
    latest(layers, 'boundary', year) > 0;
  const cover = hasCover ? await api('GET', `/api/v1/space/cover?${q({ year })}`) : null;
  return { features, compare, intrusions, unsited, cover };
}

// The key projects of the year without a site: not on the map and not checked.
function unsitedTable(unsited, year) {
  if (unsited.length === 0) return '';
  return (
    `<h4 id="space-unsited-title">${esc(t('space_unsited').replace('{year}', year))}</h4>` +
    `<p class="note">${esc(t('space_unsited_note'))}</p>` +
    table(
      'space-unsited',
      [
        { key: 'code', label: t('space_project_code'), raw: true },
        { key: 'name', label: t('space_project_name') },
        { key: 'unit', label: t('space_key_project_unit') },
        { key: 'state', label: t('space_check') },
      ],
      unsited.map((k) => ({
        code: k.code,
        name: k.name,
        unit: k.unit,
        state: t('space_not_checked'),
      })),
    )
  );
}

function tables(view, year, baseline) {
  const { compare, intrusions } = view;
  const rows = compare.areas.map((a) => ({
    id: a.id,
    name: a.name,
    layer: layerLabel(a.layer),
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
    unit: i.key_project_unit ?? '—',
  }));
  return (
    table('space-promises', columns, rows) +
    `<h4>${esc(t('space_intrusions').replace('{year}', year))}</h4>` +
    table(
      'space-intrusions',
      [
        { key: 'project', label: t('space_project') },
        { key: 'area', label: t('space_area') },
        { key: 'overlap', label: t('space_overlap_ha') },
        { key: 'unit', label: t('space_key_project_unit') },
      ],
      intrusionRows,
    ) +
    unsitedTable(view.unsited, year)
  );
}

function styleOf(p, hidden) {
  if (p.kind === 'boundary') return { areaColor: '#f4f6f4', borderColor: '#555', borderWidth: 1.5 };
  if (p.kind === 'built-up') {
    return { areaColor: '#eceff1', borderColor: '#546e7a', borderWidth: 1.5, borderType: 'dashed' };
  }
  if (p.kind === 'area') {
    const colour = hidden.has(p.category) ? 'rgba(0,0,0,0)' : colourOfCategory(p.category);
    return { areaColor: colour, borderColor: colour, opacity: 0.8 };
  }
  return { areaColor: MARKS[p.kind], borderColor: MARKS[p.kind], opacity: 1 };
}

function drawMap(view, hidden) {
  // Hidden categories are left out, with the parts lost from their areas.
  const hiddenNames = new Set(
    view.features
      .filter((f) => f.properties.kind === 'area' && hidden.has(f.properties.category))
      .map((f) => `${f.properties.layer}:${f.properties.id}`),
  );
  const shown = view.features.filter(
    (f) =>
      !(f.properties.kind === 'area' && hidden.has(f.properties.category)) &&
      !(f.properties.kind === 'lost' && hiddenNames.has(f.properties.name.slice(5))),
  );
  registerMap('space', { type: 'FeatureCollection', features: shown });
  const points = view.intrusions.filter((i) => i.point && i.geometry);
  chart('space-map', {
    tooltip: { trigger: 'item', formatter: (p) => esc(p.data?.label ?? p.name ?? '') },
    geo: {
      map: 'space',
      roam: true,
      regions: shown.map((f) => ({
        name: f.properties.name,
        itemStyle: styleOf(f.properties, hidden),
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
        itemStyle: { color: MARKS.intrusion, borderColor: '#333' },
        data: points.map((i) => ({
          name: i.project_name,
          value: i.geometry.coordinates,
          label: `${i.project_name} → ${i.area_name}`,
        })),
      },
    ],
  });
}

// Loads what the store holds; {html, draw, setYear, setBaseline, showCategory} for the map
// page. The year pickers reload the view in place; the category boxes redraw the map.
export async function spaceSection() {
  const {
    layers,
    approved_baseline: approved = null,
    key_project_years: keyYears = [],
  } = await api('GET', '/api/v1/space/layers');
  const years = [
    ...new Set(layers.filter((l) => CONTROLLED.includes(l.layer)).map((l) => l.year)),
  ].sort((a, b) => a - b);
  if (years.length === 0) {
    return { html: `<p class="note" id="space-none">${t('space_none')}</p>`, draw: async () => {} };
  }
  const hidden = new Set();
  let view;
  let year = years[years.length - 1];
  // The approved baseline when one is set (the red-line indicators judge against it).
  let baseline = years.includes(approved) ? approved : years[0];
  const body = () => {
    const categories = new Map();
    for (const f of view.features) {
      if (f.properties.kind === 'area' && f.properties.term) {
        categories.set(f.properties.term.code, f.properties.term);
      }
    }
    return (
      `<p class="note" id="space-summary">${esc(
        t('space_summary')
          .replace('{year}', year)
          .replace('{baseline}', baseline)
          .replace('{n}', view.compare.areas_not_kept),
      )}</p>` +
      coverNote(view.cover) +
      `<div id="space-map" class="chart map-chart"></div>${legend(categories, hidden)}` +
      tables(view, year, baseline)
    );
  };
  const render = async () => {
    view = await load(layers, keyYears, year, baseline);
    const el = document.getElementById('space-body');
    el.innerHTML = body();
    el.dataset.year = year;
    el.dataset.baseline = baseline;
    drawMap(view, hidden);
  };
  const html =
    `<div class="controls" id="space-years">${yearPicker('space-year', t('space_year'), years, year)} ` +
    `${yearPicker('space-baseline', t('space_baseline'), years, baseline, approved)}</div>` +
    `<div id="space-body"></div>`;
  // The map page's actions (data-action) call these.
  const setYear = async (value) => {
    year = value;
    await render();
  };
  const setBaseline = async (value) => {
    baseline = value;
    await render();
  };
  const showCategory = (code, shown) => {
    if (shown) hidden.delete(code);
    else hidden.add(code);
    drawMap(view, hidden);
  };
  return { html, draw: render, setYear, setBaseline, showCategory };
}
