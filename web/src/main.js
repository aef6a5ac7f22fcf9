// The ecociv web interface: a small single-page app over /api/v1/.
// All text comes from i18n/zh.json and i18n/en.json (Chinese by default).
import * as echarts from 'echarts/core';
import { LineChart, BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, CalendarComponent, VisualMapComponent,
  LegendComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import zh from './i18n/zh.json';
import en from './i18n/en.json';
import './style.css';

echarts.use([LineChart, BarChart, HeatmapChart, GridComponent, TooltipComponent,
  CalendarComponent, VisualMapComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

const texts = { zh, en };
const state = { lang: localStorage.getItem('lang') || 'zh', user: null, csrf: '' };
const t = (key) => texts[state.lang][key] ?? key;
const app = document.getElementById('app');
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
// Official AQI level colours (HJ 633).
const LEVEL_COLOURS = ['#00E400', '#FFFF00', '#FF7E00', '#FF0000', '#99004C', '#7E0023'];

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin' });
  if (res.headers.get('Content-Type')?.startsWith('application/json')) {
    const data = await res.json();
    if (!res.ok) throw Object.assign(new Error(data.message || res.status), { status: res.status });
    return data;
  }
  if (!res.ok) throw Object.assign(new Error(String(res.status)), { status: res.status });
  return res;
}

function aqiBadge(aqi, level) {
  if (aqi == null) return '<span class="aqi">—</span>';
  const colour = level?.colour || '#ccc';
  const dark = ['#FFFF00', '#00E400'].includes(colour);
  return `<span class="aqi" style="background:${colour};color:${dark ? '#000' : '#fff'}">${aqi}</span>`;
}

// A table with CSV and xlsx export. columns: [{key, label, html?}]
function table(id, columns, rows) {
  const head = columns.map((c) => `<th>${esc(c.label)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${c.html ? c.html(r) : esc(r[c.key])}</td>`).join('')}</tr>`).join('');
  setTimeout(() => {
    const root = document.getElementById(id);
    if (!root) return;
    root.querySelector('.csv').onclick = () => {
      const q = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
      const text = [columns.map((c) => q(c.label)).join(','), ...rows.map((r) => columns.map((c) => q(r[c.key])).join(','))].join('\r\n');
      download(new Blob(['\ufeff' + text], { type: 'text/csv' }), `${id}.csv`);
    };
    const xlsx = root.querySelector('.xlsx');
    if (xlsx) xlsx.onclick = async () => {
      const res = await api('POST', '/api/v1/export/xlsx', { sheet: id, header: columns.map((c) => c.label),
        rows: rows.map((r) => columns.map((c) => r[c.key] ?? null)) });
      download(await res.blob(), `${id}.xlsx`);
    };
  });
  return `<div id="${id}"><div class="controls"><button class="csv">${t('export_csv')}</button>` +
    `${state.user ? `<button class="xlsx">${t('export_xlsx')}</button>` : ''}</div>` +
    `<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${columns.length}">${t('no_data')}</td></tr>`}</tbody></table></div>`;
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const ROLE_PAGES = {
  admin: ['overview', 'air', 'water', 'warnings', 'targets', 'indicators', 'projects', 'review', 'changes', 'admin'],
  analyst: ['overview', 'air', 'water', 'warnings', 'targets', 'indicators', 'projects', 'review', 'imports', 'changes'],
  leader: ['overview', 'air', 'water', 'warnings', 'targets', 'indicators', 'projects', 'review', 'changes'],
  auditor: ['overview', 'air', 'water', 'warnings', 'targets', 'indicators', 'projects', 'review', 'changes'],
  reporter: ['air', 'water', 'warnings', 'indicators', 'projects'],
};

function shell(page, content) {
  const pages = state.user ? ROLE_PAGES[state.user.role] : ['public'];
  const nav = pages.map((p) => `<a href="#/${p}" class="${p === page ? 'active' : ''}" data-page="${p}">${t('nav_' + p)}</a>`).join('');
  app.innerHTML = `<header><h1>${t('app')}</h1><nav>${nav}</nav><span class="spacer"></span>` +
    (state.user ? `<span>${esc(state.user.name)} (${esc(state.user.role)}${state.user.unit ? ' · ' + esc(state.user.unit) : ''})</span>` : `<a href="#/login" style="color:#fff">${t('login')}</a>`) +
    `<button id="lang">${t('lang')}</button>${state.user ? `<button id="logout">${t('logout')}</button>` : ''}</header><main>${content}</main>`;
  document.getElementById('lang').onclick = () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('lang', state.lang); document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en'; route(); };
  const out = document.getElementById('logout');
  if (out) out.onclick = async () => { await api('DELETE', '/api/v1/session'); state.user = null; location.hash = '#/public'; };
}

function chart(id, option) {
  const el = document.getElementById(id);
  if (!el) return;
  echarts.init(el).setOption(option);
}

async function loginPage() {
  shell('login', `<form class="login" id="login-form"><h2>${t('login')}</h2>` +
    `<label>${t('user')}<input name="name" autocomplete="username" required></label>` +
    `<label>${t('password')}<input name="password" type="password" autocomplete="current-password" required></label>` +
    `<button type="submit">${t('login')}</button><p class="error" id="login-error"></p></form>`);
  document.getElementById('login-form').onsubmit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      const r = await api('POST', '/api/v1/session', { name: f.get('name'), password: f.get('password') });
      state.user = r.user; state.csrf = r.csrf;
      location.hash = '#/' + ROLE_PAGES[r.user.role][0];
    } catch (err) {
      document.getElementById('login-error').textContent = `${t('login_failed')}: ${err.message}`;
    }
  };
}

async function overviewPage() {
  const o = await api('GET', '/api/v1/overview');
  const city = o.year?.cities?.[0];
  const ratioOk = city && Number(city.good_day_ratio) >= Number(o.targets.good_day_ratio);
  const pmOk = city && Number(city.pm25) <= Number(o.targets.pm25);
  const stations = o.stations.map((s) => `<div class="card station-card"><div>${esc(s.name)}</div>` +
    `<div class="big">${aqiBadge(s.aqi, s.level)}</div><div class="note">${esc(s.level?.[state.lang === 'zh' ? 'category_zh' : 'category_en'] ?? '')} ${esc(s.time ?? '')}</div></div>`).join('');
  const sectionsOk = o.sections.filter((s) => s.compliant).length;
  shell('overview', `<h2>${t('current_aqi')}</h2><div class="cards" id="aqi-cards">${stations}</div>` +
    `<div class="cards">` +
    (city ? `<div class="card"><div>${t('this_year')} ${t('good_day_ratio')}</div><div class="big">${esc(city.good_day_ratio)}%</div><div class="${ratioOk ? 'ok' : 'bad'}">${t('target')} ≥ ${esc(o.targets.good_day_ratio)}% · ${ratioOk ? t('met') : t('not_met')}</div></div>` +
      `<div class="card"><div>${t('this_year')} ${t('pm25_mean')}</div><div class="big">${esc(city.pm25)} µg/m³</div><div class="${pmOk ? 'ok' : 'bad'}">${t('target')} ≤ ${esc(o.targets.pm25)} · ${pmOk ? t('met') : t('not_met')}</div></div>` : '') +
    `<div class="card"><div>${t('water_vs_target')} (${esc(o.water_month ?? '')})</div><div class="big">${sectionsOk} / ${o.sections.length}</div></div>` +
    `<div class="card"><div>${t('open_review')}</div><div class="big"><a href="#/review">${o.open_review_items}</a></div></div></div>` +
    `<section class="panel"><h3>${t('water_vs_target')}</h3>` +
    table('overview-sections', [{ key: 'section', label: t('section') }, { key: 'name', label: t('name') },
      { key: 'class', label: t('class') }, { key: 'target_class', label: t('target_class') },
      { key: 'compliant', label: t('compliant'), html: (r) => r.compliant ? `<span class="ok">${t('yes')}</span>` : `<span class="bad">${t('no')}</span>` }], o.sections) +
    `</section><p class="note">${t('synthetic')} (${esc(o.last_day)})</p>`);
}

