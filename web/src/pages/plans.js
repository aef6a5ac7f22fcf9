// One plan per section (一断面一方案): the list of plans, and a section's plan panel —
// causes, measures (owner unit, deadline, state, overdue), progress entries, the
// approval state — edited by the owning roles (administrators, analysts, the unit
// the section is assigned to) and approved by the reviewers and the leadership.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { sayError } from '../widgets/errors.js';
import { formValues, options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { beijingTime } from '../widgets/time.js';

export const name = 'plans';
export const title = 'nav_plans';

const CAUSES = ['source', 'outfall', 'other'];
const STATES = ['planned', 'in_progress', 'done'];
const stateText = (s) => tOr('plan_state_' + s, s);
const badge = (approval) =>
  `<span class="plan-approval approval-${esc(approval)}">${esc(stateText(approval))}</span>`;
const planUrl = (section) => `/api/v1/water/plans/${encodeURIComponent(section)}`;

async function list(ctx) {
  const [r, s] = await Promise.all([
    api('GET', '/api/v1/water/plans'),
    api('GET', '/api/v1/water/sections'),
  ]);
  const names = new Map(s.sections.map((x) => [x.code, x.name]));
  const rows = r.plans.map((p) => ({
    ...p,
    name: names.get(p.section) ?? '',
    approval_text: stateText(p.approval),
    done_text: `${p.measures_done}/${p.measures_total}`,
  }));
  const link = (p) =>
    `<a href="#/plans?section=${encodeURIComponent(p.section)}">${esc(p.section)}</a>`;
  const overdue = (p) => (p.overdue ? `<span class="bad">${p.overdue}</span>` : '0');
  const pick = r.may_edit
    ? `<div class="controls"><label>${t('section')} <select id="plan-section">` +
      options(s.sections.map((x) => [x.code, `${x.code} ${x.name}`])) +
      `</select></label><button data-action="open-section">${t('plan_open')}</button></div>`
    : '';
  ctx.show(
    `<section class="panel"><h3>${t('nav_plans')}</h3>${pick}` +
      table(
        'plans-table',
        [
          { key: 'section', label: t('section'), html: link },
          { key: 'name', label: t('name') },
          { key: 'title', label: t('plan_title') },
          { key: 'approval_text', label: t('plan_approval') },
          { key: 'done_text', label: t('plan_measures_done') },
          { key: 'overdue', label: t('overdue_count'), html: overdue },
        ],
        rows,
      ) +
      '</section>',
  );
}

function causesText(plan) {
  return (plan?.causes ?? []).map((c) => `${c.kind}: ${c.text}`).join('\n');
}

function editForm(section, plan) {
  return (
    `<details class="panel" id="plan-edit"${plan ? '' : ' open'}><summary>${t(plan ? 'plan_edit' : 'plan_create')}</summary>` +
    `<form id="plan-form" data-action="save-plan" data-section="${esc(section)}">` +
    `<label>${t('plan_title')} <input name="title" size="40" required value="${esc(plan?.title ?? '')}"></label>` +
    `<label>${t('plan_effect')} <input name="effect" size="40" value="${esc(plan?.effect ?? '')}"></label>` +
    `<label>${t('plan_causes')} <span class="note">${t('plan_causes_hint')}</span>` +
    `<textarea name="causes" rows="3" cols="50">${esc(causesText(plan))}</textarea></label>` +
    `<button type="submit">${t('save')}</button> <span id="plan-msg"></span></form></details>`
  );
}

function measureForms(section, plan) {
  const measureChoices = options([
    ['0', t('plan_whole')],
    ...plan.measures.map((m) => [String(m.id), `${m.id}. ${m.text}`]),
  ]);
  return (
    `<form id="measure-form" class="controls" data-action="add-measure" data-section="${esc(section)}">` +
    `<input name="text" placeholder="${t('plan_measure')}" required size="24">` +
    `<input name="unit" placeholder="${t('unit')}" required size="12">` +
    `<label>${t('deadline')} <input name="deadline" type="date" required></label>` +
    `<input name="items" placeholder="${t('plan_items')}" size="10">` +
    `<button type="submit">${t('plan_add_measure')}</button> <span id="measure-msg"></span></form>` +
    `<form id="progress-form" class="controls" data-action="add-progress" data-section="${esc(section)}">` +
    `<label>${t('date')} <input name="date" type="date" required></label>` +
    `<select name="measure_id">${measureChoices}</select>` +
    `<input name="note" placeholder="${t('plan_progress_note')}" required size="24">` +
    `<input name="evidence" placeholder="${t('plan_evidence')}" size="16">` +
    `<button type="submit">${t('plan_add_progress')}</button> <span id="progress-msg"></span></form>`
  );
}

async function panel(ctx, section) {
  const r = await api('GET', planUrl(section));
  const plan = r.plan;
  const back = `<a href="#/plans">← ${t('nav_plans')}</a>`;
  if (!plan) {
    ctx.show(
      `<section class="panel" id="plan-panel"><h3>${t('plan_of')} ${esc(section)}</h3>${back}` +
        `<p class="note" id="plan-none">${t('plan_none')}</p></section>` +
        (r.may_edit ? editForm(section, null) : ''),
    );
    return;
  }
  const stateCell = (m) =>
    r.may_edit
      ? `<select class="measure-state" data-action="measure-state" data-id="${m.id}" data-section="${esc(section)}">` +
        `${options(
          STATES.map((s) => [s, stateText(s)]),
          m.state,
        )}</select>`
      : esc(stateText(m.state));
  // Overdue, and the warnings the measure escalated when it was (links to them).
  const overdue = (m) =>
    (m.overdue ? `<span class="bad overdue-flag">${t('overdue')}</span>` : '') +
    (m.escalations ?? [])
      .map(
        (e) =>
          ` <a class="escalated-flag" href="#/warnings" title="${esc(beijingTime(e.at))}">${t('plan_escalated_warning').replace('{id}', e.warning)}</a>`,
      )
      .join('');
  const causes = plan.causes
    .map((c) => `<li>${esc(tOr('plan_cause_' + c.kind, c.kind))}：${esc(c.text)}</li>`)
    .join('');
  const measureName = (id) => plan.measures.find((m) => m.id === id)?.text ?? t('plan_whole');
  const progress = plan.progress
    .map(
      (p) =>
        `<li>${esc(p.date)} · ${esc(p.who)} · ${esc(measureName(p.measure_id))}：${esc(p.note)}` +
        `${p.evidence ? ` <span class="note">（${t('plan_evidence')}：${esc(p.evidence)}）</span>` : ''}</li>`,
    )
    .join('');
  const step = (s, label) =>
    `<button class="plan-${s}" data-action="approval" data-step="${s}" data-section="${esc(section)}">${t(label)}</button>`;
  const steps =
    (r.may_edit && plan.approval === 'draft' ? step('submit', 'plan_submit') : '') +
    (r.may_approve && plan.approval === 'submitted'
      ? step('approve', 'plan_approve') + step('return', 'plan_return')
      : '');
  ctx.show(
    `<section class="panel" id="plan-panel"><h3>${t('plan_of')} ${esc(section)} · ${esc(plan.title)} ${badge(plan.approval)}</h3>${back}` +
      `<p class="note">${t('today')} ${esc(r.today)} · ${t('plan_updated')} ${esc(plan.updated_by)} ${esc(beijingTime(plan.updated_at))}</p>` +
      (plan.effect ? `<p>${t('plan_effect')}：${esc(plan.effect)}</p>` : '') +
      `<h4>${t('plan_causes')}</h4><ul id="plan-causes">${causes}</ul>` +
      `<h4>${t('plan_measures')} · ${plan.measures_done}/${plan.measures_total}</h4>` +
      table(
        'measures-table',
        [
          { key: 'id', label: '#' },
          { key: 'text', label: t('plan_measure') },
          { key: 'unit', label: t('unit') },
          { key: 'deadline', label: t('deadline') },
          { key: 'items', label: t('plan_items') },
          { key: 'state', label: t('status'), html: stateCell },
          { key: 'overdue', label: t('overdue'), html: overdue },
        ],
        plan.measures,
      ) +
      `<h4>${t('plan_progress')}</h4><ul id="plan-progress">${progress}</ul>` +
      (r.may_edit ? measureForms(section, plan) : '') +
      `<div class="controls">${steps} <span id="approval-msg"></span></div></section>` +
      (r.may_edit ? editForm(section, plan) : ''),
  );
}

export async function render(ctx) {
  const section = ctx.params.get('section');
  return section ? panel(ctx, section) : list(ctx);
}

// "kind: text" lines (a line without a known kind is "other").
function parseCauses(text) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = line.match(/^(\w+)\s*[:：]\s*(.+)$/);
      return m && CAUSES.includes(m[1])
        ? { kind: m[1], text: m[2] }
        : { kind: 'other', text: line };
    });
}

