// Times as the city reads them: the store and the server keep UTC ("2026-12-02T19:17:12Z");
// every page shows Beijing time (UTC+8, no daylight saving), whatever the browser's zone.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

// "2026-12-02T19:17:12Z" → "2026-12-03 03:17:12"; text that is no time is shown as it is.
export function beijingTime(iso) {
  const ms = Date.parse(iso ?? '');
  if (Number.isNaN(ms)) return iso ?? '';
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

// The calendar year in Beijing.
export const beijingYear = () => new Date(Date.now() + BEIJING_OFFSET_MS).getUTCFullYear();

// Today in Beijing as YYYY-MM-DD.
export const beijingToday = () =>
  new Date(Date.now() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
