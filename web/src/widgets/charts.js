// Chart options a bureau can read, shared by the pages: every value axis names its unit,
// a limit or target is drawn as a labelled line, long series can be zoomed (a slider under
// the chart and the mouse wheel), and values above their limit are drawn in red.
import { t } from '../i18n.js';

// The unit of each pollutant key as the pages and the API name them (CO in mg/m³).
export const unitOf = (key) => (String(key).startsWith('co') ? 'mg/m³' : 'µg/m³');

// "hj633-2012" → "HJ 633-2012", "gb3095-2012" → "GB 3095-2012": an edition by its name.
export function editionName(id) {
  const m = /^([a-z]+)(\d+)-(\d+)$/.exec(String(id ?? ''));
  return m ? `${m[1].toUpperCase()} ${m[2]}-${m[3]}` : String(id ?? '');
}

// How far apart the two colours are: the exceedance red and the ordinary blue.
export const OVER = '#d32f2f';
export const UNDER = '#1e88e5';

const num = (x) => (x == null || x === '' ? null : Number(x));

// A horizontal line at `value` labelled with `label` (a limit, a target, a level boundary).
export function limitLine(value, label, colour = OVER) {
  if (value == null) return undefined;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: colour, type: 'dashed', width: 1.5 },
    label: { formatter: `${label} ${value}`, position: 'insideEndTop', color: colour },
    data: [{ yAxis: Number(value) }],
  };
}

// The zoom of a long category axis: a slider under the chart and wheel/drag inside it.
// `startFrom` is the share (0–100) of the series hidden at the start when first drawn.
export function zoom(startFrom = 0) {
  return [
    { type: 'inside', start: startFrom, end: 100 },
    { type: 'slider', start: startFrom, end: 100, height: 18, bottom: 8 },
  ];
}

// A value axis with its unit in the name (never a bare number axis).
export const valueAxis = (unit, extra = {}) => ({
  type: 'value',
  name: unit,
  nameTextStyle: { align: 'left' },
  ...extra,
});

// A time series over category labels (hours or days), one or more lines or bars, with its
// unit, an optional limit line, values above the limit in red, and zoom.
// spec: { labels, unit, series: [{name, values, type?}], limit?, limitLabel?, start? }
export function seriesOption(spec) {
  const limit = num(spec.limit);
  const series = spec.series.map((s, i) => {
    const bar = s.type === 'bar';
    const values = s.values.map(num);
    const out = {
      type: bar ? 'bar' : 'line',
      name: s.name,
      showSymbol: false,
      sampling: bar ? undefined : 'lttb',
      data: bar
        ? values.map((v, k) => ({
            value: v,
            itemStyle: { color: s.colours?.[k] ?? (limit != null && v > limit ? OVER : UNDER) },
          }))
        : values,
    };
    if (i === 0 && limit != null) out.markLine = limitLine(limit, spec.limitLabel ?? t('limit'));
    return out;
  });
  const first = spec.series[0];
  const over = limit == null ? 0 : first.values.filter((v) => num(v) > limit).length;
  if (limit != null && first.type !== 'bar' && over > 0) {
    // The hours above the limit again, in red, over the line (gaps elsewhere).
    series.push({
      type: 'line',
      name: `${first.name} > ${limit}`,
      showSymbol: false,
      connectNulls: false,
      color: OVER,
      lineStyle: { width: 2 },
      data: first.values.map((v, k) => {
        const near = [v, first.values[k - 1], first.values[k + 1]].map(num);
        return near.some((x) => x > limit) ? num(v) : null;
      }),
    });
  }
  return {
    option: {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (v == null ? '—' : `${v} ${spec.unit}`),
      },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 48, right: 24, top: 36, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: spec.labels },
      yAxis: valueAxis(spec.unit),
      dataZoom: zoom(spec.start ?? 0),
      series,
    },
    over,
  };
}

// A bar per item of its figure as a share of its limit (100 % drawn as a line), so figures
// of different units and limits can be read on one axis; above 100 % in red. items:
// [{label, value, limit, unit}] (strings as the API sends them).
export function shareOfLimitOption(items) {
  const shown = items.filter((x) => num(x.value) != null && num(x.limit));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const x = shown[p.dataIndex];
        return `${x.label}: ${x.value} ${x.unit} / ${t('limit')} ${x.limit} ${x.unit} (${p.value} %)`;
      },
    },
    grid: { left: 48, right: 24, top: 36, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: shown.map((x) => x.label), axisLabel: { interval: 0 } },
    yAxis: valueAxis(t('share_of_limit')),
    series: [
      {
        type: 'bar',
        barMaxWidth: 36,
        label: {
          show: true,
          position: 'top',
          formatter: (p) => `${shown[p.dataIndex].value}`,
        },
        data: shown.map((x) => {
          const share = Math.round((num(x.value) / num(x.limit)) * 1000) / 10;
          return { value: share, itemStyle: { color: share > 100 ? OVER : UNDER } };
        }),
        markLine: limitLine(100, t('limit'), OVER),
      },
    ],
  };
}

// Ranges of the time-range picker: [value, i18n key, days].
export const RANGES = [
  ['7', 'range_7d', 7],
  ['30', 'range_30d', 30],
  ['90', 'range_90d', 90],
  ['365', 'range_365d', 365],
];

// The first day of a range of `days` ending on `last` (YYYY-MM-DD, Beijing calendar).
export function rangeStart(last, days) {
  const d = new Date(`${last}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}
