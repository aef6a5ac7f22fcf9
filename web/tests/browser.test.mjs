// Browser tests in real headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core). Run by tests/web/browser_test.sh, which starts `ecociv serve`
// on the demo city and passes ECOCIV_URL and the demo users' passwords.
// Fails on any console error; saves screenshots of the main pages.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const url = process.env.ECOCIV_URL;
const shots = process.env.SCREENSHOT_DIR || 'screenshots';
const pw = JSON.parse(process.env.ECOCIV_PASSWORDS);
fs.mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  // playwright gives every launch a fresh, empty --user-data-dir of its own.
});

const consoleErrors = [];
let passed = 0;
let failed = 0;
function check(cond, what) {
  if (cond) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`FAILED - ${what}`);
  }
}

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

async function login(page, name) {
  await page.goto(`${url}/#/login`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', pw[name]);
  await page.click('button[type=submit]');
  await page.waitForFunction(
    () => document.body.dataset.page && document.body.dataset.page !== 'login',
  );
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600); // chart animations
}

try {
  // The public: only the published pages, no login.
  {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.waitForSelector('.public-page');
    check(
      (await page.locator('.public-page').count()) === 2,
      'the public sees the two published pages',
    );
    check((await page.locator('nav a').count()) === 1, 'the public has no other page');
    const overview = await page.request.get(`${url}/api/v1/overview`);
    check(overview.status() === 401, 'the public cannot read the overview API');
    await settle(page);
    await page.screenshot({ path: `${shots}/public.png`, fullPage: true });
  }
  // A leader: overview, language switch, a station's calendar, water, change record.
  {
    const page = await newPage();
    await login(page, 'leader');
    await page.waitForSelector('#aqi-cards .station-card');
    check(
      (await page.locator('#aqi-cards .station-card').count()) >= 5,
      'the overview shows every station and the city',
    );
    const colour = await page
      .locator('#aqi-cards .aqi')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    check(
      [
        'rgb(0, 228, 0)',
        'rgb(255, 255, 0)',
        'rgb(255, 126, 0)',
        'rgb(255, 0, 0)',
        'rgb(153, 0, 76)',
        'rgb(126, 0, 35)',
      ].includes(colour),
      `the current AQI is on its official level colour (${colour})`,
    );
    check((await page.textContent('header h1')) === '生态文明建设管理平台', 'Chinese by default');
    await settle(page);
    await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });
    await page.click('#lang');
    await page.waitForFunction(
      () => document.querySelector('header h1').textContent === 'Eco-civilization platform',
    );
    check(true, 'the language switch turns the page English');
    await settle(page);
    await page.screenshot({ path: `${shots}/overview-en.png`, fullPage: true });
    await page.click('#lang');
    await page.goto(`${url}/#/air?id=ZJG01`);
    await page.waitForSelector('#calendar canvas');
    await page.waitForSelector('#assessment-table table');
    check(
      (await page.locator('#assessment-table tbody tr').count()) >= 6,
      'the assessment table lists the city and the stations',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/air.png`, fullPage: true });
    await page.goto(`${url}/#/water`);
    await page.waitForSelector('#water-table table');
    await settle(page);
    await page.screenshot({ path: `${shots}/water.png`, fullPage: true });
    await page.goto(`${url}/#/review`);
    await page.waitForSelector('#review-table table');
    check(
      (await page.locator('button.decide').count()) === 0,
      'a leader cannot decide on review items',
    );
    await page.goto(`${url}/#/changes`);
    await page.waitForSelector('#changes-table table');
    await settle(page);
    await page.screenshot({ path: `${shots}/changes.png`, fullPage: true });
  }
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
        (await page.textContent('#import-status')).includes('1 rows inserted'),
      'the analyst imports a file and sees its progress and result',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/imports.png`, fullPage: true });
  }
  // A unit reporter sees its own station only.
  {
    const page = await newPage();
    await login(page, 'jinfeng');
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
      /[≤<] \d+\.\d{4}/.test(allowance),
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
      Object.keys(counts).length === 6 &&
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
      (await page.textContent('#quiet-table')).includes('2099-01-01T01:00:00Z'),
      'the administrator adds a quiet period',
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
  // The administrator's page.
  {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto(`${url}/#/admin`);
    await page.waitForSelector('#users-table table');
    check(
      (await page.locator('#users-table tbody tr').count()) === 6,
      'the administrator lists the users',
    );
    check(
      (await page.locator('#assets-table tbody tr', { hasText: '锦丰镇' }).count()) === 3,
      "the administrator sees the units' stations and sections",
    );
    await page.fill('#assign-asset input[name=unit]', '水务局');
    await page.selectOption('#assign-asset select[name=kind]', 'section');
    await page.fill('#assign-asset input[name=code]', 'ZJG3');
    await page.click('#assign-asset button');
    await page.waitForSelector('#assets-table tbody tr:has-text("水务局")');
    await page.click('#assets-table tbody tr:has-text("水务局") button.asset-remove');
    await page.waitForFunction(
      () => !document.querySelector('#assets-table')?.textContent.includes('水务局'),
    );
    check(true, 'the administrator assigns a section to a unit and takes it back');
    await settle(page);
    await page.screenshot({ path: `${shots}/admin.png`, fullPage: true });
  }
  // The auditor checks the store's integrity from the change record.
  {
    const page = await newPage();
    await login(page, 'auditor');
    await page.goto(`${url}/#/changes`);
    await page.waitForSelector('#verify');
    await page.click('#verify');
    await page.waitForSelector('#integrity-verdict');
    check(
      (await page.getAttribute('#integrity-verdict', 'class')) === 'ok',
      'the auditor verifies the store: no record altered',
    );
  }
} catch (err) {
  failed++;
  console.log(`FAILED - ${err.stack}`);
} finally {
  await browser.close();
}
for (const e of consoleErrors) console.log(`console error: ${e}`);
check(consoleErrors.length === 0, 'no console errors');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
