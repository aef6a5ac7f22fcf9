// Air: hourly and daily values of a station or the city for one pollutant (or the AQI) over a
// chosen range, with units, the limit drawn and exceedances in red; the calendar of daily
// AQI on the official level colours; and the period assessment of a chosen year under an
// edition of HJ 633 named as such.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { hasRole } from '../session.js';
import { LEVEL_COLOURS } from '../widgets/aqi.js';
import { chart } from '../widgets/chart.js';
import { editionName, RANGES, rangeStart, seriesOption, unitOf } from '../widgets/charts.js';
import { options, valueOf } from '../widgets/form.js';
import { assessmentPanel } from '../parts/air-assessment.js';

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
// What the charts can show: [value, label, hourly key, daily key, assessment key].
const MEASURES = [
  ['aqi', 'AQI', 'aqi', 'aqi', null],
  ['pm25', 'PM2.5', 'pm25', 'pm25', 'pm25'],
  ['pm10', 'PM10', 'pm10', 'pm10', 'pm10'],
  ['o3', 'O3', 'o3', 'o3_8h_max', 'o3_8h'],
  ['no2', 'NO2', 'no2', 'no2', 'no2'],
  ['so2', 'SO2', 'so2', 'so2', 'so2'],
  ['co', 'CO', 'co', 'co', 'co'],
];
const GOOD_AQI = 100; // the upper end of 良 (HJ 633): above it the day is polluted

// The choices of the page, from its address (with defaults).
function choices(ctx, stations) {
  const p = ctx.params;
  const last = stations.last_day || new Date().toISOString().slice(0, 10);
  const first = stations.first_day || last;
  const years = [];
  for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y--) years.push(String(y));
  const range = RANGES.find((r) => r[0] === p.get('range')) ?? RANGES[1];
  return {
    id: p.get('id'),
    measure: MEASURES.find((m) => m[0] === p.get('measure')) ?? MEASURES[0],
    range,
    standard: STANDARDS.includes(p.get('standard')) ? p.get('standard') : 'auto',
    year: years.includes(p.get('year')) ? p.get('year') : years[0],
    years,
    last,
  };
}

// "By the data's date (HJ 633-2012)": the automatic choice named by the edition it used.
function standardLabels(used) {
  const names = [...used].filter(Boolean).map(editionName).join(', ');
  return STANDARDS.map((v) => [
    v,
    v === 'auto' ? `${t('standard_by_date')}${names ? ` (${names})` : ''}` : editionName(v),
  ]);
}

export async function render(ctx) {
  const s = await api('GET', '/api/v1/stations');
  const ids = [...s.cities.map((c) => [c, c]), ...s.stations.map((x) => [x.code, x.name])];
  const c = choices(ctx, s);
  const id = c.id || ids[0]?.[0];
  const canAssess = !hasRole('reporter');
  const to = c.last;
  const from = rangeStart(to, c.range[2]);
  const q = (extra) =>
    `id=${encodeURIComponent(id)}&standard=${c.standard}&${new URLSearchParams(extra)}`;
  const [hourly, daily, calendarDays, limits] = id
    ? await Promise.all([
        api('GET', `/api/v1/air/hourly?${q({ from, to })}`),
        api('GET', `/api/v1/air/daily?${q({ from, to })}`),
        api('GET', `/api/v1/air/daily?${q({ from: `${c.year}-01-01`, to: `${c.year}-12-31` })}`),
        canAssess ? limitsOf(c) : null,
      ])
    : [{ rows: [] }, { rows: [] }, { rows: [] }, null];
  if (ctx.stale) return;
  const used = new Set(daily.rows.map((r) => r.edition));
  const measure = c.measure;
  const unit = measure[0] === 'aqi' ? 'AQI' : unitOf(measure[0]);
  const panel = (heading, body, id2) =>
    `<section class="panel"${id2 ? ` id="${id2}"` : ''}><h3>${heading}</h3>${body}</section>`;
  const select = (sid, label, items, current) =>
    `<label>${label} <select id="${sid}" data-action="pick">${options(items, current)}</select></label>`;
  const daily24 = limits?.[measure[4]];
  ctx.show(
    `<div class="controls">` +
      select('series', t('station'), ids, id) +
      select(
        'measure',
        t('pollutant'),
        MEASURES.map((m) => [m[0], m[1]]),
        measure[0],
      ) +
      select(
        'range',
        t('time_range'),
        RANGES.map((r) => [r[0], t(r[1])]),
        c.range[0],
      ) +
      select('standard', t('standard'), standardLabels(used), c.standard) +
      `</div>` +
      panel(
        `${t('hourly_series')} · ${measure[1]}${unit === 'AQI' ? '' : ` (${unit})`}`,
        `<p class="note" id="hourly-note"></p><div id="hourly" class="chart"></div>`,
      ) +
      panel(
        `${t('daily_series')} · ${measure[1]}${measure[0] === 'o3' ? '-8h' : ''}${unit === 'AQI' ? '' : ` (${unit})`}`,
        `<p class="note" id="daily-note"></p><div id="daily" class="chart"></div>`,
      ) +
      panel(
        `${t('calendar')} · ${c.year}`,
        `<div class="controls">${select('year', t('year'), c.years, c.year)}</div>` +
          '<div id="calendar" class="chart" style="height:220px"></div>',
      ) +
      (canAssess ? panel(`${t('assessment')} · ${c.year}`, '<div id="assessment">…</div>') : ''),
  );
  if (!id) return;
  drawHourly(hourly.rows, measure, unit);
  drawDaily(daily.rows, measure, unit, daily24);
  drawCalendar(calendarDays.rows, c.year);
  // The editions the chosen year's days were computed under: the automatic choice by name.
  const yearEditions = [...new Set(calendarDays.rows.map((r) => r.edition).filter(Boolean))];
  if (canAssess)
    await assessmentPanel(
      ctx,
      c.year,
      c.last,
      c.standard,
      yearEditions.map(editionName).join(', '),
    );
}

