// A month chosen from a list worded in the page's language ("2026年11月", "Nov 2026"):
// the browser's own month input is worded in the browser's locale, not the page's.
import { currentLang } from '../i18n.js';
import { esc } from './escape.js';
import { beijingToday } from './time.js';

const MONTHS_SHOWN = 36;

// "2026-11" → "2026年11月" or "Nov 2026".
export function monthLabel(ym) {
  const [y, m] = ym.split('-').map(Number);
  if (currentLang() === 'zh') return `${y}年${m}月`;
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

// The last MONTHS_SHOWN months in Beijing, newest first, with `value` among them even when older.
function recentMonths(value) {
  const [y, m] = beijingToday().split('-').map(Number);
  const months = [];
  for (let i = 0; i < MONTHS_SHOWN; i++) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  if (/^\d{4}-\d{2}$/.test(value ?? '') && !months.includes(value)) months.push(value);
  return months.sort().reverse();
}

// <select> of months; `attrs` is the rest of the element's attributes (id, name, data-action…),
// already escaped by the caller.
export function monthSelect(value, attrs) {
  const options = recentMonths(value)
    .map(
      (ym) =>
        `<option value="${ym}"${ym === value ? ' selected' : ''}>${esc(monthLabel(ym))}</option>`,
    )
    .join('');
  return `<select ${attrs}>${options}</select>`;
}
