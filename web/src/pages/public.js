// The public page: only what an administrator published, no login.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { table } from '../widgets/table.js';

export const name = 'public';
export const title = 'nav_public';

function airSummary(p) {
  const rows = p.content.cities.map((c) => ({
    name: c.name,
    good_day_ratio: c.good_day_ratio,
    pm25: c.pollutants.pm25?.mean,
  }));
  return (
    `<p class="note">${esc(p.content.from)} — ${esc(p.content.to)}</p>` +
    table(
      `public-${p.slug}`,
      [
        { key: 'name', label: t('city') },
        { key: 'good_day_ratio', label: t('good_day_ratio') + ' %' },
        { key: 'pm25', label: t('pm25_mean') },
      ],
      rows,
    )
  );
}

function waterSummary(p) {
  return table(
    `public-${p.slug}`,
    [
      { key: 'name', label: t('section') },
      { key: 'class', label: t('class') },
      { key: 'target_class', label: t('target_class') },
    ],
    p.content.sections,
  );
}

export async function render(ctx) {
  const list = await api('GET', '/api/v1/pages');
  const pages = await Promise.all(
    list.pages.map((p) => api('GET', `/api/v1/pages/${encodeURIComponent(p.slug)}`)),
  );
  const body = pages
    .map(
      (p) =>
        `<section class="panel public-page"><h3>${esc(p.title)}</h3>` +
        (p.kind === 'air-summary' ? airSummary(p) : waterSummary(p)) +
        '</section>',
    )
    .join('');
  ctx.show(
    `<p>${t('public_intro')}</p>${body || `<p>${t('no_pages')}</p>`}<p class="note">${t('synthetic')}</p>`,
  );
}
