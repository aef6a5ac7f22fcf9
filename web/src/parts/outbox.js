// Warnings, admins: the webhook outbox, "deliver now" and the quiet periods, every time shown
// and entered in Beijing time (the server keeps UTC).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { formValues, say } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { beijingTime } from '../widgets/time.js';

// A datetime-local value entered in Beijing time ("2026-12-03T10:00") as the server's UTC
// ("2026-12-03T02:00Z").
const utcOfBeijing = (local) =>
  `${new Date(Date.parse(`${local.slice(0, 16)}+08:00`)).toISOString().slice(0, 16)}Z`;

const figure = (key, value, cls = '') =>
  `<span class="outbox-figure ${cls}" data-key="${key}">${t('outbox_' + key)} <b>${esc(value ?? '—')}</b></span>`;

function quietPeriods(o) {
  const end = (q) =>
    `<button class="quiet-end" data-action="quiet-end" data-id="${q.id}">${q.in_force ? t('quiet_end') : t('quiet_cancel')}</button>`;
  return (
    `<h4>${t('quiet_title')}</h4>` +
    table(
      'quiet-table',
      [
        { key: 'from', label: t('from'), html: (q) => esc(beijingTime(q.from)) },
        { key: 'to', label: t('to'), html: (q) => esc(beijingTime(q.to)) },
        { key: 'reason', label: t('reason') },
        {
          key: 'in_force',
          label: t('status'),
          html: (q) => (q.in_force ? t('quiet_in_force') : ''),
        },
        { key: 'end', label: '', html: end },
      ],
      o.quiet_periods,
    ) +
    `<form id="quiet-form" class="controls" data-action="quiet-add">` +
    `<label>${t('from')} <input name="from" type="datetime-local" required></label>` +
    `<label>${t('to')} <input name="to" type="datetime-local" required></label>` +
    `<input name="reason" placeholder="${t('reason')}" required size="30">` +
    `<button type="submit">${t('quiet_add')}</button></form>`
  );
}

// Fills #outbox-panel (again after every change).
export async function outboxPanel() {
  const o = await api('GET', '/api/v1/warnings/outbox');
  const panel = document.getElementById('outbox-panel');
  if (!panel) return;
  const webhook = o.webhook_configured;
  const lastRun = o.last_run ? `${beijingTime(o.last_run)} ${o.last_run_summary}` : null;
  panel.innerHTML =
    `<h3>${t('outbox_title')}</h3><div class="controls">` +
    figure('pending', o.pending) +
    figure('failed', o.failed, o.failed ? 'bad' : '') +
    figure('delivered', o.delivered) +
    figure('next', o.next_attempt ? beijingTime(o.next_attempt) : null) +
    (webhook ? figure('every', o.deliver_every_seconds || '—') + figure('last_run', lastRun) : '') +
    `<button id="outbox-deliver" data-action="outbox-deliver" ${webhook ? '' : 'disabled'}>${t('outbox_deliver')}</button></div>` +
    (webhook ? '' : `<p class="note">${t('outbox_url_none')}</p>`) +
    (o.quiet_now ? `<p class="note">${t('outbox_quiet_now')}</p>` : '') +
    (o.last_error
      ? `<p class="error" id="outbox-last-error">${t('outbox_last_error')}: ${esc(o.last_error)}</p>`
      : '') +
    `<p id="outbox-result" class="note"></p>` +
    quietPeriods(o) +
    '<p class="error" id="outbox-error"></p>';
}

// Runs a change, then shows the panel again and what the change returned to run after;
// a failure goes under the panel.
const change = (send) => async (el) => {
  say('outbox-error', '');
  try {
    const after = await send(el);
    await outboxPanel();
    if (after) after();
  } catch (err) {
    say('outbox-error', err);
  }
};

export const outboxActions = {
  'outbox-deliver': change(async () => {
    const r = await api('POST', '/api/v1/warnings/outbox/deliver', {});
    return () => say('outbox-result', r.summary);
  }),
  'quiet-end': change(async (b) => {
    await api('POST', `/api/v1/warnings/quiet/${b.dataset.id}/end`, {});
  }),
  // datetime-local gives "YYYY-MM-DDTHH:MM" in Beijing time (the heading says so).
  'quiet-add': change(async (form) => {
    const f = formValues(form);
    await api('POST', '/api/v1/warnings/quiet', {
      from: utcOfBeijing(f.from),
      to: utcOfBeijing(f.to),
      reason: f.reason,
    });
  }),
};
