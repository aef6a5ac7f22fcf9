// Browser tests: the navigation comes from the server's session pages (the role table
// exists only there), a login lands on the first of them, logout returns to the public
// page; the shared table exports and the language switch work through the one delegated
// listener.
import fs from 'node:fs';
import { check, login, newPage, sessionOf, url } from './lib.mjs';

const navPages = (page) =>
  page.locator('header nav a').evaluateAll((links) => links.map((a) => a.dataset.page));

export default async function run() {
  {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.waitForSelector('.public-page');
    const anonymous = await sessionOf(page);
    check(
      anonymous.user === null && JSON.stringify(anonymous.pages) === '["public"]',
      `the server lists only the public page for a visitor (${JSON.stringify(anonymous.pages)})`,
    );
    await page.goto(`${url}/#/overview`);
    await page.waitForFunction(() => document.body.dataset.page === 'login');
    check(true, 'a visitor asking for another page gets the login');
  }
  for (const name of ['admin', 'analyst', 'leader', 'auditor', 'shuiwu']) {
    const page = await newPage();
    await login(page, name);
    const s = await sessionOf(page);
    const nav = await navPages(page);
    check(
      s.pages.length > 0 && JSON.stringify(nav) === JSON.stringify(s.pages),
      `${name}: the navigation is the server's pages, in order (${nav.join(',')})`,
    );
    check(
      (await page.evaluate(() => document.body.dataset.page)) === s.pages[0] &&
        page.url().endsWith(`#/${s.pages[0]}`),
      `${name}: the login lands on the first page (${s.pages[0]})`,
    );
    if (name === 'shuiwu') {
      check(
        !nav.includes('overview') && !nav.includes('review') && nav.includes('indicators'),
        'a reporter has no city-wide pages in its navigation',
      );
    }
    if (name === 'analyst') check(nav.includes('imports'), 'an analyst has the imports page');
    if (name === 'admin') check(nav.includes('admin'), 'an administrator has the admin page');
    await page.goto(`${url}/#/no-such-page`);
    await page.waitForFunction(
      (first) => location.hash === '#/no-such-page' && document.body.dataset.page === first,
      s.pages[0],
    );
    check(true, `${name}: an unknown page shows the first page`);
    if (name === 'leader') {
      // The table widget's exports: CSV in the browser, xlsx from the server.
      await page.goto(`${url}/#/changes`);
      await page.waitForSelector('#changes-table tbody tr');
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#changes-table button.csv'),
      ]);
      const text = fs.readFileSync(await csv.path(), 'utf8');
      check(
        csv.suggestedFilename() === 'changes-table.csv' &&
          text.startsWith('\ufeff"') &&
          text.includes('session.login'),
        'a table exports to CSV in the browser',
      );
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#changes-table button.xlsx'),
      ]);
      const bytes = fs.readFileSync(await xlsx.path());
      check(
        xlsx.suggestedFilename() === 'changes-table.xlsx' &&
          bytes.subarray(0, 2).toString() === 'PK',
        'a table exports to xlsx through the server',
      );
      // The language switch keeps the page and its address.
      await page.click('#lang');
      await page.waitForFunction(
        () => document.querySelector('header h1').textContent === 'Eco-civilization platform',
      );
      check(
        page.url().endsWith('#/changes') &&
          (await page.textContent('header nav a.active')) === 'Change record',
        'the language switch redraws the same page in English',
      );
      await page.click('#lang');
      await page.waitForFunction(
        () => document.querySelector('header h1').textContent === '生态文明建设管理平台',
      );
    }
    if (name === 'auditor') {
      await page.click('#logout');
      await page.waitForFunction(() => document.body.dataset.page === 'public');
      await page.waitForSelector('.public-page');
      check(
        (await navPages(page)).join(',') === 'public' &&
          (await page.locator('#logout').count()) === 0,
        "logout returns to the public page with the visitor's navigation",
      );
    }
    await page.context().close();
  }
}
