// Browser tests: the assessments' whole flow through the forms — a unit reporter (水务局, D19)
// enters an item value with an evidence file, an analyst records a deduction with evidence,
// scores a correction of the approved department run and marks it reviewed, a leader
// approves it, and D19's report card shows the new figures while the old run is kept,
// superseded. Errors read as sentences (Chinese first), never as the server's codes. Then a
// departure-audit finding is recorded, reported on by the responsible unit and closed with
// evidence; and the card prints on A4 without the navigation.
import { check, consoleErrors, login, newPage, shots, url } from './lib.mjs';

const SCHEME = 'dept-100';
const YEAR = 2025;
const file = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
const CODES = /INVALID_ARGUMENT|FAILED_PRECONDITION|PERMISSION_DENIED|NOT_FOUND/;

// The browser logs a refused request as a console error: the refusals this area provokes on
// purpose (and checks on the page) are taken off that list; any other stays.
function provoked(status) {
  const at = consoleErrors.findIndex((e) => e.includes(`status of ${status} `));
  if (at >= 0) consoleErrors.splice(at, 1);
}

async function cardTotal(page) {
  await page.goto(`${url}/#/cards?scheme=${SCHEME}&year=${YEAR}&subject=D19`);
  await page.waitForSelector('#card-table tbody tr');
  return {
    total: (await page.locator('#card-total').textContent()).trim(),
    run: await page.locator('#card-pick').getAttribute('data-run'),
    text: await page.locator('.report-card').textContent(),
  };
}

