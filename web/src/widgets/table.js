// A table with CSV (in the browser, cells through csv.js) and xlsx (server side) export.
// columns: [{key, label, html?, raw?}]; html(row) gives the cell's markup, else the escaped value;
// raw marks a column of codes or stored text shown as stored (identifiers, the change record).
// options.row(row) gives the <tr>'s attributes, e.g. {'data-id': row.id}.
// The export buttons are handled by the shared actions below (delegated, see main.js).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { attrs, esc } from './escape.js';
import { csvText } from './csv.js';
import { download } from './download.js';

// What each table on the page shows, by id, for its export buttons.
const shown = new Map();

export function table(id, columns, rows, options = {}) {
  shown.set(id, { columns, rows });
  const head = columns.map((c) => `<th>${esc(c.label)}</th>`).join('');
  const cell = (c, r) =>
    `<td${c.raw ? ' data-raw' : ''}>${c.html ? c.html(r) : esc(r[c.key])}</td>`;
  const body = rows
    .map((r) => `<tr${attrs(options.row?.(r))}>${columns.map((c) => cell(c, r)).join('')}</tr>`)
    .join('');
  const empty = `<tr><td colspan="${columns.length}">${t('no_data')}</td></tr>`;
  const xlsx = session.user
    ? `<button class="xlsx" data-action="export-xlsx" data-table="${esc(id)}">${t('export_xlsx')}</button>`
    : '';
  return (
    `<div id="${esc(id)}"><div class="controls">` +
    `<button class="csv" data-action="export-csv" data-table="${esc(id)}">${t('export_csv')}</button>${xlsx}</div>` +
    `<div class="table-scroll"><table><thead><tr>${head}</tr></thead>` +
    `<tbody>${body || empty}</tbody></table></div></div>`
  );
}

// Forgets the tables no longer on the page (after the page or a panel is drawn again).
export function forgetTables() {
  for (const id of shown.keys()) if (!document.getElementById(id)) shown.delete(id);
}

export const tableActions = {
  'export-csv': (el) => {
    if (!shown.has(el.dataset.table)) return;
    const { columns, rows } = shown.get(el.dataset.table);
    const text = csvText([
      columns.map((c) => c.label),
      ...rows.map((r) => columns.map((c) => r[c.key])),
    ]);
    download(new Blob(['\ufeff' + text], { type: 'text/csv' }), `${el.dataset.table}.csv`);
  },
  'export-xlsx': async (el) => {
    const id = el.dataset.table;
    if (!shown.has(id)) return;
    const { columns, rows } = shown.get(id);
    const res = await api('POST', '/api/v1/export/xlsx', {
      sheet: id,
      header: columns.map((c) => c.label),
      rows: rows.map((r) => columns.map((c) => r[c.key] ?? null)),
    });
    download(await res.blob(), `${id}.xlsx`);
  },
};
