// Scoring runs (考核批次): a scheme's runs for a year and their life — analysts and
// administrators score a draft on what the store holds, review it (复核); a leader approves a
// reviewed run (审定), which is then frozen; a correction is a new run naming the approved run
// it replaces, and approving it marks the old one superseded. Each run links to its ranking
// and cards. Leaders see drafts only once reviewed; auditors approved and superseded runs.
// A run belongs to a region and ranks that region's subjects: a county's users score their
// own towns and departments, and read their rows of the runs of the regions above them.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { hasRole } from '../session.js';
import {
  beijingTime,
  beijingYear,
  loadSchemes,
  runState,
  schemeName,
  schemeSelect,
  yearSelect,
} from '../parts/assessment-common.js';
import { esc } from '../widgets/escape.js';
import { sayError, sayOk } from '../widgets/errors.js';
import { formValues, options, valueOf } from '../widgets/form.js';
import { regionField, regionLabel } from '../widgets/regions.js';
import { table } from '../widgets/table.js';

export const name = 'runs';
export const title = 'nav_runs';

const who = (by, at) => (by ? `${esc(by)}<div class="note">${esc(beijingTime(at))}</div>` : '');

function createForm(v) {
  const approved = v.runs.filter((r) => r.state === 'approved');
  const replaces = options(
    [
      ['', t('new_run_no_correction')],
      ...approved.map((r) => [String(r.id), `${t('correct_run')} #${r.id}`]),
    ],
    v.replaces,
  );
  const official = v.scheme.subject_kind === 'official';
  const region = regionField(v.regionsAnswer, 'run-region', t('region'));
  return (
    `<section class="panel"><h3>${t('create_run')} · ${esc(schemeName(v.scheme))} · ${v.year}</h3>` +
    `<form id="run-form" class="entry-form" data-action="create">` +
    region +
    `<label>${t('correction_of')} <select name="replaces" id="run-replaces">${replaces}</select></label>` +
    (official
      ? `<label class="wide">${t('run_people')} <select name="subjects" id="run-subjects" multiple required size="4">` +
        `${options(v.people)}</select></label>`
      : `<label class="wide">${t('run_subjects')} <input name="subjects" id="run-subjects" ` +
        `placeholder="${t('run_subjects_all')}"></label>`) +
    `<button type="submit" id="run-create">${t('create_run_button')}</button></form>` +
    `<p id="run-msg" class="note" role="status">${t('create_run_note')}</p>` +
    (region ? `<p class="note">${t('create_run_region_note')}</p>` : '') +
    '</section>'
  );
}

function runsTable(v) {
  // A run of a region above the user's is read here, moved on by that region's users.
  const ours = (r) => v.regions.some((x) => x.code === r.region);
  const mayReview = (r) => hasRole('admin', 'analyst') && ours(r);
  const mayApprove = (r) => hasRole('leader') && ours(r);
  const link = (r) => {
    const q = `scheme=${encodeURIComponent(r.scheme)}&year=${r.year}&run=${r.id}`;
    return `<a class="run-ranking" href="#/rankings?${q}">${t('view_ranking')}</a>`;
  };
  const step = (r) => {
    if (r.state === 'draft' && mayReview(r)) {
      return `<button class="run-review" data-action="review" data-id="${r.id}">${t('mark_reviewed')}</button>`;
    }
    if (r.state === 'reviewed' && mayApprove(r)) {
      return `<button class="run-approve" data-action="approve" data-id="${r.id}">${t('approve')}</button>`;
    }
    if (r.state === 'approved' && mayReview(r)) {
      return `<button class="run-correct" data-action="correct" data-id="${r.id}" data-region="${esc(r.region)}">${t('correct_run')}</button>`;
    }
    return '';
  };
  const links = (r) => {
    const parts = [];
    if (r.replaces) parts.push(`${t('replaces')} #${r.replaces}`);
    if (r.replaced_by) parts.push(`${t('replaced_by')} #${r.replaced_by}`);
    return esc(parts.join(' · '));
  };
  return table(
    'runs-table',
    [
      { key: 'id', label: '#' },
      ...(v.named.length > 1
        ? [{ key: 'region', label: t('region'), html: (r) => esc(regionLabel(v.named, r.region)) }]
        : []),
      { key: 'state', label: t('status'), html: runState },
      { key: 'created_by', label: t('created'), html: (r) => who(r.created_by, r.created_at) },
      { key: 'reviewed_by', label: t('reviewed'), html: (r) => who(r.reviewed_by, r.reviewed_at) },
      { key: 'approved_by', label: t('approved'), html: (r) => who(r.approved_by, r.approved_at) },
      { key: 'replaces', label: t('correction'), html: links },
      {
        key: 'record_sha256',
        label: 'SHA-256',
        html: (r) => `<code>${esc(r.record_sha256.slice(0, 12))}…</code>`,
      },
      { key: 'actions', label: '', html: (r) => `${link(r)} ${step(r)}` },
    ],
    v.runs,
    { row: (r) => ({ 'data-id': r.id, 'data-state': r.state }) },
  );
}