async function airPage(params) {
  const s = await api('GET', '/api/v1/stations');
  const ids = [...s.cities.map((c) => ({ id: c, name: c })), ...s.stations.map((x) => ({ id: x.code, name: x.name }))];
  const id = params.get('id') || ids[0]?.id;
  const standard = params.get('standard') || 'auto';
  const options = ids.map((x) => `<option value="${esc(x.id)}" ${x.id === id ? 'selected' : ''}>${esc(x.name)}</option>`).join('');
  const stdSel = ['auto', 'hj633-2012', 'hj633-2026'].map((v) => `<option value="${v}" ${v === standard ? 'selected' : ''}>${v === 'auto' ? t('auto') : v}</option>`).join('');
  const canAssess = state.user.role !== 'reporter';
  shell('air', `<div class="controls"><label>${t('station')} <select id="series">${options}</select></label>` +
    `<label>${t('standard')} <select id="standard">${stdSel}</select></label></div>` +
    `<section class="panel"><h3>${t('hourly')}</h3><div id="hourly" class="chart"></div></section>` +
    `<section class="panel"><h3>${t('daily')}</h3><div id="daily" class="chart"></div></section>` +
    `<section class="panel"><h3>${t('calendar')}</h3><div id="calendar" class="chart" style="height:220px"></div></section>` +
    (canAssess ? `<section class="panel"><h3>${t('assessment')}</h3><div id="assessment">…</div></section>` : ''));
  const go = () => { location.hash = `#/air?id=${encodeURIComponent(document.getElementById('series').value)}&standard=${document.getElementById('standard').value}`; };
  document.getElementById('series').onchange = go;
  document.getElementById('standard').onchange = go;
  if (!id) return;
  const q = `id=${encodeURIComponent(id)}&standard=${standard}`;
  const [hourly, daily] = await Promise.all([api('GET', `/api/v1/air/hourly?${q}`), api('GET', `/api/v1/air/daily?${q}`)]);
  chart('hourly', { tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: hourly.rows.map((r) => r.time) },
    yAxis: { type: 'value', name: 'AQI' }, series: [{ type: 'line', name: 'AQI', showSymbol: false, data: hourly.rows.map((r) => r.aqi) },
      { type: 'line', name: 'PM2.5', showSymbol: false, data: hourly.rows.map((r) => (r.pm25 == null ? null : Number(r.pm25))) }], legend: {} });
  chart('daily', { tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: daily.rows.map((r) => r.date) },
    yAxis: { type: 'value', name: 'AQI' }, series: [{ type: 'bar', name: 'AQI', data: daily.rows.map((r) => ({ value: r.aqi, itemStyle: { color: r.level?.colour ?? '#ccc' } })) }] });
  const last = daily.rows.at(-1)?.date;
  const year = last ? last.slice(0, 4) : '2026';
  chart('calendar', {
    tooltip: { formatter: (p) => `${p.value[0]}: AQI ${p.value[1]}` },
    visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0,
      pieces: [[0, 50], [51, 100], [101, 150], [151, 200], [201, 300], [301, 500]].map(([min, max], i) => ({ min, max, color: LEVEL_COLOURS[i] })) },
    calendar: { range: year, cellSize: ['auto', 14], top: 30, left: 40, right: 20 },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: daily.rows.filter((r) => r.aqi != null && r.date.startsWith(year)).map((r) => [r.date, r.aqi]) }],
  });
  if (canAssess) {
    const a = await api('GET', `/api/v1/air/assessment?standard=${standard}`);
    const rows = [...a.cities, ...a.stations].map((r) => ({ name: r.name, days_valid: r.days_valid, good_days: r.good_days,
      good_day_ratio: r.good_day_ratio, heavy: r.heavy_pollution_days, pm25: r.pollutants.pm25?.mean, pm10: r.pollutants.pm10?.mean,
      o3: r.pollutants.o3_8h?.percentile, composite: r.composite_index }));
    document.getElementById('assessment').innerHTML = `<p class="note">${esc(a.from)} — ${esc(a.to)} · ${esc(a.standard)}</p>` +
      table('assessment-table', [{ key: 'name', label: t('station') }, { key: 'days_valid', label: t('days_valid') },
        { key: 'good_days', label: t('good_days') }, { key: 'good_day_ratio', label: t('good_day_ratio') + ' %' },
        { key: 'heavy', label: t('heavy_days') }, { key: 'pm25', label: 'PM2.5' }, { key: 'pm10', label: 'PM10' },
        { key: 'o3', label: 'O3-8h P90' }, { key: 'composite', label: t('composite') }], rows);
  }
}

// Class colours of the surface-water assessment (I–II blue, III green, IV yellow, V orange, worse red).
const CLASS_COLOURS = { I: '#33A1FD', II: '#33A1FD', III: '#2EB872', IV: '#F7D000', V: '#FF8C00', '劣V': '#E53935' };

async function waterPage(params) {
  const r = await api('GET', '/api/v1/water/classes?period=month');
  const rows = r.rows.map((x) => ({ period: x.period, section: x.section, name: x.name, class: x.class,
    target_class: x.target_class, compliant: x.compliant, cwqi: x.cwqi, trophic: x.tli?.trophic ?? '' }));
  const months = [...new Set(rows.map((x) => x.period))].sort();
  const sections = [...new Map(rows.map((x) => [x.section, x.name])).entries()];
  const month = params.get('month') || months.at(-1);
  const section = params.get('section') || sections[0]?.[0];
  const cell = (sec, m) => rows.find((x) => x.section === sec && x.period === m);
  const matrix = `<table class="matrix" id="water-matrix"><thead><tr><th>${t('section')}</th>${months.map((m) => `<th>${esc(m.slice(5))}</th>`).join('')}<th>${t('target_class')}</th></tr></thead><tbody>` +
    sections.map(([sec, name]) => `<tr><td>${esc(name)}</td>${months.map((m) => { const c = cell(sec, m); return c ? `<td style="background:${CLASS_COLOURS[c.class] ?? '#eee'}" title="${esc(m)} CWQI ${esc(c.cwqi)}">${esc(c.class)}${c.compliant ? '' : ' ✗'}</td>` : '<td></td>'; }).join('')}<td>${esc(cell(sec, months.at(-1))?.target_class ?? '')}</td></tr>`).join('') + '</tbody></table>';
  const monthSel = months.map((m) => `<option ${m === month ? 'selected' : ''}>${esc(m)}</option>`).join('');
  const sectionSel = sections.map(([sec, name]) => `<option value="${esc(sec)}" ${sec === section ? 'selected' : ''}>${esc(name)}</option>`).join('');
  shell('water', `<section class="panel"><h3>${t('class')} (${esc(months[0] ?? '')} — ${esc(months.at(-1) ?? '')})</h3>${matrix}</section>` +
    `<section class="panel"><h3>CWQI</h3><div class="controls"><label>${t('section')} <select id="cwqi-section">${sectionSel}</select></label></div><div id="cwqi" class="chart"></div></section>` +
    `<section class="panel"><h3>${t('period')}</h3><div class="controls"><select id="water-month">${monthSel}</select></div>` +
    table('water-table', [{ key: 'section', label: t('section') }, { key: 'name', label: t('name') }, { key: 'class', label: t('class') },
      { key: 'target_class', label: t('target_class') }, { key: 'compliant', label: t('compliant'), html: (x) => x.compliant ? t('yes') : `<span class="bad">${t('no')}</span>` },
      { key: 'cwqi', label: t('cwqi') }, { key: 'trophic', label: t('trophic') }], rows.filter((x) => x.period === month)) + '</section>');
  const go = () => { location.hash = `#/water?month=${document.getElementById('water-month').value}&section=${encodeURIComponent(document.getElementById('cwqi-section').value)}`; };
  document.getElementById('water-month').onchange = go;
  document.getElementById('cwqi-section').onchange = go;
  const series = months.map((m) => cell(section, m));
  chart('cwqi', { tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: months }, yAxis: { type: 'value', name: 'CWQI' },
    series: [{ type: 'bar', name: 'CWQI', data: series.map((c) => (c ? { value: c.cwqi, itemStyle: { color: CLASS_COLOURS[c.class] } } : null)) }] });
}