// The 24-hour (O3: 8-hour) limits of the edition in force for the chosen year, from the
// assessment: the percentile limit of each pollutant is its daily limit.
async function limitsOf(c) {
  const to = c.year === c.last.slice(0, 4) ? c.last : `${c.year}-12-31`;
  const a = await api(
    'GET',
    `/api/v1/air/assessment?from=${c.year}-01-01&to=${to}&standard=${c.standard}`,
  ).catch(() => null);
  const city = a?.cities?.[0] ?? a?.stations?.[0];
  if (!city) return null;
  const out = {};
  for (const [k, p] of Object.entries(city.pollutants)) out[k] = p.percentile_limit;
  return out;
}

function note(id, text) {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
}

function drawHourly(rows, measure, unit) {
  const aqi = measure[0] === 'aqi';
  const { option } = seriesOption({
    labels: rows.map((r) => r.time.replace('T', ' ')), // Beijing time, hour ending
    unit,
    series: [{ name: measure[1], values: rows.map((r) => r[measure[2]]) }],
    limit: aqi ? GOOD_AQI : null,
    limitLabel: t('aqi_good_limit'),
  });
  note('hourly-note', aqi ? t('hourly_aqi_note') : t('hourly_value_note'));
  chart('hourly', option);
}

function drawDaily(rows, measure, unit, limit) {
  const aqi = measure[0] === 'aqi';
  const values = rows.map((r) => r[measure[3]]);
  const { option, over } = seriesOption({
    labels: rows.map((r) => r.date),
    unit,
    series: [
      {
        name: measure[1],
        type: 'bar',
        values,
        colours: aqi ? rows.map((r) => r.level?.colour ?? '#ccc') : undefined,
      },
    ],
    limit: aqi ? GOOD_AQI : limit,
    limitLabel: aqi ? t('aqi_good_limit') : t('limit_24h'),
  });
  const text = aqi
    ? t('daily_aqi_note')
    : limit != null
      ? t('days_over_limit').replace('{n}', over).replace('{limit}', `${limit} ${unit}`)
      : t('no_limit_shown');
  note('daily-note', text);
  chart('daily', option);
}

function drawCalendar(rows, year) {
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
        data: rows.filter((r) => r.aqi != null).map((r) => [r.date, r.aqi]),
      },
    ],
  });
}

export const actions = {
  // Every choice is in the address, so the view can be bookmarked.
  pick: (el, ctx) => {
    const n = new URLSearchParams({
      id: valueOf('#series'),
      measure: valueOf('#measure'),
      range: valueOf('#range'),
      standard: valueOf('#standard'),
      year: valueOf('#year'),
    });
    return ctx.navigate(`air?${n}`);
  },
};
