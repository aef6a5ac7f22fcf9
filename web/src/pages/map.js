// The map: every air station on its current AQI's official colour and every water section
// on its latest monthly class's colour, on the city's boundary (the GeoJSON layer the
// administrator uploads; drawn offline, no tile server). A click opens the station on the
// air page or the section on the water page. A boundary marked synthetic says so.
import { api, upload } from '../api.js';
import { pick, t } from '../i18n.js';
import { hasRole } from '../session.js';
import { LEVEL_COLOURS } from '../widgets/aqi.js';
import { drawCityMap, sectionPoints } from '../widgets/citymap.js';
import { CLASS_COLOURS } from '../widgets/classes.js';
import { errorText } from '../widgets/errors.js';
import { esc } from '../widgets/escape.js';
import { say } from '../widgets/form.js';
import { spaceSection } from '../widgets/space.js';

export const name = 'map';
export const title = 'nav_map';

const LEVEL_KEYS = ['aqi_l1', 'aqi_l2', 'aqi_l3', 'aqi_l4', 'aqi_l5', 'aqi_l6'];
const CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'];

function legend() {
  const swatch = (colour, label) =>
    `<span class="swatch"><i style="background:${colour}"></i>${esc(label)}</span>`;
  return (
    `<div class="map-legend"><div><b>${t('map_stations')}</b> ● ` +
    LEVEL_COLOURS.map((c, i) => swatch(c, t(LEVEL_KEYS[i]))).join('') +
    `</div><div><b>${t('map_sections')}</b> ◆ ` +
    CLASSES.filter((c) => c !== 'II')
      .map((c) =>
        swatch(CLASS_COLOURS[c], c === 'I' ? 'I–II' : c === '劣V' ? t('class_worse_than_v') : c),
      )
      .join('') +
    '</div></div>'
  );
}

function uploadForm() {
  if (!hasRole('admin')) return '';
  return (
    `<section class="panel"><h3>${t('map_upload')}</h3>` +
    `<form class="controls" id="map-upload" data-action="upload">` +
    `<input type="file" name="file" accept=".geojson,.json,application/geo+json,application/json" required>` +
    `<button type="submit">${t('map_upload_button')}</button></form>` +
    `<p class="note">${t('map_upload_note')}</p><p class="error" id="map-error"></p></section>`
  );
}

// The ecological-space view on screen (widgets/space.js), for the actions below.
let space = null;

export async function render(ctx) {
  const m = await api('GET', '/api/v1/map');
  const layer = m.layer;
  const synthetic = layer?.features?.some((f) => f.properties?.synthetic);
  const boundaryName = layer?.features?.find((f) => f.geometry?.type !== 'Point')?.properties;
  const at = sectionPoints(layer);
  const placed = m.sections.filter((s) => at.has(s.section));
  const unplaced = m.sections.length - placed.length;
  const stations = m.stations.filter((s) => s.longitude || s.latitude);
  const notes = [
    synthetic ? `<p class="synthetic-mark" id="map-synthetic">${t('map_synthetic')}</p>` : '',
    !layer ? `<p class="note" id="map-no-layer">${t('map_no_layer')}</p>` : '',
    unplaced > 0 && layer
      ? `<p class="note">${t('map_unplaced').replace('{n}', unplaced)}</p>`
      : '',
  ].join('');
  const heading = boundaryName
    ? esc(pick(boundaryName.name, boundaryName.name_en || boundaryName.name) ?? '')
    : '';
  ctx.show(
    `<section class="panel"><h3>${t('nav_map')}${heading ? ` · ${heading}` : ''}</h3>${notes}` +
      `<p class="note">${t('map_hint')}${m.water_month ? ` · ${t('map_water_month')} ${esc(m.water_month)}` : ''}</p>` +
      `<div id="city-map" class="chart map-chart"></div>${legend()}</section>` +
      (hasRole('reporter')
        ? ''
        : `<section class="panel" id="space-panel"><h3>${t('space_title')}</h3></section>`) +
      uploadForm(),
  );
  const stationData = stations.map((s) => ({
    name: s.name,
    value: [s.longitude, s.latitude, s.aqi ?? null],
    code: s.code,
    kind: 'station',
    label: `${s.name}: AQI ${s.aqi ?? '—'} ${pick(s.level?.category_zh, s.level?.category_en) ?? ''}`,
    itemStyle: { color: s.level?.colour ?? '#bbb', borderColor: '#333', borderWidth: 1 },
  }));
  const sectionData = placed.map((s) => ({
    name: s.name,
    value: [...at.get(s.section), s.class],
    code: s.section,
    kind: 'section',
    label: `${s.name}: ${s.class ?? '—'} (${t('target_class')} ${s.target_class})${s.compliant ? '' : ' ✗'}`,
    itemStyle: { color: CLASS_COLOURS[s.class] ?? '#bbb', borderColor: '#333', borderWidth: 1 },
  }));
  // Sections first, so the stations are drawn over them.
  const series = [
    {
      type: 'scatter',
      name: t('map_sections'),
      symbol: 'diamond',
      symbolSize: 12,
      data: sectionData,
    },
    {
      type: 'scatter',
      name: t('map_stations'),
      symbol: 'circle',
      symbolSize: 18,
      z: 3,
      data: stationData,
      label: { show: true, formatter: (p) => `${p.data.value[2] ?? ''}`, fontSize: 10 },
    },
  ];
  const tooltip = { trigger: 'item', formatter: (p) => esc(p.data?.label ?? p.name ?? '') };
  const c = drawCityMap('city-map', layer, series, tooltip, [t('longitude'), t('latitude')]);
  c?.on('click', (p) => {
    if (p.data?.kind === 'station') ctx.navigate(`air?id=${encodeURIComponent(p.data.code)}`);
    if (p.data?.kind === 'section')
      ctx.navigate(`water?section=${encodeURIComponent(p.data.code)}`);
  });
  // The ecological space (red lines, control areas, the three promises, intrusions).
  const panel = document.getElementById('space-panel');
  space = null;
  if (panel) {
    space = await spaceSection();
    panel.insertAdjacentHTML('beforeend', space.html);
    await space.draw();
  }
}

export const actions = {
  'space-year': (el) => space?.setYear(Number(el.value)),
  'space-baseline': (el) => space?.setBaseline(Number(el.value)),
  'space-category': (el) => space?.showCategory(el.dataset.category, el.checked),
  upload: async (form, ctx) => {
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return;
    try {
      await upload('/api/v1/map', file, 'PUT');
      await ctx.reload();
      say('map-error', t('saved'), 'ok');
    } catch (err) {
      say('map-error', `${t('map_upload_failed')}${t('err_sep')}${errorText(err)}`, 'error');
    }
  },
};
