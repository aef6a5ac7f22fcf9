// The city at a glance: current AQI per station, the year so far judged as the target page
// judges it (the same projection and risk from the same computation), water.
import { api } from '../api.js';
import { pick, t, tOr } from '../i18n.js';
import { aqiBadge } from '../widgets/aqi.js';
import { esc } from '../widgets/escape.js';
import { table } from '../widgets/table.js';

export const name = 'overview';
export const title = 'nav_overview';

const card = (label, big, note = '', attrs = '') =>
  `<div class="card"${attrs}><div>${label}</div><div class="big">${big}</div>${note}</div>`;
const risk = (x) =>
  `<span class="risk risk-${esc(x)}" data-risk="${esc(x)}">${esc(tOr('risk_' + x, x))}</span>`;

// "年初至今 28（目标 ≤ 30）；预计全年 30.57：风险 高": the figure, what it is judged on and
// the judgement, never a bare "met" beside a risk elsewhere.
function judged(fig, bound, unit) {
  const parts = {
    ytd: `<span class="ytd">${esc(fig.ytd ?? '—')}</span>${unit}`,
    target: `${bound} ${esc(fig.target)}${unit}`,
    projection: `<span class="projection">${esc(fig.projection ?? '—')}</span>${unit}`,
    risk: risk(fig.risk),
  };
  return t('ytd_judged').replace(/\{(\w+)\}/g, (_, k) => parts[k] ?? '');
}

function yearCards(o) {
  const a = o.air_targets;
  if (!a) return '';
  if (a.error) return card(t('this_year'), '—', `<div class="note bad">${esc(a.error)}</div>`);
  const head = (label) => `${esc(a.city)} ${a.year} ${label}`;
  const one = (id, label, fig, bound, unit) =>
    fig
      ? card(
          head(label),
          `${esc(fig.ytd ?? '—')}${unit}`,
          `<div class="note">${judged(fig, bound, unit)}</div>`,
          ` id="${id}"`,
        )
      : '';
  return (
    one('ov-good-days', t('good_day_ratio'), a.good_day_ratio, '≥', '%') +
    one('ov-pm25', t('pm25_mean'), a.pm25, '≤', ' µg/m³')
  );
}

export async function render(ctx) {
  const o = await api('GET', '/api/v1/overview');
  const stations = o.stations
    .map(
      (s) =>
        `<div class="card station-card"><div>${esc(s.name)}</div>` +
        `<div class="big">${aqiBadge(s.aqi, s.level)}</div>` +
        `<div class="note">${esc(pick(s.level?.category_zh, s.level?.category_en) ?? '')} ${esc(s.time ?? '')}</div></div>`,
    )
    .join('');
  const sectionsOk = o.sections.filter((s) => s.compliant).length;
  const compliant = (r) =>
    r.compliant ? `<span class="ok">${t('yes')}</span>` : `<span class="bad">${t('no')}</span>`;
  ctx.show(
    `<h2>${t('current_aqi')}</h2><div class="cards" id="aqi-cards">${stations}</div>` +
      `<div class="cards">${yearCards(o)}` +
      card(
        `${t('water_vs_target')} (${esc(o.water_month ?? '')})`,
        `${sectionsOk} / ${o.sections.length}`,
      ) +
      card(t('open_review'), `<a href="#/review">${o.open_review_items}</a>`) +
      `</div><section class="panel"><h3>${t('water_vs_target')}</h3>` +
      table(
        'overview-sections',
        [
          { key: 'section', label: t('section') },
          { key: 'name', label: t('name') },
          { key: 'class', label: t('class') },
          { key: 'target_class', label: t('target_class') },
          { key: 'compliant', label: t('compliant'), html: compliant },
        ],
        o.sections,
      ) +
      `</section><p class="note">${t('synthetic')} (${esc(o.last_day)})</p>`,
  );
}
