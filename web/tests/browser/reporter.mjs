// Browser tests: Unit reporters: their own station, indicators (entry with evidence) and projects.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // A unit reporter sees its own station only.
  {
    const page = await newPage();
    await login(page, 'jinfeng');
    check(
      (await page.evaluate(() => document.body.dataset.page)) === 'tasks',
      "a reporter's login lands on its tasks",
    );
    await page.goto(`${url}/#/air`);
    await page.waitForSelector('#series');
    const options = await page.locator('#series option').allTextContents();
    check(options.length === 1, `the reporter sees only its unit's station (${options.join(',')})`);
    const other = await page.request.get(`${url}/api/v1/air/daily?id=ZJG02`);
    check(other.status() === 403, "another unit's station is refused (403)");
    const overview = await page.request.get(`${url}/api/v1/overview`);
    check(overview.status() === 403, 'the city overview is refused to a reporter (403)');
    await settle(page);
    await page.screenshot({ path: `${shots}/reporter.png`, fullPage: true });
  }
  // A unit reporter of 水务局 enters a value with an evidence file and submits it;
  // it sees only its unit's indicators and projects.
  {
    const page = await newPage();
    await login(page, 'shuiwu');
    await page.goto(`${url}/#/indicators`);
    await page.waitForSelector('#indicators-table tbody tr[data-id]');
    const ids = await page
      .locator('#indicators-table tbody tr[data-id]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.id));
    const owners = await page
      .locator('#indicators-table tbody tr[data-id] td:nth-child(10)')
      .allTextContents();
    check(
      ids.includes('n2019_29') &&
        !ids.includes('n2019_01') &&
        owners.every((o) => o.includes('水务局')),
      `the reporter's indicator page lists its unit's indicators only (${ids.join(',')})`,
    );
    check(
      (await page.locator('#ind-summary').count()) === 0,
      'the reporter does not see the city-wide summary',
    );
    const api = await page.request.get(`${url}/api/v1/indicators`);
    const listed = (await api.json()).indicators.map((x) => x.id);
    check(
      !listed.includes('n2019_01') && listed.includes('n2019_29'),
      "the API filters another unit's indicators",
    );
    const other = await page.request.get(`${url}/api/v1/indicators/n2019_01/evidence`);
    check(other.status() === 403, "another unit's indicator is refused (403)");
    await page.selectOption('#entry-id', 'n2019_29');
    await page.fill('#entry-value', '97.8');
    await page.fill('#entry-note', '2025 年城镇污水处理率（年报）');
    await page.setInputFiles('#entry-file', {
      name: '污水处理年报.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 synthetic evidence\n'),
    });
    await page.click('#entry-submit');
    await page.waitForSelector(
      '#indicators-table tr[data-id="n2019_29"] .entry-status[data-state="submitted"]',
    );
    const row = await page.locator('#indicators-table tr[data-id="n2019_29"]').textContent();
    check(
      row.includes('97.8') && row.includes('已提交'),
      'the reporter entered and submitted a value',
    );
    const evidence = await (
      await page.request.get(`${url}/api/v1/indicators/n2019_29/evidence?year=2025`)
    ).json();
    check(
      evidence.evidence.some(
        (e) => e.file_name === '污水处理年报.pdf' && e.sha256.length === 64 && e.intact,
      ),
      'the evidence file is stored with its checksum',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/indicators-reporter.png`, fullPage: true });
    await page.goto(`${url}/#/projects`);
    await page.waitForSelector('#projects-table tbody tr');
    const units = await page.locator('#projects-table tbody tr td:nth-child(3)').allTextContents();
    check(
      units.length >= 1 && units.every((u) => u === '水务局'),
      `the reporter sees its unit's projects only (${units.join(',')})`,
    );
    await page.click('#projects-table button.p-update');
    await page.waitForSelector('#progress-form');
    await page.fill('#progress-form input[name=progress]', '95');
    await page.fill('#progress-form input[name=note]', '管网主体完工');
    await page.click('#progress-form button[type=submit]');
    await page.waitForFunction(() =>
      document.querySelector('#projects-table')?.textContent.includes('95%'),
    );
    check(true, "the reporter reports its project's progress");
    await settle(page);
    await page.screenshot({ path: `${shots}/projects-reporter.png`, fullPage: true });
  }
}