async function reviewPage() {
  const r = await api('GET', '/api/v1/review/flags');
  const canDecide = state.user.role === 'analyst';
  const rows = r.flags.map((f) => ({ ...f, status_text: t(f.status) }));
  shell('review', `<section class="panel"><h3>${t('nav_review')}</h3><p class="error" id="review-error"></p>` +
    table('review-table', [{ key: 'id', label: '#' }, { key: 'station', label: t('station') }, { key: 'pollutant', label: t('pollutant') },
      { key: 'from', label: t('from') }, { key: 'to', label: t('to') }, { key: 'rule', label: t('rule') }, { key: 'detail', label: t('detail') },
      { key: 'status_text', label: t('status') },
      ...(canDecide ? [{ key: 'decide', label: '', html: (f) => f.status === 'suspect' ? `<input class="reason" data-id="${f.id}" placeholder="${t('reason')}"> <button class="decide" data-id="${f.id}" data-action="invalidate">${t('invalidate')}</button> <button class="decide" data-id="${f.id}" data-action="clear">${t('clear')}</button>` : '' }] : [])], rows) + '</section>');
  document.querySelectorAll('button.decide').forEach((b) => {
    b.onclick = async () => {
      const reason = document.querySelector(`input.reason[data-id="${b.dataset.id}"]`).value.trim();
      if (!reason) { document.getElementById('review-error').textContent = t('reason_required'); return; }
      try {
        await api('POST', '/api/v1/review/decisions', { flag_id: Number(b.dataset.id), action: b.dataset.action, reason });
        route();
      } catch (err) { document.getElementById('review-error').textContent = err.message; }
    };
  });
}

async function importsPage() {
  const kinds = ['air', 'stations', 'sections', 'water', 'plan', 'units', 'projects', 'values'].map((k) => `<option value="${k}">${t('kind_' + k)}</option>`).join('');
  shell('imports', `<section class="panel"><h3>${t('nav_imports')}</h3><form id="import-form" class="controls">` +
    `<select name="kind">${kinds}</select><input type="file" name="file" accept=".csv,.xlsx,.gz,.xz" required>` +
    `<label><input type="checkbox" name="skip"> ${t('skip_bad_rows')}</label><button>${t('start_import')}</button></form>` +
    `<p id="import-status"></p><progress id="import-progress" style="display:none"></progress><ul id="import-rejects"></ul>` +
    `<p class="note">${t('import_note')}</p></section>`);
  document.getElementById('import-form').onsubmit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const file = f.get('file');
    const status = document.getElementById('import-status');
    const bar = document.getElementById('import-progress');
    try {
      const res = await fetch(`/api/v1/imports?kind=${f.get('kind')}&name=${encodeURIComponent(file.name)}&skip_bad_rows=${f.get('skip') ? 'true' : 'false'}`,
        { method: 'POST', headers: { 'X-CSRF-Token': state.csrf, 'Content-Type': 'application/octet-stream' }, body: file, credentials: 'same-origin' });
      const started = await res.json();
      if (!res.ok) throw new Error(started.message);
      bar.style.display = '';
      for (;;) {
        const job = await api('GET', `/api/v1/imports/${started.id}`);
        status.textContent = `${t('rows_written')}: ${job.rows_written}`;
        if (job.state !== 'running') {
          bar.style.display = 'none';
          status.textContent = job.state === 'done' ? `${t('import_done')}: ${job.summary}` : `${t('import_failed')}: ${job.error}`;
          status.className = job.state === 'done' && job.outcome !== 'rejected' ? 'ok' : 'error';
          document.getElementById('import-rejects').innerHTML = job.rejects.map((r) => `<li>${esc(r)}</li>`).join('');
          document.body.dataset.import = job.state;
          break;
        }
        await new Promise((r) => setTimeout(r, 400));
      }
    } catch (err) {
      status.textContent = err.message;
      status.className = 'error';
    }
  };
}

async function changesPage() {
  const r = await api('GET', '/api/v1/changes');
  shell('changes', `<section class="panel"><h3>${t('nav_changes')} (${r.total})</h3>` + table('changes-table', [{ key: 'seq', label: t('seq') },
    { key: 'at', label: t('time') }, { key: 'who', label: t('who') }, { key: 'action', label: t('action') }, { key: 'object', label: t('object') },
    { key: 'detail', label: t('detail') }, { key: 'why', label: t('why') }], r.entries) + '</section>' +
    (['admin', 'auditor'].includes(state.user?.role)
      ? `<section class="panel"><h3>${t('integrity')}</h3><p class="note">${t('integrity_note')}</p>` +
        `<button id="verify">${t('verify_now')}</button><div id="integrity"></div></section>` : ''));
  const button = document.getElementById('verify');
  if (!button) return;
  button.onclick = async () => {
    button.disabled = true;
    const out = document.getElementById('integrity');
    try {
      const v = await api('GET', '/api/v1/integrity');
      out.innerHTML = `<p class="${v.ok ? 'ok' : 'bad'}" id="integrity-verdict">${v.ok ? t('integrity_ok') : t('integrity_bad')}</p>` +
        `<p class="note">${esc(v.summary)} · ${t('warning_problems')} ${v.warning_problems}</p><p class="note">head ${esc(v.head_hash)}</p>` +
        (v.problems.length ? `<ul>${v.problems.map((p) => `<li class="bad">${esc(p)}</li>`).join('')}</ul>` : '');
    } catch (err) {
      out.innerHTML = `<p class="bad">${esc(err.message)}</p>`;
    } finally {
      button.disabled = false;
    }
  };
}

