// Browser tests: the map (the demo's SYNTHETIC boundary labelled so, stations and sections
// drawn, the ecological space's areas by category with a year picker, its intrusions (key
// projects with their units, those without a site listed as not checked) and cover beside
// it, a reporter's own station only) and the administrator's upload of a boundary (a file
// that is not a boundary refused with the reason, nothing changed).
import { check, consoleErrors, login, newPage, settle, shots, url } from './lib.mjs';

export default async function run() {
  {
    const page = await newPage({ width: 1440 });
    await login(page, 'admin');
    await page.goto(`${url}/#/map`);
    await page.waitForFunction(() => document.body.dataset.page === 'map');
    await page.waitForSelector('#city-map canvas');
    check(
      (await page.locator('#map-synthetic').count()) === 1,
      'the demo map says its boundary is synthetic',
    );
    await page.waitForSelector('#space-map canvas');
    check(
      (await page.locator('#space-promises tbody tr').count()) === 5 &&
        (await page.textContent('#space-summary')).includes('2') &&
        (await page.locator('#space-intrusions tbody tr').count()) === 4,
      'the ecological space beside the map: five areas with their promises, four intrusions',
    );
    check(
      (await page.textContent('#space-intrusions')).includes('水务局'),
      'a key project intruding is shown with its unit',
    );
    const unsited = await page.textContent('#space-unsited');
    check(
      (await page.locator('#space-unsited tbody tr').count()) === 3 &&
        unsited.includes('P2025-05') &&
        unsited.includes('生态文明宣传教育基地') &&
        unsited.includes('无选址，未核对'),
      `the key projects without a site are listed as not checked (${unsited.slice(0, 120)})`,
    );
    check(
      (await page.textContent('#space-baseline')).includes('2020（审批基准）'),
      'the approved baseline is the default baseline, marked so',
    );
    const cover = await page.textContent('#space-cover');
    check(
      cover.includes('15.08') && cover.includes('17.88') && cover.includes('42.85'),
      `the year's forest, forest-and-grass and urban green cover (${cover})`,
    );
    const boxes = page.locator('#space-legend input[data-category]');
    check(
      (await boxes.count()) === 5 && (await page.textContent('#space-legend')).includes('重要湿地'),
      'one layer per category in the legend, named in Chinese',
    );
    await page.uncheck('#space-legend input[data-category=wetland]');
    await page.waitForSelector('#space-map canvas');
    check(
      !(await page.isChecked('#space-legend input[data-category=wetland]')) &&
        (await page.isChecked('#space-legend input[data-category=scenic-area]')),
      'a category is hidden from the map, the others stay',
    );
    await page.selectOption('#space-year', '2020');
    await page.waitForFunction(
      () => document.getElementById('space-body')?.dataset.year === '2020',
    );
    check(
      (await page.textContent('#space-summary')).includes('2020') &&
        (await page.locator('#space-intrusions tbody td[colspan]').count()) === 1 &&
        (await page.textContent('#space-cover')).includes('12.85') &&
        (await page.locator('#space-unsited').count()) === 0,
      'the year picker shows 2020 against the baseline: nothing lost, its own cover, no key project',
    );
    await page.selectOption('#space-year', '2025');
    await page.waitForFunction(
      () => document.getElementById('space-body')?.dataset.year === '2025',
    );
    const m = await page.evaluate(async () => (await fetch('/api/v1/map')).json());
    check(
      m.layer?.features?.length > 1 &&
        m.stations.every((s) => s.longitude > 0 && s.latitude > 0 && s.aqi != null),
      `the map has the layer and every station with coordinates and AQI (${m.stations.length})`,
    );
    await page.setInputFiles('#map-upload input[type=file]', {
      name: 'boundary (1).geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32]]]}'),
    });
    await page.click('#map-upload button');
    await page.waitForFunction(() => document.getElementById('map-error')?.textContent);
    const said = await page.textContent('#map-error');
    // The browser logs the refusal's 400 as a console error: expected here, and only here.
    const expected = consoleErrors.findIndex((e) => e.includes('status of 400'));
    if (expected >= 0) consoleErrors.splice(expected, 1);
    check(
      said.includes('4') && said.includes('ring'),
      `a ring of three positions is refused with the reason (${said})`,
    );
    const again = await page.evaluate(async () => (await fetch('/api/v1/map')).json());
    check(
      JSON.stringify(again.layer) === JSON.stringify(m.layer),
      'a refused upload changes nothing',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/map.png`, fullPage: true });
    await page.context().close();
  }
  // The ecological space in English, on a wide and a phone screen, both languages shot.
  for (const lang of ['zh', 'en']) {
    for (const width of [1440, 390]) {
      const page = await newPage({ width, lang });
      await login(page, 'analyst');
      await page.goto(`${url}/#/map`);
      await page.waitForSelector('#space-map canvas');
      if (lang === 'en') {
        const legend = await page.textContent('#space-legend');
        check(
          legend.includes('important wetland') &&
            legend.includes('Built-up area') &&
            (await page.textContent('#space-years')).includes('Baseline') &&
            (await page.textContent('#space-unsited')).includes('No site given, not checked'),
          `the legend and the year pickers in English at ${width} px`,
        );
      }
      await settle(page);
      await page
        .locator('#space-panel')
        .screenshot({ path: `${shots}/map-space-${lang}-${width}.png` });
      await page.context().close();
    }
  }
  {
    const page = await newPage();
    await login(page, 'jinfeng');
    const m = await page.evaluate(async () => (await fetch('/api/v1/map')).json());
    check(
      m.stations.length === 1 && m.stations[0].code === 'ZJG01',
      'a reporter sees its own station on the map only',
    );
    await page.context().close();
  }
}
