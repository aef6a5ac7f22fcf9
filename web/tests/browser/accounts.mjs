// Browser tests: accounts on the web. The administrator disables a user (its login is
// refused), enables it again and resets its password in a dialog; that user then logs in
// with the new password and changes it again from the header, as every role can.
import { check, consoleErrors, newPage, pw, url, login } from './lib.mjs';

async function tryLogin(page, name, password) {
  await page.goto(`${url}/#/login`);
  await page.waitForSelector('#login-form');
  // The same address keeps the page: forget the last attempt's answer first.
  await page.evaluate(() => {
    document.getElementById('login-error').textContent = '';
  });
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForFunction(
    () =>
      (document.body.dataset.page && document.body.dataset.page !== 'login') ||
      document.getElementById('login-error')?.textContent,
  );
  return page.evaluate(() => document.body.dataset.page !== 'login');
}

// A refused login or password is a 4xx the browser logs as a console error: expected here.
function forgetExpected(count) {
  for (let i = 0; i < count; i++) {
    const at = consoleErrors.findIndex((e) => /status of 4\d\d/.test(e));
    if (at >= 0) consoleErrors.splice(at, 1);
  }
}

export default async function run() {
  const admin = await newPage({ width: 1440 });
  await login(admin, 'admin');
  await admin.goto(`${url}/#/admin`);
  await admin.waitForSelector('#users-table tbody tr');
  const disable = admin.locator('button.user-disable[data-name="dongsha"]');
  await disable.click();
  await admin.waitForSelector('button.user-disable[data-name="dongsha"][data-disabled=""]');
  const other = await newPage();
  check(!(await tryLogin(other, 'dongsha', pw.dongsha)), 'a disabled user cannot log in');
  forgetExpected(1);
  await admin.click('button.user-disable[data-name="dongsha"]');
  await admin.waitForSelector('button.user-disable[data-name="dongsha"][data-disabled="1"]');
  await admin.click('button.user-reset[data-name="dongsha"]');
  await admin.fill('#reset-password input[name=password]', 'short');
  await admin.click('#reset-password button:not(.dialog-close)');
  await admin.waitForFunction(() => document.getElementById('reset-msg')?.textContent);
  check(true, `a weak password is refused (${await admin.textContent('#reset-msg')})`);
  forgetExpected(1);
  const fresh = 'a brand new staple horse 42';
  await admin.fill('#reset-password input[name=password]', fresh);
  await admin.click('#reset-password button:not(.dialog-close)');
  await admin.waitForFunction(() => !document.querySelector('#reset-password'));
  check(await tryLogin(other, 'dongsha', fresh), 'the user logs in with the reset password');
  await other.click('#own-password');
  await other.fill('#own-password-form input[name=old]', fresh);
  await other.fill('#own-password-form input[name=new]', pw.dongsha + ' again');
  await other.click('#own-password-form button');
  await other.waitForFunction(() => document.getElementById('own-pw-msg')?.textContent);
  check(
    (await other.getAttribute('#own-pw-msg', 'class')) === 'ok',
    `every role changes its own password from the header (${await other.textContent('#own-pw-msg')})`,
  );
  await admin.context().close();
  await other.context().close();
}