async function send(ctx, id, method, path, body) {
  try {
    await api(method, path, body);
    await ctx.reload();
  } catch (err) {
    sayError(id, err);
  }
}

export const actions = {
  'open-section': (el, ctx) =>
    ctx.navigate(`plans?section=${encodeURIComponent(valueOf('#plan-section'))}`),
  'save-plan': (form, ctx) => {
    const f = formValues(form);
    return send(ctx, 'plan-msg', 'PUT', planUrl(form.dataset.section), {
      title: f.title,
      effect: f.effect,
      causes: parseCauses(f.causes),
    });
  },
  'add-measure': (form, ctx) =>
    send(ctx, 'measure-msg', 'POST', `${planUrl(form.dataset.section)}/measures`, formValues(form)),
  'add-progress': (form, ctx) => {
    const f = formValues(form);
    return send(ctx, 'progress-msg', 'POST', `${planUrl(form.dataset.section)}/progress`, {
      ...f,
      measure_id: Number(f.measure_id),
    });
  },
  'measure-state': (el, ctx) =>
    send(
      ctx,
      'approval-msg',
      'POST',
      `${planUrl(el.dataset.section)}/measures/${el.dataset.id}/state`,
      {
        state: el.value,
      },
    ),
  approval: (el, ctx) =>
    send(ctx, 'approval-msg', 'POST', `${planUrl(el.dataset.section)}/${el.dataset.step}`, {}),
};
