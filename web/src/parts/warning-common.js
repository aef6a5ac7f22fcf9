// What the warnings page and its panels share: the level badge, state and trigger texts.
import { currentLang, t, tOr } from '../i18n.js';
import { esc } from '../widgets/escape.js';

// Warning levels: the template's tiers by name, other rule sets by rank.
function levelColour(w) {
  const named = { red: '#e53935', orange: '#fb8c00', yellow: '#fdd835' }[w.level];
  if (named) return named;
  return w.rank >= 2 ? '#e53935' : '#fb8c00';
}

export function levelBadge(w) {
  const c = levelColour(w);
  const text = c === '#fdd835' ? '#000' : '#fff';
  return `<span class="level-badge" style="background:${c};color:${text}">${esc(w.level_name || w.level)}</span>`;
}

export const stateText = (s) => tOr('wstate_' + s, s);

// The stored trigger is Chinese; English pages show trigger_en when the server sends it.
export const triggerText = (w) => (currentLang() === 'en' ? w.trigger_en || w.trigger : w.trigger);

export const templateMark = (template) =>
  template ? ` <span class="template-mark">${t('template_mark')}</span>` : '';