async function adminPage() {
  const [u, p, a] = await Promise.all([api('GET', '/api/v1/users'), api('GET', '/api/v1/pages'), api('GET', '/api/v1/units/assets')]);
  const options = (id, values) => `<datalist id="${id}">${values.map((v) => `<option value="${esc(v)}"></option>`).join('')}</datalist>`;
  const assets = `<section class="panel"><h3>${t('unit_assets')}</h3><p class="note">${t('unit_assets_note')}</p>` +
    table('assets-table', [{ key: 'unit', label: t('unit') }, { key: 'kind', label: t('asset_kind'), html: (x) => esc(t('asset_' + x.kind)) },
      { key: 'code', label: t('code') },
      { key: 'remove', label: '', html: (x) => `<button class="asset-remove" data-unit="${esc(x.unit)}" data-kind="${esc(x.kind)}" data-code="${esc(x.code)}">${t('remove')}</button>` }], a.assets) +
    `<form id="assign-asset" class="controls"><input name="unit" list="unit-names" placeholder="${t('unit')}" required>` +
    `<select name="kind"><option value="station">${t('asset_station')}</option><option value="section">${t('asset_section')}</option></select>` +
    `<input name="code" list="asset-codes" placeholder="${t('code')}" required><button>${t('assign')}</button><span id="asset-msg" class="error"></span></form>` +
    options('unit-names', a.units.map((x) => x.name)) + options('asset-codes', [...a.stations, ...a.sections]) + '</section>';
  shell('admin', `<section class="panel"><h3>${t('users')}</h3>` + table('users-table', [{ key: 'name', label: t('name') },
    { key: 'role', label: t('role'), html: (x) => esc(t('role_' + x.role)) }, { key: 'unit', label: t('unit') }], u.users) +
    `<form id="add-user" class="controls"><input name="name" placeholder="${t('name')}"><select name="role">` +
    ['analyst', 'reporter', 'leader', 'auditor', 'admin'].map((r) => `<option value="${r}">${esc(t('role_' + r))}</option>`).join('') +
    `</select><input name="unit" placeholder="${t('unit')}"><input name="password" type="password" placeholder="${t('password')}" autocomplete="new-password"><button>${t('add_user')}</button><span id="add-msg"></span></form></section>` +
    assets + `<section class="panel"><h3>${t('pages')}</h3><ul>${p.pages.map((x) => `<li>${esc(x.slug)}: ${esc(x.title)} (${esc(x.kind)})</li>`).join('')}</ul>` +
    `<form id="publish" class="controls"><input name="slug" placeholder="slug"><input name="title" placeholder="${t('name')}"><select name="kind"><option>air-summary</option><option>water-summary</option></select><button>${t('publish')}</button></form></section>` +
    `<section class="panel"><h3>${t('change_password')}</h3><form id="password" class="controls"><input name="old" type="password" placeholder="${t('old_password')}" autocomplete="current-password"><input name="new" type="password" placeholder="${t('new_password')}" autocomplete="new-password"><button>${t('change_password')}</button><span id="pw-msg"></span></form></section>`);
  const submit = (id, fn, msg) => {
    document.getElementById(id).onsubmit = async (e) => {
      e.preventDefault();
      try { await fn(new FormData(e.target)); route(); } catch (err) { if (msg) document.getElementById(msg).textContent = err.message; }
    };
  };
  submit('add-user', (f) => api('POST', '/api/v1/users', { name: f.get('name'), role: f.get('role'), unit: f.get('unit'), password: f.get('password') }), 'add-msg');
  submit('publish', (f) => api('PUT', `/api/v1/pages/${encodeURIComponent(f.get('slug'))}`, { title: f.get('title'), kind: f.get('kind'), published: true }));
  submit('assign-asset', (f) => api('POST', '/api/v1/units/assets', { unit: f.get('unit'), kind: f.get('kind'), code: f.get('code') }), 'asset-msg');
  document.querySelectorAll('button.asset-remove').forEach((b) => {
    b.onclick = async () => {
      try { await api('POST', '/api/v1/units/assets/remove', { unit: b.dataset.unit, kind: b.dataset.kind, code: b.dataset.code }); route(); } catch (err) {
        document.getElementById('asset-msg').textContent = err.message;
      }
    };
  });
  submit('password', (f) => api('POST', '/api/v1/session/password', { old_password: f.get('old'), new_password: f.get('new') }), 'pw-msg');
}

// Indicators: the readiness table with filters, a unit's data entry with evidence, review.
const VERDICT_CLASS = { met: 'ok', not_met: 'bad', error: 'bad' };

