// Report cards (成绩单): one subject's card of a run — total, grade and its basis, rank and
// the change against last year (none for a departure audit), every item with its figures and
// why, deductions, bonuses and vetoes, and the run's standing (approved and frozen, superseded
// by a named correction, or not final). Scheme, year and subject pickers over the approved
// runs; printed on A4 by print.css; exported to xlsx. A unit reporter sees its own unit's.
// In a store of regions a run is of a region (its subjects ranked among themselves): the
// user's own region's run is offered first, and the card names the run's region.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';
import { beijingTime, runState } from '../parts/assessment-common.js';
import { session } from '../session.js';
import { regionLabel } from '../widgets/regions.js';

export const name = 'cards';
export const title = 'nav_cards';

const why = (w) => esc(pick(w.zh, w.en));

function header(c) {
  const rank = c.rank
    ? ` · ${t('rank')} ${c.rank}/${c.subjects}` +
      (c.last_rank ? ` (${t('last_year_rank')} ${c.last_rank})` : '')
    : '';
  const person = c.person
    ? `<p>${esc(c.person.unit_name || c.person.unit)} · ${esc(c.person.post)} · ${t('tenure')} ` +
      `${esc(c.person.tenure_start)} – ${esc(c.person.tenure_end || t('in_office'))}</p>`
    : '';
  return (
    `<h3>${esc(c.subject.name)} · ${esc(pick(c.scheme.name, c.scheme.name_en))} · ${c.year}</h3>${person}` +
    `<p class="note">${esc(c.scheme.status)}</p>` +
    `<p><b>${t('total')} <span id="card-total">${esc(c.total)}</span></b> / ${esc(c.scheme.total)} · ${t('grade')} ` +
    `<b>${esc(pick(c.grade, c.grade_en || c.grade))}</b>${rank}</p>` +
    `<p class="note">${why(c.grade_why)}</p>` +
    c.vetoes.map((v) => `<p class="bad">${why(v.why)}</p>`).join('')
  );
}

function adjustments(list, label) {
  if (!list.length) return '';
  return `<h4>${label}</h4><ul>${list.map((a) => `<li>${why(a.why)}</li>`).join('')}</ul>`;
}

// The run's standing above the card: approved (frozen), superseded by a correction, or not
// yet final.
function standing(c, named) {
  const run = c.run;
  if (!run) return '';
  const who = run.approved_by
    ? ` · ${t('approved_by')} ${esc(run.approved_by)} ${esc(beijingTime(run.approved_at))}`
    : '';
  let extra = '';
  if (run.state === 'superseded' && run.replaced_by) {
    const href = `#/cards?run=${run.replaced_by}&subject=${encodeURIComponent(c.subject.id)}`;
    extra = ` · <a href="${href}">${t('replaced_by')} #${run.replaced_by}</a>`;
  } else if (run.state === 'draft' || run.state === 'reviewed') {
    extra = ` · <span class="bad">${t('run_not_final')}</span>`;
  }
  const replaces = run.replaces ? ` · ${t('replaces')} #${run.replaces}` : '';
  const region = named.length > 1 ? ` · ${esc(regionLabel(named, run.region))}` : '';
  return `<p class="card-run">${t('run')} #${run.id}${region} · ${runState(run)}${who}${replaces}${extra}</p>`;
}

