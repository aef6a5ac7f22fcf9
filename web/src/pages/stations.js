// Station board (站点在线): every HJ 212 data logger's station or section — online or silent,
// when it was last heard (Beijing time), packets and refusals today, data capture today and
// this month against the validity rules; the loggers on the city map coloured by status (a
// click opens the station); and one station's current hour (the hourly value, or a
// provisional mean of minute or real-time data, labelled so) and recent packets. Over
// GET /stations/status, /map, /stations/current and /stations/recent.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { sayError } from '../widgets/errors.js';
import { table } from '../widgets/table.js';
import { monthSelect } from '../widgets/month.js';
import { drawCityMap, sectionPoints } from '../widgets/citymap.js';

export const name = 'stations';
export const title = 'nav_stations';

// "2026-03-01T10:30:00+08:00" → "2026-03-01 10:30:00" (the server sends Beijing time).
const beijing = (iso) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');

// How long ago, in words: minutes, hours or days.
function ago(iso, nowMs) {
  if (!iso) return '';
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 60000));
  if (minutes < 60) return `${minutes} ${t('minutes_ago')}`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} ${t('hours_ago')}`;
  return `${Math.floor(minutes / 1440)} ${t('days_ago')}`;
}

// A share as a percentage to 0.1, from whole numbers (half up).
function percent(part, whole) {
  const tenths = Math.floor((part * 1000 + Math.floor(whole / 2)) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

// Today's capture: hours received of the hours completed so far today (a station), or whether
// today's sample arrived (a section).
function captureToday(s, today, hoursSoFar) {
  const day = s.days.find((d) => d.date === today);
  const received = day?.received ?? 0;
  if (s.unit === 'days') return received ? t('sample_received') : t('no_sample_yet');
  if (!hoursSoFar) return `${received} h`;
  return `${received}/${hoursSoFar} h · ${percent(Math.min(received, hoursSoFar), hoursSoFar)}%`;
}

function state(s) {
  if (!s.active)
    return `<span class="note station-state" data-state="inactive">${t('device_inactive')}</span>`;
  if (s.online) return `<span class="ok station-state" data-state="online">● ${t('online')}</span>`;
  const never = s.last_packet ? '' : ` · ${t('never_heard')}`;
  return `<span class="bad station-state" data-state="silent">○ ${t('silent')}${never}</span>`;
}

function summary(list) {
  const card = (label, big, cls = '') =>
    `<div class="card"><div>${label}</div><div class="big ${cls}">${big}</div></div>`;
  const online = list.filter((s) => s.active && s.online).length;
  const active = list.filter((s) => s.active).length;
  return (
    '<div class="cards" id="station-summary">' +
    card(t('online'), `${online} / ${active}`, online === active ? 'ok' : '') +
    card(t('silent'), active - online, active > online ? 'bad' : '') +
    card(
      t('packets_today'),
      list.reduce((n, s) => n + s.packets_today, 0),
    ) +
    card(
      t('refused_today'),
      list.reduce((n, s) => n + s.refused_today, 0),
    ) +
    '</div>'
  );
}

// A logger's status on the map: online, silent after having reported, or never heard.
const STATUS_COLOURS = { online: '#2e7d32', silent: '#c62828', never: '#9e9e9e' };
const statusOf = (s) => (s.online ? 'online' : s.last_packet ? 'silent' : 'never');
const STATUS_WORDS = { online: 'online', silent: 'silent', never: 'never_heard' };

// The active loggers' stations and sections placed on the map (stations by their
// coordinates, sections by the layer's points), each with its status.
function boardPoints(list, m) {
  const stationAt = new Map(
    (m?.stations ?? [])
      .filter((x) => x.longitude || x.latitude)
      .map((x) => [x.code, { at: [x.longitude, x.latitude], name: x.name }]),
  );
  const sectionAt = sectionPoints(m?.layer);
  const sectionNames = new Map((m?.sections ?? []).map((x) => [x.section, x.name]));
  const points = [];
  for (const s of list.filter((x) => x.active)) {
    const station = s.kind !== 'section';
    const place = station
      ? stationAt.get(s.code)
      : sectionAt.has(s.code)
        ? { at: sectionAt.get(s.code), name: sectionNames.get(s.code) }
        : null;
    if (place) points.push({ s, station, status: statusOf(s), ...place });
  }
  return points;
}

function boardLegend(points) {
  const count = (status) => points.filter((p) => p.status === status).length;
  return (
    '<div class="map-legend" id="board-legend">' +
    Object.keys(STATUS_COLOURS)
      .map(
        (k) =>
          `<span class="swatch" data-status="${k}"><i style="background:${STATUS_COLOURS[k]}"></i>` +
          `${t(STATUS_WORDS[k])} ${count(k)}</span>`,
      )
      .join('') +
    `<span class="note">● ${t('kind_station')} ◆ ${t('kind_section')}</span></div>`
  );
}

function drawBoard(points, m, ctx) {
  const series = [true, false].map((station) => ({
    type: 'scatter',
    name: t(station ? 'kind_station' : 'kind_section'),
    symbol: station ? 'circle' : 'diamond',
    symbolSize: station ? 16 : 13,
    z: station ? 3 : 2,
    data: points
      .filter((p) => p.station === station)
      .map((p) => ({
        name: p.name ?? p.s.code,
        value: [...p.at, p.status],
        code: p.s.code,
        label: `${p.name ?? ''} ${p.s.code}: ${t(STATUS_WORDS[p.status])}${p.s.last_packet ? ` · ${beijing(p.s.last_packet)}` : ''}`,
        itemStyle: { color: STATUS_COLOURS[p.status], borderColor: '#333', borderWidth: 1 },
      })),
  }));
  const tooltip = { trigger: 'item', formatter: (p) => esc(p.data?.label ?? p.name ?? '') };
  const c = drawCityMap('board-map', m?.layer, series, tooltip, [t('longitude'), t('latitude')]);
  c?.on('click', (p) => {
    if (p.data?.code) showRecent(p.data.code, valueOf('#recent-minutes') || '60', ctx);
  });
}

export async function render(ctx) {
  const month = ctx.params.get('month') ?? '';
  const [r, m] = await Promise.all([
    api('GET', `/api/v1/stations/status${month ? `?month=${encodeURIComponent(month)}` : ''}`),
    api('GET', '/api/v1/map').catch(() => null),
  ]);
  const points = boardPoints(r.stations, m);
  const nowMs = Date.parse(r.as_of) || Date.now();
  const today = r.as_of.slice(0, 10);
  // Hours of today completed at the report's time (Beijing): 10:35 → 10.
  const hoursSoFar = r.month === today.slice(0, 7) ? Number(r.as_of.slice(11, 13)) : 0;
  const rows = r.stations.map((s) => ({
    ...s,
    kind_text: t(s.kind === 'section' ? 'kind_section' : 'kind_station'),
    state_text: !s.active ? t('device_inactive') : s.online ? t('online') : t('silent'),
    last_heard: beijing(s.last_packet),
    today_text: captureToday(s, today, hoursSoFar),
    month_text:
      s.capture_rate === null
        ? '—'
        : `${s.capture_rate}% (${s.received}/${s.expected} ${s.unit === 'days' ? t('days_unit') : 'h'})`,
    valid_text:
      s.month_valid === null
        ? `${s.valid_days ?? ''}`
        : `${s.valid_days} · ${s.month_valid ? t('month_valid') : t('month_not_valid')}`,
    refusals_text: s.refusals_today.map((x) => `${x.reason} ×${x.count}`).join('; '),
  }));
  const heard = (s) =>
    s.last_packet
      ? `${esc(s.last_heard)}<div class="note">${esc(ago(s.last_packet, nowMs))}${s.last_peer ? ` · ${esc(s.last_peer)}` : ''}</div>`
      : `<span class="note">${t('never_heard')}</span>`;
  const refused = (s) =>
    s.refused_today
      ? `<span class="bad">${s.refused_today}</span><div class="note">${esc(s.refusals_text)}</div>`
      : '0';
  const recent = (s) =>
    `<button class="st-recent" data-action="recent" data-code="${esc(s.code)}">${t('recent_packets')}</button>`;
  const monthPicker =
    `<label>${t('month')} ${monthSelect(r.month, 'id="st-month" data-action="month"')}</label>` +
    `<span class="note">${t('as_of')} ${esc(beijing(r.as_of))} (${t('beijing_time')}) · ` +
    `${t('validity_rules')}: ${r.rules.min_hours_per_day} h/${t('day_unit')}, ${r.rules.min_days_per_month} ${t('days_unit')}/${t('month_unit')}</span>`;
  ctx.show(
    `<section class="panel"><h3>${t('nav_stations')}</h3><div class="controls">${monthPicker}</div>` +
      (r.stations.length ? summary(r.stations) : `<p class="note">${t('no_devices')}</p>`) +
      `<p class="error" id="stations-error" role="alert"></p>` +
      table(
        'stations-table',
        [
          { key: 'code', label: t('code') },
          { key: 'kind_text', label: t('kind') },
          { key: 'mn', label: 'MN' },
          { key: 'state_text', label: t('status'), html: state },
          { key: 'last_heard', label: t('last_heard'), html: heard },
          { key: 'packets_today', label: t('packets_today') },
          { key: 'refused_today', label: t('refused_today'), html: refused },
          { key: 'today_text', label: t('capture_today') },
          { key: 'month_text', label: `${t('capture_month')} ${r.month}` },
          { key: 'valid_text', label: t('valid_days') },
          { key: 'actions', label: '', html: recent },
        ],
        rows,
        { row: (s) => ({ 'data-code': s.code, class: s.active && !s.online ? 'silent' : '' }) },
      ) +
      '</section>' +
      (points.length
        ? `<section class="panel" id="board-map-panel"><h3>${t('board_map')}</h3>` +
          `<p class="note">${t('board_map_hint')}</p>` +
          `<div id="board-map" class="chart map-chart" data-points="${esc(points.map((p) => `${p.s.code}:${p.status}`).join(' '))}"></div>` +
          `${boardLegend(points)}</section>`
        : '') +
      `<section class="panel" id="recent-panel" hidden><h3>${t('recent_packets')} <span id="recent-of"></span></h3>` +
      `<div id="current-hour"></div>` +
      `<div class="controls"><label>${t('within')} <select id="recent-minutes" data-action="recent-minutes">` +
      options([
        ['60', t('last_hour')],
        ['360', t('last_6_hours')],
        ['1440', t('last_day')],
      ]) +
      `</select></label></div><div id="recent-body"></div></section>`,
  );
  if (points.length) drawBoard(points, m, ctx);
}

// The hour in progress and the hour before: the hourly value, or the provisional one (a mean
// of minute or real-time data: not validated, used by no assessment) marked so.
function currentHour(c) {
  const rows = c.hours.map((h) => ({
    hour: `${beijing(h.start).slice(0, 16)}–${beijing(h.end).slice(11, 16)}`,
    source: h.source,
    source_text:
      h.source === 'provisional'
        ? `${t('source_provisional')} (${tOr(CN[h.from_cn] ?? '', String(h.from_cn))}, ${h.packets})`
        : t(h.source === 'hourly' ? 'source_hourly' : 'source_none'),
    values: h.values
      .map(
        (v) =>
          `${v.symbol} ${v.value ?? '—'}${v.unit ? ` ${v.unit}` : ''}` +
          `${h.provisional && v.count ? ` (n=${v.count})` : ''}${v.flags ? ` [${v.flags}]` : ''}`,
      )
      .join('  '),
  }));
  const source = (row) =>
    row.source === 'provisional'
      ? `<span class="provisional-mark" data-source="provisional">${esc(row.source_text)}</span>`
      : `<span data-source="${esc(row.source)}">${esc(row.source_text)}</span>`;
  return (
    `<h4>${t('current_hour')}</h4>` +
    table(
      'current-table',
      [
        { key: 'hour', label: t('hour') },
        { key: 'source_text', label: t('source'), html: source },
        { key: 'values', label: t('values_flags') },
      ],
      rows,
      { row: (row) => ({ class: row.source === 'provisional' ? 'provisional' : '' }) },
    ) +
    `<p class="note" id="provisional-note">${t('provisional_note')}</p>`
  );
}

const CN = { 2011: 'cn_2011', 2051: 'cn_2051', 2061: 'cn_2061', 2031: 'cn_2031' };

async function showRecent(code, minutes, ctx) {
  ctx.view.code = code;
  try {
    const [r, c] = await Promise.all([
      api(
        'GET',
        `/api/v1/stations/recent?station=${encodeURIComponent(code)}&minutes=${encodeURIComponent(minutes)}`,
      ),
      api('GET', `/api/v1/stations/current?station=${encodeURIComponent(code)}`),
    ]);
    document.getElementById('current-hour').innerHTML = currentHour(c);
    const rows = r.packets.map((p) => ({
      received: beijing(p.received_at),
      data_time: beijing(p.data_time),
      cn_text: `${tOr(CN[p.cn] ?? '', String(p.cn))} (${p.cn})`,
      mn: p.mn,
      values: p.values.map((v) => `${v.code}=${v.value}${v.flag ? ` (${v.flag})` : ''}`).join('  '),
    }));
    const panel = document.getElementById('recent-panel');
    document.getElementById('recent-of').textContent = code;
    document.getElementById('recent-body').innerHTML = table(
      'recent-table',
      [
        { key: 'received', label: t('received_at') },
        { key: 'data_time', label: t('data_time') },
        { key: 'cn_text', label: t('packet_kind') },
        { key: 'mn', label: 'MN' },
        { key: 'values', label: t('values_flags') },
      ],
      rows,
    );
    panel.hidden = false;
    panel.scrollIntoView();
  } catch (err) {
    sayError('stations-error', err);
  }
}

export const actions = {
  month: (el, ctx) => ctx.navigate(`stations?month=${encodeURIComponent(el.value)}`),
  recent: (el, ctx) => showRecent(el.dataset.code, valueOf('#recent-minutes') || '60', ctx),
  'recent-minutes': (el, ctx) => (ctx.view.code ? showRecent(ctx.view.code, el.value, ctx) : null),
};
