// Departure audits (离任审计): the rectification list of the audits' findings — problem,
// responsible unit, deadline, status, latest progress, evidence — followed to closure.
// Auditors, analysts and administrators record a finding on an audit run; the responsible
// unit's reporter (and they) report progress with evidence, and close a finding once an
// evidence file shows the rectification. Overdue findings are marked. A unit reporter sees
// the findings its unit must rectify; leaders read.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { hasRole } from '../session.js';
import {
  beijingToday,
  EVIDENCE_TYPES,
  evidenceList,
  uploadEvidence,
} from '../parts/assessment-common.js';
import { closeDialog, openDialog } from '../widgets/dialog.js';
import { esc } from '../widgets/escape.js';
import { sayError, sayOk } from '../widgets/errors.js';
import { formValues, options, say } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'audits';
export const title = 'nav_audits';

const STATUSES = ['open', 'in_progress', 'closed'];

// The audit runs a finding may be recorded on, with the people each judged, and the units
// that may be made responsible (towns and departments).
async function findingChoices() {
  const [audits, towns, depts] = await Promise.all([
    api('GET', '/api/v1/assessments/cards?scheme=departure-audit'),
    api('GET', '/api/v1/assessments/subjects?scheme=town-1000').catch(() => ({ subjects: [] })),
    api('GET', '/api/v1/assessments/subjects?scheme=dept-100').catch(() => ({ subjects: [] })),
  ]);
  return {
    runs: audits.runs,
    units: [...towns.subjects, ...depts.subjects].map((u) => [u.id, `${u.id} ${u.name}`]),
  };
}

function findingForm(choices) {
  if (!choices.runs.length) return '';
  const people = choices.runs.flatMap((r) =>
    r.subjects.map((s) => [`${r.run}/${s.id}`, `${r.year} #${r.run} · ${s.id} ${s.name}`]),
  );
  return (
    `<section class="panel"><h3>${t('record_finding')}</h3>` +
    `<form id="finding-form" class="entry-form" data-action="add-finding">` +
    `<label>${t('audited_person')} <select name="who" id="fd-who" required>${options(people)}</select></label>` +
    `<label class="wide">${t('problem')} <input name="problem" id="fd-problem" maxlength="2000" required></label>` +
    `<label>${t('owner')} <select name="owner" id="fd-owner" required>${options(choices.units)}</select></label>` +
    `<label>${t('deadline')} <input type="date" name="deadline" id="fd-deadline" required min="${beijingToday()}"></label>` +
    `<button type="submit" id="fd-save">${t('record')}</button></form>` +
    `<p id="fd-msg" class="note" role="status"></p></section>`
  );
}

export async function render(ctx) {
  const mayRecord = hasRole('admin', 'analyst', 'auditor');
  const mayReport = hasRole('admin', 'analyst', 'auditor', 'reporter');
  const [r, choices] = await Promise.all([
    api('GET', '/api/v1/audits/findings'),
    mayRecord ? findingChoices() : null,
  ]);
  ctx.view.findings = new Map(r.findings.map((f) => [String(f.id), f]));
  const rows = r.findings.map((f) => ({
    ...f,
    status_text: tOr('finding_' + f.status, f.status),
    overdue_text: f.overdue ? t('overdue') : '',
  }));
  const overdue = (f) => (f.overdue ? `<span class="bad">${t('overdue')}</span>` : '');
  const status = (f) =>
    `<span class="finding-status ${f.status === 'closed' ? 'ok' : ''}" data-status="${esc(f.status)}">${esc(f.status_text)}</span>`;
  const evidence = (f) =>
    `<button class="fd-evidence" data-action="evidence" data-id="${f.id}">${f.evidence_files}</button>`;
  const act = (f) =>
    mayReport
      ? `<button class="fd-progress" data-action="progress" data-id="${f.id}">${t('report_progress')}</button>`
      : '';
  ctx.show(
    `<section class="panel"><h3>${t('nav_audits')} · ${t('rectification_list')}</h3>` +
      `<p class="note">${t('today')} ${r.today} · ${t('rectification_note')}</p>` +
      `<p class="error" id="findings-error" role="alert"></p><p class="ok" id="findings-msg" role="status"></p>` +
      table(
        'findings-table',
        [
          { key: 'id', label: '#' },
          { key: 'run', label: t('run') },
          { key: 'subject', label: t('subject') },
          { key: 'problem', label: t('problem') },
          { key: 'owner', label: t('owner') },
          { key: 'deadline', label: t('deadline') },
          { key: 'status_text', label: t('status'), html: status },
          { key: 'overdue_text', label: t('overdue'), html: overdue },
          { key: 'progress', label: t('progress') },
          { key: 'evidence_files', label: t('evidence_files'), html: evidence },
          { key: 'actions', label: '', html: act },
        ],
        rows,
        { row: (f) => ({ 'data-id': f.id }) },
      ) +
      '</section>' +
      (choices ? findingForm(choices) : ''),
  );
}

