// Browser tests: The administrator's page and the auditor's integrity check.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // The administrator's page.
  {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto(`${url}/#/admin`);
    await page.waitForSelector('#users-table table');
    check(
      (await page.locator('#users-table tbody tr').count()) === 8,
      'the administrator lists the users (the demo makes 8, among them the river chief)',
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
    // A user's region: the dialog lists the administrator's regions by name (a store of one
    // city has the root only, 全部地区), and giving the region it has changes nothing.
    check(
      (await page.locator('#users-table tbody tr', { hasText: '全部地区' }).count()) === 8,
      "the users' regions are shown by name",
    );
    await page.click('#users-table tbody tr:has-text("leader") button.user-region');
    await page.waitForSelector('form[data-action=set-region] select');
    check(
      (await page.locator('form[data-action=set-region] option').first().textContent()) ===
        '全部地区',
      'the region dialog lists the regions by name',
    );
    await page.click('form[data-action=set-region] button');
    await page.waitForSelector('#user-msg.ok');
    check(true, 'the administrator gives a user a region');
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
}
