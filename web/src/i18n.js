// Texts in Chinese (default) and English, from i18n/zh.json and i18n/en.json.
import zh from './i18n/zh.json';
import en from './i18n/en.json';

const texts = { zh, en };
let lang = localStorage.getItem('lang') === 'en' ? 'en' : 'zh';

export const currentLang = () => lang;

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const toggleLang = () => setLang(lang === 'zh' ? 'en' : 'zh');

// The text of a key; the key itself when it has none.
export const t = (key) => texts[lang][key] ?? key;

// The text of a key built at run time (e.g. 'wstate_' + state), else the fallback.
export const tOr = (key, fallback) => texts[lang][key] ?? fallback;

// The Chinese or the English of a pair the server sends (name_zh / name_en).
export const pick = (zhText, enText) => (lang === 'zh' ? zhText : enText);

// The key starting with `prefix` whose Chinese text is `text` (a name the server stored in
// Chinese, e.g. an item of "氨氮(0.8)"), else null.
export const keyByZh = (prefix, text) =>
  Object.keys(zh).find((k) => k.startsWith(prefix) && zh[k] === text) ?? null;
