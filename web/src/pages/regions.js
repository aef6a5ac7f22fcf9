// The regions compared (区域排名): the counties (or cities) of the user's province or
// city ranked by a month's composite index (综合指数, lowest first) and good-day ratio
// (优良天数比例, highest first), each region assessed as a city of its stations, as
// provinces publish monthly. A store of one city has no regions below it: the page says so.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { monthSelect } from '../widgets/month.js';
import { regionName } from '../widgets/regions.js';

export const name = 'regions';
export const title = 'nav_regions';

const LEVELS = ['county', 'city', 'province'];
const rank = (n) => (n == null ? '—' : String(n));
const figure = (x) => x ?? '—';

export async function render(ctx) {
  const level = ctx.params.get('level') ?? 'county';
  const month = ctx.params.get('month') ?? '';
  const q = new URLSearchParams({ level });
  if (month) q.set('month', month);
  const [regions, ranking] = await Promise.all([
    api('GET', '/api/v1/regions'),
    api('GET', `/api/v1/regions/ranking?${q}`),
  ]);
  const own = regions.regions.find((r) => r.code === regions.region);
  const rows = ranking.rows.map((r) => ({
    ...r,
    region_name: regionName(r),
    rank_composite_text: rank(r.rank_composite),
    rank_good_days_text: rank(r.rank_good_days),
    composite_text: figure(r.composite_index),
    good_days_text: r.good_day_ratio == null ? '—' : `${r.good_day_ratio}%`,
    pm25_text: figure(r.pm25),
    days_text: r.days_valid == null ? '—' : `${r.days_valid}/${r.days_in_period}`,
  }));
  const body = rows.length
    ? table(
        'region-ranking',
        [
          { key: 'rank_composite_text', label: t('region_rank_composite') },
          { key: 'region_name', label: t('region') },
          { key: 'code', label: t('region_code'), raw: true },
          { key: 'composite_text', label: t('composite_index') },
          { key: 'rank_good_days_text', label: t('region_rank_good_days') },
          { key: 'good_days_text', label: t('good_day_ratio') },
          { key: 'pm25_text', label: t('region_pm25') },
          { key: 'days_text', label: t('region_days_valid') },
          { key: 'stations', label: t('region_stations') },
        ],
        rows,
      )
    : `<p id="region-none">${t('region_none')}</p>`;
  ctx.show(
    `<section class="panel"><h3>${t('nav_regions')}</h3>` +
      `<p class="note" id="region-own">${t('region_own')}${esc(own ? regionName(own) : regions.region)}</p>` +
      `<div class="controls"><label>${t('region_level')} <select id="region-level" data-action="pick">` +
      options(
        LEVELS.map((l) => [l, t('region_level_' + l)]),
        level,
      ) +
      `</select></label><label>${t('region_month')} ${monthSelect(ranking.month, 'id="region-month" data-action="pick"')}</label></div>` +
      `<p class="note">${esc(ranking.from)} ~ ${esc(ranking.to)}</p>` +
      body +
      `<p class="note">${t('region_method')}</p></section>`,
  );
}

export const actions = {
  pick: (el, ctx) => {
    const q = new URLSearchParams({ level: valueOf('#region-level') });
    const month = valueOf('#region-month');
    if (month) q.set('month', month);
    return ctx.navigate(`regions?${q}`);
  },
};
