// Key projects (重点工程): progress, status, milestones with overdue flags; a unit
// reports its own projects' progress in a dialog.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { openDialog, closeDialog } from '../widgets/dialog.js';
import { esc } from '../widgets/escape.js';
import { formValues, options, say, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'projects';
export const title = 'nav_projects';

const STATUSES = ['planned', 'in_progress', 'done', 'suspended'];
const statusText = (s) => tOr('project_' + s, s);

function milestones(p) {
  const item = (m) =>
    `<li class="${m.overdue ? 'overdue' : ''}">${esc(m.title)} · ${esc(m.due)}` +
    `${m.done ? ` ✓ ${esc(m.done)}` : ''}${m.overdue ? ` <span class="bad">${t('overdue')}</span>` : ''}</li>`;
  return `<ul class="milestones">${p.milestones.map(item).join('')}</ul>`;
}

export async function render(ctx) {
  const year = ctx.params.get('year');
  const r = await api('GET', `/api/v1/projects${year ? `?year=${encodeURIComponent(year)}` : ''}`);
  ctx.view.projects = r.projects;
  const rows = r.projects.map((p) => ({
    ...p,
    status_text: statusText(p.status),
    milestones_text: p.milestones
      .map((m) => `${m.title} ${m.due}${m.done ? ' ✓' : ''}${m.overdue ? ' ' + t('overdue') : ''}`)
      .join('; '),
  }));
  const progress = (p) =>
    `<progress max="100" value="${Number(p.progress)}"></progress> ${Number(p.progress)}%`;
  const overdue = (p) => (p.overdue ? `<span class="bad overdue-flag">${p.overdue}</span>` : '0');
  const update = (p) =>
    p.may_update
      ? `<button class="p-update" data-action="progress-form" data-code="${esc(p.code)}">${t('report_progress')}</button>`
      : '';
  ctx.show(
    `<section class="panel"><h3>${t('nav_projects')} · ${r.year}</h3><div class="controls">` +
      `<label>${t('year')} <input id="p-year" type="number" value="${r.year}" style="width:5rem" data-action="year"></label>` +
      `<span class="note">${t('today')} ${esc(r.today)}</span></div>` +
      table(
        'projects-table',
        [
          { key: 'code', label: t('code') },
          { key: 'name', label: t('name') },
          { key: 'unit', label: t('unit') },
          { key: 'budget_wan', label: t('budget_wan') },
          { key: 'progress', label: t('progress'), html: progress },
          { key: 'status_text', label: t('status') },
          { key: 'milestones_text', label: t('milestones'), html: milestones },
          { key: 'overdue', label: t('overdue_count'), html: overdue },
          { key: 'update', label: '', html: update },
        ],
        rows,
      ) +
      '</section>',
  );
}

// A unit's progress report on one project: percentage, status, milestones done.
function progressForm(button, ctx) {
  const p = ctx.view.projects.find((x) => x.code === button.dataset.code);
  ctx.view.reopen = { what: '#project-form', again: (next) => progressForm(button, next) };
  const statuses = options(
    STATUSES.map((s) => [s, statusText(s)]),
    p.status,
  );
  const done = (m) =>
    `<li>${esc(m.title)} · ${esc(m.due)} <label>${t('done_on')} ` +
    `<input type="date" data-position="${m.position}" value="${esc(m.done)}"></label></li>`;
  openDialog(
    'project-form',
    `${p.code} ${p.name}`,
    `<form id="progress-form" data-action="save-progress" data-code="${esc(p.code)}"><div class="controls">` +
      `<label>${t('progress')} <input name="progress" type="number" min="0" max="100" value="${Number(p.progress)}" required>%</label>` +
      `<label>${t('status')} <select name="status">${statuses}</select></label>` +
      `<input name="note" placeholder="${t('note')}" size="30"></div>` +
      `<ul class="milestones">${p.milestones.map(done).join('')}</ul>` +
      `<button type="submit">${t('save')}</button> <span id="progress-msg" class="error"></span></form>`,
  );
}

async function saveProgress(form, ctx) {
  const f = formValues(form);
  const milestones = [...form.querySelectorAll('input[data-position]')].map((i) => ({
    position: Number(i.dataset.position),
    done: i.value,
  }));
  try {
    await api('POST', `/api/v1/projects/${encodeURIComponent(form.dataset.code)}/progress`, {
      progress: Number(f.progress),
      status: f.status,
      milestones,
      note: f.note,
    });
    closeDialog();
    await ctx.reload();
  } catch (err) {
    say('progress-msg', err);
  }
}

export const actions = {
  year: (el, ctx) => ctx.navigate(`projects?year=${encodeURIComponent(valueOf('#p-year'))}`),
  'progress-form': progressForm,
  'save-progress': saveProgress,
};
