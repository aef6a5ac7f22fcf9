// Assessment entry (考核填报): what a scheme's year is scored on. A unit reporter enters its
// own unit's item values with an evidence file; analysts and administrators enter values for
// any subject and record deductions, bonuses and vetoes (date, count, reason, evidence) and
// withdraw them with a reason. Everything entered is in the change record; every role sees
// the values and events it may (a reporter: its own unit's).
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { hasRole } from '../session.js';
import {
  beijingTime,
  beijingYear,
  EVIDENCE_TYPES,
  evidenceList,
  loadSchemes,
  partName,
  schemeSelect,
  uploadEvidence,
  yearSelect,
} from '../parts/assessment-common.js';
import { openDialog } from '../widgets/dialog.js';
import { esc } from '../widgets/escape.js';
import { sayError, sayOk } from '../widgets/errors.js';
import { formValues, options, say, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'entries';
export const title = 'nav_entries';

const KIND_TEXT = { deduction: 'event_deduction', bonus: 'event_bonus', veto: 'event_veto' };

function valueForm(v) {
  const s = v.scheme;
  const tenure = s.period === 'tenure';
  const points = tenure
    ? `<label>${t('value_point')} <select name="point" id="val-point">${options([
        ['start', t('point_start')],
        ['end', t('point_end')],
      ])}</select></label>`
    : '';
  const items = s.items.map((i) => [
    i.id,
    `${pick(i.name, i.name_en || i.name)}${i.unit ? ` (${i.unit})` : ''}`,
  ]);
  return (
    `<section class="panel"><h3>${t('enter_value')}</h3>` +
    `<form id="value-form" class="entry-form" data-action="save-value">` +
    `<label>${t('subject')} <select name="subject" id="val-subject" required>${options(v.subjects, v.shown)}</select></label>` +
    `<label>${t('item')} <select name="item" id="val-item" required>${options(items)}</select></label>${points}` +
    `<label>${t('value')} <input name="value" id="val-value" inputmode="decimal" maxlength="40" required></label>` +
    `<label class="wide">${t('note')} <input name="note" id="val-note" maxlength="2000" placeholder="${t('value_note_hint')}"></label>` +
    `<label class="wide">${t('evidence')} <input type="file" name="file" id="val-file" accept="${EVIDENCE_TYPES}"></label>` +
    `<button type="submit" id="val-save">${t('save')}</button></form>` +
    `<p id="val-msg" class="note" role="status">${t('value_entry_note')}</p></section>`
  );
}

function eventForm(v) {
  const events = v.scheme.events.map((e) => [
    e.id,
    `${t(KIND_TEXT[e.kind])} · ${pick(e.name, e.name_en || e.name)}${e.per_event ? ` (${e.per_event})` : ''}`,
  ]);
  if (!events.length) return '';
  const year = v.year;
  return (
    `<section class="panel"><h3>${t('record_event')}</h3>` +
    `<form id="event-form" class="entry-form" data-action="save-event">` +
    `<label>${t('subject')} <select name="subject" id="ev-subject" required>${options(v.subjects, v.shown)}</select></label>` +
    `<label>${t('event_item')} <select name="item" id="ev-item" required>${options(events)}</select></label>` +
    `<label>${t('date')} <input type="date" name="date" id="ev-date" required min="${year}-01-01" max="${year}-12-31"></label>` +
    `<label>${t('count')} <input type="number" name="count" id="ev-count" min="1" max="100000" step="1" value="1" required></label>` +
    `<label class="wide">${t('reason')} <input name="reason" id="ev-reason" maxlength="2000" required></label>` +
    `<label class="wide">${t('evidence')} <input type="file" name="file" id="ev-file" accept="${EVIDENCE_TYPES}"></label>` +
    `<button type="submit" id="ev-save">${t('record')}</button></form>` +
    `<p id="ev-msg" class="note" role="status"></p></section>`
  );
}

function valuesTable(v) {
  const rows = v.values.map((x) => ({
    ...x,
    subject_name: v.names[x.subject] ?? x.subject,
    item_name: partName(v.scheme, x.item),
    point_text: x.point === 'year' ? '' : t('point_' + x.point),
    entered_at: beijingTime(x.entered_at),
  }));
  const evidence = (x) =>
    `<button class="val-evidence" data-action="evidence" data-object="${esc(x.object)}">${t('evidence')}</button>`;
  return table(
    'values-table',
    [
      { key: 'subject', label: t('code') },
      { key: 'subject_name', label: t('subject') },
      { key: 'item_name', label: t('item') },
      { key: 'point_text', label: t('value_point') },
      { key: 'value', label: t('value') },
      { key: 'note', label: t('note') },
      { key: 'origin', label: t('origin') },
      { key: 'entered_by', label: t('entered_by') },
      { key: 'entered_at', label: t('entered_at') },
      { key: 'object', label: t('evidence'), html: evidence },
    ],
    rows,
  );
}

function eventsTable(v, mayRecord) {
  const kinds = Object.fromEntries(v.scheme.events.map((e) => [e.id, e.kind]));
  const rows = v.events.map((x) => ({
    ...x,
    subject_name: v.names[x.subject] ?? x.subject,
    item_name: partName(v.scheme, x.item),
    kind_text: kinds[x.item] ? t(KIND_TEXT[kinds[x.item]]) : '',
    entered_at: beijingTime(x.entered_at),
    state_text: x.withdrawn ? `${t('withdrawn')}: ${x.withdrawn}` : t('in_force'),
  }));
  const actions = (x) => {
    const files = !hasRole('reporter')
      ? `<button class="ev-evidence" data-action="evidence" data-object="event:${x.id}">${t('evidence')}</button> `
      : '';
    const withdraw =
      mayRecord && !x.withdrawn
        ? `<input class="ev-withdraw-reason" data-id="${x.id}" placeholder="${t('reason')}" maxlength="2000"> ` +
          `<button class="ev-withdraw" data-action="withdraw" data-id="${x.id}">${t('withdraw')}</button>`
        : '';
    return files + withdraw;
  };
  return table(
    'events-table',
    [
      { key: 'id', label: '#' },
      { key: 'subject_name', label: t('subject') },
      { key: 'kind_text', label: t('event_kind') },
      { key: 'item_name', label: t('event_item') },
      { key: 'date', label: t('date') },
      { key: 'count', label: t('count') },
      { key: 'reason', label: t('reason') },
      { key: 'entered_by', label: t('entered_by') },
      { key: 'entered_at', label: t('entered_at') },
      {
        key: 'state_text',
        label: t('status'),
        html: (x) => `<span class="${x.withdrawn ? 'note' : ''}">${esc(x.state_text)}</span>`,
      },
      { key: 'actions', label: '', html: actions },
    ],
    rows,
    { row: (x) => ({ 'data-id': x.id }) },
  );
}

export async function render(ctx) {
  const schemes = await loadSchemes();
  const id = ctx.params.get('scheme') ?? schemes.find((s) => s.period === 'year')?.id;
  const scheme = schemes.find((s) => s.id === id) ?? schemes[0];
  const year = Number(ctx.params.get('year') ?? beijingYear() - 1);
  const base = `/api/v1/assessments/${encodeURIComponent(scheme.id)}/${year}`;
  const subjects = await api(
    'GET',
    `/api/v1/assessments/subjects?scheme=${encodeURIComponent(scheme.id)}`,
  ).catch((err) => (err.status === 409 ? { subjects: [] } : Promise.reject(err)));
  // One subject's values and events at a time (a scheme's year holds hundreds), unless
  // "all" is picked: by default the first subject the user may enter for.
  const shown = ctx.params.has('subject')
    ? ctx.params.get('subject')
    : (subjects.subjects[0]?.id ?? '');
  const filter = shown ? `?subject=${encodeURIComponent(shown)}` : '';
  const [values, events] = await Promise.all([
    api('GET', `${base}/values${filter}`),
    api('GET', `${base}/events${filter}`),
  ]);
  const v = {
    scheme,
    year,
    shown,
    values: values.values,
    events: events.events,
    subjects: subjects.subjects.map((s) => [s.id, `${s.id} ${s.name}`]),
    names: Object.fromEntries(subjects.subjects.map((s) => [s.id, s.name])),
  };
  ctx.view = v;
  // Reporters enter their own unit's values, never an official's audit values.
  const mayEnter =
    v.subjects.length > 0 &&
    (hasRole('admin', 'analyst') || (hasRole('reporter') && scheme.subject_kind !== 'official'));
  const mayRecord = hasRole('admin', 'analyst');
  const controls =
    `<div class="controls"><label>${t('scheme')} ${schemeSelect('en-scheme', schemes, scheme.id, 'pick')}</label>` +
    `<label>${t('year')} ${yearSelect('en-year', [beijingYear() - 1, beijingYear() - 2], year, 'pick')}</label>` +
    `<label>${t('subject')} <select id="en-subject" data-action="pick" style="max-width:14rem">` +
    `<option value="">${t('all')}</option>${options(v.subjects, shown)}</select></label>` +
    `<a class="button" href="#/runs?scheme=${encodeURIComponent(scheme.id)}&year=${year}">${t('nav_runs')}</a></div>`;
  ctx.show(
    `<section class="panel"><h3>${t('nav_entries')} · ${esc(pick(scheme.name, scheme.name_en))} · ${year}</h3>${controls}` +
      `<p class="note">${esc(scheme.status)}</p>` +
      (v.subjects.length ? '' : `<p class="note">${t('no_subjects_for_you')}</p>`) +
      '</section>' +
      (mayEnter ? valueForm(v) : '') +
      (mayRecord && v.subjects.length ? eventForm(v) : '') +
      `<section class="panel"><h3>${t('entered_values')}</h3>${valuesTable(v)}</section>` +
      `<section class="panel"><h3>${t('recorded_events')}</h3><p class="error" id="events-error" role="alert"></p>${eventsTable(v, mayRecord)}</section>`,
  );
}

// Draws the page again on the subject just entered for (its values and events listed), the
// address updated in place so that the message below survives the drawing.
function showSubject(ctx, subject) {
  const v = ctx.view;
  const q = new URLSearchParams({ scheme: v.scheme.id, year: String(v.year), subject });
  history.replaceState(null, '', `#/entries?${q}`);
  return ctx.reload();
}

// Saves the value, then attaches its evidence file. When the file is refused the value
// stays saved and the message says so.
async function saveValue(form, ctx) {
  const d = formValues(form);
  const v = ctx.view;
  const body = { subject: d.subject, item: d.item, value: d.value.trim(), note: d.note.trim() };
  if (d.point) body.point = d.point;
  let saved;
  try {
    saved = await api(
      'POST',
      `/api/v1/assessments/${encodeURIComponent(v.scheme.id)}/${v.year}/values`,
      body,
    );
  } catch (err) {
    return sayError('val-msg', err, 'value');
  }
  if (d.file && d.file.size > 0) {
    try {
      await uploadEvidence(saved.object, d.file);
    } catch (err) {
      await showSubject(ctx, d.subject);
      return sayError('val-msg', err, 'evidence');
    }
  }
  await showSubject(ctx, d.subject);
  return sayOk('val-msg', d.file?.size ? t('value_saved_with_evidence') : t('value_saved'));
}

async function saveEvent(form, ctx) {
  const d = formValues(form);
  const v = ctx.view;
  const count = Number(d.count);
  if (!Number.isInteger(count) || count < 1) return say('ev-msg', t('count_whole'), 'error');
  if (!d.reason.trim()) return say('ev-msg', t('reason_required'), 'error');
  let saved;
  try {
    saved = await api(
      'POST',
      `/api/v1/assessments/${encodeURIComponent(v.scheme.id)}/${v.year}/events`,
      { subject: d.subject, item: d.item, date: d.date, count, reason: d.reason.trim() },
    );
  } catch (err) {
    return sayError('ev-msg', err, 'event');
  }
  if (d.file && d.file.size > 0) {
    try {
      await uploadEvidence(saved.object, d.file);
    } catch (err) {
      await showSubject(ctx, d.subject);
      return sayError('ev-msg', err, 'evidence');
    }
  }
  await showSubject(ctx, d.subject);
  return sayOk('ev-msg', `${t('event_recorded')} #${saved.id}`);
}

async function withdraw(button, ctx) {
  const id = button.dataset.id;
  const reason = valueOf(`input.ev-withdraw-reason[data-id="${id}"]`);
  if (!reason) return say('events-error', t('reason_required'), 'error');
  try {
    await api('POST', `/api/v1/assessments/events/${encodeURIComponent(id)}/withdraw`, { reason });
    return ctx.reload();
  } catch (err) {
    return sayError('events-error', err, 'event');
  }
}

async function showEvidence(button) {
  try {
    openDialog('evidence-dialog', t('evidence'), await evidenceList(button.dataset.object));
  } catch (err) {
    sayError('events-error', err);
  }
}

export const actions = {
  // Another scheme starts from its own first subject; a year or subject keeps the rest.
  pick: (el, ctx) => {
    const q = new URLSearchParams({ scheme: valueOf('#en-scheme'), year: valueOf('#en-year') });
    if (el.id !== 'en-scheme') q.set('subject', valueOf('#en-subject'));
    return ctx.navigate(`entries?${q}`);
  },
  'save-value': saveValue,
  'save-event': saveEvent,
  withdraw,
  evidence: showEvidence,
};