async function indicatorsPage(params) {
  const yearQ = params.get('year') ? `?year=${encodeURIComponent(params.get('year'))}` : '';
  const r = await api('GET', `/api/v1/indicators${yearQ}`);
  const zhLang = state.lang === 'zh';
  const all = r.indicators;
  const domains = [...new Set(all.map((x) => x.domain))];
  const owners = [...new Set(all.flatMap((x) => x.owner.split(';')).filter(Boolean))];
  const statuses = ['met', 'not_met', 'no_data', 'not_applicable', 'error', 'not_judged', 'draft', 'submitted', 'returned', 'accepted'];
  const f = { domain: params.get('domain') || '', owner: params.get('owner') || '', status: params.get('status') || '' };
  const rows = all.filter((x) => (!f.domain || x.domain === f.domain) && (!f.owner || x.owner.split(';').includes(f.owner)) &&
    (!f.status || x.verdict === f.status || x.entry?.status === f.status)).map((x) => ({
    ...x, name: zhLang ? x.name_zh : x.name_en, binding_text: t('binding_' + x.binding), verdict_text: t('verdict_' + x.verdict),
    name_csv: (zhLang ? x.name_zh : x.name_en) + (x.unverified ? ' [UNVERIFIED]' : ''),
    entry_value: x.entry?.value ?? '', entry_status: x.entry ? t('state_' + x.entry.status) : '',
  }));
  const sel = (id, values, current, label) => `<label>${label} <select id="${id}"><option value="">${t('all')}</option>` +
    values.map((v) => `<option value="${esc(v)}" ${v === current ? 'selected' : ''}>${esc(id === 'f-status' ? (t('verdict_' + v) !== 'verdict_' + v ? t('verdict_' + v) : t('state_' + v)) : v)}</option>`).join('') + '</select></label>';
  const s = r.summary;
  const summary = s ? `<div class="cards" id="ind-summary">` +
    `<div class="card"><div>${t('binding_met')}</div><div class="big">${s.binding_met} / ${s.binding_total}</div></div>` +
    `<div class="card"><div>${t('reference_met')}</div><div class="big">${s.reference_met} / ${s.reference_total}</div></div>` +
    `<div class="card"><div>${t('no_data')}</div><div class="big">${s.no_data}</div></div>` +
    `<div class="card"><div>${t('can_apply')}</div><div class="big ${s.can_apply ? 'ok' : 'bad'}" id="can-apply">${s.can_apply ? t('yes') : t('no')}</div><div class="note">${esc(s.rule)}</div></div>` +
    `<div class="card"><div>${t('unverified_rows')}</div><div class="big"><span class="unverified-mark">${s.unverified_rows}</span></div></div></div>` : '';
  const canReview = ['analyst', 'admin'].includes(state.user.role);
  const enterable = all.filter((x) => x.may_enter);
  const entry = enterable.length ? `<section class="panel"><h3>${t('data_entry')}${r.unit ? ' · ' + esc(r.unit) : ''}</h3>` +
    `<form id="entry-form" class="controls"><select name="id" id="entry-id">${enterable.map((x) => `<option value="${esc(x.id)}">${esc(x.id)} ${esc(zhLang ? x.name_zh : x.name_en)}</option>`).join('')}</select>` +
    `<input name="value" id="entry-value" placeholder="${t('value')}" required><input name="note" id="entry-note" placeholder="${t('note')}">` +
    `<label>${t('evidence')} <input type="file" name="file" id="entry-file" accept=".pdf,.ofd,.jpg,.jpeg,.png,.xlsx,.xls,.docx,.doc,.csv,.txt,.zip"></label>` +
    `<button type="submit" id="entry-save" data-submit="0">${t('save_draft')}</button><button type="submit" id="entry-submit" data-submit="1">${t('save_submit')}</button></form>` +
    `<p id="entry-msg" class="note">${t('entry_note')}</p></section>` : '';
  const exportLinks = s ? `<a class="button" href="/api/v1/indicators/export?year=${r.year}&format=xlsx">${t('export_readiness_xlsx')}</a> ` +
    `<a class="button" href="/api/v1/indicators/export?year=${r.year}&format=csv">${t('export_readiness_csv')}</a>` : '';
  const actions = (x) => {
    let out = '';
    if (x.may_enter && x.entry && ['draft', 'returned'].includes(x.entry.status)) out += `<button class="ind-submit" data-id="${esc(x.id)}">${t('submit')}</button>`;
    if (canReview && x.may_review) {
      out += `<input class="ind-reason" data-id="${esc(x.id)}" placeholder="${t('reason')}"> <button class="ind-review" data-id="${esc(x.id)}" data-action="accept">${t('accept')}</button> ` +
        `<button class="ind-review" data-id="${esc(x.id)}" data-action="return">${t('return')}</button>`;
    }
    return out;
  };
  shell('indicators', `<section class="panel"><h3>${t('nav_indicators')} · ${r.year} <span class="note">${esc(r.catalogue)}</span></h3>` +
    `<div class="controls"><label>${t('year')} <input id="f-year" type="number" value="${r.year}" style="width:5rem"></label>` +
    sel('f-domain', domains, f.domain, t('domain')) + sel('f-owner', owners, f.owner, t('owner')) + sel('f-status', statuses, f.status, t('status')) +
    `<span class="spacer"></span>${exportLinks}</div>${summary}<p class="error" id="ind-error"></p>` +
    table('indicators-table', [{ key: 'id', label: t('id') }, { key: 'domain', label: t('domain') },
      { key: 'name_csv', label: t('name'), html: (x) => `${esc(x.name)}${x.unverified ? ' <span class="unverified-mark" title="' + t('unverified_hint') + '">UNVERIFIED 未核实</span>' : ''}` },
      { key: 'binding_text', label: t('binding') }, { key: 'value', label: t('value') }, { key: 'unit', label: t('unit_of') },
      { key: 'target', label: t('target') }, { key: 'gap', label: t('gap') }, { key: 'trend', label: t('trend'), html: (x) => esc(x.trend ? t('trend_' + x.trend) : '') },
      { key: 'owner', label: t('owner') },
      { key: 'verdict_text', label: t('verdict'), html: (x) => `<span class="${VERDICT_CLASS[x.verdict] ?? ''}">${esc(x.verdict_text)}</span>` },
      { key: 'entry_value', label: t('entered') },
      { key: 'entry_status', label: t('review_state'), html: (x) => `<span class="entry-status" data-state="${esc(x.entry?.status ?? '')}">${esc(x.entry_status)}</span>${x.entry?.review_reason ? `<div class="note">${esc(x.entry.review_reason)}</div>` : ''}` },
      { key: 'evidence_files', label: t('evidence'), html: (x) => (x.evidence_files ? `<button class="ev-list" data-id="${esc(x.id)}">${x.evidence_files}</button>` : '0') },
      { key: 'actions', label: '', html: actions }], rows) + '</section>' +
    `<section class="panel" id="evidence-panel" hidden><h3>${t('evidence')} <span id="evidence-of"></span></h3><ul id="evidence-files"></ul><p class="note">${t('evidence_note')}</p></section>` + entry);
  document.querySelectorAll('#indicators-table tbody tr').forEach((tr, i) => {
    if (!rows[i]) return;
    tr.dataset.id = rows[i].id;
    if (rows[i].unverified) tr.classList.add('unverified');
  });
  const go = () => {
    const q = new URLSearchParams({ year: document.getElementById('f-year').value, domain: document.getElementById('f-domain').value,
      owner: document.getElementById('f-owner').value, status: document.getElementById('f-status').value });
    location.hash = `#/indicators?${q}`;
  };
  ['f-year', 'f-domain', 'f-owner', 'f-status'].forEach((id) => { document.getElementById(id).onchange = go; });
  const fail = (err) => { document.getElementById('ind-error').textContent = err.message; };
  document.querySelectorAll('button.ev-list').forEach((b) => {
    b.onclick = async () => {
      try {
        const id = encodeURIComponent(b.dataset.id);
        const ev = await api('GET', `/api/v1/indicators/${id}/evidence?year=${r.year}`);
        document.getElementById('evidence-of').textContent = `${b.dataset.id} · ${ev.year}`;
        document.getElementById('evidence-files').innerHTML = ev.evidence.map((e) => `<li>` +
          (e.intact ? `<a class="ev-download" href="/api/v1/indicators/${id}/evidence/${e.file_id}" download>${esc(e.file_name)}</a>`
            : `<span class="bad">${esc(e.file_name)} · ${t('evidence_altered')}</span>`) +
          ` <span class="note">${(e.size / 1024).toFixed(1)} KiB · SHA-256 ${esc(e.sha256.slice(0, 16))}…</span></li>`).join('');
        const panel = document.getElementById('evidence-panel');
        panel.hidden = false;
        panel.scrollIntoView();
      } catch (err) { fail(err); }
    };
  });
  document.querySelectorAll('button.ind-submit').forEach((b) => {
    b.onclick = async () => {
      try { await api('POST', `/api/v1/indicators/${encodeURIComponent(b.dataset.id)}/submit`, { year: r.year }); route(); } catch (err) { fail(err); }
    };
  });
  document.querySelectorAll('button.ind-review').forEach((b) => {
    b.onclick = async () => {
      const reason = document.querySelector(`input.ind-reason[data-id="${b.dataset.id}"]`).value.trim();
      if (b.dataset.action === 'return' && !reason) { fail(new Error(t('reason_required'))); return; }
      try {
        await api('POST', `/api/v1/indicators/${encodeURIComponent(b.dataset.id)}/review`, { year: r.year, action: b.dataset.action, reason });
        route();
      } catch (err) { fail(err); }
    };
  });
  const form = document.getElementById('entry-form');
  if (form) {
    form.onsubmit = async (e) => {
      e.preventDefault();
      const submit = e.submitter?.dataset.submit === '1';
      const d = new FormData(form);
      const id = encodeURIComponent(d.get('id'));
      const msg = document.getElementById('entry-msg');
      try {
        await api('POST', `/api/v1/indicators/${id}/values`, { year: r.year, value: d.get('value'), note: d.get('note') });
        const file = d.get('file');
        if (file && file.size > 0) {
          const res = await fetch(`/api/v1/indicators/${id}/evidence?year=${r.year}&name=${encodeURIComponent(file.name)}`,
            { method: 'POST', headers: { 'X-CSRF-Token': state.csrf, 'Content-Type': 'application/octet-stream' }, body: file, credentials: 'same-origin' });
          const out = await res.json();
          if (!res.ok) throw new Error(out.message);
        }
        if (submit) await api('POST', `/api/v1/indicators/${id}/submit`, { year: r.year });
        await route();
        const m = document.getElementById('entry-msg');
        if (m) m.textContent = submit ? t('submitted_ok') : t('saved');
      } catch (err) { msg.textContent = err.message; msg.className = 'error'; }
    };
  }
}

// Key projects (重点工程): progress, status, milestones with overdue flags.
async function projectsPage(params) {
  const yearQ = params.get('year') ? `?year=${encodeURIComponent(params.get('year'))}` : '';
  const r = await api('GET', `/api/v1/projects${yearQ}`);
  const rows = r.projects.map((p) => ({ ...p, status_text: t('project_' + p.status) !== 'project_' + p.status ? t('project_' + p.status) : p.status,
    milestones_text: p.milestones.map((m) => `${m.title} ${m.due}${m.done ? ' ✓' : ''}${m.overdue ? ' ' + t('overdue') : ''}`).join('; ') }));
  shell('projects', `<section class="panel"><h3>${t('nav_projects')} · ${r.year}</h3>` +
    `<div class="controls"><label>${t('year')} <input id="p-year" type="number" value="${r.year}" style="width:5rem"></label><span class="note">${t('today')} ${esc(r.today)}</span></div>` +
    table('projects-table', [{ key: 'code', label: t('code') }, { key: 'name', label: t('name') }, { key: 'unit', label: t('unit') },
      { key: 'budget_wan', label: t('budget_wan') },
      { key: 'progress', label: t('progress'), html: (p) => `<progress max="100" value="${Number(p.progress)}"></progress> ${Number(p.progress)}%` },
      { key: 'status_text', label: t('status') },
      { key: 'milestones_text', label: t('milestones'), html: (p) => `<ul class="milestones">${p.milestones.map((m) => `<li class="${m.overdue ? 'overdue' : ''}">${esc(m.title)} · ${esc(m.due)}${m.done ? ` ✓ ${esc(m.done)}` : ''}${m.overdue ? ` <span class="bad">${t('overdue')}</span>` : ''}</li>`).join('')}</ul>` },
      { key: 'overdue', label: t('overdue_count'), html: (p) => (p.overdue ? `<span class="bad overdue-flag">${p.overdue}</span>` : '0') },
      { key: 'update', label: '', html: (p) => (p.may_update ? `<button class="p-update" data-code="${esc(p.code)}">${t('report_progress')}</button>` : '') }], rows) +
    `<div id="project-form"></div></section>`);
  document.getElementById('p-year').onchange = () => { location.hash = `#/projects?year=${encodeURIComponent(document.getElementById('p-year').value)}`; };
  document.querySelectorAll('button.p-update').forEach((b) => {
    b.onclick = () => projectForm(r.projects.find((p) => p.code === b.dataset.code));
  });
}

