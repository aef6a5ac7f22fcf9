// Official documents (公报、月报、成绩单): the committee office's analysts make
// drafts of a kind and period here (or with `ecociv report … --save`); leaders
// approve (审定) and publish (发布) them. A published document is frozen and shown
// on the public page. In a store of regions a document is of a region: a county's
// users make, read and publish their county's documents; the schedule of periodic
// documents is the whole store's.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { hasRole } from '../session.js';
import { beijingTime, kindLabel, periodText } from '../widgets/documents.js';
import { errorText, sayError } from '../widgets/errors.js';
import { esc } from '../widgets/escape.js';
import { formValues, options, say } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { monthSelect } from '../widgets/month.js';
import { beijingToday } from '../widgets/time.js';
import { regionField, regionLabel } from '../widgets/regions.js';

export const name = 'documents';
export const title = 'nav_documents';

// The kinds made from a period (report/make_document.h), in the order offered.
const KINDS = ['air-monthly', 'air-yearly', 'water-monthly', 'water-yearly', 'bulletin'];
const monthly = (kind) => kind.endsWith('-monthly');

// The period a new document most likely wants: last month, or last year.
function defaultPeriod(kind) {
  const [y, m] = beijingToday().split('-').map(Number);
  if (!monthly(kind)) return String(y - 1);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function periodField(kind) {
  return monthly(kind)
    ? monthSelect(
        defaultPeriod(kind),
        `id="doc-period" name="period" required aria-label="${t('doc_period')}"`,
      )
    : `<input id="doc-period" name="period" type="number" min="2000" max="2100" required value="${defaultPeriod(kind)}" aria-label="${t('doc_period')}">`;
}

// `regions`: GET /api/v1/regions (the caller's subtree, and the regions above it).
function makeForm(regions) {
  if (!hasRole('analyst', 'admin')) return '';
  const kind = KINDS[1];
  const region = regionField(regions, 'doc-region', t('region'));
  return (
    `<section class="panel"><h3>${t('doc_make')}</h3><p class="note">${t('doc_make_note')}</p>` +
    `<form id="make-document" class="controls" data-action="make">` +
    `<label>${t('doc_kind')} <select id="doc-kind" name="kind" data-action="kind">` +
    `${options(
      KINDS.map((k) => [k, kindLabel(k)]),
      kind,
    )}</select></label>` +
    region +
    `<label>${t('doc_period')} <span id="doc-period-box">${periodField(kind)}</span></label>` +
    `<label>${t('doc_lang')} <select name="lang">${options([
      ['both', t('doc_lang_both')],
      ['zh', t('lang_zh')],
      ['en', t('lang_en')],
    ])}</select></label>` +
    `<label>${t('doc_number')} <input name="number" maxlength="100" placeholder="${t('doc_number_hint')}"></label>` +
    `<label>${t('doc_issued')} <input name="date" type="date"></label>` +
    `<button id="doc-make-button">${t('doc_make_button')}</button></form>` +
    `<p id="doc-make-msg" class="note" aria-live="polite"></p></section>`
  );
}

function step(d) {
  if (!hasRole('leader')) return '';
  if (d.state === 'draft') {
    return `<button data-action="approve" data-id="${d.id}">${t('doc_approve')}</button>`;
  }
  if (d.state === 'approved') {
    return `<button data-action="publish" data-id="${d.id}">${t('doc_publish')}</button>`;
  }
  return '';
}

// The files: HTML and PDF for the logged-in; a published one's public address too.
function files(d) {
  const base = `/api/v1/documents/${d.id}`;
  return (
    `<a href="${base}/html" download>HTML</a> · ` +
    `<a href="${base}/pdf" download>PDF ${esc(d.pdf_kb)} KB</a>` +
    (d.state === 'published'
      ? ` · <a class="public-link" href="/api/v1/public/documents/${d.id}/pdf">${t('doc_public_link')}</a>`
      : '')
  );
}

// The schedule (config/report-schedule.toml): each period due by today with its state, and
// whether this server drafts them or they are drafted by `ecociv report schedule --run`.
function schedulePanel(s) {
  const rows = s.periods.map((p) => ({
    ...p,
    kind_text: kindLabel(p.kind),
    state_text: t(`doc_schedule_${p.state}`),
    documents_text: p.documents.join(', '),
    due_text: p.holidays_unknown_year ? `${p.due} *` : p.due,
  }));
  // A due day in a year without its public-holiday file was counted with weekends only.
  const unknown = [
    ...new Set(s.periods.map((p) => p.holidays_unknown_year).filter(Boolean)),
  ].sort();
  const how =
    s.draft_every_seconds > 0
      ? t('doc_schedule_server').replace('{n}', Math.round(s.draft_every_seconds / 60))
      : t('doc_schedule_manual');
  return (
    `<section class="panel" id="document-schedule"><h3>${t('doc_schedule')}</h3>` +
    `<p class="note">${esc(how)}</p>` +
    table(
      'documents-schedule',
      [
        { key: 'kind_text', label: t('doc_kind') },
        { key: 'period', label: t('doc_period') },
        { key: 'due_text', label: t('doc_schedule_due_on') },
        { key: 'state_text', label: t('doc_state') },
        { key: 'documents_text', label: t('doc_schedule_documents') },
        { key: 'error', label: t('doc_schedule_error') },
      ],
      rows,
    ) +
    (unknown.length
      ? `<p class="note" id="schedule-holidays">* ${esc(t('doc_schedule_no_holidays').replace('{years}', unknown.join(pick('、', ', '))))}</p>`
      : '') +
    '</section>'
  );
}

export async function render(ctx) {
  const [r, schedule, regions] = await Promise.all([
    api('GET', '/api/v1/documents'),
    api('GET', '/api/v1/documents/schedule'),
    api('GET', '/api/v1/regions'),
  ]);
  const named = [...regions.above, ...regions.regions];
  const rows = r.documents.map((d) => ({
    ...d,
    region_text: regionLabel(named, d.region),
    kind_text: kindLabel(d.kind),
    period: periodText(d),
    published_at: beijingTime(d.published_at),
    state_text: t(`doc_state_${d.state}`),
    lang_text: d.lang === 'zh' ? t('lang_zh') : t('lang_en'),
    pdf_kb: Math.ceil(d.pdf_bytes / 1024),
  }));
  ctx.show(
    makeForm(regions) +
      `<section class="panel"><h3>${t('nav_documents')}</h3><p class="note">${t('documents_note')}</p>` +
      `<div id="document-error" class="error"></div>` +
      table(
        'documents-table',
        [
          { key: 'id', label: t('doc_id') },
          { key: 'title', label: t('doc_title') },
          { key: 'kind_text', label: t('doc_kind') },
          ...(named.length > 1 ? [{ key: 'region_text', label: t('region') }] : []),
          { key: 'period', label: t('doc_period') },
          { key: 'lang_text', label: t('doc_lang') },
          { key: 'issuer', label: t('doc_issuer') },
          { key: 'number', label: t('doc_number') },
          { key: 'issued', label: t('doc_issued') },
          { key: 'created_by', label: t('doc_created_by') },
          { key: 'state_text', label: t('doc_state') },
          { key: 'approved_by', label: t('approved_by') },
          { key: 'published_at', label: t('doc_published_at') },
          { key: 'pdf_kb', label: t('doc_files'), html: files },
          { key: 'step', label: '', html: step },
        ],
        rows,
      ) +
      '</section>' +
      // The periodic documents are the whole store's: a region's user has no schedule.
      (regions.region === '000000' ? schedulePanel(schedule) : ''),
  );
}

async function move(button, ctx, what) {
  button.disabled = true;
  try {
    await api('POST', `/api/v1/documents/${button.dataset.id}/${what}`, {});
    ctx.reload();
  } catch (err) {
    document.getElementById('document-error').textContent = errorText(err);
    button.disabled = false;
  }
}

// Makes the document in the languages asked for, one draft each; the PDF takes
// the server a few seconds per language.
async function make(form, ctx) {
  const f = formValues(form);
  const langs = f.lang === 'both' ? ['zh', 'en'] : [f.lang];
  const button = document.getElementById('doc-make-button');
  button.disabled = true;
  say('doc-make-msg', t('doc_making'), 'note');
  try {
    for (const lang of langs) {
      await api('POST', '/api/v1/documents', {
        kind: f.kind,
        period: f.period,
        lang,
        number: f.number,
        date: f.date,
        ...(f.region ? { region: f.region } : {}),
      });
    }
    await ctx.reload();
    say('doc-make-msg', t('doc_made'), 'ok');
  } catch (err) {
    sayError('doc-make-msg', err);
    button.disabled = false;
  }
}

export const actions = {
  approve: (el, ctx) => move(el, ctx, 'approve'),
  publish: (el, ctx) => move(el, ctx, 'publish'),
  make,
  kind: (el) => {
    document.getElementById('doc-period-box').innerHTML = periodField(el.value);
  },
};
