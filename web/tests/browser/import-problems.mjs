// Browser tests: an import's rejected rows are worded in the page's language from the codes the
// server sends (no reader's English sentence on the Chinese page, no Chinese on the English
// one); so are a failed table's first bad row and a refused request's detail. Screenshots of
// the page with its rejected rows in both languages at 1440 and 390 px.
import { url, shots, check, consoleErrors, newPage, login, settle } from './lib.mjs';

const CJK = /[\u3400-\u9fff]/;
// Words of the readers' English sentences that must not reach the Chinese page.
const ENGLISH = /bad number|hourly values|unknown station|expected \d+ fields|import it with/;
const AIR =
  'station,time,so2,no2,co,o3,pm10,pm25\n' +
  'ZJG01,2026-11-28 06:00,abc,30,0.6,60,70,25\n' +
  'ZJG01,2026-11-28 06:30,8,30,0.6,60,70,25\n' +
  'NOPE9,2026-11-28 07:00,8,30,0.6,60,70,25\n' +
  'ZJG01,2026-11-28 08:00,8\n';

async function importFile(page, kind, name, text) {
  await page.goto(`${url}/#/imports`);
  await page.waitForSelector('#import-form');
  await page.evaluate(() => {
    delete document.body.dataset.import;
    document.getElementById('import-status').className = '';
  });
  await page.selectOption('#import-kind', kind);
  await page.setInputFiles('input[type=file]', {
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  });
  await page.click('#import-form button');
  await page.waitForFunction(
    () => document.body.dataset.import || document.querySelector('#import-status.error'),
  );
  return {
    status: await page.textContent('#import-status'),
    rejects: await page.locator('#import-rejects li').allTextContents(),
    codes: await page
      .locator('#import-rejects li')
      .evaluateAll((l) => l.map((x) => x.dataset.code)),
  };
}

async function inLanguage(lang) {
  const page = await newPage({ lang, width: 1440 });
  await login(page, 'analyst');
  const zh = lang === 'zh';
  const air = await importFile(page, 'air', zh ? '空气数据(坏行).csv' : 'air bad rows.csv', AIR);
  check(
    air.codes.join() === 'bad_number,time_not_on_hour,unknown_station,field_count',
    `${lang}: each rejected row keeps its code (${air.codes.join()})`,
  );
  const worded = zh
    ? air.rejects.every((r) => CJK.test(r) && !ENGLISH.test(r)) &&
      air.rejects[0].startsWith('第 2 行：') &&
      air.rejects[0].includes('so2') &&
      air.rejects[2].includes('未知站点')
    : air.rejects.every((r) => !CJK.test(r)) &&
      air.rejects[0].startsWith('line 2: bad number') &&
      air.rejects[2].includes('import the station list first');
  check(worded, `${lang}: the rejected rows in the page's language (${air.rejects.join(' | ')})`);
  await settle(page);
  await page.screenshot({ path: `${shots}/imports-rejects-${lang}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await settle(page);
  await page.screenshot({ path: `${shots}/imports-rejects-${lang}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // A table is all or nothing: its first bad row is the refusal's reason.
  const values = await importFile(
    page,
    'values',
    'values.csv',
    'year,indicator,value,note,unit\n2026,n2019_29,abc,,\n',
  );
  check(
    zh
      ? values.status.includes('第 2 行') &&
          values.status.includes('不是数字') &&
          !/is not a number/.test(values.status)
      : values.status.includes('line 2:') &&
          values.status.includes('is not a number') &&
          !CJK.test(values.status.replace('values.csv', '')),
    `${lang}: a refused table's bad row in the page's language (${values.status})`,
  );
  // A refused request: the detail from the server's reason code.
  const name = await importFile(page, 'air', 'notes.txt', 'x');
  // The refused request is expected: its 400 is not a console error of the page.
  const expected = consoleErrors.findIndex((e) => e.includes('status of 400'));
  if (expected >= 0) consoleErrors.splice(expected, 1);
  check(
    zh
      ? name.status.includes('文件名') && !name.status.includes('a plain name')
      : name.status.includes('a plain name ending in .csv'),
    `${lang}: a refused request's detail in the page's language (${name.status})`,
  );
  await page.context().close();
}

export default async function run() {
  await inLanguage('zh');
  await inLanguage('en');
}