// A unit's progress report on one project: percentage, status, milestones done.
function projectForm(p) {
  const box = document.getElementById('project-form');
  const statuses = ['planned', 'in_progress', 'done', 'suspended'];
  box.innerHTML = `<form id="progress-form" class="panel"><h4>${esc(p.code)} ${esc(p.name)}</h4><div class="controls">` +
    `<label>${t('progress')} <input name="progress" type="number" min="0" max="100" value="${Number(p.progress)}" required>%</label>` +
    `<label>${t('status')} <select name="status">${statuses.map((x) => `<option value="${x}" ${x === p.status ? 'selected' : ''}>${esc(t('project_' + x))}</option>`).join('')}</select></label>` +
    `<input name="note" placeholder="${t('note')}" size="30"></div><ul class="milestones">` +
    p.milestones.map((m) => `<li>${esc(m.title)} · ${esc(m.due)} <label>${t('done_on')} <input type="date" data-position="${m.position}" value="${esc(m.done)}"></label></li>`).join('') +
    `</ul><button type="submit">${t('save')}</button> <span id="progress-msg" class="error"></span></form>`;
  const form = document.getElementById('progress-form');
  form.onsubmit = async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const milestones = [...form.querySelectorAll('input[data-position]')].map((i) => ({ position: Number(i.dataset.position), done: i.value }));
    try {
      await api('POST', `/api/v1/projects/${encodeURIComponent(p.code)}/progress`, { progress: Number(f.get('progress')), status: f.get('status'), milestones, note: f.get('note') });
      route();
    } catch (err) { document.getElementById('progress-msg').textContent = err.message; }
  };
  form.scrollIntoView();
}

// Warning levels: the template's tiers by name, other rule sets by rank.
function levelColour(w) {
  const named = { red: '#e53935', orange: '#fb8c00', yellow: '#fdd835' }[w.level];
  if (named) return named;
  return w.rank >= 2 ? '#e53935' : '#fb8c00';
}
function levelBadge(w) {
  const c = levelColour(w);
  return `<span class="level-badge" style="background:${c};color:${c === '#fdd835' ? '#000' : '#fff'}">${esc(w.level_name || w.level)}</span>`;
}
const tState = (s) => (t('wstate_' + s) !== 'wstate_' + s ? t('wstate_' + s) : s);

// The steps an analyst may take from each state.
const NEXT_STEP = { raised: 'ack', acknowledged: 'assign', escalated: 'assign', assigned: 'feedback', feedback: 'close' };
// The stored trigger is Chinese; English pages show trigger_en when the server sends it.
const triggerText = (w) => (state.lang === 'en' ? (w.trigger_en || w.trigger) : w.trigger);
const W_COUNTS = ['raised', 'upgraded', 'repeated', 'unchanged', 'lifted', 'escalated'];
// The last evaluation or escalation result, shown again after the list reloads.
let warningToolResult = null;

// Admin and analyst: evaluate a rule set at a date, escalate overdue warnings.
function warningTools() {
  const today = new Date().toISOString().slice(0, 10);
  return `<section class="panel" id="w-tools"><h3>${t('w_tools_title')}</h3><div class="controls">` +
    `<label>${t('rule_set')} <select id="w-rules"><option value="yangtze">${t('w_rules_yangtze')}</option>` +
    `<option value="local-template">${t('w_rules_local')}</option><option value="air-targets">${t('w_rules_air')}</option></select></label>` +
    `<label>${t('as_of')} <input id="w-asof" type="date" value="${today}" required></label>` +
    `<button id="w-evaluate">${t('w_run_evaluate')}</button><button id="w-escalate">${t('w_run_escalate')}</button></div>` +
    `<p class="note">${t('w_tools_note')}</p><div id="w-tool-result">${toolResultHtml()}</div><p class="error" id="w-tool-error"></p></section>`;
}

function toolResultHtml() {
  const r = warningToolResult;
  if (!r) return '';
  if (r.kind === 'escalate') {
    return `<p class="w-result" data-escalated="${r.escalated}">${esc(r.as_of)}: ${t('w_escalated_result')} ${r.escalated}</p>`;
  }
  const counts = W_COUNTS.map((k) => `<span class="w-count" data-count="${k}">${t('w_count_' + k)} <b>${r.counts[k]}</b></span>`).join(' · ');
  const findings = r.findings.map((f) => `<li>${levelBadge(f)} ${esc(f.subject)} ${esc(f.subject_name)}: ${esc(triggerText(f))}</li>`).join('');
  return `<p class="w-result" data-rule-set="${esc(r.rule_set)}">${esc(r.rule_set)}${r.template ? ` <span class="template-mark">${t('template_mark')}</span>` : ''} · ` +
    `${t('as_of')} ${esc(r.as_of)} · ${t('w_month')} ${esc(r.month || '—')}: ${counts}</p>` +
    (findings ? `<details><summary>${t('w_findings')} (${r.findings.length})</summary><ul class="w-findings">${findings}</ul></details>` : '');
}

function bindWarningTools() {
  const run = async (path, body, kind) => {
    const error = document.getElementById('w-tool-error');
    error.textContent = '';
    try {
      const r = await api('POST', path, body);
      warningToolResult = { ...r, kind };
      await route();
    } catch (err) { error.textContent = err.message; }
  };
  document.getElementById('w-evaluate').onclick = () => run('/api/v1/warnings/evaluate',
    { rules: document.getElementById('w-rules').value, as_of: document.getElementById('w-asof').value }, 'evaluate');
  document.getElementById('w-escalate').onclick = () => run('/api/v1/warnings/escalate',
    { as_of: document.getElementById('w-asof').value }, 'escalate');
}

