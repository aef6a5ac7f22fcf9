// Official documents (公报、月报、成绩单): made and saved as drafts by
// `ecociv report ... --save`; leaders approve (审定) and publish (发布) them here.
// A published document is frozen and shown on the public page.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { hasRole } from '../session.js';
import { beijingTime, kindLabel, periodText } from '../widgets/documents.js';
import { errorText } from '../widgets/errors.js';
import { esc } from '../widgets/escape.js';
import { table } from '../widgets/table.js';

export const name = 'documents';
export const title = 'nav_documents';

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

export async function render(ctx) {
  const r = await api('GET', '/api/v1/documents');
  const rows = r.documents.map((d) => ({
    ...d,
    kind_text: kindLabel(d.kind),
    period: periodText(d),
    published_at: beijingTime(d.published_at),
    state_text: t(`doc_state_${d.state}`),
    lang_text: d.lang === 'zh' ? t('lang_zh') : t('lang_en'),
    pdf_kb: Math.ceil(d.pdf_bytes / 1024),
  }));
  ctx.show(
    `<section class="panel"><h3>${t('nav_documents')}</h3><p class="note">${t('documents_note')}</p>` +
      `<div id="document-error" class="error"></div>` +
      table(
        'documents-table',
        [
          { key: 'id', label: t('doc_id') },
          { key: 'title', label: t('doc_title') },
          { key: 'kind_text', label: t('doc_kind') },
          { key: 'period', label: t('doc_period') },
          { key: 'lang_text', label: t('doc_lang') },
          { key: 'state_text', label: t('doc_state') },
          { key: 'approved_by', label: t('approved_by') },
          { key: 'published_at', label: t('doc_published_at') },
          {
            key: 'pdf_kb',
            label: 'PDF',
            html: (d) =>
              `<a href="/api/v1/documents/${d.id}/pdf" download>PDF ${esc(d.pdf_kb)} KB</a>`,
          },
          { key: 'step', label: '', html: step },
        ],
        rows,
      ) +
      '</section>',
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

export const actions = {
  approve: (el, ctx) => move(el, ctx, 'approve'),
  publish: (el, ctx) => move(el, ctx, 'publish'),
};
