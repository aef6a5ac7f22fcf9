// Warnings, analysts and admins: evaluate a rule set at a date, escalate overdue warnings.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options, say, valueOf } from '../widgets/form.js';
import { levelBadge, ruleSetName, templateMark, triggerText } from './warning-common.js';

const COUNTS = [
  'raised',
  'upgraded',
  'repeated',
  'unchanged',
  'lifted',
  'escalated',
  'measures_escalated',
];
// The last evaluation or escalation result, shown again after the list reloads.
let lastResult = null;

function resultHtml() {
  const r = lastResult;
  if (!r) return '';
  if (r.kind === 'escalate') {
    return (
      `<p class="w-result" data-escalated="${r.escalated}" data-measures="${r.measures_escalated}">` +
      `${esc(r.as_of)}: ${t('w_escalated_result')} ${r.escalated} · ${t('w_count_measures_escalated')} ${r.measures_escalated}</p>`
    );
  }
  const counts = COUNTS.map(
    (k) =>
      `<span class="w-count" data-count="${k}">${t('w_count_' + k)} <b>${r.counts[k]}</b></span>`,
  ).join(' · ');
  const findings = r.findings
    .map(
      (f) =>
        `<li>${levelBadge(f)} ${esc(f.subject)} ${esc(f.subject_name)}: ${esc(triggerText(f))}</li>`,
    )
    .join('');
  return (
    `<p class="w-result" data-rule-set="${esc(r.rule_set)}">${esc(ruleSetName(r.rule_set))}${templateMark(r.template)} · ` +
    `${t('as_of')} ${esc(r.as_of)} · ${t('w_month')} ${esc(r.month || '—')}: ${counts}</p>` +
    (findings
      ? `<details><summary>${t('w_findings')} (${r.findings.length})</summary><ul class="w-findings">${findings}</ul></details>`
      : '')
  );
}

export function warningTools() {
  const today = new Date().toISOString().slice(0, 10);
  const rules = options([
    ['yangtze', t('w_rules_yangtze')],
    ['local-template', t('w_rules_local')],
    ['air-targets', t('w_rules_air')],
  ]);
  return (
    `<section class="panel" id="w-tools"><h3>${t('w_tools_title')}</h3><div class="controls">` +
    `<label>${t('rule_set')} <select id="w-rules">${rules}</select></label>` +
    `<label>${t('as_of')} <input id="w-asof" type="date" value="${today}" required></label>` +
    `<button id="w-evaluate" data-action="w-evaluate">${t('w_run_evaluate')}</button>` +
    `<button id="w-escalate" data-action="w-escalate">${t('w_run_escalate')}</button></div>` +
    `<p class="note">${t('w_tools_note')}</p><div id="w-tool-result">${resultHtml()}</div>` +
    `<p class="error" id="w-tool-error"></p></section>`
  );
}

async function run(ctx, path, body, kind) {
  say('w-tool-error', '');
  try {
    lastResult = { ...(await api('POST', path, body)), kind };
    await ctx.reload();
  } catch (err) {
    say('w-tool-error', err);
  }
}

export const warningToolActions = {
  'w-evaluate': (el, ctx) =>
    run(
      ctx,
      '/api/v1/warnings/evaluate',
      { rules: valueOf('#w-rules'), as_of: valueOf('#w-asof') },
      'evaluate',
    ),
  'w-escalate': (el, ctx) =>
    run(ctx, '/api/v1/warnings/escalate', { as_of: valueOf('#w-asof') }, 'escalate'),
};
