// Browser tests: The public page, and a leader: overview, language switch, air, water, review, changes.
import { url, shots, check, newPage, login, settle } from './lib.mjs';

export default async function run() {
  // The public: only the published pages, no login.
  {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.waitForSelector('.public-page');
    check(
      (await page.locator('.public-page').count()) === 3,
      'the public sees the three published pages',
    );
    // The indicators' status: the same verdicts as the API's page, worded, without owners.
    const ind = await (await page.request.get(`${url}/api/v1/pages/indicators`)).json();
    const rows = page.locator('.public-page[data-kind="indicators-summary"] tbody tr');
    check(
      ind.content.indicators.length > 0 && (await rows.count()) === ind.content.indicators.length,
      `the public sees every published indicator (${ind.content.indicators.length})`,
    );
    const text = await page.locator('.public-page[data-kind="indicators-summary"]').innerText();
    check(
      text.includes('达标') && !text.includes('verdict_') && !text.includes('not_met'),
      'the indicators’ verdicts are worded in Chinese',
    );
    check(
      ind.content.indicators.every((x) => !('owner' in x) && !('review_status' in x)),
      'the public indicators carry no owners or review states',
    );
    check((await page.locator('nav a').count()) === 1, 'the public has no other page');
    check(
      (await page.locator('.public-air-now .aqi-card').count()) >= 5,
      "the public sees every station's current AQI",
    );
    // The stations on the city's map at their current AQI's official colour, on the map
    // layer's areas only: no water section's point reaches the public.
    await page.waitForSelector('#public-map canvas');
    const drawn = await page.evaluate(() => {
      const option = document.getElementById('public-map').chart.getOption();
      return {
        series: option.series.length,
        geo: (option.geo ?? []).length,
        points: option.series[0].data.map((d) => ({ code: d.code, colour: d.itemStyle.color })),
      };
    });
    const now = await (await page.request.get(`${url}/api/v1/public/air/now`)).json();
    const current = now.stations.filter((s) => s.aqi != null);
    check(
      drawn.series === 1 &&
        drawn.points.length === current.length &&
        current.every((s) =>
          drawn.points.some((p) => p.code === s.code && p.colour === s.level.colour),
        ),
      `every station with a current AQI is on the public map in its level colour (${drawn.points.length})`,
    );
    check(
      drawn.geo === 1 && now.boundary.features.every((f) => f.geometry.type !== 'Point'),
      "the public map is drawn on the map layer's areas, without the sections' points",
    );
    check(
      (await page.locator('.public-air-now .map-legend .swatch').count()) === 6,
      'the six AQI levels in the legend',
    );
    const advice = await page.locator('.public-air-now .aqi-card').first().innerText();
    check(advice.includes('建议措施'), "each station card gives its level's advice");
    const overview = await page.request.get(`${url}/api/v1/overview`);
    check(overview.status() === 401, 'the public cannot read the overview API');
    await settle(page);
    await page.screenshot({ path: `${shots}/public.png`, fullPage: true });
  }
  // A leader: overview, language switch, a station's calendar, water, change record.
  {
    const page = await newPage();
    await login(page, 'leader');
    await page.waitForSelector('#aqi-cards .station-card');
    check(
      (await page.locator('#aqi-cards .station-card').count()) >= 5,
      'the overview shows every station and the city',
    );
    const colour = await page
      .locator('#aqi-cards .aqi')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    check(
      [
        'rgb(0, 228, 0)',
        'rgb(255, 255, 0)',
        'rgb(255, 126, 0)',
        'rgb(255, 0, 0)',
        'rgb(153, 0, 76)',
        'rgb(126, 0, 35)',
      ].includes(colour),
      `the current AQI is on its official level colour (${colour})`,
    );
    check((await page.textContent('header h1')) === '生态文明建设管理平台', 'Chinese by default');
    // The year so far is judged as the target page judges it: the same figure, projection
    // and risk for PM2.5 and the good-day ratio.
    const judged = async (card) => ({
      ytd: (await page.textContent(`${card} .ytd`)).trim(),
      projection: (await page.textContent(`${card} .projection`)).trim(),
      risk: await page.getAttribute(`${card} [data-risk]`, 'data-risk'),
    });
    const overviewPm = await judged('#ov-pm25');
    const overviewGood = await judged('#ov-good-days');
    check(
      overviewPm.projection.length > 0 && overviewPm.risk,
      `the overview judges PM2.5 with a projection and a risk (${JSON.stringify(overviewPm)})`,
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });
    await page.click('#lang');
    await page.waitForFunction(
      () => document.querySelector('header h1').textContent === 'Eco-civilization platform',
    );
    check(true, 'the language switch turns the page English');
    await settle(page);
    await page.screenshot({ path: `${shots}/overview-en.png`, fullPage: true });
    await page.click('#lang');
    await page.goto(`${url}/#/targets`);
    await page.waitForSelector('#t-pm25-risk');
    const targetPm = {
      ytd: (await page.textContent('#t-ytd')).trim(),
      projection: (await page.textContent('#t-pm25-risk .projection')).trim(),
      risk: await page.getAttribute('#t-pm25-risk [data-risk]', 'data-risk'),
    };
    const targetGood = {
      projection: (await page.textContent('#t-good-risk .projection')).trim(),
      risk: await page.getAttribute('#t-good-risk [data-risk]', 'data-risk'),
    };
    check(
      JSON.stringify(targetPm) === JSON.stringify(overviewPm),
      `the overview and the target page show the same PM2.5 figure, projection and risk (${JSON.stringify(targetPm)})`,
    );
    check(
      targetGood.projection === overviewGood.projection && targetGood.risk === overviewGood.risk,
      `the overview and the target page show the same good-day projection and risk (${JSON.stringify(targetGood)})`,
    );
    await page.goto(`${url}/#/air?id=ZJG01`);
    await page.waitForSelector('#calendar canvas');
    await page.waitForSelector('#assessment-table table');
    check(
      (await page.locator('#assessment-table tbody tr').count()) >= 6,
      'the assessment table lists the city and the stations',
    );
    await settle(page);
    await page.screenshot({ path: `${shots}/air.png`, fullPage: true });
    await page.goto(`${url}/#/water`);
    await page.waitForSelector('#water-table table');
    await settle(page);
    await page.screenshot({ path: `${shots}/water.png`, fullPage: true });
    await page.goto(`${url}/#/review`);
    await page.waitForSelector('#review-table table');
    check(
      (await page.locator('button.decide').count()) === 0,
      'a leader cannot decide on review items',
    );
    await page.goto(`${url}/#/changes`);
    await page.waitForSelector('#changes-table table');
    await settle(page);
    await page.screenshot({ path: `${shots}/changes.png`, fullPage: true });
  }
}
