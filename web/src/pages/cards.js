// Report cards (成绩单): one subject's card of an approved run — total, grade and its basis,
// rank and the change against last year (none for a departure audit), every item with its
// figures and why, deductions, bonuses and vetoes. A unit reporter sees its own unit's.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options } from '../widgets/form.js';
import { table } from '../widgets/table.js';

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
    `<p><b>${t('total')} ${esc(c.total)}</b> / ${esc(c.scheme.total)} · ${t('grade')} ` +
    `<b>${esc(pick(c.grade, c.grade_en || c.grade))}</b>${rank}</p>` +
    `<p class="note">${why(c.grade_why)}</p>` +
    c.vetoes.map((v) => `<p class="bad">${why(v.why)}</p>`).join('')
  );
}

function adjustments(list, label) {
  if (!list.length) return '';
  return `<h4>${label}</h4><ul>${list.map((a) => `<li>${why(a.why)}</li>`).join('')}</ul>`;
}

export async function render(ctx) {
  const list = await api('GET', '/api/v1/assessments/cards');
  const choices = list.runs.flatMap((r) =>
    r.subjects.map((s) => [
      `${r.run}/${s.id}`,
      `${pick(r.scheme_name, r.scheme_name_en)} ${r.year} · ${s.name}`,
    ]),
  );
  const wanted = ctx.params.get('run')
    ? `${ctx.params.get('run')}/${ctx.params.get('subject')}`
    : choices[0]?.[0];
  if (!wanted) {
    ctx.show(
      `<section class="panel"><h3>${t('nav_cards')}</h3><p>${t('no_approved_run')}</p></section>`,
    );
    return;
  }
  const [run, subject] = [
    wanted.slice(0, wanted.indexOf('/')),
    wanted.slice(wanted.indexOf('/') + 1),
  ];
  const path = `/api/v1/assessments/runs/${encodeURIComponent(run)}/cards/${encodeURIComponent(subject)}`;
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
    `<section class="panel"><div class="controls"><select id="card-pick" data-action="pick" style="max-width:100%">${options(choices, wanted)}</select>` +
      `<a class="button" href="${path}/xlsx">${t('export_xlsx')}</a></div>${header(c)}` +
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
      '</section>',
  );
}

export const actions = {
  pick: (el, ctx) => {
    const [run, subject] = [
      el.value.slice(0, el.value.indexOf('/')),
      el.value.slice(el.value.indexOf('/') + 1),
    ];
    return ctx.navigate(
      `cards?run=${encodeURIComponent(run)}&subject=${encodeURIComponent(subject)}`,
    );
  },
};
