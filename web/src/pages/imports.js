// Imports (analysts): upload a file, watch the rows written, read the result and the
// rejected rows.
import { api, upload } from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { formValues, options } from '../widgets/form.js';

export const name = 'imports';
export const title = 'nav_imports';

const KINDS = ['air', 'stations', 'sections', 'water', 'plan', 'units', 'projects', 'values'];
// The job is asked for its progress this often while it runs.
const POLL_MS = 400;

export function render(ctx) {
  const kinds = options(KINDS.map((k) => [k, t('kind_' + k)]));
  ctx.show(
    `<section class="panel"><h3>${t('nav_imports')}</h3>` +
      `<form id="import-form" class="controls" data-action="import">` +
      `<select name="kind">${kinds}</select><input type="file" name="file" accept=".csv,.xlsx,.gz,.xz" required>` +
      `<label><input type="checkbox" name="skip"> ${t('skip_bad_rows')}</label><button>${t('start_import')}</button></form>` +
      `<p id="import-status"></p><progress id="import-progress" hidden></progress><ul id="import-rejects"></ul>` +
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
        status.textContent =
          job.state === 'done'
            ? `${t('import_done')}: ${job.summary}`
            : `${t('import_failed')}: ${job.error}`;
        status.className = job.state === 'done' && job.outcome !== 'rejected' ? 'ok' : 'error';
        document.getElementById('import-rejects').innerHTML = job.rejects
          .map((r) => `<li>${esc(r)}</li>`)
          .join('');
        document.body.dataset.import = job.state;
        break;
      }
      await pause(POLL_MS);
    }
  } catch (err) {
    status.textContent = err.message;
    status.className = 'error';
  }
}

export const actions = { import: startImport };
