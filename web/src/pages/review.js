// Data review: the flagged values; analysts invalidate or clear one with a reason.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { hasRole } from '../session.js';
import { say, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'review';
export const title = 'nav_review';

function decide(f) {
  if (f.status !== 'suspect') return '';
  return (
    `<input class="reason" data-id="${f.id}" placeholder="${t('reason')}"> ` +
    `<button class="decide" data-id="${f.id}" data-action="invalidate">${t('invalidate')}</button> ` +
    `<button class="decide" data-id="${f.id}" data-action="clear">${t('clear')}</button>`
  );
}

export async function render(ctx) {
  const r = await api('GET', '/api/v1/review/flags');
  const canDecide = hasRole('analyst');
  const rows = r.flags.map((f) => ({
    ...f,
    status_text: t(f.status),
    rule_text: tOr('rule_' + f.rule, f.rule),
    pollutant: f.pollutant === 'all' ? t('all') : f.pollutant,
    from: String(f.from ?? '').replace('T', ' '), // Beijing time, hour ending
    to: String(f.to ?? '').replace('T', ' '),
  }));
  ctx.show(
    `<section class="panel"><h3>${t('nav_review')}</h3><p class="error" id="review-error"></p>` +
      table(
        'review-table',
        [
          { key: 'id', label: '#' },
          { key: 'station', label: t('station') },
          { key: 'pollutant', label: t('pollutant') },
          { key: 'from', label: t('from') },
          { key: 'to', label: t('to') },
          { key: 'rule_text', label: t('rule') },
          { key: 'detail', label: t('detail') },
          { key: 'status_text', label: t('status') },
          ...(canDecide ? [{ key: 'decide', label: '', html: decide }] : []),
        ],
        rows,
      ) +
      '</section>',
  );
}

// The buttons' data-action is the decision itself (invalidate, clear).
async function decision(button, ctx) {
  const reason = valueOf(`input.reason[data-id="${button.dataset.id}"]`);
  if (!reason) return say('review-error', t('reason_required'));
  try {
    await api('POST', '/api/v1/review/decisions', {
      flag_id: Number(button.dataset.id),
      action: button.dataset.action,
      reason,
    });
    return ctx.reload();
  } catch (err) {
    return say('review-error', err);
  }
}

export const actions = { invalidate: decision, clear: decision };
