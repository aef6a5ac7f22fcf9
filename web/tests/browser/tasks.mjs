// Browser tests: a unit reporter's tasks (我的任务): its login lands there; values to enter,
// warnings assigned to its unit with the deadline counted down, projects to report; a unit
// with nothing assigned reads a sentence instead of empty tables; both languages.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

// A Beijing calendar day `days` from today, as YYYY-MM-DD.
const beijingDay = (days) =>
  new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

export default async function run() {
  // 锦丰镇 owns no indicator or project and no warning is assigned to it yet.
  {
    const page = await newPage({ width: 390 });
    await login(page, 'jinfeng');
    await page.waitForSelector('#tasks-nothing');
    const text = await page.textContent('#tasks-nothing');
    check(
      text.includes('锦丰镇') &&
        text.includes('没有') &&
        (await page.locator('main table').count()) === 0,
      `a reporter with nothing assigned reads a sentence, no empty table (${text})`,
    );
    await page.click('#lang');
    await page.waitForFunction(() =>
      document.querySelector('#tasks-nothing')?.textContent.includes('Nothing is assigned'),
    );
    check(true, 'the sentence is in English on the English page');
    await settle(page);
    await page.screenshot({ path: `${shots}/tasks-nothing-en-390.png`, fullPage: true });
    await page.click('#lang');
    await page.context().close();
  }
  // 水务局: values to enter for a year without values, then a warning assigned to it.
  {
    const analyst = await newPage();
    await login(analyst, 'analyst');
    const csrf = await analyst.evaluate(
      async () => (await (await fetch('/api/v1/session')).json()).csrf,
    );
    const page = await newPage();
    await login(page, 'shuiwu');
    await page.goto(`${url}/#/tasks?year=2026`);
    await page.waitForSelector('#task-values tbody tr[data-id]');
    const ids = await page
      .locator('#task-values tbody tr[data-id]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.id));
    check(
      ids.includes('n2019_29') && !ids.includes('n2019_01'),
      `the values to enter are the unit's indicators (${ids.join(',')})`,
    );
    check(
      (await page.textContent('#tasks-warnings')).includes('没有分派给本单位的未结束预警'),
      'no warning assigned yet: a sentence says so',
    );
    const open = (await (await analyst.request.get(`${url}/api/v1/warnings`)).json()).warnings;
    const w = open.find((x) => x.state === 'raised' && x.kind.startsWith('water'));
    const headers = { 'X-CSRF-Token': csrf };
    await analyst.request.post(`${url}/api/v1/warnings/${w.id}/ack`, {
      data: { note: '收到' },
      headers,
    });
    const assigned = await analyst.request.post(`${url}/api/v1/warnings/${w.id}/assign`, {
      headers,
      data: { unit: '水务局', person: '李科长', deadline: beijingDay(5), plan: '排查整改' },
    });
    check(assigned.status() === 200, `warning ${w.id} is assigned to 水务局`);
    await page.reload();
    await page.waitForSelector(`#task-warnings tbody tr[data-id="${w.id}"]`);
    const row = await page.textContent(`#task-warnings tbody tr[data-id="${w.id}"]`);
    check(row.includes('还剩 5 天'), `the assigned warning is listed with 还剩 5 天 (${row})`);
    const href = await page
      .locator(`#task-warnings tbody tr[data-id="${w.id}"] a.task-open`)
      .getAttribute('href');
    check(href.includes(`subject=${w.subject}`), 'the warning links to the warnings page');
    await page.goto(`${url}/#/tasks?year=2025`);
    await page.waitForSelector('#task-projects tbody tr[data-code]');
    check(
      (await page.locator('#task-projects tbody tr[data-code="P2025-02"]').count()) === 1,
      "the unit's project to report is listed",
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/tasks.png`, fullPage: true });
    await page.click('#lang');
    await page.waitForFunction(() =>
      document.querySelector('#tasks-summary')?.textContent.includes('To do'),
    );
    const heads = await page.locator('main h3').allTextContents();
    check(
      heads.some((h) => h.includes('Warnings assigned to the unit')) &&
        (await page.textContent(`#task-warnings tbody tr[data-id="${w.id}"]`)).includes(
          '5 days left',
        ),
      `the tasks in English (${heads.join(' | ')})`,
    );
    await page.click('#lang');
    await page.context().close();
    await analyst.context().close();
  }
}
