// Browser tests: the HJ 212 station board. The demo registers two data loggers (锦丰镇's air
// station ZJG01 and its section ZJG1); this test sends one real-time packet as the air
// logger to the server's receiver (ECOCIV_HJ212 = host:port), then the board shows ZJG01
// online, last heard today in Beijing time, and its recent packet, and ZJG1 silent; on the
// board's map ZJG01 is online and ZJG1 never heard, with the legend in both languages, and a
// click on ZJG01's point opens its current hour: the real-time value as a provisional one,
// marked so. The page is the analysts', administrators' and leaders'.
import net from 'node:net';
import { check, login, newPage, sessionOf, settle, shots, url } from './lib.mjs';

// The 2017 appendix's CRC-16 (the register shifted by a byte before each byte enters).
function crc212(text) {
  let reg = 0xffff;
  for (const byte of Buffer.from(text)) {
    reg = (reg >> 8) ^ byte;
    for (let bit = 0; bit < 8; bit++) reg = reg & 1 ? (reg >> 1) ^ 0xa001 : reg >> 1;
  }
  return reg.toString(16).toUpperCase().padStart(4, '0');
}

const frame = (data) =>
  `##${String(Buffer.byteLength(data)).padStart(4, '0')}${data}${crc212(data)}\r\n`;

// YYYYMMDDhhmmss in Beijing time.
const compact = (ms) =>
  new Date(ms + 8 * 3600 * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);

// Sends one real-time packet and resolves to the receiver's answer.
function sendRealtime(target) {
  const [host, port] = [
    target.slice(0, target.lastIndexOf(':')),
    target.slice(target.lastIndexOf(':') + 1),
  ];
  const now = Date.now();
  const data =
    `QN=${compact(now)}000;ST=22;CN=2011;PW=212212;MN=ZJG01AIR0001;Flag=5;CP=&&DataTime=${compact(now)};` +
    'a34004-Rtd=35.0,a34004-Flag=N;a34002-Rtd=61.0,a34002-Flag=N&&';
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host, () => socket.write(frame(data)));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) {
        socket.end();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.setTimeout(10000, () => {
      socket.destroy();
      reject(new Error('no answer from the HJ 212 receiver'));
    });
  });
}

export default async function run() {
  const target = process.env.ECOCIV_HJ212;
  check(Boolean(target), `the server's HJ 212 receiver is known (${target})`);
  const answer = await sendRealtime(target);
  check(answer.includes('CN=9014'), `the receiver answers the real-time packet (${answer.trim()})`);

  const page = await newPage();
  await login(page, 'analyst');
  await page.goto(`${url}/#/stations`);
  await page.waitForSelector('#stations-table tbody tr[data-code]');
  const air = page.locator('#stations-table tbody tr[data-code="ZJG01"]');
  const water = page.locator('#stations-table tbody tr[data-code="ZJG1"]');
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  check(
    (await air.locator('.station-state').getAttribute('data-state')) === 'online' &&
      (await air.textContent()).includes(today),
    `ZJG01 is online, last heard today in Beijing time (${await air.textContent()})`,
  );
  check(
    (await water.locator('.station-state').getAttribute('data-state')) === 'silent',
    'the section whose logger never reported is silent',
  );
  // The board's map: each logger's point in its status colour, the legend's words translated.
  await page.waitForSelector('#board-map canvas');
  const points = (await page.getAttribute('#board-map', 'data-points')).split(' ');
  check(
    points.includes('ZJG01:online') && points.includes('ZJG1:never'),
    `the board's map shows ZJG01 online and ZJG1 never heard (${points.join(', ')})`,
  );
  const legend = await page.textContent('#board-legend');
  check(
    legend.includes('在线 1') && legend.includes('从未上报 1'),
    `the map's legend counts each status in Chinese (${legend})`,
  );
  await page.locator('#board-map').scrollIntoViewIfNeeded();
  await settle(page);
  const at = await page.evaluate(() => {
    const el = document.getElementById('board-map');
    const point = el.chart.getOption().series[0].data.find((d) => d.code === 'ZJG01');
    return el.chart.convertToPixel({ seriesIndex: 0 }, point.value.slice(0, 2));
  });
  const box = await page.locator('#board-map').boundingBox();
  await page.mouse.click(box.x + at[0], box.y + at[1]);
  await page.waitForSelector('#current-table tbody tr');
  const current = await page.locator('#current-table tbody tr').first().textContent();
  check(
    (await page.locator('#current-table [data-source="provisional"]').count()) >= 1 &&
      current.includes('临时值') &&
      current.includes('PM2.5 35.0') &&
      (await page.textContent('#provisional-note')).includes('不参与'),
    `a click on ZJG01 opens its current hour, provisional and marked so (${current})`,
  );
  await settle(page);
  await page.screenshot({ path: `${shots}/stations-board.png`, fullPage: true });
  await air.locator('button.st-recent').click();
  await page.waitForSelector('#recent-table tbody tr');
  const packet = await page.locator('#recent-table tbody tr').first().textContent();
  check(
    packet.includes('a34004=35.0') && packet.includes('实时数据'),
    `the recent packets show the values as sent (${packet})`,
  );
  await page.context().close();

  const english = await newPage({ lang: 'en' });
  await login(english, 'analyst');
  await english.goto(`${url}/#/stations`);
  await english.waitForSelector('#board-map canvas');
  const words = await english.textContent('#board-legend');
  check(
    words.includes('Online 1') && words.includes('Never heard 1'),
    `the map's legend in English (${words})`,
  );
  await english.context().close();

  for (const [who, sees] of [
    ['leader', true],
    ['auditor', false],
    ['jinfeng', false],
  ]) {
    const other = await newPage();
    await login(other, who);
    const pages = (await sessionOf(other)).pages;
    check(pages.includes('stations') === sees, `${who} ${sees ? 'has' : 'has no'} station board`);
    await other.context().close();
  }
}
