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

// The server's warning messages (config/warning-messages.toml: a code and arguments, which the
// interface words itself): every code is a key `wmsg_<code>` in both languages with the same
// placeholders as the file's templates, so a message never shows a code or an empty place.
const toml = fs.readFileSync(
  path.join(root, '..', '..', 'config', 'warning-messages.toml'),
  'utf8',
);
const holes = (text) =>
  [...(text ?? '').matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join();
let codes = 0;
for (const m of toml.matchAll(/^\[messages\.(\w+)\]\s*\nzh = "(.*)"\s*\nen = "(.*)"/gm)) {
  codes++;
  const [, code, zhText] = m;
  for (const [texts, name] of [
    [zh, 'zh.json'],
    [en, 'en.json'],
  ]) {
    if (holes(texts['wmsg_' + code]) !== holes(zhText)) {
      problems.push(`wmsg_${code}: not in ${name} with the placeholders of warning-messages.toml`);
    }
  }
}
if (codes < 20) problems.push(`warning-messages.toml: only ${codes} messages read`);

for (const p of problems) console.log(`FAILED - ${p}`);
console.log(
  `i18n: ${Object.keys(zh).length} keys, ${checked} uses checked, ${problems.length} problems`,
);
process.exit(problems.length ? 1 : 0);
