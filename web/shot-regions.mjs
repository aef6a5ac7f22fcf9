import { chromium } from 'playwright-core';
import fs from 'node:fs';
const url = 'http://127.0.0.1:18778';
const out = '/tmp/regshot2';
const pw = Object.fromEntries(fs.readFileSync(`${out}/demo/users.tsv`, 'utf8').trim().split('\n').map((l) => { const [n, , p] = l.split('\t'); return [n, p]; }));
for (const n of ['zjg_analyst', 'zjg_leader', 'sz_analyst']) pw[n] = 'shot password 123';
const shots = [
  ['admin', 'runs?scheme=town-1000&year=2025', 'runs'],
  ['admin', 'documents', 'documents'],
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const [user, hash, page_name] of shots) for (const lang of ['zh', 'en']) for (const width of [1440, 390]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  await ctx.addInitScript((l) => localStorage.setItem('lang', l), lang);
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('console error', user, hash, m.text()); });
  await page.goto(`${url}/#/login`);
  await page.fill('input[name=name]', user);
  await page.fill('input[name=password]', pw[user]);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.body.dataset.page && document.body.dataset.page !== 'login');
  await page.goto(`${url}/#/${hash}`);
  await page.waitForFunction((p) => document.body.dataset.page === p, page_name);
  await page.waitForTimeout(300);
  const file = `${out}/${user}-${page_name}-${lang}-${width}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
  await ctx.close();
}
await browser.close();
