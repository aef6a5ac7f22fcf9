// Browser tests: An analyst decides on a flagged value and imports a file.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // An analyst invalidates a flagged value with a reason.
  {
    const page = await newPage();
    await login(page, 'analyst');
    await page.goto(`${url}/#/review`);
    await page.waitForSelector('button.decide');
    const before = await page.locator('button.decide[data-action=invalidate]').count();
    const first = page.locator('input.reason').first();
    const id = await first.getAttribute('data-id');
    await first.fill('仪器故障 instrument fault');
    await page.click(`button.decide[data-id="${id}"][data-action=invalidate]`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('button.decide[data-action=invalidate]').length === n - 1,
      before,
    );
    check(true, 'the analyst invalidated a flagged value');
    await settle(page);
    await page.screenshot({ path: `${shots}/review.png`, fullPage: true });
    await page.goto(`${url}/#/changes`);
    await page.waitForSelector('#changes-table tbody tr');
    const firstRow = await page.locator('#changes-table tbody tr').first().textContent();
    check(
      firstRow.includes('review.invalidate') && firstRow.includes('analyst'),
      'the decision is in the change record',
    );
    await page.goto(`${url}/#/imports`);
    await page.waitForSelector('#import-form');
    await page.setInputFiles('input[type=file]', {
      name: '补测.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'station,time,so2,no2,co,o3,pm10,pm25\nZJG01,2026-11-28 05:00,8,30,0.6,60,70,25\n',
      ),
    });
    await page.click('#import-form button');
    await page.waitForFunction(() => document.body.dataset.import);
    check(
      (await page.getAttribute('body', 'data-import')) === 'done' &&
        (await page.textContent('#import-status')).includes('《补测.csv》已导入 1 行'),
      'the analyst imports a file and sees its progress and result',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/imports.png`, fullPage: true });
  }
}
