// Walks every page every role may see (the server's session pages), in Chinese and English,
// at 1440 px and 390 px wide, and fails on: a console error or an uncaught exception, a
// failed request of the app's own (a 5xx, or a 4xx other than the page's deliberate
// refusals), an error shown instead of the page, a raw i18n key (a snake_case word) or a
// raw role code on the page, Chinese in the English interface's own labels (navigation,
// headings, table heads, buttons, field labels), and at 390 px a page wider than the screen.
// Run by tests/web/browser_test.sh (CTest web.walk), like the other browser tests.
import { browser, check, consoleErrors, counts, login, newPage, url } from './browser/lib.mjs';

// Every demo user of scripts/demo-db by role, and the visitor (no login).
const USERS = [null, 'admin', 'analyst', 'leader', 'auditor', 'jinfeng', 'shuiwu'];
const WIDTHS = [1440, 390];
const LANGS = ['zh', 'en'];
const ROLE_CODES = ['admin', 'analyst', 'reporter', 'leader', 'auditor'];

// What the page shows that it should not. Runs in the page.
function inspect({ lang, roleCodes }) {
  const problems = [];
  const skip = new Set(['SCRIPT', 'STYLE', 'OPTION', 'TEXTAREA', 'CODE', 'PRE']);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (skip.has(n.parentElement?.tagName)) continue;
    if (n.parentElement?.closest('[data-raw]')) continue; // data shown as stored (codes, hashes)
    const text = n.textContent.trim();
    if (text) texts.push(text);
  }
  for (const text of texts) {
    // A key never translated: a snake_case word standing alone (e.g. "risk_high").
    const key = text.match(/(^|[\s(（:：])([a-z][a-z0-9]*_[a-z0-9_]*[a-z0-9])($|[\s)）,，.:：])/);
    if (key) problems.push(`raw key "${key[2]}" in "${text.slice(0, 60)}"`);
  }
  // The role in words (in English some words are the codes themselves: "analyst").
  const who = document.querySelector('header .who')?.textContent ?? '';
  for (const code of lang === 'zh' ? roleCodes : []) {
    if (new RegExp(`\\(${code}(\\)| ·)`).test(who))
      problems.push(`role code "${code}" in the header`);
  }
  if (lang === 'en') {
    const chrome = document.querySelectorAll(
      'header nav a, header button:not(#lang), main h2, main th, main button, main label',
    );
    for (const el of chrome) {
      // A label's own words, not the names in its select or the value of its field.
      const own = [...el.childNodes]
        .filter((c) => c.nodeType === Node.TEXT_NODE)
        .map((c) => c.textContent)
        .join('');
      if (/[\u4e00-\u9fff]/.test(own)) problems.push(`Chinese in "${own.trim().slice(0, 40)}"`);
    }
  }
  const error = document.querySelector('main > p.error:not(#app-error)')?.textContent ?? '';
  if (error) problems.push(`error shown: ${error.slice(0, 80)}`);
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  return { problems, overflow };
}

try {
  for (const user of USERS) {
    for (const lang of LANGS) {
      for (const width of WIDTHS) {
        const page = await newPage({ width, lang, reducedMotion: 'reduce' });
        const failed = [];
        page.on('response', (r) => {
          // The app's own API: a server error is always a fault; a refusal (403/404/409) is
          // part of some pages (a reporter's unit) and is judged by the error check above.
          if (r.url().startsWith(`${url}/api/`) && r.status() >= 500)
            failed.push(`${r.status()} ${r.url()}`);
        });
        if (user) await login(page, user);
        else await page.goto(`${url}/`);
        const pages = await page.evaluate(
          async () => (await (await fetch('/api/v1/session')).json()).pages,
        );
        const visible = user ? pages : [...pages, 'login'];
        const bad = [];
        for (const name of visible) {
          const before = consoleErrors.length;
          await page.goto(`${url}/#/${name}`);
          await page.waitForFunction((n) => document.body.dataset.page === n, name, {
            timeout: 15000,
          });
          await page.waitForLoadState('networkidle');
          const { problems, overflow } = await page.evaluate(inspect, {
            lang,
            roleCodes: ROLE_CODES,
          });
          if (width < 500 && overflow > 0) problems.push(`${overflow}px wider than the screen`);
          if (consoleErrors.length > before) problems.push('console error');
          if (problems.length) bad.push(`${name}: ${[...new Set(problems)].join('; ')}`);
        }
        check(
          bad.length === 0 && failed.length === 0,
          `${user ?? 'visitor'} ${lang} ${width} px: ${visible.length} pages` +
            (bad.length || failed.length ? ` — ${[...bad, ...failed].join(' | ')}` : ''),
        );
        await page.context().close();
      }
    }
  }
} catch (err) {
  counts.failed++;
  console.log(`FAILED - ${err.stack}`);
} finally {
  await browser.close();
}
for (const e of consoleErrors) console.log(`console error: ${e}`);
check(consoleErrors.length === 0, 'no console errors');
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 ? 0 : 1);
