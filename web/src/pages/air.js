// Air: hourly and daily AQI of a station or the city, the calendar of daily AQI on the
// official level colours, and the period assessment under either edition of HJ 633.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { hasRole } from '../session.js';
import { LEVEL_COLOURS } from '../widgets/aqi.js';
import { chart } from '../widgets/chart.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'air';
export const title = 'nav_air';

const STANDARDS = ['auto', 'hj633-2012', 'hj633-2026'];
const LEVELS = [
  [0, 50],
  [51, 100],
  [101, 150],
  [151, 200],
  [201, 300],
  [301, 500],
];
const num = (x) => (x == null ? null : Number(x));

export async function render(ctx) {
  const s = await api('GET', '/api/v1/stations');
  const ids = [...s.cities.map((c) => [c, c]), ...s.stations.map((x) => [x.code, x.name])];
  const id = ctx.params.get('id') || ids[0]?.[0];
  const standard = ctx.params.get('standard') || 'auto';
  const standards = STANDARDS.map((v) => [v, v === 'auto' ? t('auto') : v]);
  const canAssess = !hasRole('reporter');
  const panel = (heading, body) => `<section class="panel"><h3>${heading}</h3>${body}</section>`;
  ctx.show(
    `<div class="controls"><label>${t('station')} <select id="series" data-action="pick">${options(ids, id)}</select></label>` +
      `<label>${t('standard')} <select id="standard" data-action="pick">${options(standards, standard)}</select></label></div>` +
      panel(t('hourly'), '<div id="hourly" class="chart"></div>') +
      panel(t('daily'), '<div id="daily" class="chart"></div>') +
      panel(t('calendar'), '<div id="calendar" class="chart" style="height:220px"></div>') +
      (canAssess ? panel(t('assessment'), '<div id="assessment">…</div>') : ''),
  );
  if (!id) return;
  const q = `id=${encodeURIComponent(id)}&standard=${standard}`;
  const [hourly, daily] = await Promise.all([
    api('GET', `/api/v1/air/hourly?${q}`),
    api('GET', `/api/v1/air/daily?${q}`),
  ]);
  if (ctx.stale) return;
  chart('hourly', {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: hourly.rows.map((r) => r.time) },
    yAxis: { type: 'value', name: 'AQI' },
    series: [
      { type: 'line', name: 'AQI', showSymbol: false, data: hourly.rows.map((r) => r.aqi) },
      { type: 'line', name: 'PM2.5', showSymbol: false, data: hourly.rows.map((r) => num(r.pm25)) },
    ],
    legend: {},
  });
  chart('daily', {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: daily.rows.map((r) => r.date) },
    yAxis: { type: 'value', name: 'AQI' },
    series: [
      {
        type: 'bar',
        name: 'AQI',
        data: daily.rows.map((r) => ({
          value: r.aqi,
          itemStyle: { color: r.level?.colour ?? '#ccc' },
        })),
      },
    ],
  });
  const last = daily.rows.at(-1)?.date;
  const year = last ? last.slice(0, 4) : '2026';
  chart('calendar', {
    tooltip: { formatter: (p) => `${p.value[0]}: AQI ${p.value[1]}` },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: LEVELS.map(([min, max], i) => ({ min, max, color: LEVEL_COLOURS[i] })),
    },
    calendar: { range: year, cellSize: ['auto', 14], top: 30, left: 40, right: 20 },
    series: [
      {
        type: 'heatmap',
        coordinateSystem: 'calendar',
        data: daily.rows
          .filter((r) => r.aqi != null && r.date.startsWith(year))
          .map((r) => [r.date, r.aqi]),
      },
    ],
  });
  if (canAssess) await assessment(ctx, standard);
}

async function assessment(ctx, standard) {
  const a = await api('GET', `/api/v1/air/assessment?standard=${standard}`);
  const box = document.getElementById('assessment');
  if (ctx.stale || !box) return;
  const rows = [...a.cities, ...a.stations].map((r) => ({
    name: r.name,
    days_valid: r.days_valid,
    good_days: r.good_days,
    good_day_ratio: r.good_day_ratio,
    heavy: r.heavy_pollution_days,
    pm25: r.pollutants.pm25?.mean,
    pm10: r.pollutants.pm10?.mean,
    o3: r.pollutants.o3_8h?.percentile,
    composite: r.composite_index,
  }));
  box.innerHTML =
    `<p class="note">${esc(a.from)} — ${esc(a.to)} · ${esc(a.standard)}</p>` +
    table(
      'assessment-table',
      [
        { key: 'name', label: t('station') },
        { key: 'days_valid', label: t('days_valid') },
        { key: 'good_days', label: t('good_days') },
        { key: 'good_day_ratio', label: t('good_day_ratio') + ' %' },
        { key: 'heavy', label: t('heavy_days') },
        { key: 'pm25', label: 'PM2.5' },
        { key: 'pm10', label: 'PM10' },
        { key: 'o3', label: 'O3-8h P90' },
        { key: 'composite', label: t('composite') },
      ],
      rows,
    );
}

export const actions = {
  // The station (or city) and the standard: a new address, so the view can be bookmarked.
  pick: (el, ctx) =>
    ctx.navigate(
      `air?id=${encodeURIComponent(valueOf('#series'))}&standard=${valueOf('#standard')}`,
    ),
};
