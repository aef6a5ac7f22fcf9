// The translations are complete: zh.json and en.json have the same keys, no empty text,
// and every key the code names literally — t('key'), tOr('key', …) and a page module's
// `title = 'key'` — is in both. Run by `npm run test:i18n` (CTest web.lint).
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..', 'src');
const zh = JSON.parse(fs.readFileSync(path.join(root, 'i18n', 'zh.json'), 'utf8'));
const en = JSON.parse(fs.readFileSync(path.join(root, 'i18n', 'en.json'), 'utf8'));
const problems = [];

for (const [a, b, name] of [
  [zh, en, 'en.json'],
  [en, zh, 'zh.json'],
]) {
  for (const key of Object.keys(a)) if (!(key in b)) problems.push(`${key}: missing in ${name}`);
}
for (const [texts, name] of [
  [zh, 'zh.json'],
  [en, 'en.json'],
]) {
  for (const [key, text] of Object.entries(texts)) {
    if (typeof text !== 'string' || !text.trim()) problems.push(`${key}: empty in ${name}`);
  }
}

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(p);
    else if (entry.name.endsWith('.js')) yield p;
  }
}

// A literal key: the whole first argument is one string, e.g. t('nav_air'), not t('nav_' + p).
const uses = [
  /\bt\(\s*'([^'\\]+)'\s*\)/g,
  /\btOr\(\s*'([^'\\]+)'\s*,/g,
  /export const title = '([^']+)'/g,
];
let checked = 0;
for (const file of sources(root)) {
  const text = fs.readFileSync(file, 'utf8');
  for (const re of uses) {
    for (const m of text.matchAll(re)) {
      checked++;
      if (!(m[1] in zh) || !(m[1] in en)) {
        problems.push(`${path.relative(root, file)}: '${m[1]}' is not in both translations`);
      }
    }
  }
}

for (const p of problems) console.log(`FAILED - ${p}`);
console.log(
  `i18n: ${Object.keys(zh).length} keys, ${checked} uses checked, ${problems.length} problems`,
);
process.exit(problems.length ? 1 : 0);
