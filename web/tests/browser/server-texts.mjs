// Browser tests: sentences the server makes reach the page in the page's language. Warning
// triggers (worded from their codes, items named in the page's language), the main pollutants,
// an indicator's target rule and the reason of its verdict: no Chinese on the English page.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

const CJK = /[\u3400-\u9fff\uff08\uff09\uff1b]/;

// The texts of one column of a table, found by its heading.
const column = (page, table, heading) =>
  page.evaluate(
    ([id, h]) => {
      const heads = [...document.querySelectorAll(`${id} thead th`)].map((th) => th.textContent);
      const at = heads.indexOf(h);
      return [...document.querySelectorAll(`${id} tbody tr[data-id]`)].map(
        (tr) => tr.children[at]?.textContent ?? '',
      );
    },
    [table, heading],
  );

export default async function run() {
  const en = await newPage({ lang: 'en', width: 1440 });
  await login(en, 'analyst');
  const all = (await (await en.request.get(`${url}/api/v1/warnings?state=all`)).json()).warnings;
  const coded = all.filter((w) => Array.isArray(w.figures?.trigger));
  const items = coded.filter((w) => w.figures.trigger.some((m) => m.args.item_id));
  check(
    coded.length > 0,
    `warnings keep their triggers as codes (${coded.length} of ${all.length})`,
  );
  await en.goto(`${url}/#/warnings?state=all`);
  await en.waitForFunction(
    () =>
      document.body.dataset.page === 'warnings' &&
      document.querySelector('#warnings-table tbody tr[data-id]'),
  );
  const triggers = await column(en, '#warnings-table', 'Trigger');
  const pollutants = await column(en, '#warnings-table', 'Main pollutants');
  const byId = new Map(all.map((w) => [String(w.id), w]));
  const ids = await en.$$eval('#warnings-table tbody tr[data-id]', (trs) =>
    trs.map((tr) => tr.dataset.id),
  );
  // The triggers of coded warnings (the space intrusions keep their project's Chinese name).
  const wrong = ids
    .map((id, i) => [byId.get(id), triggers[i]])
    .filter(([w, text]) => w && Array.isArray(w.figures?.trigger) && CJK.test(text));
  check(
    triggers.length > 0 && wrong.length === 0,
    `the English warnings page words every coded trigger in English (${wrong.map(([, x]) => x).join(' | ')})`,
  );
  check(
    pollutants.every((p) => !CJK.test(p)),
    `main pollutants named in English (${pollutants.filter(Boolean).slice(0, 3).join(' | ')})`,
  );
  if (items.length) {
    const w = items[0];
    const i = ids.indexOf(String(w.id));
    check(
      i >= 0 && !CJK.test(triggers[i]) && /[a-z]{4}/.test(triggers[i]),
      `an item's trigger in English: ${triggers[i]}`,
    );
  }
  await settle(en);
  await en.screenshot({ path: `${shots}/server-texts-warnings-en.png` });

  // The same warnings in Chinese: the triggers are Chinese sentences again.
  const zh = await newPage({ width: 390 });
  await login(zh, 'analyst');
  await zh.goto(`${url}/#/warnings?state=all`);
  await zh.waitForFunction(
    () =>
      document.body.dataset.page === 'warnings' &&
      document.querySelector('#warnings-table tbody tr[data-id]'),
  );
  const zhTriggers = await column(zh, '#warnings-table', '触发条件');
  check(
    zhTriggers.length > 0 && zhTriggers.every((x) => CJK.test(x)),
    'the Chinese warnings page words the triggers in Chinese',
  );
  await zh.context().close();

  // An indicator whose target has a rule of its direction, and one with a reason.
  const table = (await (await en.request.get(`${url}/api/v1/indicators`)).json()).indicators;
  const ruled = table.find((x) => x.target_rule);
  const reasoned = table.find(
    (x) => x.reason_code && x.reason_code !== 'error' && x.reason_code !== ruled?.reason_code,
  );
  for (const x of [ruled, reasoned].filter(Boolean)) {
    await en.goto(`${url}/#/indicator?id=${encodeURIComponent(x.id)}`);
    await en.waitForFunction(
      (id) =>
        document.body.dataset.page === 'indicator' &&
        document.querySelector('#ind-title')?.textContent.includes(id),
      x.id,
    );
    const target = await en.textContent('#ind-target');
    const reason = (await en.$('#ind-reason')) ? await en.textContent('#ind-reason') : '';
    check(
      !CJK.test(target) || CJK.test(x.target_base ?? ''),
      `${x.id}: the target reads in English (${target})`,
    );
    check(
      !x.reason_code ||
        (reason && !CJK.test(reason.replace(x.reason_args?.review_reason ?? '', ''))),
      `${x.id}: the verdict's reason reads in English (${reason})`,
    );
  }
  check(Boolean(ruled), 'the demo has an indicator whose target has a rule of its direction');
  // The readiness summary's rule of "can apply".
  await en.goto(`${url}/#/indicators`);
  await en.waitForFunction(
    () => document.body.dataset.page === 'indicators' && document.querySelector('#apply-rule'),
  );
  const rule = await en.textContent('#apply-rule');
  check(
    rule.includes('binding indicator') && !CJK.test(rule),
    `the rule of "can apply" in English (${rule})`,
  );
  await settle(en);
  await en.screenshot({ path: `${shots}/server-texts-indicator-en.png` });
  await en.context().close();
}
