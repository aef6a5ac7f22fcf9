// Assessment rankings (考核排名): the approved run's ranking table of a scheme and year,
// with last year's rank and the change; each subject links to its report card. In a store of
// regions the ranking is a region's: its own approved run (its subjects ranked among
// themselves), else the user's rows of the run of the nearest region above it.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { regionLabel, regionOptions } from '../widgets/regions.js';
import { beijingTime, beijingYear, runState, yearSelect } from '../parts/assessment-common.js';

export const name = 'rankings';
export const title = 'nav_rankings';

// The (scheme, year) pairs with an approved run, newest first.
function approvedPairs(runs) {
  const seen = new Set();
  return runs
    .filter((r) => r.state === 'approved')
    .filter((r) => !seen.has(`${r.scheme}/${r.year}`) && seen.add(`${r.scheme}/${r.year}`));
}

const change = (row) => {
  if (row.rank_change === null || row.rank_change === undefined) return '';
  if (row.rank_change > 0) return `<span class="ok">↑${row.rank_change}</span>`;
  if (row.rank_change < 0) return `<span class="bad">↓${-row.rank_change}</span>`;
  return '→0';
};

export async function render(ctx) {
  const [schemes, runs, regions] = await Promise.all([
    api('GET', '/api/v1/assessments/schemes'),
    api('GET', '/api/v1/assessments/runs'),
    api('GET', '/api/v1/regions'),
  ]);
  const region = ctx.params.get('region') ?? regions.region;
  const named = [...regions.above, ...regions.regions];
  // By default the newest approved run of a yearly scheme (a ranking), else any.
  const yearly = new Set(schemes.schemes.filter((s) => s.period === 'year').map((s) => s.id));
  const pairs = approvedPairs(runs.runs).sort(
    (a, b) => yearly.has(b.scheme) - yearly.has(a.scheme),
  );
  const scheme = ctx.params.get('scheme') ?? pairs[0]?.scheme;
  const year = ctx.params.get('year') ?? pairs.find((p) => p.scheme === scheme)?.year;
  const runId = ctx.params.get('run');
  const choices = options(
    schemes.schemes.map((s) => [s.id, pick(s.name, s.name_en)]),
    scheme,
  );
  // The years with an approved run of the scheme, so that last year's result is one pick away.
  const years = pairs.filter((p) => p.scheme === scheme).map((p) => p.year);
  const controls =
    `<div class="controls"><label>${t('scheme')} <select id="r-scheme" data-action="pick" style="max-width:15rem">${choices}</select></label>` +
    `<label>${t('year')} ${yearSelect('r-year', years, year ?? beijingYear() - 1, 'pick')}</label>` +
    // A store of one city has the root alone: no region to choose.
    (regions.regions.length > 1
      ? `<label>${t('region')} <select id="r-region" data-action="pick">${regionOptions(regions.regions, region)}</select></label>`
      : '') +
    '</div>';
  if (!scheme || !year) {
    ctx.show(
      `<section class="panel"><h3>${t('nav_rankings')}</h3>${controls}<p>${t('no_approved_run')}</p></section>`,
    );
    return;
  }
  let r;
  const base = `/api/v1/assessments/${encodeURIComponent(scheme)}/${encodeURIComponent(year)}/ranking`;
  const query = runId
    ? `?run=${encodeURIComponent(runId)}`
    : region !== regions.region
      ? `?region=${encodeURIComponent(region)}`
      : '';
  try {
    r = await api('GET', base + query);
  } catch (err) {
    if (err.status !== 404) throw err;
    ctx.show(
      `<section class="panel"><h3>${t('nav_rankings')}</h3>${controls}<p>${t('no_approved_run')}</p></section>`,
    );
    return;
  }
  const rows = r.rows.map((row) => ({
    ...row,
    grade_text: pick(row.grade, row.grade_en || row.grade),
    vetoed_text: row.vetoed ? t('vetoed') : '',
    ...Object.fromEntries(r.groups.map((g) => [`g_${g.id}`, row.groups[g.id]])),
  }));
  const card = (row) =>
    `<a href="#/cards?run=${r.run.id}&subject=${encodeURIComponent(row.subject)}">${esc(row.name)}</a>`;
  const columns = [
    ...(r.ranked ? [{ key: 'rank', label: t('rank') }] : []),
    { key: 'subject', label: t('code') },
    { key: 'name', label: t('name'), html: card },
    { key: 'total', label: t('total') },
    { key: 'grade_text', label: t('grade') },
    ...r.groups.map((g) => ({ key: `g_${g.id}`, label: pick(g.name, g.name_en || g.name) })),
    { key: 'vetoed_text', label: t('veto') },
    ...(r.ranked
      ? [
          { key: 'last_rank', label: t('last_year_rank') },
          { key: 'rank_change', label: t('rank_change'), html: change },
        ]
      : []),
  ];
  const approved = r.run.approved_by
    ? ` · ${t('approved_by')} ${esc(r.run.approved_by)} ${esc(beijingTime(r.run.approved_at))}`
    : '';
  // A run that is not the approved one is marked: a draft or reviewed run is not a result yet.
  const notFinal =
    r.run.state === 'approved'
      ? ''
      : `<p class="bad run-not-final">${esc(t('run_' + r.run.state))} · ${t('run_not_final')}</p>`;
  ctx.show(
    `<section class="panel"><h3>${esc(pick(r.scheme.name, r.scheme.name_en))} · ${r.year}</h3>${controls}` +
      `<p class="note">${esc(r.scheme.status)}</p>${notFinal}` +
      `<p class="note">${t('run')} #${r.run.id}` +
      (named.length > 1 ? ` · ${esc(regionLabel(named, r.run.region))}` : '') +
      ` · ${runState(r.run)}${approved} · ` +
      `<a class="button" href="${base}/xlsx${query}">${t('export_ranking_xlsx')}</a></p>` +
      table('ranking-table', columns, rows) +
      '</section>',
  );
}

export const actions = {
  pick: (el, ctx) => {
    const q = new URLSearchParams({ scheme: valueOf('#r-scheme'), year: valueOf('#r-year') });
    const region = valueOf('#r-region');
    if (region) q.set('region', region);
    return ctx.navigate(`rankings?${q}`);
  },
};
