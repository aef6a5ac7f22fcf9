// Water: the class of every section by month against its target, CWQI by month, and
// one month's table with the trophic state.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { chart } from '../widgets/chart.js';
import { CLASS_COLOURS } from '../widgets/classes.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { table } from '../widgets/table.js';

export const name = 'water';
export const title = 'nav_water';

function matrix(sections, months, cell) {
  const td = (sec, m) => {
    const c = cell(sec, m);
    if (!c) return '<td></td>';
    return (
      `<td style="background:${CLASS_COLOURS[c.class] ?? '#eee'}" title="${esc(m)} CWQI ${esc(c.cwqi)}">` +
      `${esc(c.class)}${c.compliant ? '' : ' ✗'}</td>`
    );
  };
  const head = months.map((m) => `<th>${esc(m.slice(5))}</th>`).join('');
  const rows = sections
    .map(
      ([sec, name]) =>
        `<tr><td>${esc(name)}</td>${months.map((m) => td(sec, m)).join('')}` +
        `<td>${esc(cell(sec, months.at(-1))?.target_class ?? '')}</td></tr>`,
    )
    .join('');
  return (
    `<div class="table-scroll"><table class="matrix" id="water-matrix"><thead><tr><th>${t('section')}</th>` +
    `${head}<th>${t('target_class')}</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

export async function render(ctx) {
  const r = await api('GET', '/api/v1/water/classes?period=month');
  const rows = r.rows.map((x) => ({
    period: x.period,
    section: x.section,
    name: x.name,
    class: x.class,
    target_class: x.target_class,
    compliant: x.compliant,
    cwqi: x.cwqi,
    trophic: x.tli?.trophic ?? '',
  }));
  const months = [...new Set(rows.map((x) => x.period))].sort();
  const sections = [...new Map(rows.map((x) => [x.section, x.name])).entries()];
  const month = ctx.params.get('month') || months.at(-1);
  const section = ctx.params.get('section') || sections[0]?.[0];
  const cell = (sec, m) => rows.find((x) => x.section === sec && x.period === m);
  const compliant = (x) => (x.compliant ? t('yes') : `<span class="bad">${t('no')}</span>`);
  ctx.show(
    `<section class="panel"><h3>${t('class')} (${esc(months[0] ?? '')} — ${esc(months.at(-1) ?? '')})</h3>` +
      `${matrix(sections, months, cell)}</section>` +
      `<section class="panel"><h3>CWQI</h3><div class="controls"><label>${t('section')} ` +
      `<select id="cwqi-section" data-action="pick">${options(sections, section)}</select></label></div>` +
      `<div id="cwqi" class="chart"></div></section>` +
      `<section class="panel"><h3>${t('period')}</h3><div class="controls">` +
      `<select id="water-month" data-action="pick">${options(months, month)}</select></div>` +
      table(
        'water-table',
        [
          { key: 'section', label: t('section') },
          { key: 'name', label: t('name') },
          { key: 'class', label: t('class') },
          { key: 'target_class', label: t('target_class') },
          { key: 'compliant', label: t('compliant'), html: compliant },
          { key: 'cwqi', label: t('cwqi') },
          { key: 'trophic', label: t('trophic') },
        ],
        rows.filter((x) => x.period === month),
      ) +
      '</section>',
  );
  const series = months.map((m) => cell(section, m));
  chart('cwqi', {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: 'CWQI' },
    series: [
      {
        type: 'bar',
        name: 'CWQI',
        data: series.map((c) =>
          c ? { value: c.cwqi, itemStyle: { color: CLASS_COLOURS[c.class] } } : null,
        ),
      },
    ],
  });
}

export const actions = {
  pick: (el, ctx) =>
    ctx.navigate(
      `water?month=${valueOf('#water-month')}&section=${encodeURIComponent(valueOf('#cwqi-section'))}`,
    ),
};
