// Target progress (目标进度): the city's year-to-date PM2.5 against its target, the
// allowance for the rest of the year, risk and projection, good days, the composite index,
// a bar chart and every pollutant with an annual limit. As-of date and targets can change.
import { api } from '../api.js';
import { pick, t, tOr } from '../i18n.js';
import { chart } from '../widgets/chart.js';
import { esc } from '../widgets/escape.js';
import { valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'targets';
export const title = 'nav_targets';

const QUERY = ['year', 'as_of', 'pm25', 'good_day_ratio', 'composite'];
const risk = (x) =>
  `<span class="risk risk-${esc(x)}" data-risk="${esc(x)}">${esc(tOr('risk_' + x, x))}</span>`;
// "≤" when the allowance itself still meets the target, "<" when it must stay below.
const bound = (value, inclusive) =>
  value == null ? '—' : `${inclusive ? '≤' : '<'} ${esc(value)}`;
const num = (x) => (x == null ? null : Number(x));
const card = (label, big, note, attrs = '') =>
  `<div class="card"${attrs}><div>${label}</div>${big}${note}</div>`;

function cards(pm, g, c) {
  const pmCards =
    card(
      t('pm25_ytd'),
      `<div class="big" id="t-ytd">${esc(pm.ytd_mean_published ?? '—')}</div>`,
      `<div class="note">${t('target')} ≤ ${esc(pm.target)} µg/m³ · ${t('unrounded')} ${esc(pm.ytd_mean ?? '—')}</div>`,
    ) +
    card(
      t('pm25_allowance'),
      `<div class="big" id="t-allowance">${bound(pm.allowance, pm.allowance_inclusive)}</div>`,
      `<div class="note">µg/m³ · ${t('rest_of_year')}</div>`,
    ) +
    card(
      t('pm25_risk'),
      `<div class="big">${risk(pm.risk)}</div>`,
      `<div class="note">${t('projection')} <span class="projection">${esc(pm.projection ?? '—')}</span></div>`,
      ' id="t-pm25-risk"',
    );
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
        `<div class="big">${c.pm25_allowance == null ? t('target_missed') : bound(c.pm25_allowance, c.pm25_allowance_inclusive)}</div>`,
        `<div class="note">${t('composite_index')} ${esc(c.ytd ?? '—')} · ${t('target')} ≤ ${esc(c.target)} · ${risk(c.risk)}</div>` +
          `<div class="note">${t('composite_method')}</div>`,
        ' id="t-composite-card"',
      )
    : '';
  return `<div class="cards">${pmCards}${goodCards}${compositeCard}</div>`;
}

export async function render(ctx) {
  const q = new URLSearchParams();
  for (const k of QUERY) if (ctx.params.get(k)) q.set(k, ctx.params.get(k));
  const r = await api('GET', `/api/v1/air/targets?${q}`);
  const pm = r.pollutants.find((p) => p.pollutant === 'pm25') || {};
  const g = r.good_days;
  const c = r.composite;
  const warnings = pick(r.warnings, r.warnings_en || r.warnings);
  const input = (id, label, value) =>
    `<label>${label} <input id="${id}" size="4" value="${esc(value ?? '')}"></label>`;
  ctx.show(
    `<section class="panel"><h3>${t('nav_targets')} · ${esc(r.city)} ${r.year}</h3>` +
      `<div class="controls"><label>${t('as_of')} <input id="t-asof" type="date" value="${esc(r.as_of)}"></label>` +
      input('t-pm25', t('pm25_target'), pm.target) +
      input('t-good', t('good_day_target'), g?.target_percent) +
      input('t-composite', t('composite_target'), c?.target) +
      `<button id="t-go" data-action="show">${t('show')}</button>` +
      `<span class="note">${t('days_elapsed')} ${r.days_elapsed} · ${t('days_left')} ${r.days_left}</span></div>` +
      cards(pm, g, c) +
      `<div id="targets-chart" class="chart"></div>` +
      table(
        'targets-table',
        [
          { key: 'pollutant', label: t('pollutant') },
          { key: 'ytd_mean', label: t('ytd_mean') },
          { key: 'target', label: t('target') },
          {
            key: 'allowance',
            label: t('allowance'),
            html: (p) => bound(p.allowance, p.allowance_inclusive),
          },
          { key: 'projection', label: t('projection') },
          { key: 'risk', label: t('risk'), html: (p) => risk(p.risk) },
        ],
        r.pollutants,
      ) +
      (warnings.length
        ? `<ul class="target-warnings">${warnings.map((w) => `<li class="bad">${esc(w)}</li>`).join('')}</ul>`
        : '') +
      `<p class="note">${t('targets_note')}</p></section>`,
  );
  const over = num(pm.ytd_mean) > num(pm.target);
  const tight = pm.risk === 'high' || pm.risk === 'missed';
  chart('targets-chart', {
    animation: false,
    tooltip: {},
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: [t('pm25_ytd'), t('target'), t('pm25_allowance')] },
    yAxis: { type: 'value', name: 'µg/m³' },
    series: [
      {
        type: 'bar',
        barWidth: '40%',
        label: { show: true, position: 'top' },
        data: [
          { value: num(pm.ytd_mean), itemStyle: { color: over ? '#e53935' : '#43a047' } },
          { value: num(pm.target), itemStyle: { color: '#607d8b' } },
          { value: num(pm.allowance), itemStyle: { color: tight ? '#e53935' : '#1e88e5' } },
        ],
      },
    ],
  });
}

export const actions = {
  show: (el, ctx) => {
    const n = new URLSearchParams();
    const asof = valueOf('#t-asof');
    if (asof) {
      n.set('as_of', asof);
      n.set('year', asof.slice(0, 4));
    }
    if (valueOf('#t-pm25')) n.set('pm25', valueOf('#t-pm25'));
    if (valueOf('#t-good')) n.set('good_day_ratio', valueOf('#t-good'));
    if (valueOf('#t-composite')) n.set('composite', valueOf('#t-composite'));
    return ctx.navigate(`targets?${n}`);
  },
};
