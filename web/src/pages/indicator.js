// One indicator (指标详情), reached from the indicators table: its definition (domain, unit,
// direction, target, binding, owner unit, formula or computed figure, notes, catalogue), the
// year's value, verdict and review state, its history over the years as a chart with the
// target drawn (widgets/charts.js), and the year's evidence files with download links.
// Not in the navigation: it needs an indicator (indicator?id=n2019_29&year=2025).
import { api } from '../api.js';
import { pick, t, tOr } from '../i18n.js';
import { chart } from '../widgets/chart.js';
import { seriesOption } from '../widgets/charts.js';
import { esc } from '../widgets/escape.js';
import { domainText, reasonText, targetText } from '../widgets/verdict.js';

export const name = 'indicator';
export const title = 'nav_indicators';
// Whoever may see the indicators table may open one indicator.
export const under = 'indicators';

const num = (x) => (x == null || x === '' || Number.isNaN(Number(x)) ? null : Number(x));

// A definition list of [label, value-html] pairs, empty values left out.
const facts = (pairs) =>
  `<dl class="ind-facts">${pairs
    .filter(([, v]) => v !== '' && v != null)
    .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
    .join('')}</dl>`;

function evidenceList(x) {
  if (!x.evidence_files.length)
    return `<p class="note" id="ind-no-evidence">${t('ind_no_evidence')}</p>`;
  const id = encodeURIComponent(x.id);
  const item = (e) =>
    '<li>' +
    (e.intact
      ? `<a class="ev-download" href="/api/v1/indicators/${id}/evidence/${e.file_id}" download>${esc(e.file_name)}</a>`
      : `<span class="bad">${esc(e.file_name)} · ${t('evidence_altered')}</span>`) +
    ` <span class="note">${(e.size / 1024).toFixed(1)} KiB · SHA-256 ${esc(e.sha256.slice(0, 16))}…</span></li>`;
  return `<ul id="ind-evidence">${x.evidence_files.map(item).join('')}</ul>`;
}

export async function render(ctx) {
  const id = ctx.params.get('id') || '';
  const year = ctx.params.get('year');
  const x = await api(
    'GET',
    `/api/v1/indicators/${encodeURIComponent(id)}${year ? `?year=${encodeURIComponent(year)}` : ''}`,
  );
  const d = x.definition;
  const review = x.entry
    ? `<span class="entry-status" data-state="${esc(x.entry.status)}">${esc(t('state_' + x.entry.status))}</span>` +
      (x.entry.review_reason ? ` <span class="note">${esc(x.entry.review_reason)}</span>` : '')
    : esc(t('task_no_value'));
  const numeric = x.history.filter((h) => num(h.value) != null);
  ctx.show(
    `<section class="panel"><p><a href="#/indicators?year=${x.year}" id="ind-back">← ${t('ind_back')}</a></p>` +
      `<h3 id="ind-title">${esc(pick(x.name_zh, x.name_en))} <span class="note" data-raw>${esc(x.id)}</span> · ${x.year}</h3>` +
      (x.unverified ? `<p class="unverified-mark">${t('unverified_hint')}</p>` : '') +
      `<div class="ind-columns"><div>` +
      `<h4>${t('ind_definition')}</h4>` +
      facts([
        [t('domain'), esc(domainText(x.domain))],
        [t('unit_of'), esc(x.unit)],
        [t('ind_direction'), esc(tOr('direction_' + d.direction, d.direction))],
        [t('target'), `<span id="ind-target">${esc(targetText(x, x.year))}</span>`],
        [t('binding'), esc(t('binding_' + x.binding))],
        [t('owner'), `<span id="ind-owner">${esc(x.owner)}</span>`],
        [t('ind_source'), esc(tOr('source_' + x.source, x.source))],
        [t('ind_formula'), d.formula ? `<code>${esc(d.formula)}</code>` : ''],
        // The catalogue's notes are stored text, in English.
        [t('ind_notes'), d.notes ? `<span data-raw>${esc(d.notes)}</span>` : ''],
        [t('ind_catalogue'), esc(d.catalogue)],
      ]) +
      `</div><div><h4>${t('ind_this_year')}</h4>` +
      facts([
        [t('value'), `<b id="ind-value">${esc(x.value ?? t('no_data'))}</b>`],
        [
          t('verdict'),
          `<span id="ind-verdict" class="${{ met: 'ok', not_met: 'bad' }[x.verdict] ?? ''}">${esc(t('verdict_' + x.verdict))}</span>`,
        ],
        [t('review_state'), `<span id="ind-review">${review}</span>`],
        [
          t('ind_reason'),
          reasonText(x) ? `<span id="ind-reason">${esc(reasonText(x))}</span>` : '',
        ],
      ]) +
      `<h4>${t('evidence')} (${x.evidence_files.length})</h4>${evidenceList(x)}` +
      '</div></div></section>' +
      `<section class="panel"><h3>${t('ind_history')}</h3>` +
      (numeric.length
        ? `<div id="ind-chart" class="chart"></div>`
        : `<p class="note" id="ind-no-history">${t('ind_no_history')}</p>`) +
      `<div class="table-scroll"><table id="ind-history"><thead><tr><th>${t('year')}</th><th>${t('value')}</th><th>${t('target')}</th><th>${t('verdict')}</th><th>${t('review_state')}</th></tr></thead><tbody>` +
      x.history
        .map(
          (h) =>
            `<tr data-year="${h.year}"><td>${h.year}</td><td>${esc(h.value ?? '')}</td><td>${esc(targetText(h, h.year))}</td>` +
            `<td>${esc(t('verdict_' + h.verdict))}</td><td>${esc(h.status ? t('state_' + h.status) : '')}</td></tr>`,
        )
        .join('') +
      '</tbody></table></div></section>',
  );
  if (numeric.length) {
    const { option } = seriesOption({
      labels: x.history.map((h) => String(h.year)),
      unit: x.unit && x.unit !== '-' ? x.unit : '',
      series: [{ name: pick(x.name_zh, x.name_en), values: x.history.map((h) => num(h.value)) }],
    });
    // The target as a dashed line when it is a number.
    const target = num(String(x.target).replace(/^[≥≤<>]\s*/, ''));
    if (target != null) {
      option.series[0].markLine = {
        silent: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#2e7d32' },
        label: { formatter: `${t('target')} ${x.target_base}`, position: 'insideEndTop' },
        data: [{ yAxis: target }],
      };
    }
    option.series[0].showSymbol = true;
    option.dataZoom = undefined;
    option.grid.bottom = 24;
    chart('ind-chart', option);
  }
}
