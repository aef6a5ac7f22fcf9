// How official documents are named on a page (the documents page, the public page).
import { t } from '../i18n.js';

// The kind of a document in words ("air-yearly" → 环境空气质量年报).
export const kindLabel = (kind) => t(`doc_kind_${kind.replace('-', '_')}`);

// A document's period as a reader sees it: a card's is its year (the store keys it
// by scheme, year and subject).
export const periodText = (d) => (d.kind === 'card' ? d.period.split('/')[1] : d.period);

// "2026-12-02T19:49:42Z" (UTC, as the store keeps it) → "2026-12-03 03:49" Beijing time.
export function beijingTime(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
