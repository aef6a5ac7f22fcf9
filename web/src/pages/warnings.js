// Warnings (预警): the warnings with level, rule set, subject, trigger, figures, owner,
// period, deadline (counted down in Beijing days, overdue marked) and state, filtered by
// state, level, section and owner together (kept in the address, so a filtered list can be
// bookmarked and sent); a detail panel with the steps taken and the one form the state
// allows; analysts' and admins' evaluation toolbar; admins' outbox panel.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { hasRole } from '../session.js';
import { esc } from '../widgets/escape.js';
import { formValues, options, say, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { beijingTime } from '../widgets/time.js';
import { outboxActions, outboxPanel } from '../parts/outbox.js';
import {
  OPEN_STATES,
  daysLeft,
  deadlineHtml,
  levelBadge,
  levelName,
  messageText,
  pollutantsText,
  ruleSetName,
  stateText,
  subjectText,
  templateMark,
  triggerText,
} from '../parts/warning-common.js';
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
  return (
    Object.entries(w.figures || {})
      // The trigger's codes are worded in the trigger column, not listed as figures.
      .filter(([k, v]) => k !== 'trigger' && v !== null && v !== '')
      .map(([k, v]) => `${tOr('fig_' + k, k)}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join('; ')
  );
}

const COLUMNS = () => [
  { key: 'id', label: '#' },
  { key: 'level', label: t('level'), html: levelBadge },
  {
    key: 'rule_set_text',
    label: t('rule_set'),
    html: (w) => `${esc(w.rule_set_text)}${templateMark(w.template)}`,
  },
  { key: 'subject_text', label: t('section_subject') },
  { key: 'trigger_text', label: t('trigger') },
  {
    key: 'figures_text',
    label: t('figures'),
    html: (w) => `<span class="figures">${esc(w.figures_text)}</span>`,
  },
  { key: 'pollutants_text', label: t('main_pollutants') },
  { key: 'owner_text', label: t('owner') },
  { key: 'last_period', label: t('period') },
  { key: 'deadline_text', label: t('deadline'), html: (w) => deadlineHtml(w, w.today) },
  { key: 'state_text', label: t('status') },
  {
    key: 'detail',
    label: '',
    html: (w) =>
      `<button class="w-detail" data-action="detail" data-id="${w.id}">${t('details')}</button>`,
  },
];

// The filters of the address: state ('' = open, 'all', or one state), level, section, owner.
const FILTERS = ['state', 'level', 'subject', 'owner'];
const STATES = [...OPEN_STATES, 'closed', 'lifted'];

// Whether a warning passes every filter at once.
function passes(w, f) {
  if (f.state && f.state !== 'all' && f.state !== 'overdue' && w.state !== f.state) return false;
  if (f.state === 'overdue' && !(w.days_left < 0)) return false;
  if (f.level && w.level !== f.level) return false;
  if (f.subject && w.subject !== f.subject) return false;
  return !f.owner || w.owner === f.owner || w.unit === f.owner;
}

// A <select> of a filter with "all" first; values are [value, label] pairs.
const filterSelect = (key, label, values, current) =>
  `<label>${label} <select id="wf-${key}" data-action="filter">` +
  `<option value="">${t(key === 'state' ? 'w_state_open' : 'all')}</option>${options(values, current)}</select></label>`;

// Distinct [value, label] pairs of the warnings, in the order first seen.
function distinct(rows, value, label) {
  const seen = new Map();
  for (const w of rows) if (value(w) && !seen.has(value(w))) seen.set(value(w), label(w));
  return [...seen];
}

export async function render(ctx) {
  const f = Object.fromEntries(FILTERS.map((k) => [k, ctx.params.get(k) || '']));
  // The open list when only open warnings can pass, else every warning.
  const onlyOpen = !f.state || f.state === 'overdue' || OPEN_STATES.includes(f.state);
  const r = await api('GET', `/api/v1/warnings?state=${onlyOpen ? 'open' : 'all'}`);
  ctx.view.mayAct = r.may_act;
  const all = r.warnings.map((w) => ({
    ...w,
    today: r.today,
    days_left: daysLeft(w, r.today),
    rule_set_text: ruleSetName(w.rule_set),
    level_text: levelName(w),
    state_text: stateText(w.state),
    trigger_text: triggerText(w),
    pollutants_text: pollutantsText(w.main_pollutants),
    figures_text: figuresText(w),
    subject_text: subjectText(w),
    owner_text: [w.owner, w.unit, w.person].filter(Boolean).join(' · '),
    deadline_text: w.deadline ?? '',
  }));
  const rows = all.filter((w) => passes(w, f));
  const overdue = all.filter((w) => w.days_left < 0).length;
  const owners = [
    ...distinct(
      all,
      (w) => w.unit,
      (w) => w.unit,
    ),
    ...distinct(
      all,
      (w) => w.owner,
      (w) => w.owner,
    ),
  ];
  const admin = hasRole('admin');
  ctx.show(
    (r.may_act ? warningTools() : '') +
      `<section class="panel"><h3>${t('nav_warnings')} (<span id="w-count">${rows.length}</span>)</h3>` +
      `<div class="controls" id="w-filters">` +
      filterSelect(
        'state',
        t('status'),
        [
          ['all', t('w_state_all')],
          ['overdue', t('w_state_overdue')],
          ...STATES.map((s) => [s, stateText(s)]),
        ],
        f.state,
      ) +
      filterSelect(
        'level',
        t('level'),
        distinct(all, (w) => w.level, levelName),
        f.level,
      ) +
      filterSelect(
        'subject',
        t('section_subject'),
        distinct(all, (w) => w.subject, subjectText),
        f.subject,
      ) +
      filterSelect('owner', t('owner'), owners, f.owner) +
      (FILTERS.some((k) => f[k])
        ? `<button id="wf-clear" data-action="clear-filters">${t('w_clear_filters')}</button>`
        : '') +
      (overdue
        ? `<span class="bad" id="w-overdue-count">${t('w_overdue_count').replace('{n}', overdue)}</span>`
        : '') +
      `</div><p class="note">${t('warnings_template_note')}</p>` +
      table('warnings-table', COLUMNS(), rows, {
        row: (w) => ({ 'data-id': w.id, class: w.days_left < 0 ? 'overdue' : '' }),
      }) +
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

// The overdue measures of the section's plan that escalated the warning, in the page's language.
function measureEscalations(w) {
  const list = w.measure_escalations ?? [];
  if (!list.length) return '';
  const items = list
    .map(
      (e) =>
        `<li>${esc(beijingTime(e.at))} · ${esc(messageText({ code: 'measure_overdue_note', args: e }))}</li>`,
    )
    .join('');
  return `<h4>${t('w_measure_escalations')}</h4><ul id="w-measure-escalations">${items}</ul>`;
}

async function showDetail(id, ctx) {
  const w = await api('GET', `/api/v1/warnings/${id}`);
  const panel = document.getElementById('warning-detail');
  if (ctx.stale || !panel) return;
  panel.hidden = false;
  ctx.view.reopen = { what: '#warning-detail', again: (next) => showDetail(id, next) };
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
    `<h3>#${w.id} ${levelBadge(w)} ${esc(subjectText(w))} · ${esc(stateText(w.state))}</h3>` +
    `<p class="note">${t('rule_set')}: ${esc(ruleSetName(w.rule_set))}${templateMark(w.template)}</p>` +
    `<p class="w-trigger">${esc(triggerText(w))}</p>` +
    (w.plan
      ? `<p class="note">${t('section_plan')}: ${esc(w.plan)} · ${esc(w.unit)} · ${esc(w.person)} · ${t('deadline')} ${deadlineHtml(w)}</p>`
      : '') +
    (w.feedback ? `<p class="note">${t('feedback')}: ${esc(w.feedback)}</p>` : '') +
    measureEscalations(w) +
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
  // Every filter at once into the address (the page is drawn again from it).
  filter: (el, ctx) => {
    const q = new URLSearchParams();
    for (const k of FILTERS) if (valueOf(`#wf-${k}`)) q.set(k, valueOf(`#wf-${k}`));
    return ctx.navigate(`warnings${q.size ? '?' + q : ''}`);
  },
  'clear-filters': (el, ctx) => ctx.navigate('warnings'),
  detail: (button, ctx) => showDetail(button.dataset.id, ctx),
  step,
  ...warningToolActions,
  ...outboxActions,
};
