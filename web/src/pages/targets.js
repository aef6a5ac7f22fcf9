// Target progress (目标进度): for a chosen year, every pollutant with a target — the annual
// means (PM2.5, PM10, NO2, SO2) with the allowance for the rest of the year, and the
// percentiles (O3-8h P90, CO P95) against their limits — the good-day ratio and the composite
// index; the year-to-date trajectory of a chosen target against the target and against last
// year. Every figure is the one the server rounds as the assessment publishes it.
import { api } from '../api.js';
import { pick, t, tOr } from '../i18n.js';
import { chart } from '../widgets/chart.js';
import { limitLine, unitOf, valueAxis, zoom } from '../widgets/charts.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'targets';
export const title = 'nav_targets';

const QUERY = ['year', 'as_of', 'pm25', 'good_day_ratio', 'composite'];
const LABELS = { pm25: 'PM2.5', pm10: 'PM10', no2: 'NO2', so2: 'SO2', o3: 'O3-8h', co: 'CO' };
const risk = (x) =>
  `<span class="risk risk-${esc(x)}" data-risk="${esc(x)}">${esc(tOr('risk_' + x, x))}</span>`;
// An allowance as the server prints it ({op, value}), or "target missed".
const allowance = (a) => (a ? `${esc(a.op)} ${esc(a.value)}` : t('target_missed'));
const card = (label, big, note, attrs = '') =>
  `<div class="card"${attrs}><div>${label}</div>${big}${note}</div>`;

function cards(pm, g, c) {
  const pmCards = pm.pollutant
    ? card(
        t('pm25_ytd'),
        `<div class="big" id="t-ytd">${esc(pm.ytd_mean_published ?? '—')}</div>`,
        `<div class="note">µg/m³ · ${t('target')} ≤ ${esc(pm.target)} µg/m³</div>`,
      ) +
      card(
        t('pm25_allowance'),
        `<div class="big" id="t-allowance">${pm.allowance == null ? '—' : allowance(pm.allowance_published)}</div>`,
        `<div class="note">µg/m³ · ${t('rest_of_year')}</div>`,
      ) +
      card(
        t('pm25_risk'),
        `<div class="big">${risk(pm.risk)}</div>`,
        `<div class="note">${t('projection')} <span class="projection">${esc(pm.projection ?? '—')}</span> µg/m³</div>`,
        ' id="t-pm25-risk"',
      )
    : '';
  const goodCards = g
    ? card(
        t('good_days_ytd'),
        `<div class="big">${g.ytd_good} / ${g.ytd_valid}</div>`,
        `<div class="note">${esc(g.ytd_ratio ?? '—')} % · ${t('target')} ≥ ${esc(g.target_percent)} %</div>`,
      ) +
      card(
        t('non_good_allowed'),
        `<div class="big" id="t-nongood">${g.non_good_allowed < 0 ? t('target_missed') : g.non_good_allowed}</div>`,
        `<div class="note">${risk(g.risk)} · ${t('projection')} <span class="projection">${esc(g.projection ?? '—')}</span> %</div>`,
        ' id="t-good-risk"',
      )
    : '';
  const compositeCard = c
    ? card(
        t('composite_allowance'),
        `<div class="big">${c.pm25_allowance == null ? t('target_missed') : allowance(c.pm25_allowance_published)}</div>`,
        `<div class="note">${t('composite_index')} ${esc(c.ytd ?? '—')} · ${t('target')} ≤ ${esc(c.target)} · ${risk(c.risk)}</div>` +
          `<div class="note">${t('composite_method')}</div>`,
        ' id="t-composite-card"',
      )
    : '';
  return `<div class="cards">${pmCards}${goodCards}${compositeCard}</div>`;
}

// One row per target: annual means, then percentiles, each with last year's same period
// (from the trajectory, rounded as published).
function targetRows(r) {
  const sameDay = (p) =>
    r.trajectories.find((x) => x.pollutant === p)?.last_year?.[r.days_elapsed - 1] ?? null;
  const means = r.pollutants.map((p) => ({
    pollutant: p.pollutant,
    label: LABELS[p.pollutant] ?? p.pollutant,
    figure: t('figure_annual_mean'),
    unit: unitOf(p.pollutant),
    ytd: p.ytd_mean_published,
    target: p.target,
    last_year: sameDay(p.pollutant),
    allowance: p.allowance == null ? '—' : allowance(p.allowance_published),
    risk: p.risk,
  }));
  const percentiles = (r.percentile_targets ?? []).map((p) => ({
    pollutant: p.pollutant,
    label: `${LABELS[p.pollutant] ?? p.pollutant} P${p.percentile}`,
    figure: t('figure_percentile').replace('{p}', p.percentile),
    unit: unitOf(p.pollutant),
    ytd: p.ytd,
    target: p.target,
    last_year: p.last_year_ytd,
    allowance: t('no_allowance_percentile'),
    risk: p.risk,
  }));
  return [...means, ...percentiles].map((x) => ({
    ...x,
    over: x.ytd != null && Number(x.ytd) > Number(x.target),
  }));
}

// Day-of-year labels (MM-DD) of a leap year, so both years share one axis.
const DAYS = Array.from({ length: 366 }, (_, i) =>
  new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(5, 10),
);

