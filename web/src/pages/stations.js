// Station board (站点在线): every HJ 212 data logger's station or section — online or silent,
// when it was last heard (Beijing time), packets and refusals today, data capture today and
// this month against the validity rules, and the recent packets of one station. Over
// GET /stations/status and /stations/recent.
import { api } from '../api.js';
import { t, tOr } from '../i18n.js';
import { esc } from '../widgets/escape.js';
import { options, valueOf } from '../widgets/form.js';
import { sayError } from '../widgets/errors.js';
import { table } from '../widgets/table.js';

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

export async function render(ctx) {
  const month = ctx.params.get('month') ?? '';
  const r = await api(
    'GET',
    `/api/v1/stations/status${month ? `?month=${encodeURIComponent(month)}` : ''}`,
  );
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
    `<label>${t('month')} <input type="month" id="st-month" value="${esc(r.month)}" data-action="month"></label>` +
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
      `<section class="panel" id="recent-panel" hidden><h3>${t('recent_packets')} <span id="recent-of"></span></h3>` +
      `<div class="controls"><label>${t('within')} <select id="recent-minutes" data-action="recent-minutes">` +
      options([
        ['60', t('last_hour')],
        ['360', t('last_6_hours')],
        ['1440', t('last_day')],
      ]) +
      `</select></label></div><div id="recent-body"></div></section>`,
  );
}

const CN = { 2011: 'cn_2011', 2051: 'cn_2051', 2061: 'cn_2061', 2031: 'cn_2031' };

async function showRecent(code, minutes, ctx) {
  ctx.view.code = code;
  try {
    const r = await api(
      'GET',
      `/api/v1/stations/recent?station=${encodeURIComponent(code)}&minutes=${encodeURIComponent(minutes)}`,
    );
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
