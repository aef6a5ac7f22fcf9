// Regions (地区) as pages show them: by name in the page's language, never by code, and
// offered in tree order, indented by level. `list` is GET /api/v1/regions's `regions` (the
// caller's subtree) and `above` (the regions above it), which together name every region a
// page can meet.
import { currentLang, pick } from '../i18n.js';
import { esc } from './escape.js';

const DEPTH = { root: 0, province: 1, city: 2, county: 3 };

// A region's name in the page's language.
export const regionName = (r) => (currentLang() === 'en' && r.name_en ? r.name_en : r.name);

// The name of region `code` among `list` (the code itself only for a region no list names).
export function regionLabel(list, code) {
  const r = list.find((x) => x.code === code);
  return r ? regionName(r) : code;
}

// <option>s of the regions of `list`, `selected` chosen.
export const regionOptions = (list, selected) =>
  list
    .map(
      (x) =>
        `<option value="${esc(x.code)}"${x.code === selected ? ' selected' : ''}>` +
        `${'\u3000'.repeat(DEPTH[x.level] ?? 0)}${esc(regionName(x))}</option>`,
    )
    .join('');

// The region field of a form that makes something of a region (`regions`: GET
// /api/v1/regions): a choice among the caller's subtree, the caller's own region named
// when it has no region below, nothing in a store of one city (the root alone).
export function regionField(regions, id, label) {
  const own = regions.regions.find((x) => x.code === regions.region);
  if (regions.regions.length > 1) {
    return (
      `<label>${label} <select name="region" id="${id}">` +
      `${regionOptions(regions.regions, regions.region)}</select></label>`
    );
  }
  if (regions.above.length && own) {
    return `<span class="note" id="${id}">${label}${pick('：', ': ')}${esc(regionName(own))}</span>`;
  }
  return '';
}
