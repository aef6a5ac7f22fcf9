// What every browser test file shares: the server's address and the demo passwords (from
// tests/web/browser_test.sh), the browser, check(), fresh pages, login and settling.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

export const url = process.env.ECOCIV_URL;
export const shots = process.env.SCREENSHOT_DIR || 'screenshots';
export const pw = JSON.parse(process.env.ECOCIV_PASSWORDS);
fs.mkdirSync(shots, { recursive: true });

export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  // playwright gives every launch a fresh, empty --user-data-dir of its own.
});

export const consoleErrors = [];
export const counts = { passed: 0, failed: 0 };

export function check(cond, what) {
  if (cond) {
    counts.passed++;
    console.log(`ok - ${what}`);
  } else {
    counts.failed++;
    console.log(`FAILED - ${what}`);
  }
}

// A page in a fresh context (no cookies, empty storage). options: viewport width, lang
// ('en' sets the stored language before the app starts), reducedMotion.
export async function newPage(options = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    reducedMotion: options.reducedMotion ?? 'no-preference',
    acceptDownloads: true,
  });
  if (options.lang) {
    await context.addInitScript((lang) => localStorage.setItem('lang', lang), options.lang);
  }
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

export async function login(page, name) {
  await page.goto(`${url}/#/login`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', pw[name]);
  await page.click('button[type=submit]');
  await page.waitForFunction(
    () => document.body.dataset.page && document.body.dataset.page !== 'login',
  );
}

export async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600); // chart animations
}

// The session as the server reports it to this page (user, csrf, pages).
export const sessionOf = (page) =>
  page.evaluate(async () => (await fetch('/api/v1/session')).json());
