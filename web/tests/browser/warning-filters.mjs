// Browser tests: the warnings page's filters (state, level, section, owner, together, kept
// in the address), the deadline countdown and overdue marking in Beijing days, and levels
// and rule sets by name in the page's language.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

// A Beijing calendar day `days` from today, as YYYY-MM-DD.
const beijingDay = (days) =>
  new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

const rowIds = (page) =>
  page
    .locator('#warnings-table tbody tr[data-id]')
    .evaluateAll((rows) => rows.map((r) => r.dataset.id));

export default async function run() {
  const page = await newPage();
  await login(page, 'analyst');
  await page.goto(`${url}/#/warnings`);
  await page.waitForSelector('#warnings-table tbody tr[data-id]');
  const csrf = await page.evaluate(
    async () => (await (await fetch('/api/v1/session')).json()).csrf,
  );
  const headers = { 'X-CSRF-Token': csrf };
  // Two raised water warnings: one overdue by two days (水务局), one due in three (东沙镇).
  const open = (await (await page.request.get(`${url}/api/v1/warnings`)).json()).warnings;
  const raised = open.filter((w) => w.state === 'raised' && w.kind.startsWith('water'));
  const [late, soon] = raised;
  for (const [w, unit, deadline] of [
    [late, '水务局', beijingDay(-2)],
    [soon, '东沙镇', beijingDay(3)],
  ]) {
    await page.request.post(`${url}/api/v1/warnings/${w.id}/ack`, {
      data: { note: '收到' },
      headers,
    });
    const res = await page.request.post(`${url}/api/v1/warnings/${w.id}/assign`, {
      headers,
      data: { unit, person: '科长', deadline, plan: '排查整改' },
    });
    check(res.status() === 200, `warning ${w.id} is assigned to ${unit} with deadline ${deadline}`);
  }

  // Overdue: only past-deadline warnings, marked, with the days counted in Beijing.
  // The hash change re-renders in place: wait for the filtered table, not the previous one.
  await page.goto(`${url}/#/warnings?state=overdue`);
  await page
    .waitForFunction(
      ([l, s]) =>
        document.querySelector(`#warnings-table tr[data-id="${l}"]`) &&
        !document.querySelector(`#warnings-table tr[data-id="${s}"]`),
      [late.id, soon.id],
      { timeout: 10000 },
    )
    .catch(() => {});
  const overdueIds = await rowIds(page);
  const lateRow = page.locator(`#warnings-table tr[data-id="${late.id}"]`);
  check(
    !overdueIds.includes(String(soon.id)) &&
      (await lateRow.getAttribute('class')).includes('overdue') &&
      (await lateRow.locator('.w-overdue').textContent()) === '已逾期 2 天',
    `the overdue filter lists warning ${late.id} marked 已逾期 2 天 (${overdueIds.join(',')})`,
  );
  check(
    (await page.textContent('#w-overdue-count')).includes('已逾期'),
    'the page counts the overdue warnings',
  );

  // State, level and section together, in the address; a reload keeps them.
  await page.goto(`${url}/#/warnings`);
  await page.waitForSelector('#wf-state');
  await page.selectOption('#wf-state', 'assigned');
  await page.waitForFunction(() => location.hash.includes('state=assigned'));
  await page.waitForSelector('#wf-state option[value=assigned]:checked', { state: 'attached' });
  await page.selectOption('#wf-level', soon.level);
  await page.waitForFunction((l) => location.hash.includes(`level=${l}`), soon.level);
  await page.selectOption('#wf-subject', soon.subject);
  await page.waitForFunction(
    (s) => location.hash.includes(`subject=${encodeURIComponent(s)}`),
    soon.subject,
  );
  // The row is also in the table the hash change replaces: wait for the filtered table (the
  // one row), or give up after a while and let the check say what is there.
  await page
    .waitForFunction(
      (id) => {
        const rows = document.querySelectorAll('#warnings-table tbody tr[data-id]');
        return rows.length === 1 && rows[0].dataset.id === String(id);
      },
      soon.id,
      { timeout: 10000 },
    )
    .catch(() => {});
  const one = await rowIds(page);
  const soonText = await page.textContent(`#warnings-table tr[data-id="${soon.id}"]`);
  check(
    one.length === 1 && soonText.includes('还剩 3 天') && soonText.includes('已交办'),
    `state, level and section filter together: one row, 还剩 3 天 (${one.join(',')})`,
  );
  const hash = await page.evaluate(() => location.hash);
  await page.reload();
  await page.waitForSelector(`#warnings-table tr[data-id="${soon.id}"]`);
  check(
    (await page.evaluate(() => location.hash)) === hash &&
      (await page.inputValue('#wf-state')) === 'assigned' &&
      (await page.inputValue('#wf-subject')) === soon.subject &&
      (await rowIds(page)).length === 1,
    `the filters are kept in the address (${hash})`,
  );
  // The owner filter: the unit a warning is assigned to.
  await page.goto(`${url}/#/warnings?owner=${encodeURIComponent('水务局')}`);
  await page.waitForSelector(`#warnings-table tr[data-id="${late.id}"]`);
  const owned = await rowIds(page);
  const ownerCells = await page
    .locator('#warnings-table tbody tr[data-id] td:nth-child(8)')
    .allTextContents();
  check(
    owned.includes(String(late.id)) &&
      !owned.includes(String(soon.id)) &&
      ownerCells.every((o) => o.includes('水务局')) &&
      (await page.inputValue('#wf-owner')) === '水务局',
    `the owner filter lists 水务局's warnings only (${owned.join(',')})`,
  );
  await page.click('#wf-clear');
  await page.waitForFunction(() => location.hash === '#/warnings');
  await page.waitForFunction(() => !document.querySelector('#wf-clear'));
  check((await rowIds(page)).length > 1, 'clearing the filters lists every open warning again');
  await settle(page);
  await page.screenshot({ path: `${shots}/warnings-filters.png`, fullPage: true });

  // English: levels, rule sets, states and countdowns in English, no code, no Chinese.
  await page.goto(`${url}/#/warnings?state=assigned`);
  await page.waitForSelector(`#warnings-table tr[data-id="${late.id}"]`);
  await page.click('#lang');
  await page.waitForFunction(() =>
    /days overdue/.test(document.querySelector('#warnings-table')?.textContent ?? ''),
  );
  const en = await page.evaluate(() => ({
    levels: [...document.querySelectorAll('#warnings-table .level-badge')].map(
      (e) => e.textContent,
    ),
    sets: [...document.querySelectorAll('#warnings-table tbody td:nth-child(3)')].map(
      (e) => e.textContent,
    ),
    levelOptions: [...document.querySelectorAll('#wf-level option')].map((e) => e.textContent),
    hash: location.hash,
    countdown: document.querySelector(`#warnings-table tr[data-id] .w-due-soon`)?.textContent,
  }));
  const han = /[\u4e00-\u9fff]/;
  check(
    en.levels.length > 0 &&
      en.levels.every((l) => !han.test(l)) &&
      en.levelOptions.every((l) => !han.test(l)) &&
      en.sets.every((s) => !han.test(s) && !s.includes('warning-local-template')),
    `levels and rule sets by name in English (${[...new Set(en.levels)]}; ${[...new Set(en.sets)]})`,
  );
  check(
    en.hash === '#/warnings?state=assigned' && en.countdown === '3 days left',
    `switching language keeps the filter and counts down in English (${en.countdown})`,
  );
  await page.click('#lang');
  await page.context().close();
}
