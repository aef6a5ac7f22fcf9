// Browser tests: the assessments from the server — a leader's ranking and a report card
// with each item's why; a unit reporter's own unit's cards only and the audit findings
// its unit must rectify.
import { url, check, newPage, login } from './lib.mjs';

export default async function run() {
  {
    const page = await newPage();
    await login(page, 'leader');
    await page.goto(`${url}/#/rankings?scheme=town-1000&year=2025`);
    await page.waitForSelector('#ranking-table tbody tr');
    const rows = await page.locator('#ranking-table tbody tr').count();
    check(rows === 11, `the leader sees the town ranking of 2025 (${rows} rows)`);
    await page.click('#ranking-table tbody tr:first-child a');
    await page.waitForSelector('#card-table tbody tr');
    const why = await page.locator('#card-table tbody tr:first-child td:last-child').textContent();
    check(why.includes('分'), `the card says why an item scored what it did (${why})`);
    await page.context().close();
  }
  {
    const page = await newPage();
    await login(page, 'shuiwu');
    await page.goto(`${url}/#/cards`);
    await page.waitForSelector('#card-table tbody tr');
    const cards = await page.locator('#card-pick option').allTextContents();
    check(
      cards.length > 0 && cards.every((c) => c.includes('水务局')),
      `a unit reporter is offered its own unit's cards only (${cards.join('; ')})`,
    );
    await page.goto(`${url}/#/audits`);
    await page.waitForSelector('#findings-table tbody tr');
    const owners = await page.locator('#findings-table tbody tr td:nth-child(5)').allTextContents();
    check(
      owners.length > 0 && owners.every((o) => o === 'D19'),
      `a unit reporter sees the audit findings its unit must rectify (${owners.join(',')})`,
    );
    await page.context().close();
  }
}