export async function render(ctx) {
  const schemes = await loadSchemes();
  const id = ctx.params.get('scheme') ?? schemes.find((s) => s.period === 'year')?.id;
  const scheme = schemes.find((s) => s.id === id) ?? schemes[0];
  const year = Number(ctx.params.get('year') ?? beijingYear() - 1);
  const [r, regions] = await Promise.all([
    api('GET', `/api/v1/assessments/runs?scheme=${encodeURIComponent(scheme.id)}&year=${year}`),
    api('GET', '/api/v1/regions'),
  ]);
  const v = {
    scheme,
    year,
    runs: r.runs,
    replaces: ctx.params.get('replaces') ?? '',
    people: [],
    region: regions.region,
    regions: regions.regions,
    regionsAnswer: regions,
    named: [...regions.above, ...regions.regions],
  };
  // An official's audit scores the people it names: offered as a list to pick from.
  if (scheme.subject_kind === 'official' && hasRole('admin', 'analyst')) {
    const found = await api(
      'GET',
      `/api/v1/assessments/subjects?scheme=${encodeURIComponent(scheme.id)}`,
    ).catch(() => ({ subjects: [] }));
    v.people = found.subjects.map((p) => [p.id, `${p.id} ${p.name}`]);
  }
  ctx.view = v;
  const controls =
    `<div class="controls"><label>${t('scheme')} ${schemeSelect('rn-scheme', schemes, scheme.id, 'pick')}</label>` +
    `<label>${t('year')} ${yearSelect('rn-year', [beijingYear() - 1, beijingYear() - 2], year, 'pick')}</label>` +
    `<a class="button" href="#/entries?scheme=${encodeURIComponent(scheme.id)}&year=${year}">${t('nav_entries')}</a></div>`;
  ctx.show(
    `<section class="panel"><h3>${t('nav_runs')} · ${esc(schemeName(scheme))} · ${year}</h3>${controls}` +
      `<p class="note">${t('run_life_note')}</p><p class="error" id="runs-error" role="alert"></p>` +
      `<p id="runs-msg" class="ok" role="status"></p>` +
      runsTable(v) +
      '</section>' +
      (hasRole('admin', 'analyst') ? createForm(v) : ''),
  );
}

async function create(form, ctx) {
  const d = formValues(form);
  const v = ctx.view;
  const body = { scheme: v.scheme.id, year: v.year };
  // A list of people (an official's audit) or ids typed in.
  const picked = new FormData(form).getAll('subjects').map(String);
  const subjects = picked
    .flatMap((text) => text.split(/[\s,，;；、]+/))
    .map((s) => s.trim())
    .filter(Boolean);
  if (subjects.length) body.subjects = subjects;
  if (d.replaces) body.replaces = Number(d.replaces);
  if (d.region) body.region = d.region;
  try {
    const made = await api('POST', '/api/v1/assessments/runs', body);
    await ctx.reload();
    return sayOk('runs-msg', `${t('run_created')} #${made.run.id}`);
  } catch (err) {
    return sayError('run-msg', err, 'run');
  }
}

// Review (draft → reviewed) or approve (reviewed → approved); the button's action names it.
async function move(button, ctx) {
  const step = button.dataset.action;
  try {
    await api(
      'POST',
      `/api/v1/assessments/runs/${encodeURIComponent(button.dataset.id)}/${step}`,
      {},
    );
    await ctx.reload();
    return sayOk(
      'runs-msg',
      `#${button.dataset.id} ${step === 'approve' ? t('run_approved_ok') : t('run_reviewed_ok')}`,
    );
  } catch (err) {
    return sayError('runs-error', err, 'run');
  }
}

export const actions = {
  pick: (el, ctx) =>
    ctx.navigate(
      `runs?scheme=${encodeURIComponent(valueOf('#rn-scheme'))}&year=${encodeURIComponent(valueOf('#rn-year'))}`,
    ),
  create,
  review: move,
  approve: move,
  // A correction: the create form, naming the approved run it replaces.
  correct: (button) => {
    const select = document.getElementById('run-replaces');
    if (!select) return;
    select.value = button.dataset.id;
    // A correction is of the corrected run's region.
    const region = document.getElementById('run-region');
    if (region?.tagName === 'SELECT') region.value = button.dataset.region;
    document.getElementById('run-form').scrollIntoView();
    document.getElementById('run-subjects').focus();
  },
};