export default async function run() {
  const leader = await newPage();
  await login(leader, 'leader');
  const before = await cardTotal(leader);

  // The reporter: its own unit only; a bad number is refused with a sentence.
  {
    const page = await newPage();
    await login(page, 'shuiwu');
    await page.goto(`${url}/#/entries?scheme=${SCHEME}&year=${YEAR}`);
    await page.waitForSelector('#value-form');
    const subjects = await page.locator('#val-subject option').allTextContents();
    check(
      subjects.length === 1 && subjects[0].includes('D19'),
      `a reporter enters values for its own unit only (${subjects.join(',')})`,
    );
    check(
      (await page.locator('#event-form').count()) === 0,
      'a reporter has no form for deductions, bonuses or vetoes',
    );
    await page.selectOption('#val-item', 'inspection_rectified');
    await page.fill('#val-value', 'abc');
    await page.click('#val-save');
    await page.waitForSelector('#val-msg.error');
    const refused = await page.locator('#val-msg').textContent();
    provoked(400);
    check(
      refused.startsWith('数值未保存') && !CODES.test(refused),
      `a refused value reads as a Chinese sentence, no code (${refused})`,
    );
    await page.fill('#val-value', '85');
    await page.setInputFiles('#val-file', file('整改台账.txt', 'rectification ledger 2025'));
    await page.click('#val-save');
    await page.waitForSelector('#val-msg.ok');
    const row = page.locator('#values-table tbody tr', { hasText: '85' });
    check(
      (await row.count()) === 1 && (await row.textContent()).includes('shuiwu'),
      'the value is listed with who entered it',
    );
    await row.locator('button.val-evidence').click();
    await page.waitForSelector('#evidence-dialog li');
    check(
      (await page.locator('#evidence-dialog li').textContent()).includes('整改台账.txt'),
      "the value's evidence file is kept with it",
    );
    await page.context().close();
  }

  // The analyst: a deduction with evidence, then a correction of the approved run, reviewed.
  let created;
  {
    const page = await newPage();
    await login(page, 'analyst');
    await page.goto(`${url}/#/entries?scheme=${SCHEME}&year=${YEAR}`);
    await page.waitForSelector('#event-form');
    await page.selectOption('#ev-subject', 'D19');
    await page.selectOption('#ev-item', 'env_problem');
    await page.fill('#ev-date', `${YEAR}-05-10`);
    await page.fill('#ev-count', '1');
    await page.fill('#ev-reason', '河道黑臭问题被省级通报');
    await page.setInputFiles('#ev-file', file('通报.txt', 'provincial notice'));
    await page.click('#ev-save');
    await page.waitForSelector('#ev-msg.ok');
    const event = page.locator('#events-table tbody tr', { hasText: '河道黑臭问题被省级通报' });
    check((await event.count()) === 1, 'the deduction is listed with its reason');

    await page.goto(`${url}/#/runs?scheme=${SCHEME}&year=${YEAR}`);
    await page.waitForSelector('#runs-table tbody tr[data-state="approved"]');
    const approved = await page
      .locator('#runs-table tbody tr[data-state="approved"]')
      .getAttribute('data-id');
    check(
      (await page.locator('button.run-approve').count()) === 0,
      'an analyst is offered no approval',
    );
    await page.click('#runs-table tbody tr[data-state="approved"] button.run-correct');
    check(
      (await page.locator('#run-replaces').inputValue()) === approved,
      `a correction names the approved run it replaces (#${approved})`,
    );
    await page.click('#run-create');
    await page.waitForFunction(() => /#\d+/.test(document.getElementById('runs-msg')?.textContent));
    created = (await page.locator('#runs-msg').textContent()).match(/#(\d+)/)[1];
    const draft = page.locator(`#runs-table tbody tr[data-id="${created}"]`);
    check(
      (await draft.getAttribute('data-state')) === 'draft' &&
        (await draft.textContent()).includes(`#${approved}`),
      `the correction #${created} is a draft naming #${approved}`,
    );
    // Only a leader approves.
    const csrf = (await (await page.request.get(`${url}/api/v1/session`)).json()).csrf;
    const early = (
      await page.request.post(`${url}/api/v1/assessments/runs/${created}/approve`, {
        headers: { 'X-CSRF-Token': csrf },
        data: {},
      })
    ).status();
    check(early === 403, `an analyst cannot approve (${early})`);
    await draft.locator('button.run-review').click();
    await page.waitForSelector(`#runs-table tbody tr[data-id="${created}"][data-state="reviewed"]`);
    check(true, 'the analyst marks the run reviewed');
    await page.context().close();
  }

  // The leader approves; the old run is superseded and the card shows the new figures.
  {
    await leader.goto(`${url}/#/runs?scheme=${SCHEME}&year=${YEAR}`);
    await leader.waitForSelector(`#runs-table tbody tr[data-id="${created}"] button.run-approve`);
    check(
      (await leader.locator('button.run-review, button.run-correct, #run-form').count()) === 0,
      'a leader is offered neither scoring nor review',
    );
    await leader.click(`#runs-table tbody tr[data-id="${created}"] button.run-approve`);
    await leader.waitForSelector(
      `#runs-table tbody tr[data-id="${created}"][data-state="approved"]`,
    );
    const states = await leader
      .locator('#runs-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => `${r.dataset.id}:${r.dataset.state}`));
    check(
      states.includes(`${before.run}:superseded`),
      `the approved run is frozen and the one it replaced superseded (${states.join(' ')})`,
    );
    const after = await cardTotal(leader);
    check(
      after.run === created && after.total !== before.total,
      `D19's card is the approved correction's, with a new total (${before.total} → ${after.total})`,
    );
    check(after.text.includes('生态环境问题被通报'), "the card lists the analyst's deduction");
    await leader.goto(`${url}/#/cards?run=${before.run}&subject=D19`);
    await leader.waitForSelector('.card-run');
    check(
      (await leader.locator('.card-run').textContent()).includes(`#${created}`),
      'the superseded card names the run that replaced it',
    );
    // Last year's card is one pick away.
    await leader.goto(`${url}/#/cards?scheme=${SCHEME}&year=${YEAR}&subject=D19`);
    await leader.waitForSelector('#card-year');
    await leader.selectOption('#card-year', String(YEAR - 1));
    await leader.waitForFunction(
      (y) => document.querySelector('.report-card h3')?.textContent.includes(y),
      String(YEAR - 1),
    );
    check(true, "last year's card is reachable from the year picker");
    // Print: A4, no navigation or buttons, the card's table whole.
    await leader.goto(`${url}/#/cards?scheme=${SCHEME}&year=${YEAR}&subject=D19`);
    await leader.waitForSelector('#card-table tbody tr');
    await leader.emulateMedia({ media: 'print' });
    const printed = await leader.evaluate(() => ({
      header: getComputedStyle(document.querySelector('header')).display,
      buttons: [...document.querySelectorAll('main button')].filter(
        (b) => getComputedStyle(b).display !== 'none',
      ).length,
      scroll: getComputedStyle(document.querySelector('#card-table .table-scroll')).overflowX,
    }));
    check(
      printed.header === 'none' && printed.buttons === 0 && printed.scroll === 'visible',
      `the card prints without navigation or buttons, its table unclipped (${JSON.stringify(printed)})`,
    );
    await leader.pdf({ path: `${shots}/card-print.pdf`, format: 'A4' });
    await leader.screenshot({ path: `${shots}/card-print.png`, fullPage: true });
    await leader.emulateMedia({ media: 'screen' });
    const xlsx = await leader.locator('#card-xlsx').getAttribute('href');
    const res = await leader.request.get(`${url}${xlsx}`);
    check(
      res.status() === 200 && (await res.body()).subarray(0, 2).toString() === 'PK',
      'the card exports to xlsx from its page',
    );
    await leader.context().close();
  }

  // A departure-audit finding: recorded by an auditor, rectified by the responsible unit.
  {
    const page = await newPage();
    await login(page, 'auditor');
    await page.goto(`${url}/#/audits`);
    await page.waitForSelector('#finding-form');
    const deadline = new Date(Date.now() + 200 * 86400000).toISOString().slice(0, 10);
    await page.fill('#fd-problem', '饮用水源保护区内违建未拆除');
    await page.selectOption('#fd-owner', 'D19');
    await page.fill('#fd-deadline', deadline);
    await page.click('#fd-save');
    await page.waitForFunction(() =>
      /#\d+/.test(document.getElementById('findings-msg')?.textContent),
    );
    const id = (await page.locator('#findings-msg').textContent()).match(/#(\d+)/)[1];
    await page.context().close();

    const unit = await newPage();
    await login(unit, 'shuiwu');
    await unit.goto(`${url}/#/audits`);
    await unit.click(`#findings-table tbody tr[data-id="${id}"] button.fd-progress`);
    await unit.waitForSelector('#progress-form');
    await unit.selectOption('#pg-status', 'closed');
    await unit.fill('#pg-note', '违建已拆除');
    await unit.click('#pg-save');
    await unit.waitForSelector('#pg-msg.error');
    const refused = await unit.locator('#pg-msg').textContent();
    provoked(409);
    check(
      refused.startsWith('销号须先上传整改佐证材料') && !CODES.test(refused),
      `closing without evidence is refused with a sentence (${refused})`,
    );
    await unit.setInputFiles('#pg-file', file('拆除照片.txt', 'photo'));
    await unit.click('#pg-save');
    await unit.waitForSelector(
      `#findings-table tbody tr[data-id="${id}"] .finding-status[data-status="closed"]`,
    );
    const row = await unit.locator(`#findings-table tbody tr[data-id="${id}"]`).textContent();
    check(
      row.includes('违建已拆除') && row.includes('已销号'),
      `the responsible unit closes the finding with evidence (${row})`,
    );
    await unit.context().close();
  }
}
