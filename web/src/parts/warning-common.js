// What the warnings page and its panels share: the level badge, state, trigger, rule set,
// subject and deadline texts, each in the page's language (no stored code on the page).
import { currentLang, keyByZh, t, tOr } from '../i18n.js';
import { beijingToday } from '../widgets/time.js';
import { esc } from '../widgets/escape.js';

// Warning levels: the template's tiers by name, other rule sets by rank.
function levelColour(w) {
  const named = { red: '#e53935', orange: '#fb8c00', yellow: '#fdd835' }[w.level];
  if (named) return named;
  return w.rank >= 2 ? '#e53935' : '#fb8c00';
}

// A level by its name in the page's language; a level the interface does not know keeps
// the rule file's own name.
export const levelName = (w) => tOr('wlevel_' + w.level, w.level_name || w.level);

export function levelBadge(w) {
  const c = levelColour(w);
  const text = c === '#fdd835' ? '#000' : '#fff';
  return `<span class="level-badge" data-level="${esc(w.level)}" style="background:${c};color:${text}">${esc(levelName(w))}</span>`;
}

// A rule set by name: the built-in water rule sets, and the air targets of a year
// ("air-targets-2026"); a rule file of one's own keeps its id.
export function ruleSetName(id) {
  const year = /^air-targets-(\d{4})$/.exec(id ?? '')?.[1];
  if (year) return t('rset_air_targets').replace('{year}', year);
  return tOr('rset_' + id, id ?? '');
}

// What a warning is about: a section's code and name, or the city's air target in words
// ("张家港市/pm25" → "张家港市 PM2.5 annual mean" on the English page).
export function subjectText(w) {
  const [city, what] = w.kind === 'air' ? w.subject.split('/') : [];
  if (what && currentLang() === 'en') {
    const named = tOr('wsubject_' + what, '');
    return `${city} ${named || what.toUpperCase().replace('PM25', 'PM2.5') + ' ' + t('wsubject_annual_mean')}`;
  }
  if (w.kind === 'air') return w.subject_name || w.subject;
  return `${w.subject}${w.subject_name && w.subject_name !== w.subject ? ' ' + w.subject_name : ''}`;
}

export const stateText = (s) => tOr('wstate_' + s, s);

// States in which a warning still waits for someone.
export const OPEN_STATES = ['raised', 'acknowledged', 'assigned', 'feedback', 'escalated'];

// Days from today in Beijing (the server's `today` when it sent one) to the deadline.
export function daysLeft(w, today = beijingToday()) {
  if (!w.deadline || !OPEN_STATES.includes(w.state)) return null;
  const days = (Date.parse(w.deadline) - Date.parse(today)) / 86400000;
  return Number.isNaN(days) ? null : Math.round(days);
}

// The deadline with its countdown: "2026-12-05 还剩 3 天" / "3 days left", "今天到期",
// "已逾期 2 天" marked overdue.
export function deadlineHtml(w, today) {
  const days = daysLeft(w, today);
  if (days === null) return esc(w.deadline ?? '');
  const text =
    days > 1
      ? t('w_days_left').replace('{n}', days)
      : days === 1
        ? t('w_day_left')
        : days === 0
          ? t('w_due_today')
          : t(days === -1 ? 'w_day_overdue' : 'w_days_overdue').replace('{n}', -days);
  const cls = days < 0 ? 'bad w-overdue' : days <= 3 ? 'w-due-soon' : 'w-due';
  return `${esc(w.deadline)} <span class="${cls}" data-days="${days}">${esc(text)}</span>`;
}

// A class label as the messages hold it ("III", "劣V") in the page's language.
const classLabel = (v) => (v === '劣V' ? t('class_worse_than_v') : v);

// One message of the server (a code and its arguments) in the page's language: the i18n
// template `wmsg_<code>` filled, the item named in the page's language (its `item_id`).
export function messageText(m) {
  const args = { ...m.args };
  if (args.item_id) args.item = tOr('witem_' + args.item_id, args.item);
  // A name given in both languages (a period's `period_en`) in the page's language.
  if (currentLang() === 'en') {
    for (const k of Object.keys(args))
      if (k.endsWith('_en') && args[k]) args[k.slice(0, -3)] = args[k];
  }
  return t('wmsg_' + m.code).replace(/\{(\w+)\}/g, (all, k) =>
    args[k] == null ? all : classLabel(String(args[k])),
  );
}

// The trigger in the page's language, worded from its codes (`figures.trigger`); a warning
// stored before the codes were kept shows its stored text (trigger_en on English pages).
export function triggerText(w) {
  const messages = w.figures?.trigger;
  if (Array.isArray(messages) && messages.every((m) => tOr('wmsg_' + m.code, ''))) {
    return messages.map(messageText).join(t('wmsg_sep'));
  }
  return currentLang() === 'en' ? w.trigger_en || w.trigger : w.trigger;
}

// The main pollutants ("氨氮(0.8);总磷(0.2)": items by their Chinese names with the multiple
// of the limit) with the items named in the page's language.
export const pollutantsText = (text) =>
  (text || '')
    .split(';')
    .filter(Boolean)
    .map((one) => {
      const [, item, rest] = /^([^(]*)(.*)$/.exec(one);
      const key = keyByZh('witem_', item);
      return (key ? t(key) : item) + rest;
    })
    .join(t('wmsg_sep'));

export const templateMark = (template) =>
  template ? ` <span class="template-mark">${t('template_mark')}</span>` : '';
