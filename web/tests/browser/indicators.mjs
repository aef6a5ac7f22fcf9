// Browser tests: The indicators after entry: an analyst accepts, a leader reads the readiness table.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // An analyst accepts the submitted value; the table shows the verdict and summary.
  {
    const page = await newPage();
    await login(page, 'analyst');
    await page.goto(`${url}/#/indicators?status=submitted`);
    await page.waitForSelector('#indicators-table tr[data-id="n2019_29"] button.ind-review');
    await page.fill('input.ind-reason[data-id="n2019_29"]', '年报数据核实无误');
    await page.click('button.ind-review[data-id="n2019_29"][data-action=accept]');
    await page.waitForFunction(
      () => !document.querySelector('#indicators-table tr[data-id="n2019_29"]'),
    );
    await page.goto(`${url}/#/indicators`);
    await page.waitForSelector(
      '#indicators-table tr[data-id="n2019_29"] .entry-status[data-state="accepted"]',
    );
    check(true, 'the analyst accepted the value');
    await page.click('#indicators-table tr[data-id="n2019_29"] button.ev-list');
    await page.waitForSelector('#evidence-files a.ev-download');
    const link = page.locator('#evidence-files a.ev-download').first();
    check(
      (await link.textContent()) === '污水处理年报.pdf',
      "the analyst lists the value's evidence",
    );
    const file = await page.request.get(`${url}${await link.getAttribute('href')}`);
    check(
      file.status() === 200 &&
        (await file.text()) === '%PDF-1.4 synthetic evidence\n' &&
        file.headers()['content-type'] === 'application/pdf',
      'the evidence file downloads as uploaded',
    );
    check(
      (await page.locator('#ind-summary').count()) === 1 &&
        (await page.textContent('#can-apply')).length > 0,
      'the analyst sees the summary and whether the city can apply',
    );
    check(
      (await page.locator('#indicators-table tr.unverified .unverified-mark').count()) > 0,
      'UNVERIFIED rows are marked',
    );
    await page.goto(`${url}/#/changes`);
    await page.waitForSelector('#changes-table tbody tr');
    const firstRow = await page.locator('#changes-table tbody tr').first().textContent();
    check(
      firstRow.includes('indicators.review.accepted'),
      'the acceptance is in the change record',
    );
  }
  // A leader reads the readiness table and the key projects.
  {
    const page = await newPage();
    await login(page, 'leader');
    await page.goto(`${url}/#/indicators`);
    await page.waitForSelector('#ind-summary');
    await page.waitForSelector('#indicators-table tbody tr[data-id]');
    check(
      (await page.locator('#entry-form').count()) === 0 &&
        (await page.locator('button.ind-review').count()) === 0,
      'a leader can neither enter nor review',
    );
    const xlsx = await page.request.get(`${url}/api/v1/indicators/export?format=xlsx`);
    check(
      xlsx.status() === 200 && (await xlsx.body()).subarray(0, 2).toString() === 'PK',
      'the readiness table exports to xlsx',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/indicators.png`, fullPage: true });
    await page.goto(`${url}/#/projects`);
    await page.waitForSelector('#projects-table tbody tr');
    check(
      (await page.locator('#projects-table .overdue-flag').count()) > 0,
      'overdue milestones are flagged',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/projects.png`, fullPage: true });
  }
}