// Admin: the webhook outbox, "deliver now" and the quiet periods.
async function outboxPanel() {
  const panel = document.getElementById('outbox-panel');
  const o = await api('GET', '/api/v1/warnings/outbox');
  const figure = (key, value, cls = '') => `<span class="outbox-figure ${cls}" data-key="${key}">${t('outbox_' + key)} <b>${esc(value ?? '—')}</b></span>`;
  panel.innerHTML = `<h3>${t('outbox_title')}</h3><div class="controls">` +
    figure('pending', o.pending) + figure('failed', o.failed, o.failed ? 'bad' : '') + figure('delivered', o.delivered) +
    figure('next', o.next_attempt) +
    (o.webhook_configured ? figure('every', o.deliver_every_seconds || '—') + figure('last_run', o.last_run ? `${o.last_run} ${o.last_run_summary}` : null) : '') +
    `<button id="outbox-deliver" ${o.webhook_configured ? '' : 'disabled'}>${t('outbox_deliver')}</button></div>` +
    (o.webhook_configured ? '' : `<p class="note">${t('outbox_url_none')}</p>`) +
    (o.quiet_now ? `<p class="note">${t('outbox_quiet_now')}</p>` : '') +
    (o.last_error ? `<p class="error" id="outbox-last-error">${t('outbox_last_error')}: ${esc(o.last_error)}</p>` : '') +
    `<p id="outbox-result" class="note"></p><h4>${t('quiet_title')}</h4>` +
    table('quiet-table', [{ key: 'from', label: t('from') }, { key: 'to', label: t('to') }, { key: 'reason', label: t('reason') },
      { key: 'in_force', label: t('status'), html: (q) => (q.in_force ? t('quiet_in_force') : '') },
      { key: 'end', label: '', html: (q) => `<button class="quiet-end" data-id="${q.id}">${q.in_force ? t('quiet_end') : t('quiet_cancel')}</button>` }], o.quiet_periods) +
    `<form id="quiet-form" class="controls"><label>${t('from')} <input name="from" type="datetime-local" required></label>` +
    `<label>${t('to')} <input name="to" type="datetime-local" required></label><input name="reason" placeholder="${t('reason')}" required size="30">` +
    `<button type="submit">${t('quiet_add')}</button></form><p class="error" id="outbox-error"></p>`;
  const error = document.getElementById('outbox-error');
  document.getElementById('outbox-deliver').onclick = async () => {
    error.textContent = '';
    try {
      const r = await api('POST', '/api/v1/warnings/outbox/deliver', {});
      await outboxPanel();
      document.getElementById('outbox-result').textContent = r.summary;
    } catch (err) { error.textContent = err.message; }
  };
  document.querySelectorAll('button.quiet-end').forEach((b) => {
    b.onclick = async () => {
      try { await api('POST', `/api/v1/warnings/quiet/${b.dataset.id}/end`, {}); await outboxPanel(); } catch (err) { error.textContent = err.message; }
    };
  });
  const form = document.getElementById('quiet-form');
  form.onsubmit = async (e) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(form).entries());
    // datetime-local gives "YYYY-MM-DDTHH:MM"; the times are UTC (the heading says so).
    try {
      await api('POST', '/api/v1/warnings/quiet', { from: `${f.from.slice(0, 16)}Z`, to: `${f.to.slice(0, 16)}Z`, reason: f.reason });
      await outboxPanel();
    } catch (err) { error.textContent = err.message; }
  };
}

