// The air page's period assessment of one year: the city's figures as shares of their
// limits (a chart, the limit at 100 %), and the table of the city and every station where
// a figure above its limit (an O3-8h P90 of 171 against 160) is marked in red.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { chart } from '../widgets/chart.js';
import { editionName, shareOfLimitOption } from '../widgets/charts.js';
import { esc } from '../widgets/escape.js';
import { table } from '../widgets/table.js';

// [assessment key, label, 'mean' | 'percentile'] in the order a bureau reports them.
const FIGURES = [
  ['pm25', 'PM2.5', 'mean'],
  ['pm10', 'PM10', 'mean'],
  ['o3_8h', 'O3-8h P90', 'percentile'],
  ['no2', 'NO2', 'mean'],
  ['so2', 'SO2', 'mean'],
  ['co', 'CO P95', 'percentile'],
];

const num = (x) => (x == null ? null : Number(x));

// The figure of a pollutant with its limit: { value, limit, over }.
function figure(r, key, kind) {
  const p = r.pollutants[key];
  if (!p) return { value: null, limit: null, over: false };
  const value = kind === 'mean' ? p.mean : p.percentile;
  const limit = kind === 'mean' ? p.mean_limit : p.percentile_limit;
  return { value, limit, unit: p.unit, over: limit != null && num(value) > num(limit) };
}

// A table cell: the value, in red with ▲ and the limit beside it when above it.
const cell = (f) =>
  f.value == null
    ? '—'
    : f.over
      ? `<span class="bad exceed" title="${esc(t('limit'))} ${esc(f.limit)}">${esc(f.value)} ▲</span>`
      : esc(f.value);

// `editions`: the AQI editions the year's days were computed under, by name.
export async function assessmentPanel(ctx, year, last, standard, editions) {
  const to = year === last.slice(0, 4) ? last : `${year}-12-31`;
  const a = await api(
    'GET',
    `/api/v1/air/assessment?from=${year}-01-01&to=${to}&standard=${standard}`,
  );
  const box = document.getElementById('assessment');
  if (ctx.stale || !box) return;
  const series = [...a.cities, ...a.stations];
  const city = a.cities[0] ?? a.stations[0];
  const rows = series.map((r) => {
    const row = {
      name: r.name,
      days_valid: r.days_valid,
      good_days: r.good_days,
      good_day_ratio: r.good_day_ratio,
      heavy: r.heavy_pollution_days,
      composite: r.composite_index,
    };
    for (const [key, , kind] of FIGURES) {
      const f = figure(r, key, kind);
      row[key] = f.value;
      row[`${key}_f`] = f;
    }
    return row;
  });
  const unitLabel = (key, label) => `${label} (${key === 'co' ? 'mg/m³' : 'µg/m³'})`;
  const limitsEdition = city?.limits?.edition ? editionName(city.limits.edition) : '';
  const aqiEditions =
    a.standard === 'auto'
      ? `${t('standard_by_date')}${editions ? ` (${editions})` : ''}`
      : editionName(a.standard);
  const over = city
    ? FIGURES.map(([key, label, kind]) => ({ label, ...figure(city, key, kind) })).filter(
        (f) => f.over,
      )
    : [];
  box.innerHTML =
    `<p class="note">${esc(a.from)} — ${esc(a.to)} · ${t('standard')} ${esc(aqiEditions)}` +
    (limitsEdition ? ` · ${t('limits_edition')} ${esc(limitsEdition)}` : '') +
    ` · ${t('assessment_rules')} ${esc(editionName(a.assessment_rules))}</p>` +
    (city
      ? `<p id="assessment-over" class="${over.length ? 'bad' : 'ok'}">${esc(city.name)}: ` +
        (over.length
          ? `${t('over_limit')} ${over.map((f) => `${esc(f.label)} ${esc(f.value)} > ${esc(f.limit)} ${esc(f.unit)}`).join('; ')}`
          : t('all_within_limits')) +
        '</p><div id="assessment-chart" class="chart" style="height:260px"></div>'
      : '') +
    table(
      'assessment-table',
      [
        { key: 'name', label: t('station') },
        { key: 'days_valid', label: t('days_valid') },
        { key: 'good_days', label: t('good_days') },
        { key: 'good_day_ratio', label: t('good_day_ratio') + ' (%)' },
        { key: 'heavy', label: t('heavy_days') },
        ...FIGURES.map(([key, label]) => ({
          key,
          label: unitLabel(key, label),
          html: (r) => cell(r[`${key}_f`]),
        })),
        { key: 'composite', label: t('composite') },
      ],
      rows,
    );
  if (city) {
    chart(
      'assessment-chart',
      shareOfLimitOption(
        FIGURES.map(([key, label, kind]) => ({ label, ...figure(city, key, kind) })),
      ),
    );
  }
}
