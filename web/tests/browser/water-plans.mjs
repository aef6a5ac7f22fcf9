// Browser tests: one plan per section (the plan panel: view, edit by the owning roles,
// progress, approval), the river and section chiefs' view, and the 保Ⅲ消劣 campaign report.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // The plan panel: an analyst reports progress on ZJG4's plan, adds a measure and
  // submits it; the leader approves it. The overdue measure is marked.
  {
    const page = await newPage();
    await login(page, 'analyst');
    await page.goto(`${url}/#/plans`);
    await page.waitForSelector('#plans-table tbody tr a');
    check(
      (await page.locator('#plans-table tbody tr', { hasText: 'SMH2' }).textContent()).includes(
        '已审批',
      ),
      'the plan list shows the approved SMH2 plan',
    );
    await page.locator('#plans-table a', { hasText: 'ZJG4' }).click();
    await page.waitForSelector('#plan-panel #measures-table tbody tr');
    check(
      (await page.locator('#measures-table .overdue-flag').count()) === 1,
      'a measure past its deadline and not done is marked overdue',
    );
    check(
      (await page.textContent('#plan-causes')).includes('污染源'),
      'the causes are shown with their kind',
    );
    await page.fill('#progress-form input[name=date]', '2026-11-20');
    await page.selectOption('#progress-form select[name=measure_id]', { index: 1 });
    await page.fill('#progress-form input[name=note]', '管网修复完成 60%');
    await page.fill('#progress-form input[name=evidence]', '验收记录');
    await page.click('#progress-form button[type=submit]');
    await page.waitForSelector('#plan-progress li');
    check(
      (await page.textContent('#plan-progress')).includes('管网修复完成 60%'),
      'a progress entry appears in the plan with its date and author',
    );
    await page.fill('#measure-form input[name=text]', '排口在线监控');
    await page.fill('#measure-form input[name=unit]', '示例市生态环境局');
    await page.fill('#measure-form input[name=deadline]', '2027-06-30');
    await page.click('#measure-form button[type=submit]');
    await page.waitForFunction(
      () => document.querySelectorAll('#measures-table tbody tr').length === 2,
    );
    check(true, 'the owning role adds a measure to the plan');
    await page.click('button.plan-submit');
    await page.waitForSelector('.plan-approval.approval-submitted');
    check(true, 'the analyst submits the plan for approval');
    check(
      (await page.locator('button.plan-approve').count()) === 1,
      'an analyst may approve a submitted plan',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/plans.png`, fullPage: true });
  }
  {
    const page = await newPage({ lang: 'en' });
    await login(page, 'leader');
    await page.goto(`${url}/#/plans?section=ZJG4`);
    await page.waitForSelector('#plan-panel');
    check(
      (await page.locator('#plan-form').count()) === 0 &&
        (await page.locator('#measure-form').count()) === 0,
      'a leader reads the plan but has no edit forms',
    );
    await page.click('button.plan-approve');
    await page.waitForSelector('.plan-approval.approval-approved');
    check(
      (await page.textContent('.plan-approval')).includes('approved'),
      'the leader approves the plan (English page)',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/plans-en.png`, fullPage: true });
  }
  {
    // A unit reporter writes its own sections' plans only.
    const page = await newPage();
    await login(page, 'jinfeng');
    await page.goto(`${url}/#/plans?section=ZJG1`);
    await page.waitForSelector('#plan-none');
    await page.fill('#plan-form input[name=title]', '塘桥断面方案');
    await page.fill('#plan-form textarea[name=causes]', 'outfall: 雨水排口 1 处');
    await page.click('#plan-form button[type=submit]');
    await page.waitForSelector('#plan-causes li');
    check(
      (await page.textContent('#plan-causes')).includes('排口'),
      "a unit reporter creates its own section's plan",
    );
    const res = await page.request.get(`${url}/api/v1/water/plans/SMH2`);
    check(res.status() === 403, "another unit's section plan is refused to a reporter (403)");
    await page.goto(`${url}/#/plans`);
    await page.waitForSelector('#plans-table tbody tr a');
    const listed = await page.locator('#plans-table tbody tr a').allTextContents();
    check(
      listed.length === 1 && listed[0] === 'ZJG1',
      `a reporter's plan list holds its own sections only (${listed})`,
    );
  }
  // The chiefs' view: hezhang, river chief of 张家港河, sees its five sections, the
  // drifting ZJG4 at risk (its notice) with its plan's progress.
  for (const [lang, width] of [
    ['zh', 1440],
    ['en', 390],
  ]) {
    const page = await newPage({ lang, width });
    await login(page, 'hezhang');
    await page.goto(`${url}/#/chief`);
    await page.waitForSelector('.chief-section');
    check(
      (await page.locator('.chief-section').count()) === 5,
      `the river chief sees the five sections of 张家港河 (${lang})`,
    );
    const zjg4 = page.locator('.chief-section[data-section=ZJG4]');
    check(
      (await zjg4.getAttribute('class')).includes('at-risk') &&
        (await page.textContent('#chief-at-risk')).includes('ZJG4'),
      `ZJG4 is listed at risk (${lang})`,
    );
    check(
      (await zjg4.locator('.chief-warnings li').count()) >= 1 &&
        (await zjg4.locator('.chief-plan').count()) === 1,
      `ZJG4 shows its open notice and its plan's progress (${lang})`,
    );
    check(
      (await zjg4.locator('.class-chip').count()) >= 3,
      `ZJG4 shows its target, this month's and the year's class (${lang})`,
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/chief-${lang}-${width}.png`, fullPage: true });
  }
  // The 保Ⅲ消劣 campaign report.
  for (const [lang, width] of [
    ['zh', 1440],
    ['en', 390],
  ]) {
    const page = await newPage({ lang, width });
    await login(page, 'leader');
    await page.goto(`${url}/#/campaign`);
    await page.waitForSelector('#campaign-totals');
    check(
      (await page.locator('#campaign-sections tbody tr').count()) === 16,
      `the campaign report lists its 16 sections (${lang})`,
    );
    const totals = await page.textContent('#campaign-totals');
    check(/\d+\.\d%/.test(totals), `the totals show the share at class I–III (${lang})`);
    check(
      (await page.textContent('#flood-season')).includes('06-01'),
      `the flood season is shown (${lang})`,
    );
    if (lang === 'zh') {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('button[data-action=csv]'),
      ]);
      check(
        download.suggestedFilename() === 'campaign-bao3-xiaolie-2025.csv',
        'the campaign report downloads as CSV',
      );
    }
    await settle(page);
    await page.screenshot({ path: `${shots}/campaign-${lang}-${width}.png`, fullPage: true });
  }
}