async function warningsPage(params) {
  const all = params.get('state') === 'all';
  const r = await api('GET', `/api/v1/warnings?state=${all ? 'all' : 'open'}`);
  const rows = r.warnings.map((w) => ({ ...w, state_text: tState(w.state), trigger_text: triggerText(w),
    figures_text: typeof w.figures === 'object' ? Object.entries(w.figures || {}).filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `${t('fig_' + k) !== 'fig_' + k ? t('fig_' + k) : k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('; ') : w.figures,
    subject_text: `${w.subject}${w.subject_name && w.subject_name !== w.subject ? ' ' + w.subject_name : ''}`,
    owner_text: [w.owner, w.unit, w.person].filter(Boolean).join(' · ') }));
  const admin = state.user.role === 'admin';
  shell('warnings', (r.may_act ? warningTools() : '') + `<section class="panel"><h3>${t('nav_warnings')} (${rows.length})</h3>` +
    `<div class="controls"><label><input type="checkbox" id="w-all" ${all ? 'checked' : ''}> ${t('warnings_show_all')}</label>` +
    `<span class="note">${t('warnings_template_note')}</span></div>` +
    table('warnings-table', [{ key: 'id', label: '#' },
      { key: 'level', label: t('level'), html: levelBadge },
      { key: 'rule_set', label: t('rule_set'), html: (w) => `${esc(w.rule_set)}${w.template ? ` <span class="template-mark">${t('template_mark')}</span>` : ''}` },
      { key: 'subject_text', label: t('section_subject') },
      { key: 'trigger_text', label: t('trigger') },
      { key: 'figures_text', label: t('figures'), html: (w) => `<span class="figures">${esc(w.figures_text)}</span>` },
      { key: 'main_pollutants', label: t('main_pollutants') },
      { key: 'owner_text', label: t('owner') },
      { key: 'last_period', label: t('period') },
      { key: 'state_text', label: t('status') },
      { key: 'detail', label: '', html: (w) => `<button class="w-detail" data-id="${w.id}">${t('details')}</button>` }], rows) +
    `</section><section class="panel" id="warning-detail" hidden></section>` +
    (admin ? '<section class="panel" id="outbox-panel"></section>' : ''));
  if (r.may_act) bindWarningTools();
  if (admin) await outboxPanel();
  document.getElementById('w-all').onchange = (e) => { location.hash = e.target.checked ? '#/warnings?state=all' : '#/warnings'; };
  const show = async (id) => {
    const w = await api('GET', `/api/v1/warnings/${id}`);
    const panel = document.getElementById('warning-detail');
    panel.hidden = false;
    // Reporters answer a warning assigned to their unit (may_feedback); the rest is for analysts.
    const step = r.may_act ? NEXT_STEP[w.state] : (w.may_feedback ? 'feedback' : null);
    let form = '';
    if (step === 'assign') {
      form = `<form class="w-form controls" data-step="assign"><input name="unit" placeholder="${t('unit')}" required>` +
        `<input name="person" placeholder="${t('person')}" required><label>${t('deadline')} <input name="deadline" type="date" required></label>` +
        `<textarea name="plan" placeholder="${t('section_plan')}" required rows="2" cols="40"></textarea><button type="submit">${t('step_assign')}</button></form>`;
    } else if (step) {
      const field = step === 'feedback' ? 'feedback' : 'note';
      form = `<form class="w-form controls" data-step="${step}"><input name="${field}" placeholder="${t(step === 'feedback' ? 'feedback' : 'note')}" ${step === 'feedback' ? 'required' : ''} size="40">` +
        `<button type="submit">${t('step_' + step)}</button></form>`;
    }
    panel.innerHTML = `<h3>#${w.id} ${levelBadge(w)} ${esc(w.subject_text || w.subject)} · ${esc(tState(w.state))}</h3>` +
      `<p class="w-trigger">${esc(triggerText(w))}</p>` +
      (w.plan ? `<p class="note">${t('section_plan')}: ${esc(w.plan)} · ${esc(w.unit)} · ${esc(w.person)} · ${t('deadline')} ${esc(w.deadline)}</p>` : '') +
      (w.feedback ? `<p class="note">${t('feedback')}: ${esc(w.feedback)}</p>` : '') +
      table('warning-events', [{ key: 'at', label: t('time') }, { key: 'who', label: t('who') },
        { key: 'action', label: t('action'), html: (e) => esc(t('waction_' + e.action) !== 'waction_' + e.action ? t('waction_' + e.action) : e.action) },
        { key: 'from_state', label: t('from'), html: (e) => esc(e.from_state ? tState(e.from_state) : '') },
        { key: 'to_state', label: t('to'), html: (e) => esc(tState(e.to_state)) }, { key: 'note', label: t('note') }], w.events) +
      (w.may_feedback ? `<p class="note">${t('w_feedback_hint')}</p>` : '') + form + '<p class="error" id="w-error"></p>';
    const f = panel.querySelector('form.w-form');
    if (f) f.onsubmit = async (e) => {
      e.preventDefault();
      const body = Object.fromEntries(new FormData(f).entries());
      try {
        await api('POST', `/api/v1/warnings/${w.id}/${f.dataset.step}`, body);
        await route();
        await show(w.id);
      } catch (err) { document.getElementById('w-error').textContent = err.message; }
    };
  };
  document.querySelectorAll('button.w-detail').forEach((b) => { b.onclick = () => show(b.dataset.id); });
}

async function targetsPage(params) {
  const q = new URLSearchParams();
  for (const k of ['year', 'as_of', 'pm25', 'good_day_ratio', 'composite']) if (params.get(k)) q.set(k, params.get(k));
  const r = await api('GET', `/api/v1/air/targets?${q}`);
  const pm = r.pollutants.find((p) => p.pollutant === 'pm25') || {};
  const g = r.good_days;
  const c = r.composite;
  const warnings = state.lang === 'en' ? (r.warnings_en || r.warnings) : r.warnings;
  const risk = (x) => `<span class="risk risk-${esc(x)}">${esc(t('risk_' + x) !== 'risk_' + x ? t('risk_' + x) : x)}</span>`;
  const allowance = pm.allowance == null ? '—' : `${pm.allowance_inclusive ? '≤' : '<'} ${esc(pm.allowance)}`;
  shell('targets', `<section class="panel"><h3>${t('nav_targets')} · ${esc(r.city)} ${r.year}</h3>` +
    `<div class="controls"><label>${t('as_of')} <input id="t-asof" type="date" value="${esc(r.as_of)}"></label>` +
    `<label>${t('pm25_target')} <input id="t-pm25" size="4" value="${esc(pm.target ?? '')}"></label>` +
    `<label>${t('good_day_target')} <input id="t-good" size="4" value="${esc(g?.target_percent ?? '')}"></label>` +
    `<label>${t('composite_target')} <input id="t-composite" size="4" value="${esc(c?.target ?? '')}"></label><button id="t-go">${t('show')}</button>` +
    `<span class="note">${t('days_elapsed')} ${r.days_elapsed} · ${t('days_left')} ${r.days_left}</span></div>` +
    `<div class="cards"><div class="card"><div>${t('pm25_ytd')}</div><div class="big" id="t-ytd">${esc(pm.ytd_mean ?? '—')}</div><div class="note">${t('target')} ≤ ${esc(pm.target)} µg/m³</div></div>` +
    `<div class="card"><div>${t('pm25_allowance')}</div><div class="big" id="t-allowance">${allowance}</div><div class="note">µg/m³ · ${t('rest_of_year')}</div></div>` +
    `<div class="card"><div>${t('pm25_risk')}</div><div class="big">${risk(pm.risk)}</div><div class="note">${t('projection')} ${esc(pm.projection ?? '—')}</div></div>` +
    (g ? `<div class="card"><div>${t('good_days_ytd')}</div><div class="big">${g.ytd_good} / ${g.ytd_valid}</div><div class="note">${esc(g.ytd_ratio ?? '—')} % · ${t('target')} ≥ ${esc(g.target_percent)} %</div></div>` +
      `<div class="card"><div>${t('non_good_allowed')}</div><div class="big" id="t-nongood">${g.non_good_allowed < 0 ? t('target_missed') : g.non_good_allowed}</div><div class="note">${risk(g.risk)}</div></div>` : '') +
    (c ? `<div class="card" id="t-composite-card"><div>${t('composite_allowance')}</div><div class="big">${c.pm25_allowance == null ? t('target_missed') : `${c.pm25_allowance_inclusive ? '≤' : '<'} ${esc(c.pm25_allowance)}`}</div>` +
      `<div class="note">${t('composite_index')} ${esc(c.ytd ?? '—')} · ${t('target')} ≤ ${esc(c.target)} · ${risk(c.risk)}</div><div class="note">${t('composite_method')}</div></div>` : '') +
    `</div><div id="targets-chart" class="chart"></div>` +
    table('targets-table', [{ key: 'pollutant', label: t('pollutant') }, { key: 'ytd_mean', label: t('ytd_mean') }, { key: 'target', label: t('target') },
      { key: 'allowance', label: t('allowance'), html: (p) => (p.allowance == null ? '—' : `${p.allowance_inclusive ? '≤' : '<'} ${esc(p.allowance)}`) }, { key: 'projection', label: t('projection') }, { key: 'risk', label: t('risk'), html: (p) => risk(p.risk) }], r.pollutants) +
    (warnings.length ? `<ul class="target-warnings">${warnings.map((w) => `<li class="bad">${esc(w)}</li>`).join('')}</ul>` : '') +
    `<p class="note">${t('targets_note')}</p></section>`);
  const num = (x) => (x == null ? null : Number(x));
  chart('targets-chart', {
    animation: false, tooltip: {}, grid: { left: 60, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: [t('pm25_ytd'), t('target'), t('pm25_allowance')] },
    yAxis: { type: 'value', name: 'µg/m³' },
    series: [{ type: 'bar', barWidth: '40%', label: { show: true, position: 'top' },
      data: [{ value: num(pm.ytd_mean), itemStyle: { color: num(pm.ytd_mean) > num(pm.target) ? '#e53935' : '#43a047' } },
        { value: num(pm.target), itemStyle: { color: '#607d8b' } },
        { value: num(pm.allowance), itemStyle: { color: pm.risk === 'high' || pm.risk === 'missed' ? '#e53935' : '#1e88e5' } }] }],
  });
  document.getElementById('t-go').onclick = () => {
    const n = new URLSearchParams();
    const asof = document.getElementById('t-asof').value;
    if (asof) { n.set('as_of', asof); n.set('year', asof.slice(0, 4)); }
    if (document.getElementById('t-pm25').value) n.set('pm25', document.getElementById('t-pm25').value);
    if (document.getElementById('t-good').value) n.set('good_day_ratio', document.getElementById('t-good').value);
    if (document.getElementById('t-composite').value) n.set('composite', document.getElementById('t-composite').value);
    location.hash = `#/targets?${n}`;
  };
}

async function publicPage() {
  const list = await api('GET', '/api/v1/pages');
  const pages = await Promise.all(list.pages.map((p) => api('GET', `/api/v1/pages/${encodeURIComponent(p.slug)}`)));
  const body = pages.map((p) => {
    if (p.kind === 'air-summary') {
      return `<section class="panel public-page"><h3>${esc(p.title)}</h3><p class="note">${esc(p.content.from)} — ${esc(p.content.to)}</p>` +
        table(`public-${p.slug}`, [{ key: 'name', label: t('city') }, { key: 'good_day_ratio', label: t('good_day_ratio') + ' %' },
          { key: 'pm25', label: t('pm25_mean') }], p.content.cities.map((c) => ({ name: c.name, good_day_ratio: c.good_day_ratio, pm25: c.pollutants.pm25?.mean }))) + '</section>';
    }
    return `<section class="panel public-page"><h3>${esc(p.title)}</h3>` + table(`public-${p.slug}`, [{ key: 'name', label: t('section') },
      { key: 'class', label: t('class') }, { key: 'target_class', label: t('target_class') }], p.content.sections) + '</section>';
  }).join('');
  shell('public', `<p>${t('public_intro')}</p>${body || `<p>${t('no_pages')}</p>`}<p class="note">${t('synthetic')}</p>`);
}

const PAGES = { login: loginPage, overview: overviewPage, air: airPage, water: waterPage, review: reviewPage, imports: importsPage,
  indicators: indicatorsPage, projects: projectsPage, warnings: warningsPage, targets: targetsPage,
  changes: changesPage, admin: adminPage, public: publicPage };

async function route() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  const [name, query] = (location.hash.slice(2) || '').split('?');
  const params = new URLSearchParams(query || '');
  let page = PAGES[name] ? name : (state.user ? ROLE_PAGES[state.user.role][0] : 'public');
  if (!state.user && page !== 'login' && page !== 'public') page = 'login';
  try {
    await PAGES[page](params);
    document.body.dataset.page = page;
  } catch (err) {
    if (err.status === 401) { state.user = null; location.hash = '#/login'; return; }
    shell(page, `<p class="error">${esc(err.message)}</p>`);
  }
}

async function start() {
  try {
    const s = await fetch('/api/v1/session', { credentials: 'same-origin' });
    if (s.ok) { const r = await s.json(); if (r.user) { state.user = r.user; state.csrf = r.csrf; } }
  } catch (e) { /* offline: stay logged out */ }
  window.addEventListener('hashchange', route);
  route();
}
start();
