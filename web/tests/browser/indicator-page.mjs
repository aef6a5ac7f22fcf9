// Browser tests: the page of one indicator (definition, unit, target, owner, history chart,
// evidence with download links, review state), reached from the indicators table; the
// indicators table's filters together in the address; its columns at 390 px.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // 水务局's reporter opens n2019_29 (its value of 2025 was submitted with an evidence file).
  {
    const page = await newPage();
    await login(page, 'shuiwu');
    await page.goto(`${url}/#/indicators?year=2025`);
    await page.waitForSelector('#indicators-table tr[data-id="n2019_29"] a.ind-open');
    await page.click('#indicators-table tr[data-id="n2019_29"] a.ind-open');
    await page.waitForSelector('#ind-title');
    await page.waitForSelector('#ind-chart canvas');
    const text = await page.textContent('main');
    const history = await page.locator('#ind-history tbody tr').count();
    check(
      (await page.evaluate(() => location.hash)).startsWith('#/indicator?id=n2019_29') &&
        text.includes('城镇污水处理率') &&
        (await page.textContent('#ind-owner')).includes('水务局') &&
        text.includes('%') &&
        history >= 3,
      `the indicator's page shows its definition, owner and ${history} years of history`,
    );
    check(
      (await page.textContent('#ind-review')).includes('已提交'),
      'the page shows the review state of the year',
    );
    const link = page.locator('#ind-evidence a.ev-download').first();
    const href = await link.getAttribute('href');
    const file = await page.request.get(`${url}${href}`);
    check(
      (await link.textContent()) === '污水处理年报.pdf' &&
        file.status() === 200 &&
        (await file.body()).toString().startsWith('%PDF'),
      'the evidence file is listed with a working download link',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/indicator-page.png`, fullPage: true });
    await page.click('#lang');
    await page.waitForFunction(() =>
      document.querySelector('main')?.textContent.includes('History over the years'),
    );
    check(
      (await page.textContent('#ind-review')).includes('submitted'),
      'the indicator page in English',
    );
    await page.click('#lang');
    // Another unit's indicator: refused.
    const refused = await page.request.get(`${url}/api/v1/indicators/n2019_01?year=2025`);
    check(refused.status() === 403, "another unit's indicator page is refused (403)");
    await page.context().close();
  }
  // The analyst's table: domain and status filters together, kept in the address.
  {
    const page = await newPage();
    await login(page, 'analyst');
    await page.goto(`${url}/#/indicators?year=2025`);
    await page.waitForSelector('#indicators-table tbody tr[data-id]');
    const total = await page.locator('#indicators-table tbody tr[data-id]').count();
    const domain = await page.locator('#f-domain option').nth(1).getAttribute('value');
    await page.selectOption('#f-domain', domain);
    await page.waitForFunction(
      (d) =>
        location.hash.includes(`domain=${encodeURIComponent(d).replace(/%20/g, '+')}`) ||
        new URLSearchParams(location.hash.split('?')[1]).get('domain') === d,
      domain,
    );
    await page.waitForSelector('#f-domain option:checked', { state: 'attached' });
    await page.selectOption('#f-status', 'met');
    await page.waitForFunction(() => location.hash.includes('status=met'));
    await page.waitForFunction(() => document.querySelector('#f-status')?.value === 'met');
    // The filtered table replaces the whole one: wait for it, not for the select's value.
    await page
      .waitForFunction(
        (n) => document.querySelectorAll('#indicators-table tbody tr[data-id]').length < n,
        total,
        { timeout: 10000 },
      )
      .catch(() => {});
    const label = (await page.locator('#f-domain option:checked').textContent()).trim();
    const rows = await page
      .locator('#indicators-table tbody tr[data-id]')
      .evaluateAll((trs) =>
        trs.map((r) => [r.children[1].textContent, r.children[10].textContent]),
      );
    check(
      rows.length > 0 &&
        rows.length < total &&
        rows.every(([d]) => d === domain || d === label) &&
        (await page.inputValue('#f-domain')) === domain,
      `the domain and status filters work together (${rows.length} of ${total} rows)`,
    );
    await page.context().close();
  }
  // At 390 px the table's columns keep their words: no name or code one character per line.
  {
    const page = await newPage({ width: 390 });
    await login(page, 'analyst');
    await page.goto(`${url}/#/indicators?year=2025`);
    await page.waitForSelector('#indicators-table tbody tr[data-id]');
    const narrow = await page.evaluate(() => {
      const out = [];
      for (const cell of document.querySelectorAll(
        '#indicators-table th, #indicators-table tbody tr:first-child td',
      )) {
        const text = cell.textContent.trim();
        const line = parseFloat(getComputedStyle(cell).lineHeight) || 20;
        const chars = [...text].length;
        // Lines the cell's text takes against its characters: one per line is the fault.
        const lines = Math.round(cell.getBoundingClientRect().height / line);
        if (chars > 3 && lines >= chars - 1) out.push(text.slice(0, 20));
      }
      return out;
    });
    check(
      narrow.length === 0,
      `no column of the indicators table wraps one character per line at 390 px (${narrow.join(', ')})`,
    );
    await page.screenshot({ path: `${shots}/indicators-390.png`, fullPage: true });
    await page.context().close();
  }
}
