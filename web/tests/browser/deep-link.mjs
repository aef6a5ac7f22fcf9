// Browser tests: a deep link opened while logged out returns there after the login; switching
// the language keeps the open panel, the typed text and the filters.
import { url, shots, check, newPage, pw, settle } from './lib.mjs';

export default async function run() {
  const page = await newPage();
  await page.goto(`${url}/#/warnings?state=all`);
  await page.waitForFunction(() => document.body.dataset.page === 'login');
  await page.fill('input[name=name]', 'analyst');
  await page.fill('input[name=password]', pw.analyst);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.body.dataset.page === 'warnings');
  await page.waitForSelector('#warnings-table tbody tr[data-id]');
  check(
    (await page.evaluate(() => location.hash)) === '#/warnings?state=all' &&
      (await page.inputValue('#wf-state')) === 'all',
    'a deep link opened while logged out returns there after the login',
  );
  // A raised warning's panel open and a note typed, then the language switched.
  const open = (await (await page.request.get(`${url}/api/v1/warnings`)).json()).warnings;
  const w = open.find((x) => x.state === 'raised');
  await page.click(`#warnings-table button.w-detail[data-id="${w.id}"]`);
  await page.waitForSelector('form.w-form[data-step=ack] input[name=note]');
  await page.fill('form.w-form[data-step=ack] input[name=note]', '正在核查，稍后确认');
  await page.click('#lang');
  await page.waitForFunction(() =>
    document.querySelector('header h1')?.textContent.includes('Eco'),
  );
  await page.waitForSelector('#warning-detail:not([hidden]) form.w-form[data-step=ack]');
  check(
    (await page.inputValue('form.w-form[data-step=ack] input[name=note]')) ===
      '正在核查，稍后确认' &&
      (await page.evaluate(() => location.hash)) === '#/warnings?state=all' &&
      (await page.textContent('#warning-detail h3')).includes(`#${w.id}`),
    'switching language keeps the open panel, the typed note and the filter',
  );
  await settle(page);
  await page.screenshot({ path: `${shots}/language-kept.png`, fullPage: true });
  await page.click('#lang');
  await page.waitForFunction(() =>
    document.querySelector('header h1')?.textContent.includes('生态'),
  );
  check(
    (await page.inputValue('form.w-form[data-step=ack] input[name=note]')) === '正在核查，稍后确认',
    'and back again',
  );
  await page.context().close();
}
