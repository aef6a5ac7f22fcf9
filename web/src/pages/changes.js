// The change record; auditors and admins verify the store's integrity from here.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { hasRole } from '../session.js';
import { errorText } from '../widgets/errors.js';
import { esc } from '../widgets/escape.js';
import { table } from '../widgets/table.js';
import { beijingTime } from '../widgets/time.js';

export const name = 'changes';
export const title = 'nav_changes';

export async function render(ctx) {
  const r = await api('GET', '/api/v1/changes');
  const integrity = hasRole('admin', 'auditor')
    ? `<section class="panel"><h3>${t('integrity')}</h3><p class="note">${t('integrity_note')}</p>` +
      `<button id="verify" data-action="verify">${t('verify_now')}</button><div id="integrity"></div></section>`
    : '';
  ctx.show(
    `<section class="panel"><h3>${t('nav_changes')} (${r.total})</h3>` +
      table(
        'changes-table',
        [
          { key: 'seq', label: t('seq') },
          { key: 'at', label: t('time'), html: (r) => esc(beijingTime(r.at)) },
          { key: 'who', label: t('who') },
          { key: 'action', label: t('action'), raw: true },
          { key: 'object', label: t('object'), raw: true },
          { key: 'detail', label: t('detail'), raw: true },
          { key: 'why', label: t('why'), raw: true },
        ],
        r.entries,
      ) +
      '</section>' +
      integrity,
  );
}

async function verify(button) {
  button.disabled = true;
  const out = document.getElementById('integrity');
  try {
    const v = await api('GET', '/api/v1/integrity');
    const problems = v.problems.length
      ? `<ul>${v.problems.map((p) => `<li class="bad">${esc(p)}</li>`).join('')}</ul>`
      : '';
    out.innerHTML =
      `<p class="${v.ok ? 'ok' : 'bad'}" id="integrity-verdict">${v.ok ? t('integrity_ok') : t('integrity_bad')}</p>` +
      `<p class="note">${esc(v.summary)} · ${t('warning_problems')} ${v.warning_problems}` +
      ` · ${t('plan_problems')} ${v.plan_problems}` +
      ` · ${t('account_problems')} ${v.account_problems}</p>` +
      `<p class="note">head ${esc(v.head_hash)}</p>${problems}`;
  } catch (err) {
    out.innerHTML = `<p class="bad">${esc(errorText(err))}</p>`;
  } finally {
    button.disabled = false;
  }
}

export const actions = { verify };
