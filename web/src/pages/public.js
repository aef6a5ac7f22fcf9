// The public page: only what an administrator published, no login.
import { api } from '../api.js';
import { pick, t } from '../i18n.js';
import { aqiBadge, LEVEL_COLOURS } from '../widgets/aqi.js';
import { drawCityMap } from '../widgets/citymap.js';
import { beijingTime, kindLabel, periodText } from '../widgets/documents.js';
import { esc } from '../widgets/escape.js';
import { table } from '../widgets/table.js';
import { domainText, targetText } from '../widgets/verdict.js';

export const name = 'public';
export const title = 'nav_public';
// What the bureau publishes: open to a logged-in user as to the public.
export const anyone = true;

function airSummary(p) {
  const rows = p.content.cities.map((c) => ({
    name: c.name,
    good_day_ratio: c.good_day_ratio,
    pm25: c.pollutants.pm25?.mean,
  }));
  return (
    `<p class="note">${esc(p.content.from)} — ${esc(p.content.to)}</p>` +
    table(
      `public-${p.slug}`,
      [
        { key: 'name', label: t('city') },
        { key: 'good_day_ratio', label: t('good_day_ratio') + ' %' },
        { key: 'pm25', label: t('pm25_mean') },
      ],
      rows,
    )
  );
}

function waterSummary(p) {
  return table(
    `public-${p.slug}`,
    [
      { key: 'name', label: t('section') },
      { key: 'class', label: t('class') },
      { key: 'target_class', label: t('target_class') },
    ],
    p.content.sections,
  );
}

const VERDICT_CLASS = { met: 'ok', not_met: 'bad' };
const fill = (text, args) => text.replace(/\{(\w+)\}/g, (all, k) => String(args[k] ?? all));

// The indicators' status of the latest year: the same figures as the indicators page, worded
// here (the verdict and the target's rule come as codes); a value still in review is none.
function indicatorsSummary(p) {
  const c = p.content;
  const s = c.summary;
  const rows = c.indicators.map((x) => ({
    ...x,
    name: pick(x.name_zh, x.name_en),
    domain_text: domainText(x.domain),
    binding_text: t('binding_' + x.binding),
    value_text: x.value ?? '—',
    target_text: targetText(x, c.year),
    trend_text: x.trend ? t('trend_' + x.trend) : '',
    verdict_text: t('verdict_' + x.verdict),
  }));
  const unverified = `<span class="unverified-mark" title="${t('unverified_hint')}">${t('public_ind_unverified')}</span>`;
  return (
    `<p class="note">${esc(fill(t('public_ind_year'), { year: c.year }))}</p>` +
    `<p class="public-ind-summary">${t('binding_met')} <strong>${s.binding_met} / ${s.binding_total}</strong>` +
    `${pick('；', '; ')}${t('reference_met')} <strong>${s.reference_met} / ${s.reference_total}</strong></p>` +
    table(
      `public-${p.slug}`,
      [
        { key: 'domain_text', label: t('domain') },
        {
          key: 'name',
          label: t('name'),
          html: (x) => esc(x.name) + (x.unverified ? ' ' + unverified : ''),
        },
        {
          key: 'verdict_text',
          label: t('verdict'),
          html: (x) =>
            `<span class="${VERDICT_CLASS[x.verdict] ?? ''}">${esc(x.verdict_text)}</span>`,
        },
        { key: 'value_text', label: t('value') },
        { key: 'unit', label: t('unit_of') },
        { key: 'target_text', label: t('target') },
        { key: 'trend_text', label: t('trend') },
        { key: 'binding_text', label: t('binding') },
      ],
      rows,
    )
  );
}

const PAGE_KINDS = {
  'air-summary': airSummary,
  'water-summary': waterSummary,
  'indicators-summary': indicatorsSummary,
};

// The published documents (bulletins, reports, report cards), newest first, by year.
function documents(list) {
  if (!list.length) return `<p>${t('no_documents')}</p>`;
  const rows = list.map((d) => ({
    ...d,
    kind_text: kindLabel(d.kind),
    lang_text: d.lang === 'zh' ? t('lang_zh') : t('lang_en'),
    period: periodText(d),
    published: beijingTime(d.published_at).slice(0, 10),
  }));
  return table(
    'public-documents',
    [
      { key: 'title', label: t('doc_title') },
      { key: 'kind_text', label: t('doc_kind') },
      { key: 'period', label: t('doc_period') },
      { key: 'lang_text', label: t('doc_lang') },
      { key: 'published', label: t('doc_published_at') },
      {
        key: 'id',
        label: 'PDF',
        html: (d) => `<a href="/api/v1/public/documents/${d.id}/pdf" download>PDF</a>`,
      },
    ],
    rows,
  );
}