function drawTrajectory(r, rows, chosen) {
  const tr = r.trajectories.find((x) => x.pollutant === chosen) ?? r.trajectories[0];
  if (!tr) return;
  const row = rows.find((x) => x.pollutant === tr.pollutant);
  const unit = unitOf(tr.pollutant);
  // Align both years on the calendar day (a non-leap year skips 02-29).
  const align = (values, year) => {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const out = [];
    values.forEach((v, i) => {
      if (!leap && i === 59) out.push(null);
      out.push(v == null ? null : Number(v));
    });
    return out;
  };
  const now = align(tr.this_year, r.year);
  const before = align(tr.last_year, r.year - 1);
  const end = Math.max(now.length, before.length, 1);
  chart('targets-chart', {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v == null ? '—' : `${v} ${unit}`),
    },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: DAYS.slice(0, end) },
    yAxis: valueAxis(unit),
    dataZoom: zoom(0),
    series: [
      {
        type: 'line',
        name: `${r.year} ${row?.label ?? ''}`,
        showSymbol: false,
        connectNulls: true,
        data: now,
        lineStyle: { width: 2.5 },
        color: '#1e88e5',
        markLine: limitLine(tr.target, t('target')),
      },
      {
        type: 'line',
        name: `${r.year - 1}`,
        showSymbol: false,
        connectNulls: true,
        data: before,
        color: '#9e9e9e',
        lineStyle: { type: 'dotted' },
      },
    ],
  });
}

export async function render(ctx) {
  const q = new URLSearchParams();
  for (const k of QUERY) if (ctx.params.get(k)) q.set(k, ctx.params.get(k));
  const [r, s] = await Promise.all([
    api('GET', `/api/v1/air/targets?${q}`),
    api('GET', '/api/v1/stations'),
  ]);
  const pm = r.pollutants.find((p) => p.pollutant === 'pm25') || {};
  const g = r.good_days;
  const c = r.composite;
  const warnings = pick(r.warnings, r.warnings_en || r.warnings);
  const rows = targetRows(r);
  const years = [];
  const last = s.last_day || r.as_of;
  for (let y = Number(last.slice(0, 4)); y >= Number((s.first_day || last).slice(0, 4)); y--)
    years.push(String(y));
  const chosen = ctx.params.get('trajectory') || 'pm25';
  const input = (id, label, value) =>
    `<label>${label} <input id="${id}" size="4" value="${esc(value ?? '')}"></label>`;
  const cell = (x, key) =>
    x.over && key === 'ytd'
      ? `<span class="bad exceed">${esc(x.ytd)} ▲</span>`
      : esc(x[key] ?? '—');
  ctx.show(
    `<section class="panel"><h3>${t('nav_targets')} · ${esc(r.city)} ${r.year}</h3>` +
      `<div class="controls"><label>${t('year')} <select id="t-year" data-action="year">${options(years, String(r.year))}</select></label>` +
      `<label>${t('as_of')} <input id="t-asof" type="date" value="${esc(r.as_of)}"></label>` +
      input('t-pm25', t('pm25_target'), pm.target) +
      input('t-good', t('good_day_target'), g?.target_percent) +
      input('t-composite', t('composite_target'), c?.target) +
      `<button id="t-go" data-action="show">${t('show')}</button>` +
      `<span class="note">${t('days_elapsed')} ${r.days_elapsed} · ${t('days_left')} ${r.days_left}</span></div>` +
      cards(pm, g, c) +
      `</section><section class="panel"><h3>${t('all_targets')}</h3>` +
      table(
        'targets-table',
        [
          { key: 'label', label: t('pollutant') },
          { key: 'figure', label: t('figure_kind') },
          { key: 'unit', label: t('unit_of') },
          { key: 'ytd', label: t('ytd_figure'), html: (x) => cell(x, 'ytd') },
          { key: 'target', label: t('target'), html: (x) => `≤ ${esc(x.target)}` },
          {
            key: 'last_year',
            label: t('last_year_same_period'),
            html: (x) => cell(x, 'last_year'),
          },
          { key: 'allowance', label: t('allowance'), html: (x) => x.allowance },
          { key: 'risk', label: t('risk'), html: (x) => risk(x.risk) },
        ],
        rows,
      ) +
      `</section><section class="panel"><h3>${t('trajectory')}</h3>` +
      `<div class="controls"><label>${t('pollutant')} <select id="t-trajectory" data-action="trajectory">` +
      `${options(
        rows.map((x) => [x.pollutant, x.label]),
        chosen,
      )}</select></label></div>` +
      `<p class="note">${t('trajectory_note')}</p>` +
      `<div id="targets-chart" class="chart"></div>` +
      (warnings.length
        ? `<ul class="target-warnings">${warnings.map((w) => `<li class="bad">${esc(w)}</li>`).join('')}</ul>`
        : '') +
      `<p class="note">${t('targets_note')}</p></section>`,
  );
  drawTrajectory(r, rows, chosen);
}

// The address of the page with the current fields (and `extra` over them).
function target(extra = {}) {
  const n = new URLSearchParams();
  const asof = valueOf('#t-asof');
  if (asof) {
    n.set('as_of', asof);
    n.set('year', asof.slice(0, 4));
  }
  if (valueOf('#t-pm25')) n.set('pm25', valueOf('#t-pm25'));
  if (valueOf('#t-good')) n.set('good_day_ratio', valueOf('#t-good'));
  if (valueOf('#t-composite')) n.set('composite', valueOf('#t-composite'));
  if (valueOf('#t-trajectory')) n.set('trajectory', valueOf('#t-trajectory'));
  for (const [k, v] of Object.entries(extra))
    if (v == null) n.delete(k);
    else n.set(k, v);
  return `targets?${n}`;
}

export const actions = {
  show: (el, ctx) => ctx.navigate(target()),
  trajectory: (el, ctx) => ctx.navigate(target()),
  // Another year: as of its last day (the server takes the last day with data when the
  // year is the current one).
  year: (el, ctx) => {
    const y = valueOf('#t-year');
    return ctx.navigate(target({ year: y, as_of: null }));
  },
};
