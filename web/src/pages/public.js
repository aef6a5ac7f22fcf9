// The public page: only what an administrator published, no login.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { beijingTime, kindLabel, periodText } from '../widgets/documents.js';
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

// The published documents (bulletins, reports, report cards), newest first, by year.
function documents(list) {
  if (!list.length) return `<p>${t('no_documents')}</p>`;
  const rows = list.map((d) => ({
    ...d,
    kind_text: kindLabel(d.kind),
    lang_text: d.lang === 'zh' ? t('lang_zh') : t('lang_en'),
    period: periodText(d),
    published: beijingTime(d.published_at).slice(0, 10),
  }));
  return table(
    'public-documents',
    [
      { key: 'title', label: t('doc_title') },
      { key: 'kind_text', label: t('doc_kind') },
      { key: 'period', label: t('doc_period') },
      { key: 'lang_text', label: t('doc_lang') },
      { key: 'published', label: t('doc_published_at') },
      {
        key: 'id',
        label: 'PDF',
        html: (d) => `<a href="/api/v1/public/documents/${d.id}/pdf" download>PDF</a>`,
      },
    ],
    rows,
  );
}

export async function render(ctx) {
  const published = await api('GET', '/api/v1/public/documents');
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
  const docs =
    `<section class="panel public-documents"><h3>${t('published_documents')}</h3>` +
    `${documents(published.documents)}</section>`;
  ctx.show(
    `<p>${t('public_intro')}</p>${docs}${body || `<p>${t('no_pages')}</p>`}<p class="note">${t('synthetic')}</p>`,
  );
}
