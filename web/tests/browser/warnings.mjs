// Browser tests: Early warnings: the workflow, the target view, the evaluation toolbar, the outbox.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // Early warnings: an analyst acknowledges one; the target view; a leader cannot act.
  {
    const page = await newPage();
    await login(page, 'analyst');
    await page.goto(`${url}/#/warnings`);
    await page.waitForSelector('#warnings-table tbody tr button.w-detail');
    check(
      (await page.locator('#warnings-table .level-badge').count()) >= 3,
      'the warnings page lists the open warnings with their levels',
    );
    check(
      (await page.locator('#warnings-table .template-mark').count()) >= 1,
      'TEMPLATE rule sets are marked',
    );
    const raised = page.locator('#warnings-table tbody tr', { hasText: '已发布' }).first();
    const id = await raised.locator('button.w-detail').getAttribute('data-id');
    await raised.locator('button.w-detail').click();
    await page.waitForSelector('#warning-events tbody tr');
    await page.fill('form.w-form[data-step=ack] input[name=note]', '已收到，安排核查');
    await page.click('form.w-form[data-step=ack] button[type=submit]');
    await page.waitForSelector('form.w-form[data-step=assign]');
    check(
      (await page.textContent('#warning-detail h3')).includes('已确认'),
      'the analyst acknowledges a warning',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/warnings.png`, fullPage: true });
    await page.goto(`${url}/#/changes`);
    await page.waitForSelector('#changes-table tbody tr');
    const firstRow = await page.locator('#changes-table tbody tr').first().textContent();
    check(
      firstRow.includes('warning.acknowledge') &&
        firstRow.includes(`warning:${id}`) &&
        firstRow.includes('analyst'),
      'the acknowledgement is in the change record',
    );
    await page.goto(`${url}/#/targets`);
    await page.waitForSelector('#targets-chart canvas');
    const allowance = await page.textContent('#t-allowance');
    check(
      /[≤<] \d+\.\d$/.test(allowance.trim()),
      `the target view shows the PM2.5 allowance (${allowance})`,
    );
    await page.fill('#t-composite', '3.8');
    await page.click('#t-go');
    await page.waitForSelector('#t-composite-card');
    const composite = await page.textContent('#t-composite-card');
    check(
      composite.includes('3.80') && composite.includes('pm25-others-at-ytd'),
      `the target view shows the composite-index allowance (${composite})`,
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/targets.png`, fullPage: true });
  }
  {
    const page = await newPage();
    await login(page, 'leader');
    await page.goto(`${url}/#/warnings`);
    await page.waitForSelector('#warnings-table tbody tr button.w-detail');
    await page.locator('button.w-detail').first().click();
    await page.waitForSelector('#warning-events tbody tr');
    check(
      (await page.locator('form.w-form').count()) === 0 &&
        (await page.locator('#w-tools').count()) === 0 &&
        (await page.locator('#outbox-panel').count()) === 0,
      'a leader has no warning action buttons, evaluation or outbox',
    );
    const id = await page.locator('button.w-detail').first().getAttribute('data-id');
    const csrf = await page.evaluate(
      async () => (await (await fetch('/api/v1/session')).json()).csrf,
    );
    const res = await page.request.post(`${url}/api/v1/warnings/${id}/ack`, {
      data: {},
      headers: { 'X-CSRF-Token': csrf },
    });
    check(res.status() === 403, 'a leader cannot acknowledge through the API (403)');
    const zhTable = await page.textContent('#warnings-table');
    await page.click('#lang');
    // Wait for the English table (the rule-set column says "air-targets" in both languages).
    await page.waitForFunction(() =>
      /below target|misses target/.test(
        document.querySelector('#warnings-table')?.textContent ?? '',
      ),
    );
    const enTable = await page.textContent('#warnings-table');
    check(
      /劣于目标|未达到目标/.test(zhTable) && !/劣于目标|未达到目标/.test(enTable),
      'triggers are Chinese on the Chinese page and English on the English page',
    );
    await page.click('#lang');
  }
  // Early warnings from the web: the administrator evaluates a rule set and
  // sees the counts, reads the outbox and adds a quiet period, then assigns a
  // warning to 锦丰镇, whose reporter answers it on the page.
  {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto(`${url}/#/warnings?state=all`);
    await page.waitForSelector('#w-tools #w-evaluate');
    await page.waitForSelector('#outbox-panel .outbox-figure');
    const csrf = await page.evaluate(
      async () => (await (await fetch('/api/v1/session')).json()).csrf,
    );
    const all = (await (await page.request.get(`${url}/api/v1/warnings?state=all`)).json())
      .warnings;
    // The demo water year's last evaluated month end.
    const [y, m] = all
      .filter((w) => w.kind === 'water')
      .map((w) => w.last_period)
      .sort()
      .pop()
      .split('-')
      .map(Number);
    const asOf = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    await page.selectOption('#w-rules', 'local-template');
    await page.fill('#w-asof', asOf);
    await page.click('#w-evaluate');
    await page.waitForSelector('#w-tool-result .w-result[data-rule-set="warning-local-template"]');
    const counts = Object.fromEntries(
      await page
        .locator('#w-tool-result .w-count')
        .evaluateAll((els) =>
          els.map((e) => [e.dataset.count, Number(e.querySelector('b').textContent)]),
        ),
    );
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    check(
      Object.keys(counts).length === 7 &&
        total > 0 &&
        (await page.textContent('#w-tool-result')).includes('无变化'),
      `the administrator runs an evaluation from the page and sees the counts (${JSON.stringify(counts)})`,
    );
    await page.click('#w-escalate');
    await page.waitForSelector('#w-tool-result .w-result[data-escalated]');
    check(true, 'the administrator escalates overdue warnings from the page');
    await page.waitForSelector('#outbox-panel .outbox-figure[data-key=pending]');
    check(
      (await page.locator('#outbox-deliver').isDisabled()) &&
        (await page.textContent('#outbox-panel')).includes('--webhook-url'),
      'the outbox panel says no webhook is configured and cannot deliver now',
    );
    await page.fill('#quiet-form input[name=from]', '2099-01-01T01:00');
    await page.fill('#quiet-form input[name=to]', '2099-01-01T03:00');
    await page.fill('#quiet-form input[name=reason]', '平台维护');
    await page.click('#quiet-form button[type=submit]');
    await page.waitForSelector('#quiet-table tbody tr:has-text("平台维护")');
    check(
      (await page.textContent('#quiet-table')).includes('2099-01-01 01:00:00') &&
        (await (await page.request.get(`${url}/api/v1/warnings/outbox`)).json()).quiet_periods.some(
          (q) => q.from === '2098-12-31T17:00:00Z',
        ),
      'the administrator adds a quiet period in Beijing time (kept as UTC by the server)',
    );
    await page.click('#quiet-table tbody tr:has-text("平台维护") button.quiet-end');
    await page.waitForFunction(
      () => !document.querySelector('#quiet-table')?.textContent.includes('平台维护'),
    );
    check(true, 'the administrator cancels the quiet period');
    await settle(page);
    await page.screenshot({ path: `${shots}/warnings-admin.png`, fullPage: true });
    // Assign a raised warning to 锦丰镇 through the API.
    const open = (await (await page.request.get(`${url}/api/v1/warnings`)).json()).warnings;
    const target =
      open.find((w) => w.state === 'raised' && w.kind === 'water') ||
      open.find((w) => w.state === 'raised');
    const other = open.find((w) => w.id !== target.id && w.state === 'raised');
    const headers = { 'X-CSRF-Token': csrf };
    const ack = await page.request.post(`${url}/api/v1/warnings/${target.id}/ack`, {
      data: { note: '收到' },
      headers,
    });
    const assign = await page.request.post(`${url}/api/v1/warnings/${target.id}/assign`, {
      headers,
      data: {
        unit: '锦丰镇',
        person: '王镇长',
        deadline: '2099-12-31',
        plan: '一断面一方案：截污纳管',
      },
    });
    check(
      ack.status() === 200 && assign.status() === 200,
      `warning ${target.id} is assigned to 锦丰镇`,
    );
    const reporter = await newPage();
    await login(reporter, 'jinfeng');
    await reporter.goto(`${url}/#/warnings`);
    await reporter.waitForSelector(`#warnings-table button.w-detail[data-id="${target.id}"]`);
    check(
      (await reporter.locator('#w-tools').count()) === 0,
      'a reporter has no evaluation toolbar',
    );
    await reporter.click(`#warnings-table button.w-detail[data-id="${target.id}"]`);
    await reporter.waitForSelector('form.w-form[data-step=feedback]');
    await reporter.fill(
      'form.w-form[data-step=feedback] input[name=feedback]',
      '已完成截污纳管整改',
    );
    await reporter.click('form.w-form[data-step=feedback] button[type=submit]');
    await reporter.waitForFunction(() =>
      document.querySelector('#warning-detail h3')?.textContent.includes('已反馈'),
    );
    check(
      (await reporter.textContent('#warning-detail')).includes('已完成截污纳管整改') &&
        (await reporter.locator('form.w-form').count()) === 0,
      "the reporter gives feedback on its unit's warning",
    );
    const rcsrf = await reporter.evaluate(
      async () => (await (await fetch('/api/v1/session')).json()).csrf,
    );
    if (other) {
      const res = await reporter.request.post(`${url}/api/v1/warnings/${other.id}/feedback`, {
        data: { feedback: 'x' },
        headers: { 'X-CSRF-Token': rcsrf },
      });
      check(res.status() === 403, "a reporter cannot answer another unit's warning (403)");
    }
    await settle(reporter);
    await reporter.screenshot({ path: `${shots}/warnings-reporter.png`, fullPage: true });
    const changes = (await (await page.request.get(`${url}/api/v1/changes`)).json()).entries;
    check(
      changes.some(
        (e) =>
          e.action === 'warning.feedback' &&
          e.who === 'jinfeng' &&
          e.object === `warning:${target.id}`,
      ),
      'the feedback is in the change record by the reporter',
    );
  }
}
