// Indicators (指标): the readiness table of a year with filters by domain, owner and status,
// UNVERIFIED rows marked, the summary, exports; a unit's data entry with evidence, per-row
// submit; analysts' accept / return with a reason.
import { api, upload } from '../api.js';
import { pick, t, tOr } from '../i18n.js';
import { hasRole } from '../session.js';
import { domainText, targetText } from '../widgets/verdict.js';
import { esc } from '../widgets/escape.js';
import { formValues, options, say, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'indicators';
export const title = 'nav_indicators';

const VERDICT_CLASS = { met: 'ok', not_met: 'bad', error: 'bad' };
const STATUSES = [
  'met',
  'not_met',
  'no_data',
  'not_applicable',
  'error',
  'not_judged',
  'draft',
  'submitted',
  'returned',
  'accepted',
];
const EVIDENCE_TYPES = '.pdf,.ofd,.jpg,.jpeg,.png,.xlsx,.xls,.docx,.doc,.csv,.txt,.zip';

const statusText = (v) => tOr('verdict_' + v, t('state_' + v));

// A filter: a <select> with "all" first.
const filter = (id, values, current, label) =>
  `<label>${label} <select id="${id}" data-action="filter">` +
  `<option value="">${t('all')}</option>${options(values, current)}</select></label>`;

// Where a row's value comes from: an engine indicator is computed from the monitoring data
// in the store when read, or shows a reported value for a year without data.
function valueCell(x) {
  const from =
    x.value_source === 'engine'
      ? t('value_from_engine')
      : x.source === 'engine' && x.value_source === 'reported'
        ? t('value_reported_no_data')
        : '';
  return esc(x.value ?? '') + (from ? `<div class="note value-source">${from}</div>` : '');
}

// The rule of "can apply" in the page's language (the server's `rule` is its Chinese text).
const applyRule = (s) =>
  t('apply_rule') +
  (s.min_reference_percent
    ? t('apply_rule_reference').replace('{percent}', s.min_reference_percent)
    : '') +
  t('apply_rule_unverified');

// The engine figures of the year (computed now from the store's data), named in words.
function engineFigures(list) {
  if (!list?.length) return '';
  const one = (e) =>
    `<span data-figure="${esc(e.figure)}">${esc(tOr('figure_' + e.figure.replace('.', '_'), e.figure))} ` +
    `<b>${esc(e.value ?? t('no_data'))}</b></span>`;
  return `<p class="note" id="engine-figures">${t('engine_figures')}: ${list.map(one).join(' · ')}</p>`;
}

function summary(s) {
  if (!s) return '';
  const card = (label, big, extra = '') =>
    `<div class="card"><div>${label}</div>${big}${extra}</div>`;
  return (
    `<div class="cards" id="ind-summary">` +
    card(t('binding_met'), `<div class="big">${s.binding_met} / ${s.binding_total}</div>`) +
    card(t('reference_met'), `<div class="big">${s.reference_met} / ${s.reference_total}</div>`) +
    card(t('no_data'), `<div class="big">${s.no_data}</div>`) +
    card(
      t('can_apply'),
      `<div class="big ${s.can_apply ? 'ok' : 'bad'}" id="can-apply">${s.can_apply ? t('yes') : t('no')}</div>`,
      `<div class="note" id="apply-rule">${esc(applyRule(s))}</div>`,
    ) +
    card(
      t('unverified_rows'),
      `<div class="big"><span class="unverified-mark">${s.unverified_rows}</span></div>`,
    ) +
    '</div>'
  );
}

function entryForm(r, enterable) {
  if (!enterable.length) return '';
  const choices = enterable.map((x) => [x.id, `${x.id} ${pick(x.name_zh, x.name_en)}`]);
  return (
    `<section class="panel"><h3>${t('data_entry')}${r.unit ? ' · ' + esc(r.unit) : ''}</h3>` +
    `<form id="entry-form" class="controls" data-action="enter"><select name="id" id="entry-id">${options(choices)}</select>` +
    `<input name="value" id="entry-value" placeholder="${t('value')}" required>` +
    `<input name="note" id="entry-note" placeholder="${t('note')}">` +
    `<label>${t('evidence')} <input type="file" name="file" id="entry-file" accept="${EVIDENCE_TYPES}"></label>` +
    `<button type="submit" id="entry-save" data-submit="0">${t('save_draft')}</button>` +
    `<button type="submit" id="entry-submit" data-submit="1">${t('save_submit')}</button></form>` +
    `<p id="entry-msg" class="note">${t('entry_note')}</p></section>`
  );
}

function columns(canReview) {
  const id = (x) => esc(x.id);
  const unverified = `<span class="unverified-mark" title="${t('unverified_hint')}">UNVERIFIED 未核实</span>`;
  const actions = (x) => {
    let out = '';
    if (x.may_enter && ['draft', 'returned'].includes(x.entry?.status)) {
      out += `<button class="ind-submit" data-action="submit" data-id="${id(x)}">${t('submit')}</button>`;
    }
    if (canReview && x.may_review) {
      out +=
        `<input class="ind-reason" data-id="${id(x)}" placeholder="${t('reason')}"> ` +
        `<button class="ind-review" data-id="${id(x)}" data-action="accept">${t('accept')}</button> ` +
        `<button class="ind-review" data-id="${id(x)}" data-action="return">${t('return')}</button>`;
    }
    return out;
  };
  return [
    { key: 'id', label: t('id'), raw: true },
    { key: 'domain_text', label: t('domain') },
    {
      key: 'name_csv',
      label: t('name'),
      html: (x) =>
        `<a class="ind-open" href="#/indicator?id=${encodeURIComponent(x.id)}&year=${x.year}" title="${t('ind_open')}">${esc(x.name)}</a>` +
        (x.unverified ? ' ' + unverified : ''),
    },
    { key: 'binding_text', label: t('binding') },
    { key: 'value', label: t('value'), html: valueCell },
    { key: 'unit', label: t('unit_of') },
    { key: 'target_text', label: t('target') },
    { key: 'gap', label: t('gap') },
    { key: 'trend', label: t('trend'), html: (x) => esc(x.trend ? t('trend_' + x.trend) : '') },
    { key: 'owner', label: t('owner') },
    {
      key: 'verdict_text',
      label: t('verdict'),
      html: (x) => `<span class="${VERDICT_CLASS[x.verdict] ?? ''}">${esc(x.verdict_text)}</span>`,
    },
    { key: 'entry_value', label: t('entered') },
    {
      key: 'entry_status',
      label: t('review_state'),
      html: (x) =>
        `<span class="entry-status" data-state="${esc(x.entry?.status ?? '')}">${esc(x.entry_status)}</span>` +
        (x.entry?.review_reason ? `<div class="note">${esc(x.entry.review_reason)}</div>` : ''),
    },
    {
      key: 'evidence_files',
      label: t('evidence'),
      html: (x) =>
        x.evidence_files
          ? `<button class="ev-list" data-action="evidence" data-id="${id(x)}">${x.evidence_files}</button>`
          : '0',
    },
    { key: 'actions', label: '', html: actions },
  ];
}

export async function render(ctx) {
  const year = ctx.params.get('year');
  const r = await api(
    'GET',
    `/api/v1/indicators${year ? `?year=${encodeURIComponent(year)}` : ''}`,
  );
  ctx.view.year = r.year;
  const all = r.indicators;
  const domains = [...new Set(all.map((x) => x.domain))].map((d) => [d, domainText(d)]);
  const owners = [...new Set(all.flatMap((x) => x.owner.split(';')).filter(Boolean))];
  const f = {
    domain: ctx.params.get('domain') || '',
    owner: ctx.params.get('owner') || '',
    status: ctx.params.get('status') || '',
  };
  const shown = (x) =>
    (!f.domain || x.domain === f.domain) &&
    (!f.owner || x.owner.split(';').includes(f.owner)) &&
    (!f.status || x.verdict === f.status || x.entry?.status === f.status);
  const rows = all.filter(shown).map((x) => ({
    ...x,
    year: r.year,
    name: pick(x.name_zh, x.name_en),
    binding_text: t('binding_' + x.binding),
    verdict_text: t('verdict_' + x.verdict),
    target_text: targetText(x, r.year),
    domain_text: domainText(x.domain),
    name_csv: pick(x.name_zh, x.name_en) + (x.unverified ? ' [UNVERIFIED]' : ''),
    entry_value: x.entry?.value ?? '',
    entry_status: x.entry ? t('state_' + x.entry.status) : '',
  }));
  const exportLinks = r.summary
    ? `<a class="button" href="/api/v1/indicators/export?year=${r.year}&format=xlsx">${t('export_readiness_xlsx')}</a> ` +
      `<a class="button" href="/api/v1/indicators/export?year=${r.year}&format=csv">${t('export_readiness_csv')}</a>`
    : '';
  ctx.show(
    `<section class="panel"><h3>${t('nav_indicators')} · ${r.year} <span class="note">${esc(r.catalogue)}</span></h3>` +
      `<div class="controls"><label>${t('year')} <input id="f-year" type="number" value="${r.year}" style="width:5rem" data-action="filter"></label>` +
      filter('f-domain', domains, f.domain, t('domain')) +
      filter('f-owner', owners, f.owner, t('owner')) +
      filter(
        'f-status',
        STATUSES.map((s) => [s, statusText(s)]),
        f.status,
        t('status'),
      ) +
      `<span class="spacer"></span>${exportLinks}</div>${summary(r.summary)}${engineFigures(r.engine_figures)}<p class="error" id="ind-error"></p>` +
      table('indicators-table', columns(hasRole('analyst', 'admin')), rows, {
        row: (x) => ({ 'data-id': x.id, class: x.unverified ? 'unverified' : '' }),
      }) +
      '</section>' +
      `<section class="panel" id="evidence-panel" hidden><h3>${t('evidence')} <span id="evidence-of"></span></h3>` +
      `<ul id="evidence-files"></ul><p class="note">${t('evidence_note')}</p></section>` +
      entryForm(
        r,
        all.filter((x) => x.may_enter),
      ),
  );
}

async function evidence(button, ctx) {
  try {
    const id = encodeURIComponent(button.dataset.id);
    const ev = await api('GET', `/api/v1/indicators/${id}/evidence?year=${ctx.view.year}`);
    const item = (e) =>
      '<li>' +
      (e.intact
        ? `<a class="ev-download" href="/api/v1/indicators/${id}/evidence/${e.file_id}" download>${esc(e.file_name)}</a>`
        : `<span class="bad">${esc(e.file_name)} · ${t('evidence_altered')}</span>`) +
      ` <span class="note">${(e.size / 1024).toFixed(1)} KiB · SHA-256 ${esc(e.sha256.slice(0, 16))}…</span></li>`;
    say('evidence-of', `${button.dataset.id} · ${ev.year}`);
    document.getElementById('evidence-files').innerHTML = ev.evidence.map(item).join('');
    const panel = document.getElementById('evidence-panel');
    panel.hidden = false;
    ctx.view.reopen = { what: '#evidence-panel', again: (next) => evidence(button, next) };
    panel.scrollIntoView();
  } catch (err) {
    say('ind-error', err);
  }
}

async function submitValue(button, ctx) {
  try {
    await api('POST', `/api/v1/indicators/${encodeURIComponent(button.dataset.id)}/submit`, {
      year: ctx.view.year,
    });
    await ctx.reload();
  } catch (err) {
    say('ind-error', err);
  }
}

// The buttons' data-action is the review decision (accept, return).
async function review(button, ctx) {
  const reason = valueOf(`input.ind-reason[data-id="${button.dataset.id}"]`);
  const action = button.dataset.action;
  if (action === 'return' && !reason) return say('ind-error', t('reason_required'));
  try {
    await api('POST', `/api/v1/indicators/${encodeURIComponent(button.dataset.id)}/review`, {
      year: ctx.view.year,
      action,
      reason,
    });
    return ctx.reload();
  } catch (err) {
    return say('ind-error', err);
  }
}

// Save a value (draft), attach the evidence file, and submit when the submit button was used.
async function enter(form, ctx, event) {
  const submit = event.submitter?.dataset.submit === '1';
  const d = formValues(form);
  const id = encodeURIComponent(d.id);
  const year = ctx.view.year;
  try {
    await api('POST', `/api/v1/indicators/${id}/values`, { year, value: d.value, note: d.note });
    if (d.file && d.file.size > 0) {
      await upload(
        `/api/v1/indicators/${id}/evidence?year=${year}&name=${encodeURIComponent(d.file.name)}`,
        d.file,
      );
    }
    if (submit) await api('POST', `/api/v1/indicators/${id}/submit`, { year });
    await ctx.reload();
    say('entry-msg', submit ? t('submitted_ok') : t('saved'));
  } catch (err) {
    say('entry-msg', err, 'error');
  }
}

function applyFilters(el, ctx) {
  const q = new URLSearchParams({
    year: valueOf('#f-year'),
    domain: valueOf('#f-domain'),
    owner: valueOf('#f-owner'),
    status: valueOf('#f-status'),
  });
  return ctx.navigate(`indicators?${q}`);
}

export const actions = {
  filter: applyFilters,
  evidence,
  submit: submitValue,
  accept: review,
  return: review,
  enter,
};
