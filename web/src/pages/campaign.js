// Campaigns and the flood season (专项行动、汛期, config/water-periods.toml) and the
// 保Ⅲ消劣 report: each campaign section's class and months at class III or better and
// worse than V, before (the baseline) and during the campaign, and the totals.
import { api } from '../api.js';
import { currentLang, t } from '../i18n.js';
import { CLASS_COLOURS } from '../widgets/classes.js';
import { download } from '../widgets/download.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'campaign';
export const title = 'nav_campaign';

const cls = (c) =>
  c
    ? `<span class="class-chip" style="background:${CLASS_COLOURS[c] ?? '#eee'}">${esc(c)}</span>`
    : '—';
const months = (p) => (p ? `${p.months_III}/${p.months}` : '—');
const reportUrl = (id, asOf, format) =>
  `/api/v1/water/campaigns/${encodeURIComponent(id)}/report?format=${format}` +
  (asOf ? `&as_of=${encodeURIComponent(asOf)}` : '');

function totals(r) {
  const row = (label, x, p) =>
    x
      ? `<tr><th>${t(label)}<br><span class="note">${esc(p.from)} ~ ${esc(p.to)}</span></th>` +
        `<td>${x.sections}</td><td>${x.sections_III}</td><td class="share">${x.share_III_percent ?? '—'}%</td>` +
        `<td>${x.sections_worse_than_V}</td><td>${x.months_III}/${x.months}` +
        ` (${x.share_months_III_percent ?? '—'}%)</td><td>${x.months_worse_than_V}</td></tr>`
      : `<tr><th>${t(label)}</th><td colspan="6">${t('campaign_not_started')}</td></tr>`;
  return (
    `<div class="table-scroll"><table id="campaign-totals" class="totals"><thead><tr><th></th><th>${t('campaign_sections')}</th>` +
    `<th>${t('campaign_sections_III')}</th><th>${t('campaign_share_III')}</th><th>${t('campaign_worse_than_V')}</th>` +
    `<th>${t('campaign_months_III')}</th><th>${t('campaign_months_worse')}</th></tr></thead><tbody>` +
    row('campaign_before', r.total.before, r.before) +
    row('campaign_during', r.total.during, r.during) +
    '</tbody></table></div>'
  );
}

export async function render(ctx) {
  const periods = await api('GET', '/api/v1/water/periods');
  const seasons = periods.flood_seasons
    .map(
      (s) =>
        `${esc(currentLang() === 'en' && s.city_en ? s.city_en : s.city)} ${esc(s.from)} ~ ${esc(s.to)}`,
    )
    .join('；');
  const head =
    `<section class="panel"><h3>${t('nav_campaign')}</h3>` +
    `<p class="note" id="flood-season">${t('flood_season')}：${seasons || '—'}</p>`;
  if (!periods.campaigns.length) {
    ctx.show(`${head}<p>${t('campaign_none')}</p></section>`);
    return;
  }
  const id = ctx.params.get('id') ?? periods.campaigns[0].id;
  const asOf = ctx.params.get('as_of') ?? '';
  const r = await api('GET', reportUrl(id, asOf, 'json'));
  ctx.view.report = { id, asOf };
  const c = r.campaign;
  const rows = r.sections.map((s) => ({
    ...s,
    before_class: s.before?.class ?? '',
    during_class: s.during?.class ?? '',
    before_months: months(s.before),
    during_months: months(s.during),
    before_bad: s.before?.months_worse_than_V ?? '',
    during_bad: s.during?.months_worse_than_V ?? '',
  }));
  ctx.show(
    head +
      `<div class="controls"><label>${t('campaign')} <select id="campaign-id" data-action="pick">` +
      options(
        periods.campaigns.map((x) => [
          x.id,
          currentLang() === 'en' && x.name_en ? x.name_en : x.name,
        ]),
        id,
      ) +
      `</select></label><label>${t('as_of')} <input id="campaign-as-of" type="date" value="${esc(r.as_of)}" data-action="pick"></label>` +
      `<button data-action="csv">${t('campaign_csv')}</button></div>` +
      `<h4 id="campaign-name">${esc(currentLang() === 'en' && c.name_en ? c.name_en : c.name)}</h4>` +
      `<p class="note">${t('campaign_during')} ${esc(c.from)} ~ ${esc(c.to)} · ${t('campaign_before')} ${esc(c.baseline_from)} ~ ${esc(c.baseline_to)}</p>` +
      totals(r) +
      '</section><section class="panel">' +
      table(
        'campaign-sections',
        [
          { key: 'section', label: t('section'), raw: true },
          { key: 'name', label: t('name') },
          { key: 'target_class', label: t('target_class'), html: (s) => cls(s.target_class) },
          {
            key: 'before_class',
            label: t('campaign_before_class'),
            html: (s) => cls(s.before?.class),
          },
          { key: 'before_months', label: t('campaign_before_months') },
          { key: 'before_bad', label: t('campaign_before_bad') },
          {
            key: 'during_class',
            label: t('campaign_during_class'),
            html: (s) => cls(s.during?.class),
          },
          { key: 'during_months', label: t('campaign_during_months') },
          { key: 'during_bad', label: t('campaign_during_bad') },
        ],
        rows,
      ) +
      `<p class="note">${t('campaign_method')}</p></section>`,
  );
}

export const actions = {
  pick: (el, ctx) => {
    const q = new URLSearchParams({ id: valueOf('#campaign-id') });
    const asOf = valueOf('#campaign-as-of');
    if (asOf) q.set('as_of', asOf);
    return ctx.navigate(`campaign?${q}`);
  },
  csv: async (el, ctx) => {
    const { id, asOf } = ctx.view.report;
    const res = await api('GET', reportUrl(id, asOf, 'csv'));
    download(await res.blob(), `campaign-${id}.csv`);
  },
};
