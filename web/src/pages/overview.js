// The city at a glance: current AQI per station, this year against its targets, water.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { aqiBadge } from '../widgets/aqi.js';
import { esc } from '../widgets/escape.js';
import { table } from '../widgets/table.js';

export const name = 'overview';
export const title = 'nav_overview';

const card = (label, big, note = '') =>
  `<div class="card"><div>${label}</div><div class="big">${big}</div>${note}</div>`;

export async function render(ctx) {
  const o = await api('GET', '/api/v1/overview');
  const city = o.year?.cities?.[0];
  const ratioOk = city && Number(city.good_day_ratio) >= Number(o.targets.good_day_ratio);
  const pmOk = city && Number(city.pm25) <= Number(o.targets.pm25);
  const verdict = (ok) => (ok ? t('met') : t('not_met'));
  const stations = o.stations
    .map(
      (s) =>
        `<div class="card station-card"><div>${esc(s.name)}</div>` +
        `<div class="big">${aqiBadge(s.aqi, s.level)}</div>` +
        `<div class="note">${esc(pick(s.level?.category_zh, s.level?.category_en) ?? '')} ${esc(s.time ?? '')}</div></div>`,
    )
    .join('');
  const sectionsOk = o.sections.filter((s) => s.compliant).length;
  const yearCards = city
    ? card(
        `${t('this_year')} ${t('good_day_ratio')}`,
        `${esc(city.good_day_ratio)}%`,
        `<div class="${ratioOk ? 'ok' : 'bad'}">${t('target')} ≥ ${esc(o.targets.good_day_ratio)}% · ${verdict(ratioOk)}</div>`,
      ) +
      card(
        `${t('this_year')} ${t('pm25_mean')}`,
        `${esc(city.pm25)} µg/m³`,
        `<div class="${pmOk ? 'ok' : 'bad'}">${t('target')} ≤ ${esc(o.targets.pm25)} · ${verdict(pmOk)}</div>`,
      )
    : '';
  const compliant = (r) =>
    r.compliant ? `<span class="ok">${t('yes')}</span>` : `<span class="bad">${t('no')}</span>`;
  ctx.show(
    `<h2>${t('current_aqi')}</h2><div class="cards" id="aqi-cards">${stations}</div>` +
      `<div class="cards">${yearCards}` +
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
