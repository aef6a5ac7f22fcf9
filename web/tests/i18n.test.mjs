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

// The codes the server gives a rejected row of an import (src/core/row_problems.cc: a code
// and the reader's English sentence with {places}): every code is a key `rowp_<code>` in both
// languages using no place the sentences lack, so a reason never shows a code or a hole.
// Server error details coded the same way (src/server/error_reasons.cc) are keys `errd_<code>`.
function checkCodes(file, prefix, least) {
  const source = fs.readFileSync(path.join(root, '..', '..', file), 'utf8');
  const places = new Map();
  for (const m of source.matchAll(/^\s*\{"(\w+)", "((?:[^"\\]|\\.)*)"\},$/gm)) {
    const own = new Set([...m[2].matchAll(/\{(\w+)\}/g)].map((x) => x[1]));
    const known = places.get(m[1]);
    // A code of several sentences may use only the places all of them have.
    places.set(m[1], known ? new Set([...known].filter((x) => own.has(x))) : own);
  }
  if (places.size < least) problems.push(`${file}: only ${places.size} codes read`);
  for (const [code, allowed] of places) {
    for (const [texts, name] of [
      [zh, 'zh.json'],
      [en, 'en.json'],
    ]) {
      const text = texts[prefix + code];
      if (text === undefined) problems.push(`${prefix}${code}: missing in ${name}`);
      const extra = [...(text ?? '').matchAll(/\{(\w+)\}/g)].filter((x) => !allowed.has(x[1]));
      if (extra.length) problems.push(`${prefix}${code}: ${name} uses {${extra[0][1]}}`);
    }
  }
  return places.size;
}
checkCodes('src/core/row_problems.cc', 'rowp_', 50);
checkCodes('src/server/error_reasons.cc', 'errd_', 40);

for (const p of problems) console.log(`FAILED - ${p}`);
console.log(
  `i18n: ${Object.keys(zh).length} keys, ${checked} uses checked, ${problems.length} problems`,
);
process.exit(problems.length ? 1 : 0);
