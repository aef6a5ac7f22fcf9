// How official documents are named on a page (the documents page, the public page).
import { t } from '../i18n.js';

// The kind of a document in words ("air-yearly" → 环境空气质量年报).
export const kindLabel = (kind) => t(`doc_kind_${kind.replace('-', '_')}`);

// A document's period as a reader sees it: a card's is its year (the store keys it
// by scheme, year and subject).
export const periodText = (d) => (d.kind === 'card' ? d.period.split('/')[1] : d.period);

// Times in Beijing time (shared with every page).
export { beijingTime } from './time.js';