const LEVEL_KEYS = ['aqi_l1', 'aqi_l2', 'aqi_l3', 'aqi_l4', 'aqi_l5', 'aqi_l6'];

// Where the stations are, for the map: those with a position.
const placed = (now) => now.stations.filter((s) => s.aqi != null && (s.longitude || s.latitude));

function mapLegend() {
  const swatch = (colour, label) =>
    `<span class="swatch"><i style="background:${colour}"></i>${esc(label)}</span>`;
  return (
    `<div class="map-legend"><div><b>${t('map_stations')}</b> ● ` +
    LEVEL_COLOURS.map((c, i) => swatch(c, t(LEVEL_KEYS[i]))).join('') +
    '</div></div>'
  );
}

// The stations on the city's map at their current AQI's official colour: the map layer's
// areas only (the public route gives no section points), or plain axes without a layer.
function drawMap(now) {
  const data = placed(now).map((s) => ({
    name: s.name,
    value: [s.longitude, s.latitude, s.aqi],
    code: s.code,
    label: `${s.name}: AQI ${s.aqi} ${pick(s.level?.category_zh, s.level?.category_en) ?? ''}`,
    itemStyle: { color: s.level?.colour ?? '#bbb', borderColor: '#333', borderWidth: 1 },
  }));
  const layer = now.boundary?.features?.length ? now.boundary : null;
  const series = [
    {
      type: 'scatter',
      name: t('map_stations'),
      symbol: 'circle',
      symbolSize: 18,
      z: 3,
      data,
      label: { show: true, formatter: (p) => `${p.data.value[2] ?? ''}`, fontSize: 10 },
    },
  ];
  const tooltip = { trigger: 'item', formatter: (p) => esc(p.data?.label ?? p.name ?? '') };
  drawCityMap('public-map', layer, series, tooltip, [t('longitude'), t('latitude')]);
}

// Each station's current AQI on its level colour, with its level's health
// effects and advice and, above 100, the sensitive groups (HJ 633).
function airNow(now) {
  const cards = now.stations
    .filter((s) => s.aqi != null)
    .map((s) => {
      const h = s.health;
      const groups = h?.sensitive_groups ? pick(h.sensitive_groups.zh, h.sensitive_groups.en) : [];
      return (
        `<div class="aqi-card"><div class="aqi-card-head">${aqiBadge(s.aqi, s.level)} ` +
        `<strong>${esc(s.name)}</strong> ${esc(pick(s.level.category_zh, s.level.category_en))}</div>` +
        `<div class="note">${esc(String(s.time ?? '').replace('T', ' '))}` +
        (s.primary ? ` · ${t('primary_pollutant')} ${esc(s.primary)}` : '') +
        '</div>' +
        (h
          ? `<p>${esc(pick(h.effect.zh, h.effect.en))}</p><p><strong>${t('health_advice')}</strong>` +
            `${esc(pick(h.advice.zh, h.advice.en))}</p>`
          : '') +
        (groups.length
          ? `<p class="note">${t('sensitive_groups')}${esc(groups.join(pick('；', '; ')))}</p>`
          : '') +
        '</div>'
      );
    });
  if (!cards.length) return '';
  return (
    `<section class="panel public-air-now"><h3>${t('public_air_now')}</h3>` +
    (placed(now).length
      ? `<div id="public-map" class="chart map-chart public-map" role="img" ` +
        `aria-label="${esc(t('public_air_map'))}"></div>${mapLegend()}`
      : '') +
    `<div class="aqi-cards">${cards.join('')}</div>` +
    `<p class="note">${esc(pick(now.advice_source.zh, now.advice_source.en))}</p></section>`
  );
}

export async function render(ctx) {
  const now = await api('GET', '/api/v1/public/air/now');
  const published = await api('GET', '/api/v1/public/documents');
  const list = await api('GET', '/api/v1/pages');
  const pages = await Promise.all(
    list.pages.map((p) => api('GET', `/api/v1/pages/${encodeURIComponent(p.slug)}`)),
  );
  const body = pages
    .map(
      (p) =>
        `<section class="panel public-page" data-kind="${esc(p.kind)}"><h3>${esc(p.title)}</h3>` +
        (PAGE_KINDS[p.kind] ?? waterSummary)(p) +
        '</section>',
    )
    .join('');
  const docs =
    `<section class="panel public-documents"><h3>${t('published_documents')}</h3>` +
    `${documents(published.documents)}</section>`;
  ctx.show(
    `<p>${t('public_intro')}</p>${airNow(now)}${docs}${body || `<p>${t('no_pages')}</p>`}<p class="note">${t('synthetic')}</p>`,
  );
  if (placed(now).length) drawMap(now);
}
