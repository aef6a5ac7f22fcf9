// Imports (analysts): download the template of a kind (the header row its reader expects),
// upload a file, watch the rows written, read the result in plain words — "imported N rows"
// or "refused, nothing imported" — and the rejected rows under the name of their file.
import { api, upload } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../widgets/errors.js';
import { esc } from '../widgets/escape.js';
import { formValues, options, valueOf } from '../widgets/form.js';
import { problemText } from '../widgets/problems.js';

export const name = 'imports';
export const title = 'nav_imports';

const KINDS = ['air', 'stations', 'sections', 'water', 'plan', 'units', 'projects', 'values'];
// The job is asked for its progress this often while it runs.
const POLL_MS = 400;

const templateHref = (kind) => `/api/v1/imports/template?kind=${encodeURIComponent(kind)}`;

export function render(ctx) {
  const kinds = options(KINDS.map((k) => [k, t('kind_' + k)]));
  ctx.show(
    `<section class="panel"><h3>${t('nav_imports')}</h3>` +
      `<form id="import-form" class="controls" data-action="import">` +
      `<select name="kind" id="import-kind" data-action="kind">${kinds}</select>` +
      `<a class="button" id="import-template" href="${templateHref(KINDS[0])}" download>${t('import_template')}</a>` +
      `<input type="file" name="file" accept=".csv,.xlsx,.gz,.xz" required>` +
      `<label><input type="checkbox" name="skip"> ${t('skip_bad_rows')}</label><button>${t('start_import')}</button></form>` +
      `<p id="import-status"></p><progress id="import-progress" hidden></progress>` +
      `<div id="import-rejects-of" hidden><h4 id="import-rejects-title"></h4><ul id="import-rejects"></ul></div>` +
      `<p class="note">${t('import_note')}</p></section>`,
  );
}

const pause = (ms) =>
  // eslint-disable-next-line no-restricted-globals -- polling interval, not a handler
  new Promise((resolve) => setTimeout(resolve, ms));

async function startImport(form) {
  const f = formValues(form);
  const status = document.getElementById('import-status');
  const bar = document.getElementById('import-progress');
  try {
    const q = `kind=${f.kind}&name=${encodeURIComponent(f.file.name)}&skip_bad_rows=${f.skip ? 'true' : 'false'}`;
    const started = await upload(`/api/v1/imports?${q}`, f.file);
    bar.hidden = false;
    for (;;) {
      const job = await api('GET', `/api/v1/imports/${started.id}`);
      status.textContent = `${t('rows_written')}: ${job.rows_written}`;
      if (job.state !== 'running') {
        bar.hidden = true;
        const ok = job.state === 'done' && job.outcome !== 'rejected';
        status.textContent = resultText(job, f.file.name);
        status.className = ok ? 'ok' : 'error';
        // The rejected rows under the name of the file they come from.
        const box = document.getElementById('import-rejects-of');
        box.hidden = job.rejects.length === 0;
        document.getElementById('import-rejects-title').textContent = t('import_rejects_of')
          .replace('{file}', f.file.name)
          .replace('{n}', job.rows_rejected || job.rejects.length);
        // Each reason in the page's language from its code (the sentence when there is none).
        const problems =
          job.problems ?? job.rejects.map((text) => ({ code: 'other', args: { text } }));
        document.getElementById('import-rejects').innerHTML = problems
          .map((p) => `<li data-code="${esc(p.code)}">${esc(problemText(p, f.file.name))}</li>`)
          .join('');
        document.body.dataset.import = job.state;
        break;
      }
      await pause(POLL_MS);
    }
  } catch (err) {
    status.textContent = errorText(err);
    status.className = 'error';
  }
}

// The result in plain words: how many rows were imported, or that nothing was.
function resultText(job, file) {
  const say = (key) =>
    t(key)
      .replace('{file}', file)
      .replace('{n}', job.rows_inserted + job.rows_revised)
      .replace('{inserted}', job.rows_inserted)
      .replace('{revised}', job.rows_revised)
      .replace('{unchanged}', job.rows_unchanged)
      .replace('{rejected}', job.rows_rejected);
  if (job.state !== 'done' || job.outcome === 'rejected') {
    // A failed table's first bad row in the page's language; another error as the server says it.
    const why = job.error_problem ? problemText(job.error_problem, file) : job.error;
    return `${say('import_refused')}${why ? ` ${why}` : ''}`;
  }
  if (job.outcome === 'unchanged') return say('import_unchanged');
  return say(job.rows_rejected ? 'import_imported_skipped' : 'import_imported');
}

export const actions = {
  import: startImport,
  // The template link follows the kind chosen.
  kind: () => {
    document.getElementById('import-template').href = templateHref(valueOf('#import-kind'));
  },
};
