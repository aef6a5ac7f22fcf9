// Browser tests: every page in both languages at 1440 px and 390 px wide, into the
// screenshot folder as page-NAME-LANG-WIDTH.png. Each page must render (body's
// data-page) without an error shown, in the right language, and at 390 px the page
// itself must not be wider than the screen (wide tables scroll inside their box).
import { check, login, newPage, shots, url } from './lib.mjs';

// Who sees which page: a visitor the public page and the login, the analyst the
// imports, the leader the documents (with the approve and publish buttons), the
// administrator everything else.
const WHO = [
  [null, ['public', 'login']],
  ['analyst', ['imports']],
  ['leader', ['documents']],
  ['shuiwu', ['tasks', 'indicator?id=n2019_29']],
  [
    'admin',
    [
      'overview',
      'air',
      'water',
      'map',
      'stations',
      'warnings',
      'targets',
      'indicators',
      'projects',
      'rankings',
      'cards',
      'audits',
      'entries',
      'runs',
      'review',
      'changes',
      'admin',
    ],
  ],
];
const TITLE = { zh: '生态文明建设管理平台', en: 'Eco-civilization platform' };

export default async function run() {
  for (const lang of ['zh', 'en']) {
    for (const width of [1440, 390]) {
      const wide = [];
      const broken = [];
      let taken = 0;
      for (const [user, pages] of WHO) {
        const page = await newPage({ width, lang, reducedMotion: 'reduce' });
        if (user) await login(page, user);
        for (const name of pages) {
          await page.goto(`${url}/#/${name}`);
          // data-page is set once the page has drawn everything it waits for.
          const slug = name.split('?')[0]; // a page of one object: 'indicator?id=…'
          await page.waitForFunction((n) => document.body.dataset.page === n, slug);
          const state = await page.evaluate(() => ({
            title: document.querySelector('header h1')?.textContent,
            error: document.querySelector('main > p.error:not(#app-error)')?.textContent ?? '',
            overflow: document.documentElement.scrollWidth - window.innerWidth,
          }));
          if (state.title !== TITLE[lang] || state.error) broken.push(`${name} ${state.error}`);
          if (width < 500 && state.overflow > 0) wide.push(`${name} +${state.overflow}px`);
          await page.screenshot({
            path: `${shots}/page-${slug}-${lang}-${width}.png`,
            fullPage: true,
          });
          taken++;
        }
        await page.context().close();
      }
      check(
        taken === 23 && broken.length === 0,
        `all 23 pages render in ${lang} at ${width} px (${broken.join('; ')})`,
      );
      if (width < 500)
        check(wide.length === 0, `no page is wider than a ${width} px screen (${wide.join(', ')})`);
    }
  }
}
