// Browser tests: charts a bureau can read. The air page's axes carry units, the assessment
// marks a figure above its limit (the demo's O3-8h P90 above 160) and names its editions;
// the target page lists every target with O3 among them, rounded as published, and draws
// the year-to-date trajectory.
import { check, login, newPage, url } from './lib.mjs';

export default async function run() {
  const page = await newPage({ width: 1440, lang: 'en' });
  await login(page, 'leader');
  await page.goto(`${url}/#/air?measure=pm25&range=90`);
  await page.waitForFunction(() => document.body.dataset.page === 'air');
  await page.waitForSelector('#assessment-table table');
  const air = await page.evaluate(() => ({
    hourly: document.querySelector('#hourly')?.closest('section')?.querySelector('h3')?.textContent,
    over: document.getElementById('assessment-over')?.textContent ?? '',
    marked: [...document.querySelectorAll('#assessment-table .exceed')].map((e) => e.textContent),
    note: document.querySelector('#assessment p.note')?.textContent ?? '',
    standard: document.querySelector('#standard option:checked')?.textContent ?? '',
  }));
  check(air.hourly.includes('µg/m³'), `the hourly PM2.5 chart names its unit (${air.hourly})`);
  check(
    /O3-8h P90 \d+ > 160/.test(air.over) && air.marked.some((m) => m.includes('▲')),
    `an O3-8h P90 above 160 is shown and marked (${air.over})`,
  );
  check(
    !air.note.includes('auto') &&
      /HJ 633|By the data/.test(air.standard) &&
      /GB 3095/.test(air.note),
    `the editions are named, never "auto" (${air.standard}; ${air.note})`,
  );
  await page.goto(`${url}/#/targets`);
  await page.waitForFunction(() => document.body.dataset.page === 'targets');
  await page.waitForSelector('#targets-chart canvas');
  const rows = await page.locator('#targets-table tbody tr').allTextContents();
  check(
    rows.some((r) => r.startsWith('O3-8h P90')) && rows.some((r) => r.startsWith('PM2.5')),
    `every target is listed, O3 included (${rows.length} rows)`,
  );
  const text = await page.textContent('main');
  check(
    !/\d+\/\d+/.test(text.replace(/\d+ \/ \d+/g, '')) &&
      !/\d\.\d{3,}/.test(text) &&
      !/(^|\s)-1(\s|$)/.test(text),
    'no fraction, no figure with more than two decimals and no -1 on the target page',
  );
  await page.context().close();
}
