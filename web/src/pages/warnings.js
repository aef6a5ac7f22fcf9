// Warnings (预警): the open warnings (or all) with level, rule set, subject, trigger,
// figures, owner, period and state; a detail panel with the steps taken and the one form
// the state allows; analysts' and admins' evaluation toolbar; admins' outbox panel.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { hasRole } from '../session.js';
import { esc } from '../widgets/escape.js';
import { formValues, say } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { outboxActions, outboxPanel } from '../parts/outbox.js';
import { levelBadge, stateText, templateMark, triggerText } from '../parts/warning-common.js';
import { warningToolActions, warningTools } from '../parts/warning-tools.js';

export const name = 'warnings';
export const title = 'nav_warnings';

// The step an analyst may take from each state.
const NEXT_STEP = {
  raised: 'ack',
  acknowledged: 'assign',
  escalated: 'assign',
  assigned: 'feedback',
  feedback: 'close',
};

function figuresText(w) {
  if (typeof w.figures !== 'object') return w.figures;
  return Object.entries(w.figures || {})
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${tOr('fig_' + k, k)}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join('; ');
}

const COLUMNS = () => [
  { key: 'id', label: '#' },
  { key: 'level', label: t('level'), html: levelBadge },
  {
    key: 'rule_set',
    label: t('rule_set'),
    html: (w) => `${esc(w.rule_set)}${templateMark(w.template)}`,
  },
  { key: 'subject_text', label: t('section_subject') },
  { key: 'trigger_text', label: t('trigger') },
  {
    key: 'figures_text',
    label: t('figures'),
    html: (w) => `<span class="figures">${esc(w.figures_text)}</span>`,
  },
  { key: 'main_pollutants', label: t('main_pollutants') },
  { key: 'owner_text', label: t('owner') },
  { key: 'last_period', label: t('period') },
  { key: 'state_text', label: t('status') },
  {
    key: 'detail',
    label: '',
    html: (w) =>
      `<button class="w-detail" data-action="detail" data-id="${w.id}">${t('details')}</button>`,
  },
];

export async function render(ctx) {
  const all = ctx.params.get('state') === 'all';
  const r = await api('GET', `/api/v1/warnings?state=${all ? 'all' : 'open'}`);
  ctx.view.mayAct = r.may_act;
  const rows = r.warnings.map((w) => ({
    ...w,
    state_text: stateText(w.state),
    trigger_text: triggerText(w),
    figures_text: figuresText(w),
    subject_text: `${w.subject}${w.subject_name && w.subject_name !== w.subject ? ' ' + w.subject_name : ''}`,
    owner_text: [w.owner, w.unit, w.person].filter(Boolean).join(' · '),
  }));
  const admin = hasRole('admin');
  ctx.show(
    (r.may_act ? warningTools() : '') +
      `<section class="panel"><h3>${t('nav_warnings')} (${rows.length})</h3><div class="controls">` +
      `<label><input type="checkbox" id="w-all" data-action="show-all" ${all ? 'checked' : ''}> ${t('warnings_show_all')}</label>` +
      `<span class="note">${t('warnings_template_note')}</span></div>` +
      table('warnings-table', COLUMNS(), rows) +
      `</section><section class="panel" id="warning-detail" hidden></section>` +
      (admin ? '<section class="panel" id="outbox-panel"></section>' : ''),
  );
  if (admin) await outboxPanel();
}

// The one form the warning's state allows this user, if any.
function stepForm(w, mayAct) {
  // Reporters answer a warning assigned to their unit (may_feedback); the rest is for analysts.
  const step = mayAct ? NEXT_STEP[w.state] : w.may_feedback ? 'feedback' : null;
  const open = `<form class="w-form controls" data-action="step" data-id="${w.id}" data-step="${step}">`;
  if (step === 'assign') {
    return (
      open +
      `<input name="unit" placeholder="${t('unit')}" required>` +
      `<input name="person" placeholder="${t('person')}" required>` +
      `<label>${t('deadline')} <input name="deadline" type="date" required></label>` +
      `<textarea name="plan" placeholder="${t('section_plan')}" required rows="2" cols="40"></textarea>` +
      `<button type="submit">${t('step_assign')}</button></form>`
    );
  }
  if (!step) return '';
  const feedback = step === 'feedback';
  return (
    open +
    `<input name="${feedback ? 'feedback' : 'note'}" placeholder="${t(feedback ? 'feedback' : 'note')}" ${feedback ? 'required' : ''} size="40">` +
    `<button type="submit">${t('step_' + step)}</button></form>`
  );
}

async function showDetail(id, ctx) {
  const w = await api('GET', `/api/v1/warnings/${id}`);
  const panel = document.getElementById('warning-detail');
  if (ctx.stale || !panel) return;
  panel.hidden = false;
  const events = table(
    'warning-events',
    [
      { key: 'at', label: t('time') },
      { key: 'who', label: t('who') },
      { key: 'action', label: t('action'), html: (e) => esc(tOr('waction_' + e.action, e.action)) },
      {
        key: 'from_state',
        label: t('from'),
        html: (e) => esc(e.from_state ? stateText(e.from_state) : ''),
      },
      { key: 'to_state', label: t('to'), html: (e) => esc(stateText(e.to_state)) },
      { key: 'note', label: t('note') },
    ],
    w.events,
  );
  panel.innerHTML =
    `<h3>#${w.id} ${levelBadge(w)} ${esc(w.subject_text || w.subject)} · ${esc(stateText(w.state))}</h3>` +
    `<p class="w-trigger">${esc(triggerText(w))}</p>` +
    (w.plan
      ? `<p class="note">${t('section_plan')}: ${esc(w.plan)} · ${esc(w.unit)} · ${esc(w.person)} · ${t('deadline')} ${esc(w.deadline)}</p>`
      : '') +
    (w.feedback ? `<p class="note">${t('feedback')}: ${esc(w.feedback)}</p>` : '') +
    events +
    (w.may_feedback ? `<p class="note">${t('w_feedback_hint')}</p>` : '') +
    stepForm(w, ctx.view.mayAct) +
    '<p class="error" id="w-error"></p>';
}

// Takes the form's step, then shows the list and the warning again.
async function step(form, ctx) {
  const id = form.dataset.id;
  try {
    await api('POST', `/api/v1/warnings/${id}/${form.dataset.step}`, formValues(form));
    const next = await ctx.reload();
    await showDetail(id, next);
  } catch (err) {
    say('w-error', err);
  }
}

export const actions = {
  'show-all': (box, ctx) => ctx.navigate(box.checked ? 'warnings?state=all' : 'warnings'),
  detail: (button, ctx) => showDetail(button.dataset.id, ctx),
  step,
  ...warningToolActions,
  ...outboxActions,
};
