// What the assessment pages share: the built-in schemes and their names, the Beijing year,
// the scheme and year pickers, and evidence uploads.
import { api, upload } from '../api.js';
import { pick, t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options } from '../widgets/form.js';
import { beijingTime, beijingToday, beijingYear } from '../widgets/time.js';

export const EVIDENCE_TYPES = '.pdf,.ofd,.jpg,.jpeg,.png,.xlsx,.xls,.docx,.doc,.csv,.txt,.zip';

// Times and the year in Beijing time (shared with every page).
export { beijingTime, beijingToday, beijingYear };

export async function loadSchemes() {
  const r = await api('GET', '/api/v1/assessments/schemes');
  return r.schemes;
}

export const schemeName = (s) => (s ? pick(s.name, s.name_en || s.name) : '');

// The name of an item or event of a scheme, in the interface's language (the id if unknown).
export function partName(scheme, id) {
  const part = [...(scheme?.items ?? []), ...(scheme?.events ?? [])].find((x) => x.id === id);
  return part ? pick(part.name, part.name_en || part.name) : id;
}

// A <select> of the schemes (id → name) with this element id and action.
export const schemeSelect = (id, schemes, current, action) =>
  `<select id="${id}" data-action="${action}" style="max-width:18rem">` +
  options(
    schemes.map((s) => [s.id, schemeName(s)]),
    current,
  ) +
  '</select>';

// A <select> of years: the given ones (newest first) and the current Beijing year.
export function yearSelect(id, years, current, action) {
  const all = [...new Set([beijingYear(), ...years.map(Number), Number(current)])]
    .filter((y) => y > 1999)
    .sort((a, b) => b - a);
  return (
    `<select id="${id}" data-action="${action}">` +
    options(
      all.map((y) => [String(y), String(y)]),
      String(current),
    ) +
    '</select>'
  );
}

// Attaches a file to an assessment object (value:..., event:N, finding:N).
export const uploadEvidence = (object, file) =>
  upload(
    `/api/v1/assessments/evidence?object=${encodeURIComponent(object)}&name=${encodeURIComponent(file.name)}`,
    file,
  );

// The evidence files of an object as a list of downloads, with their sizes and digests.
export async function evidenceList(object) {
  const r = await api('GET', `/api/v1/assessments/evidence?object=${encodeURIComponent(object)}`);
  if (!r.evidence.length) return `<p class="note">${t('no_evidence')}</p>`;
  return (
    '<ul class="evidence-list">' +
    r.evidence
      .map(
        (e) =>
          `<li><a class="ev-download" href="/api/v1/assessments/evidence/${e.file_id}" download>${esc(e.file_name)}</a> <span class="note">${(e.size / 1024).toFixed(1)} KiB · SHA-256 ${esc(e.sha256.slice(0, 16))}…</span></li>`,
      )
      .join('') +
    '</ul>'
  );
}

// A run's state as a coloured label; an approved run is frozen.
export function runState(run) {
  const cls = {
    draft: 'state-draft',
    reviewed: 'state-reviewed',
    approved: 'ok',
    superseded: 'note',
  };
  const frozen = run.state === 'approved' ? ` · ${t('frozen')}` : '';
  return `<span class="run-state ${cls[run.state] ?? ''}" data-state="${esc(run.state)}">${esc(t('run_' + run.state))}${frozen}</span>`;
}
