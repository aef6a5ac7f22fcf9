// Browser tests: the imports page offers the template of each kind (the header row its reader
// expects) and says its result plainly — "已导入 N 行" or "已拒绝，未导入任何数据" — with the
// rejected rows under the name of their file.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

const HEADER = 'station,time,so2,no2,co,o3,pm10,pm25\n';

async function importFile(page, name, text, skip) {
  await page.goto(`${url}/#/imports`);
  await page.waitForSelector('#import-form');
  await page.evaluate(() => delete document.body.dataset.import);
  await page.selectOption('#import-kind', 'air');
  if (skip) await page.check('#import-form input[name=skip]');
  await page.setInputFiles('input[type=file]', {
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  });
  await page.click('#import-form button');
  await page.waitForFunction(() => document.body.dataset.import);
  return {
    status: await page.textContent('#import-status'),
    title: await page.textContent('#import-rejects-title'),
    rejects: await page.locator('#import-rejects li').allTextContents(),
    shown: await page.isVisible('#import-rejects-of'),
  };
}

export default async function run() {
  const page = await newPage();
  await login(page, 'analyst');
  await page.goto(`${url}/#/imports`);
  await page.waitForSelector('#import-template');
  const kinds = await page
    .locator('#import-kind option')
    .evaluateAll((os) => os.map((o) => o.value));
  const got = [];
  for (const kind of kinds) {
    await page.selectOption('#import-kind', kind);
    await page.waitForFunction(
      (k) => document.querySelector('#import-template').href.endsWith(`kind=${k}`),
      kind,
    );
    const href = await page.getAttribute('#import-template', 'href');
    const res = await page.request.get(`${url}${href}`);
    const body = (await res.body()).toString('utf8');
    if (res.status() === 200 && body.startsWith('\ufeff') && body.endsWith('\r\n')) got.push(kind);
  }
  check(
    got.length === kinds.length && kinds.length >= 8,
    `a template to download for each import kind (${got.join(', ')})`,
  );
  const water = await page.request.get(`${url}/api/v1/imports/template?kind=water`);
  check(
    (await water.text()).includes('section,time,item,value,flag,unit'),
    'the water template has the header row the reader expects',
  );
  // One faulty row: refused whole, the rejected row listed under the file's name.
  const bad = `${HEADER}ZJG01,2026-11-28 06:00,8,30,0.6,60,70,25\nZJG01,not a time,1,1,1,1,1,1\n`;
  const refused = await importFile(page, '空气数据(有误).csv', bad, false);
  check(
    refused.status.includes('《空气数据(有误).csv》已拒绝，未导入任何数据') &&
      refused.shown &&
      refused.title.includes('空气数据(有误).csv') &&
      refused.rejects.length === 1,
    `refused, nothing imported; the rejected row belongs to its file (${refused.status} | ${refused.title})`,
  );
  await settle(page);
  await page.screenshot({ path: `${shots}/imports-refused.png`, fullPage: true });
  // The same file with faulty rows skipped: imported N rows, the skipped row listed.
  const skipped = await importFile(page, '空气数据(跳过).csv', bad, true);
  check(
    skipped.status.includes('已导入 1 行') &&
      skipped.status.includes('跳过有误的 1 行') &&
      skipped.title.includes('空气数据(跳过).csv'),
    `imported N rows, with the skipped rows of the file (${skipped.status})`,
  );
  await page.context().close();
}