async function addFinding(form, ctx) {
  const d = formValues(form);
  const [run, subject] = [d.who.slice(0, d.who.indexOf('/')), d.who.slice(d.who.indexOf('/') + 1)];
  try {
    const made = await api('POST', `/api/v1/audits/runs/${encodeURIComponent(run)}/findings`, {
      subject,
      problem: d.problem.trim(),
      owner: d.owner,
      deadline: d.deadline,
    });
    await ctx.reload();
    return sayOk('findings-msg', `${t('finding_recorded')} #${made.id}`);
  } catch (err) {
    return sayError('fd-msg', err, 'finding');
  }
}

// The progress dialog of one finding: its new status, a note, and an evidence file (needed
// to close it).
function progressDialog(button, ctx) {
  const f = ctx.view.findings.get(button.dataset.id);
  if (!f) return;
  const next = f.status === 'open' ? 'in_progress' : f.status;
  openDialog(
    'progress-dialog',
    `${t('report_progress')} #${f.id}`,
    `<p>${esc(f.problem)}</p><p class="note">${t('owner')} ${esc(f.owner)} · ${t('deadline')} ${esc(f.deadline)}</p>` +
      `<form id="progress-form" class="entry-form" data-action="save-progress" data-id="${f.id}">` +
      `<label>${t('status')} <select name="status" id="pg-status">${options(
        STATUSES.filter((s) => s !== 'open' || f.status === 'open').map((s) => [
          s,
          tOr('finding_' + s, s),
        ]),
        next,
      )}</select></label>` +
      `<label class="wide">${t('progress')} <textarea name="progress" id="pg-note" rows="3" maxlength="2000" required></textarea></label>` +
      `<label class="wide">${t('evidence')} <input type="file" name="file" id="pg-file" accept="${EVIDENCE_TYPES}"></label>` +
      `<p class="note">${t('closing_needs_evidence')}</p>` +
      `<button type="submit" id="pg-save">${t('save')}</button></form>` +
      `<p id="pg-msg" class="note" role="status"></p>`,
  );
}

// Uploads the evidence first (so that a closing report has it), then moves the finding on.
async function saveProgress(form, ctx) {
  const d = formValues(form);
  const id = form.dataset.id;
  if (!d.progress.trim()) return say('pg-msg', t('progress_required'), 'error');
  try {
    if (d.file && d.file.size > 0) await uploadEvidence(`finding:${id}`, d.file);
  } catch (err) {
    return sayError('pg-msg', err, 'evidence');
  }
  try {
    await api('POST', `/api/v1/audits/findings/${encodeURIComponent(id)}`, {
      status: d.status,
      progress: d.progress.trim(),
    });
  } catch (err) {
    return sayError('pg-msg', err, d.status === 'closed' ? 'finding_close' : 'finding');
  }
  closeDialog();
  await ctx.reload();
  return sayOk('findings-msg', `#${id} ${t('progress_saved')}`);
}

async function showEvidence(button) {
  try {
    openDialog(
      'evidence-dialog',
      `${t('evidence')} #${button.dataset.id}`,
      await evidenceList(`finding:${button.dataset.id}`),
    );
  } catch (err) {
    sayError('findings-error', err);
  }
}

export const actions = {
  'add-finding': addFinding,
  progress: progressDialog,
  'save-progress': saveProgress,
  evidence: showEvidence,
};
