// My tasks (我的任务): a unit reporter's work list — its unit's indicator values to enter
// (no value for the year, a draft or a value returned by the review), the warnings assigned
// to its unit that wait for its feedback (with the deadline counted down in Beijing days),
// and its key projects to report on. A unit with nothing assigned reads one sentence that
// says so instead of empty tables.
import { api } from '../api.js';
import { pick, t, tOr } from '../i18n.js';
import { targetText } from '../widgets/verdict.js';
import { deadlineHtml, levelBadge, stateText, subjectText } from '../parts/warning-common.js';
import { esc } from '../widgets/escape.js';
import { valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'tasks';
export const title = 'nav_tasks';

const valueState = (s) => t(s ? 'state_' + s : 'task_no_value');

function valuesPanel(r) {
  const rows = r.values.map((v) => ({
    ...v,
    name: pick(v.name_zh, v.name_en),
    state_text: valueState(v.status),
    target_text: targetText(v, r.year),
  }));
  const open = (v) =>
    `<a class="task-open" href="#/indicator?id=${encodeURIComponent(v.id)}&year=${r.year}">${t('task_enter')}</a>`;
  return table(
    'task-values',
    [
      { key: 'id', label: t('id'), raw: true },
      { key: 'name', label: t('name') },
      { key: 'unit', label: t('unit_of') },
      { key: 'target_text', label: t('target') },
      {
        key: 'state_text',
        label: t('review_state'),
        html: (v) =>
          `<span class="${v.status === 'returned' ? 'bad' : ''}">${esc(v.state_text)}</span>`,
      },
      { key: 'open', label: '', html: open },
    ],
    rows,
    { row: (v) => ({ 'data-id': v.id }) },
  );
}

function warningsPanel(r) {
  const rows = r.warnings.map((w) => ({
    ...w,
    subject_text: subjectText(w),
    state_text: stateText(w.state),
    deadline_text: w.deadline,
  }));
  const open = (w) =>
    `<a class="task-open" href="#/warnings?subject=${encodeURIComponent(w.subject)}">${t('task_answer')}</a>`;
  return table(
    'task-warnings',
    [
      { key: 'id', label: '#' },
      { key: 'level', label: t('level'), html: levelBadge },
      { key: 'subject_text', label: t('section_subject') },
      { key: 'deadline_text', label: t('deadline'), html: (w) => deadlineHtml(w, r.today) },
      { key: 'state_text', label: t('status') },
      { key: 'open', label: '', html: open },
    ],
    rows,
    { row: (w) => ({ 'data-id': w.id }) },
  );
}

function projectsPanel(r) {
  const rows = r.projects.map((p) => ({ ...p, status_text: tOr('project_' + p.status, p.status) }));
  return table(
    'task-projects',
    [
      { key: 'code', label: t('code'), raw: true },
      { key: 'name', label: t('name') },
      {
        key: 'progress',
        label: t('progress'),
        html: (p) =>
          `<progress max="100" value="${Number(p.progress)}"></progress> ${Number(p.progress)}%`,
      },
      { key: 'status_text', label: t('status') },
      {
        key: 'overdue',
        label: t('overdue_count'),
        html: (p) => (p.overdue ? `<span class="bad">${Number(p.overdue)}</span>` : '0'),
      },
      {
        key: 'open',
        label: '',
        html: () => `<a class="task-open" href="#/projects?year=${r.year}">${t('task_report')}</a>`,
      },
    ],
    rows,
    { row: (p) => ({ 'data-code': p.code }) },
  );
}

// One panel: its heading with the count, then its table or a sentence when it has none.
const panel = (id, heading, list, none, body) =>
  `<section class="panel" id="${id}"><h3>${heading} (${list.length})</h3>` +
  (list.length ? body() : `<p class="note task-none">${none}</p>`) +
  '</section>';

export async function render(ctx) {
  const year = ctx.params.get('year');
  const r = await api('GET', `/api/v1/me/tasks${year ? `?year=${encodeURIComponent(year)}` : ''}`);
  const unit = esc(r.unit || t('task_no_unit'));
  const count = r.values.length + r.warnings.length + r.projects.length;
  const head =
    `<section class="panel"><h3>${t('nav_tasks')} · ${unit} · ${r.year}</h3>` +
    `<div class="controls"><label>${t('year')} <input id="task-year" type="number" value="${r.year}" style="width:5rem" data-action="year"></label>` +
    `<span class="note">${t('today')} ${esc(r.today)}</span></div>`;
  if (!count) {
    ctx.show(
      `${head}<p id="tasks-nothing">${t('task_nothing').replace('{unit}', unit).replace('{year}', r.year)}</p></section>`,
    );
    return;
  }
  ctx.show(
    `${head}<p id="tasks-summary">${t('task_summary')
      .replace('{values}', r.values.length)
      .replace('{warnings}', r.warnings.length)
      .replace('{projects}', r.projects.length)}</p></section>` +
      panel('tasks-values', t('task_values'), r.values, t('task_values_none'), () =>
        valuesPanel(r),
      ) +
      panel('tasks-warnings', t('task_warnings'), r.warnings, t('task_warnings_none'), () =>
        warningsPanel(r),
      ) +
      panel('tasks-projects', t('task_projects'), r.projects, t('task_projects_none'), () =>
        projectsPanel(r),
      ),
  );
}

export const actions = {
  year: (el, ctx) => ctx.navigate(`tasks?year=${encodeURIComponent(valueOf('#task-year'))}`),
};
