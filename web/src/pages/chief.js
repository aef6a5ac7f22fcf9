// The river and section chiefs' view (河长、断面长): the sections a chief is linked to,
// each with this month's class, the year to date against its annual target, the
// allowance (the mean the rest of the year may have per item), open warnings and
// notices and the progress of its plan; the sections at risk first.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { CLASS_COLOURS } from '../widgets/classes.js';
import { esc } from '../widgets/escape.js';
import { valueOf } from '../widgets/form.js';

export const name = 'chief';
export const title = 'nav_chief';

const cls = (c) =>
  c
    ? `<span class="class-chip" style="background:${CLASS_COLOURS[c] ?? '#eee'}">${esc(c)}</span>`
    : '—';

// The items whose rest-of-year mean is not comfortably met, then the rest folded away.
function items(s) {
  const risky = s.items.filter((i) => i.state === 'at_risk' || i.state === 'missed');
  const row = (i) =>
    `<tr class="item-${esc(i.state)}"><td>${esc(i.name)}</td><td>${esc(i.ytd_mean)} ${esc(i.unit)}</td>` +
    `<td>${esc(i.limit)}</td><td>${i.allowance ? `${i.limit_kind === 'minimum' ? '≥' : '≤'} ${esc(i.allowance)}` : '—'}</td>` +
    `<td>${esc(tOr('allowance_' + i.state, i.state))}</td></tr>`;
  const head =
    `<tr><th>${t('chief_item')}</th><th>${t('chief_ytd_mean')}</th><th>${t('chief_limit')}</th>` +
    `<th>${t('chief_allowance')}</th><th>${t('status')}</th></tr>`;
  const rest = s.items.filter((i) => !risky.includes(i));
  return (
    (risky.length
      ? `<table class="allowance risky"><thead>${head}</thead><tbody>${risky.map(row).join('')}</tbody></table>`
      : `<p class="ok">${t('chief_all_items_on_track')}</p>`) +
    (rest.length
      ? `<details><summary>${t('chief_other_items')} (${rest.length})</summary>` +
        `<table class="allowance"><thead>${head}</thead><tbody>${rest.map(row).join('')}</tbody></table></details>`
      : '')
  );
}

function warnings(s) {
  if (!s.warnings.length) return `<p class="note">${t('chief_no_warnings')}</p>`;
  return `<ul class="chief-warnings">${s.warnings
    .map(
      (w) =>
        `<li><a href="#/warnings">${esc(w.level_name)}</a> · ${esc(tOr('wstate_' + w.state, w.state))} · ` +
        `${esc(document.documentElement.lang === 'en' ? w.trigger_en : w.trigger)}</li>`,
    )
    .join('')}</ul>`;
}

function plan(s) {
  const link = `#/plans?section=${encodeURIComponent(s.section)}`;
  if (!s.plan) return `<p><a href="${link}">${t('chief_no_plan')}</a></p>`;
  const p = s.plan;
  return (
    `<p class="chief-plan"><a href="${link}">${esc(p.title)}</a> · ${esc(tOr('plan_state_' + p.approval, p.approval))} · ` +
    `${t('plan_measures_done')} ${p.measures_done}/${p.measures_total}` +
    `<progress max="${p.measures_total || 1}" value="${p.measures_done}"></progress>` +
    (p.overdue ? ` <span class="bad">${t('overdue_count')} ${p.overdue}</span>` : '') +
    (p.last_progress ? ` · ${t('chief_last_progress')} ${esc(p.last_progress)}` : '') +
    '</p>'
  );
}

function card(s, r) {
  const meets =
    s.meets_target === null
      ? ''
      : s.meets_target
        ? `<span class="ok">${t('chief_meets')}</span>`
        : `<span class="bad">${t('chief_misses')}</span>`;
  return (
    `<section class="panel chief-section${s.at_risk ? ' at-risk' : ''}" data-section="${esc(s.section)}">` +
    `<h3>${esc(s.section)} ${esc(s.name)} <span class="note">${esc(s.river)}</span></h3>` +
    `<div class="chief-figures"><span>${t('target_class')} ${cls(s.target_class)}</span>` +
    `<span>${t('chief_month_class')} (${esc(r.month)}) ${cls(s.month_class)}</span>` +
    `<span>${t('chief_ytd_class')} ${cls(s.ytd_class)} ${meets}</span>` +
    `<span>${t('chief_months_left')} ${esc(s.months_left)}</span></div>` +
    `<h4>${t('chief_allowance_title')}</h4>${items(s)}` +
    `<h4>${t('chief_warnings')}</h4>${warnings(s)}<h4>${t('nav_plans')}</h4>${plan(s)}</section>`
  );
}

export async function render(ctx) {
  const asOf = ctx.params.get('as_of');
  const user = ctx.params.get('user');
  const q = new URLSearchParams();
  if (asOf) q.set('as_of', asOf);
  if (user) q.set('user', user);
  const r = await api('GET', `/api/v1/water/chief${q.size ? `?${q}` : ''}`);
  const links = r.links
    .map((l) => `${t(l.kind === 'river' ? 'chief_river' : 'chief_section')} ${esc(l.value)}`)
    .join('；');
  const head =
    `<section class="panel"><h3>${t('nav_chief')} · ${esc(r.user)}</h3>` +
    `<div class="controls"><label>${t('as_of')} <input id="chief-as-of" type="date" value="${esc(r.as_of ?? '')}" data-action="as-of"></label>` +
    `<span class="note">${links || t('chief_not_linked')}</span></div>`;
  if (!r.sections.length) {
    ctx.show(`${head}<p class="note" id="chief-empty">${t('chief_none')}</p></section>`);
    return;
  }
  const risk = r.at_risk.length
    ? `<p id="chief-at-risk" class="bad">${t('chief_at_risk')}：${r.at_risk.map(esc).join('、')}</p>`
    : `<p id="chief-at-risk" class="ok">${t('chief_none_at_risk')}</p>`;
  const ordered = [...r.sections].sort((a, b) => Number(b.at_risk) - Number(a.at_risk));
  ctx.show(`${head}${risk}</section>${ordered.map((s) => card(s, r)).join('')}`);
}

export const actions = {
  'as-of': (el, ctx) => {
    const q = new URLSearchParams(ctx.params);
    q.set('as_of', valueOf('#chief-as-of'));
    return ctx.navigate(`chief?${q}`);
  },
};