export async function render(ctx) {
  const [list, regions] = await Promise.all([
    api('GET', '/api/v1/assessments/cards'),
    api('GET', '/api/v1/regions'),
  ]);
  const named = [...regions.above, ...regions.regions];
  // The user's own region's runs first (a county's user: its county's run).
  const own = (r) => (r.region === (session.user?.region ?? '000000') ? 1 : 0);
  const runs = [...list.runs].sort((a, b) => own(b) - own(a));
  let runId = ctx.params.get('run');
  let subject = ctx.params.get('subject');
  // A scheme and year picked without a run: that year's approved run, its first subject.
  if (!runId && ctx.params.get('scheme')) {
    const year = ctx.params.get('year');
    const found = runs
      .filter((r) => r.scheme === ctx.params.get('scheme') && (!year || String(r.year) === year))
      .sort((a, b) => b.year - a.year || own(b) - own(a))[0];
    if (!found) {
      const others = runs.filter((r) => r.scheme === ctx.params.get('scheme'));
      ctx.show(
        `<section class="panel"><h3>${t('nav_cards')}</h3>${pickers(runs, ctx.params.get('scheme'), ctx.params.get('year'), others[0]?.run, '')}<p>${t('no_approved_run')}</p></section>`,
      );
      return;
    }
    runId = String(found.run);
    subject = found.subjects.find((s) => s.id === subject)?.id ?? found.subjects[0].id;
  }
  if (!runId && runs.length) {
    runId = String(runs[0].run);
    subject = runs[0].subjects[0].id;
  }
  if (!runId) {
    ctx.show(
      `<section class="panel"><h3>${t('nav_cards')}</h3><p>${t('no_approved_run')}</p></section>`,
    );
    return;
  }
  const path = `/api/v1/assessments/runs/${encodeURIComponent(runId)}/cards/${encodeURIComponent(subject)}`;
  const c = await api('GET', path);
  const groups = Object.fromEntries(c.groups.map((g) => [g.id, pick(g.name, g.name_en || g.name)]));
  const rows = c.items.map((i) => ({
    group: groups[i.group],
    item: pick(i.name, i.name_en || i.name),
    value: i.start !== null ? `${i.start} → ${i.end}` : (i.value ?? '—'),
    max_points: i.max_points,
    points: i.points,
    why: pick(i.why.zh, i.why.en),
  }));
  ctx.show(
    `<section class="panel report-card">` +
      pickers(runs, c.scheme.id, String(c.year), runId, subject) +
      `<div class="controls no-print"><button id="card-print" data-action="print">${t('print')}</button>` +
      `<a class="button" id="card-xlsx" href="${path}/xlsx">${t('export_card_xlsx')}</a></div>` +
      header(c) +
      standing(c, named) +
      table(
        'card-table',
        [
          { key: 'group', label: t('group') },
          { key: 'item', label: t('item') },
          { key: 'value', label: t('value') },
          { key: 'max_points', label: t('max_points') },
          { key: 'points', label: t('points') },
          { key: 'why', label: t('why') },
        ],
        rows,
      ) +
      adjustments(c.deductions, t('deductions')) +
      adjustments(c.bonuses, t('bonuses')) +
      `<p class="note print-only">${t('printed_from')} · ${esc(t('run'))} #${esc(runId)}</p>` +
      '</section>',
  );
}

// The scheme, year and subject pickers over the approved runs whose cards the user may read.
function pickers(runs, scheme, year, runId, subject) {
  const schemes = [...new Map(runs.map((r) => [r.scheme, pick(r.scheme_name, r.scheme_name_en)]))];
  if (scheme && !schemes.some(([id]) => id === scheme)) schemes.push([scheme, scheme]);
  const years = [...new Set(runs.filter((r) => r.scheme === scheme).map((r) => String(r.year)))];
  if (year && !years.includes(year)) years.push(year);
  years.sort((a, b) => b - a);
  const run = runs.find((r) => String(r.run) === String(runId));
  const subjects = (run?.subjects ?? []).map((s) => [s.id, `${s.id} ${s.name}`]);
  if (subject && !subjects.some(([id]) => id === subject)) subjects.push([subject, subject]);
  return (
    `<div class="controls no-print"><label>${t('scheme')} <select id="card-scheme" data-action="pick-year" style="max-width:16rem">${options(schemes, scheme)}</select></label>` +
    `<label>${t('year')} <select id="card-year" data-action="pick-year">${options(years, year)}</select></label>` +
    `<label>${t('subject')} <select id="card-pick" data-action="pick" data-run="${esc(runId ?? '')}" style="max-width:16rem">${options(subjects, subject)}</select></label></div>`
  );
}

export const actions = {
  pick: (el, ctx) =>
    ctx.navigate(
      `cards?run=${encodeURIComponent(el.dataset.run)}&subject=${encodeURIComponent(el.value)}`,
    ),
  // Another scheme or year: its approved run, keeping the subject when it is there too.
  'pick-year': (el, ctx) => {
    const q = new URLSearchParams({
      scheme: valueOf('#card-scheme'),
      year: el.id === 'card-scheme' ? '' : valueOf('#card-year'),
      subject: valueOf('#card-pick'),
    });
    if (el.id === 'card-scheme') q.delete('year');
    return ctx.navigate(`cards?${q}`);
  },
  print: () => window.print(),
};
