// Browser tests: documents made on the web. The analyst makes a monthly air report in
// both languages (two drafts, with the number typed in, listed with issuer, number and
// date of issue); a leader approves and publishes the Chinese one; the public page then
// offers it, and its file answers without a login.
import { check, login, newPage, settle, shots, url } from './lib.mjs';

const NUMBER = '张环〔2026〕9号';

export default async function run() {
  {
    const page = await newPage({ width: 1440 });
    await login(page, 'analyst');
    await page.goto(`${url}/#/documents`);
    await page.waitForSelector('#make-document');
    await page.selectOption('#doc-kind', 'air-monthly');
    await page.selectOption('#doc-period', '2026-09');
    check(
      (await page.locator('#doc-period option[value="2026-09"]').innerText()) === '2026年9月',
      'the month is worded in the page language, not the browser locale',
    );
    await page.selectOption('#make-document select[name=lang]', 'both');
    await page.fill('#make-document input[name=number]', NUMBER);
    await page.fill('#make-document input[name=date]', '2026-10-08');
    await page.click('#doc-make-button');
    await page.waitForSelector('#doc-make-msg.ok', { timeout: 120000 });
    const rows = page.locator('#documents-table tbody tr', { hasText: NUMBER });
    check((await rows.count()) === 2, 'the analyst makes the report in Chinese and in English');
    const zhRow = rows.filter({ hasText: '中文' });
    const text = await zhRow.innerText();
    check(
      text.includes('2026年10月8日') && text.includes('草稿') && text.includes('生态环境局'),
      `the draft is listed with its issuer, number and date of issue (${text.replace(/\s+/g, ' ')})`,
    );
    const html = await page.request.get(
      `${url}${await zhRow.locator('a', { hasText: 'HTML' }).getAttribute('href')}`,
    );
    check(
      html.status() === 200 && (await html.text()).includes(NUMBER),
      'the HTML of the draft downloads with the number in it',
    );
    check(
      (await page.locator('#documents-table button[data-action=approve]').count()) === 0,
      'the analyst who makes a document cannot approve it',
    );
    // The schedule: the periods due, each in words; this server does not draft on its own.
    const schedule = await page.locator('#documents-schedule tbody tr').allInnerTexts();
    check(
      schedule.length >= 5 &&
        schedule.some((r) => r.includes('环境空气质量月报')) &&
        schedule.every((r) => /待起草|已起草|起草中|未成功/.test(r)) &&
        (await page.textContent('#document-schedule .note')).includes('ecociv report schedule'),
      `the schedule lists the periods due with their state (${schedule.length})`,
    );
  }
  // The analyst's page (the form and the list) in both languages, wide and narrow; a
  // narrow page is no wider than the screen (the table scrolls in its box).
  for (const lang of ['zh', 'en']) {
    for (const width of [1440, 390]) {
      const page = await newPage({ width, lang, reducedMotion: 'reduce' });
      await login(page, 'analyst');
      await page.goto(`${url}/#/documents`);
      await page.waitForSelector('#documents-table');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      check(overflow <= 0, `the documents page fits ${width} px in ${lang} (+${overflow} px)`);
      await settle(page);
      await page.screenshot({
        path: `${shots}/documents-make-${lang}-${width}.png`,
        fullPage: true,
      });
      await page.context().close();
    }
  }
  let title;
  {
    const page = await newPage({ width: 1440 });
    await login(page, 'leader');
    await page.goto(`${url}/#/documents`);
    await page.waitForSelector('#documents-table');
    check((await page.locator('#make-document').count()) === 0, 'a leader makes no documents');
    const row = () =>
      page.locator('#documents-table tbody tr', { hasText: NUMBER }).filter({ hasText: '中文' });
    title = (await row().locator('td').nth(1).innerText()).trim();
    await row().locator('button[data-action=approve]').click();
    await row().locator('button[data-action=publish]').waitFor();
    await row().locator('button[data-action=publish]').click();
    await row().locator('a.public-link').waitFor();
    check((await row().innerText()).includes('已发布'), 'a leader approves and publishes it');
  }
  {
    const page = await newPage({ width: 1440 });
    await page.goto(`${url}/`);
    await page.waitForSelector('#public-documents');
    const row = page.locator('#public-documents tbody tr', { hasText: title });
    check((await row.count()) === 1, `the public page offers the published report (${title})`);
    const pdf = await page.request.get(`${url}${await row.locator('a').getAttribute('href')}`);
    check(
      pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === '%PDF-',
      'its PDF answers without a login',
    );
  }
}
