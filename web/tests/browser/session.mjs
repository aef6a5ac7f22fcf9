// Browser tests: a page the role may not see lands on the role's first page with a sentence
// (never a raw code), opened as a deep link or from the address bar; a session that ends
// mid-use sends the user to the login, and the login brings them back to the same address
// (page and filters).
import { url, shots, check, consoleErrors, newPage, pw, login, sessionOf, settle } from './lib.mjs';

const pageIs = (page, name) => page.waitForFunction((n) => document.body.dataset.page === n, name);

async function logIn(page, name) {
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', pw[name]);
  await page.click('button[type=submit]');
}

async function forbiddenDeepLink(lang, width) {
  const page = await newPage({ lang, width });
  // Logged out, a reporter opens the administration page's address, then logs in.
  await page.goto(`${url}/#/admin`);
  await pageIs(page, 'login');
  await logIn(page, 'shuiwu');
  await page.waitForSelector('#app-notice');
  const notice = await page.textContent('#app-notice');
  const first = (await sessionOf(page)).pages[0];
  check(
    (await page.evaluate(() => document.body.dataset.page)) === first &&
      (await page.evaluate(() => location.hash)) === `#/${first}` &&
      (lang === 'en'
        ? notice.includes('Your role cannot open that page')
        : notice.includes('您的角色无权查看该页面')) &&
      !/403|FORBIDDEN/.test(await page.textContent('main')),
    `${lang} ${width}px: a reporter's deep link to the administration lands on its first page (${first}) with a sentence, no code`,
  );
  await settle(page);
  await page.screenshot({ path: `${shots}/forbidden-deep-link-${lang}-${width}.png` });
  await page.context().close();
}

export default async function run() {
  await forbiddenDeepLink('zh', 1440);
  await forbiddenDeepLink('en', 390);

  // Logged in, a leader types the imports page's address (analysts only); then a page it may
  // see has no sentence.
  const leader = await newPage();
  await login(leader, 'leader');
  await leader.goto(`${url}/#/imports`);
  await leader.waitForFunction(
    () => document.body.dataset.page !== 'imports' && document.querySelector('#app-notice'),
  );
  check(
    !(await leader.evaluate(() => location.hash)).includes('imports') &&
      (await leader.textContent('#app-notice')).includes('您的角色无权查看该页面'),
    "a leader typing the imports page's address lands on its first page, told why",
  );
  await leader.click('header nav a[data-page=warnings]');
  await pageIs(leader, 'warnings');
  check((await leader.$('#app-notice')) === null, 'the sentence goes with the next page');
  await leader.context().close();

  // The session ends on the server while the analyst works on filtered warnings.
  const page = await newPage();
  await login(page, 'analyst');
  const all = (await (await page.request.get(`${url}/api/v1/warnings?state=all`)).json()).warnings;
  const level = all[0].level;
  const where = `#/warnings?state=all&level=${encodeURIComponent(level)}`;
  await page.goto(`${url}/${where}`);
  await page.waitForFunction(
    (l) =>
      document.body.dataset.page === 'warnings' &&
      document.querySelector('#wf-level')?.value === l &&
      document.querySelector('#warnings-table tbody tr[data-id]'),
    level,
  );
  const s = await sessionOf(page);
  const out = await page.request.delete(`${url}/api/v1/session`, {
    headers: { 'X-CSRF-Token': s.csrf },
  });
  check(out.ok(), 'the session is ended on the server (logout through the API)');
  // The next request of the page (a warning's panel) meets the ended session.
  const before = consoleErrors.length;
  await page.click('#warnings-table button.w-detail');
  await pageIs(page, 'login');
  // Chromium logs the 401 answer itself as a console error; it is the answer this test wants.
  const logged = consoleErrors.splice(before);
  check(
    logged.every((e) => e.includes('status of 401')),
    `the only console messages are the expected 401 (${logged.join('; ')})`,
  );
  const hash = await page.evaluate(() => location.hash);
  check(
    hash.startsWith('#/login?next=') &&
      decodeURIComponent(hash.slice('#/login?next='.length)) === where.slice(2) &&
      (await page.textContent('#app-error')) === '',
    'a session ended mid-use sends the user to the login, keeping where they were',
  );
  await logIn(page, 'analyst');
  await page.waitForFunction(
    (l) =>
      document.body.dataset.page === 'warnings' &&
      document.querySelector('#wf-level')?.value === l &&
      document.querySelector('#warnings-table tbody tr[data-id]'),
    level,
  );
  check(
    (await page.evaluate(() => location.hash)) === where &&
      (await page.inputValue('#wf-state')) === 'all',
    'after the login the user is back on the same page with the same filters',
  );
  await page.context().close();
}
