// Departure audits (离任审计): the findings of the audits the user may see, each with the
// responsible unit, the deadline, the status and the latest progress; overdue ones marked.
// A unit reporter sees the findings its unit must rectify.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { table } from '../widgets/table.js';

export const name = 'audits';
export const title = 'nav_audits';

export async function render(ctx) {
  const r = await api('GET', '/api/v1/audits/findings');
  const rows = r.findings.map((f) => ({
    ...f,
    status_text: tOr('finding_' + f.status, f.status),
    overdue_text: f.overdue ? t('overdue') : '',
  }));
  const overdue = (f) => (f.overdue ? `<span class="bad">${t('overdue')}</span>` : '');
  ctx.show(
    `<section class="panel"><h3>${t('nav_audits')}</h3><p class="note">${t('today')} ${r.today}</p>` +
      table(
        'findings-table',
        [
          { key: 'id', label: '#' },
          { key: 'run', label: t('run') },
          { key: 'subject', label: t('subject') },
          { key: 'problem', label: t('problem') },
          { key: 'owner', label: t('owner') },
          { key: 'deadline', label: t('deadline') },
          { key: 'status_text', label: t('status') },
          { key: 'overdue_text', label: t('overdue'), html: overdue },
          { key: 'progress', label: t('progress') },
          { key: 'evidence_files', label: t('evidence_files') },
        ],
        rows,
      ) +
      '</section>',
  );
}
