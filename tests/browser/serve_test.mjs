// The browser test of `nianbao serve` (registered with ctest): index a few corpus reports, start
// the server on a free loopback port, and in Debian's headless Chromium (puppeteer-core, pinned in
// package.json; never downloads a browser) search → open a report → click a cell and see its
// source line highlighted → see the failing check on its cells → correct a value and see the check
// change, then undo it; then a PDF report's page image with a cell's table outlined on it; then
// the agency page's charts, and the server's guards (token, Host, unknown ids, malformed requests).
// Usage: node serve_test.mjs NIANBAO_BINARY SOURCE_DIR CHROMIUM [SCREENSHOT_DIR]
import {spawn, execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';

const [binary, sourceDir, chromium, screenshots] = process.argv.slice(2);
const work = mkdtempSync(path.join(tmpdir(), 'nianbao-serve-'));
// 024.html: 平潭综合实验区 2020 (2019 format), whose 表三 breaks R3.3 in the source itself
// (corpus/expected/024.tsv: natural_person 6+6+4+3+3+4 = 26 but 总计 = 20).
// 035.pdf: 洪泽区 2024, read from the PDF's text layer (page= and box= in its XML).
const reports = ['024.html', '026.html', '001.txt', '002.txt', '035.pdf'];
let server;
let browser;

function run(args) { execFileSync(binary, args, {stdio: ['ignore', 'ignore', 'inherit']}); }

function startServer(db, corrections) {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ['serve', '--db', db, '--port', '0', '--corrections', corrections],
                   {stdio: ['ignore', 'pipe', 'inherit']});
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error('nianbao serve exited with ' + code)));
  });
}

function request(port, method, pathname, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port, method, path: pathname, headers}, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({status: res.statusCode, headers: res.headers, body}));
    });
    req.on('error', reject);
    req.end();
  });
}

function rawRequest(port, bytes) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.end(bytes));
    let reply = '';
    s.on('data', (d) => { reply += d; });
    s.on('close', () => resolve(reply));
    s.on('error', () => resolve(reply));
  });
}

async function guards(port) {
  const token = JSON.parse((await request(port, 'GET', '/api/session')).body).token;
  assert.equal((await request(port, 'POST', '/api/search')).status, 403, 'a POST without the token is refused');
  assert.equal((await request(port, 'POST', '/api/search', {'X-Nianbao-Token': 'x'.repeat(64)})).status, 403,
               'a POST with a wrong token is refused');
  assert.notEqual((await request(port, 'POST', '/api/search', {'X-Nianbao-Token': token})).status, 403,
                  'the token of /api/session passes the guard');
  assert.equal((await request(port, 'POST', '/api/reports/1/corrections')).status, 403,
               'a correction without the token is refused');
  assert.equal((await request(port, 'POST', '/api/reports/1/corrections', {'X-Nianbao-Token': token})).status, 400,
               'a correction that is not a JSON object is refused');
  assert.equal((await request(port, 'GET', '/api/facets', {Host: 'evil.example'})).status, 421,
               'another Host (DNS rebinding) is refused');
  assert.equal((await request(port, 'GET', '/api/reports/999999')).status, 404);
  assert.equal((await request(port, 'GET', '/static/..%2f..%2fetc%2fpasswd')).status, 404);
  assert.equal((await request(port, 'GET', '/api/reports/1/..%2f..%2f..%2fetc%2fpasswd')).status, 404);
  await rawRequest(port, 'GARBAGE\r\n\r\n');
  await rawRequest(port, 'GET /' + 'a'.repeat(20000) + ' HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  const page = await request(port, 'GET', '/');
  assert.equal(page.status, 200, 'the server survives malformed requests');
  assert.match(page.headers['content-security-policy'], /script-src 'self'/);
}

async function shot(page, name) {
  if (screenshots) await page.screenshot({path: path.join(screenshots, name), fullPage: false});
}

async function main() {
  const out = path.join(work, 'out');
  run(['batch', ...reports.map((r) => path.join(sourceDir, 'corpus', r)), '-o', out, '-q', '-j', '2']);
  const db = path.join(work, 'corpus.db');
  run(['index', out, '--db', db]);
  const corrections = path.join(out, 'corrections.csv');
  const port = await startServer(db, corrections);
  await guards(port);
  const base = `http://127.0.0.1:${port}`;

  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: mkdtempSync(path.join(work, 'profile-')),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  await page.setViewport({width: 1400, height: 900});
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Search: hits grouped per report, the term marked.
  await page.goto(base + '/');
  await page.type('#q', '平潭');
  await page.click('#go');
  await page.waitForSelector('.hit-group');
  const marks = await page.$$eval('.hit-group mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.some((m) => m.includes('平潭')), 'the search term is marked in the snippets');
  await shot(page, 'serve-search.png');

  // Open the 2020 report of 平潭 from the hits.
  const links = await page.$$eval('.hit-group a.report-link', (as) => as.map((a) => ({href: a.href, text: a.textContent})));
  const target = links.find((l) => l.text.includes('2020'));
  assert.ok(target, 'the 2020 平潭 report is among the hits: ' + JSON.stringify(links));
  await Promise.all([page.waitForNavigation(), page.click(`a.report-link[href="${new URL(target.href).pathname + new URL(target.href).search}"]`)]);
  await page.waitForSelector('body[data-ready="1"]');

  // The failing check of the source (R3.3, natural_person) is on its cells, with its operands.
  const total = 'td.value[data-cell="t3.result.total[natural_person]"]';
  const granted = 'td.value[data-cell="t3.result.granted[natural_person]"]';
  assert.equal(await page.$eval(total, (td) => td.textContent), '20');
  assert.equal(await page.$eval(granted, (td) => td.textContent), '6');
  assert.ok(await page.$eval(total, (td) => td.classList.contains('fail')), 'the 总计 cell shows the failing check');
  assert.ok(await page.$eval(granted, (td) => td.classList.contains('fail')), 'an operand shows the failing check');
  const failing = await page.$$eval('.checks li.fail', (ls) => ls.map((l) => l.textContent));
  assert.ok(failing.some((t) => t.startsWith('R3.3 [natural_person] fail') && t.includes('=26')), JSON.stringify(failing));

  // Click a cell: the source line it was read from is highlighted. The HTML reader records the
  // line of each table row (its <tr>): the line opens the row of the cell's label.
  await page.click(granted);
  const line = await page.$eval('span.line.hl', (s) => ({n: Number(s.dataset.n), text: s.textContent}));
  const sourceLines = readFileSync(path.join(sourceDir, 'corpus', '024.html'), 'utf8').split('\n');
  assert.equal(line.text, sourceLines[line.n - 1].replace(/\r$/, ''), 'the highlighted line is that line of the source');
  const fromLine = sourceLines.slice(line.n - 1).join('\n');
  const opened = fromLine.slice(sourceLines[line.n - 1].lastIndexOf('<tr'));  // the row opened on that line
  const row = opened.slice(0, opened.indexOf('</tr>'));
  assert.ok(sourceLines[line.n - 1].includes('<tr') && row.includes('（一）予以公开'),
            'the highlighted line opens the row of 予以公开: line ' + line.n);
  const detail = await page.$eval('#detail', (d) => d.textContent);
  assert.match(detail, /R3\.3 \[natural_person\] fail/);
  await shot(page, 'serve-report.png');

  // Correct the 总计 to the sum of its rows, as a reader who checked the source would: the
  // correction is written to the corrections file and R3.3 is recomputed at once; then undo it.
  const r33 = async () => (await page.$$eval('.checks li', (ls) => ls.map((l) => l.textContent)))
      .find((t) => t.startsWith('R3.3 [natural_person]'));
  await page.click(total);
  await page.type('#fix-value', '26');
  await page.type('#fix-reason', 'the rows sum to 26');
  await page.click('#fix-save');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === '26', {}, total);
  assert.match(await r33(), /^R3\.3 \[natural_person\] pass/, 'the check passes with the corrected total');
  assert.ok(await page.$eval(total, (td) => td.classList.contains('corrected')), 'the cell is marked corrected');
  assert.match(readFileSync(corrections, 'utf8'), /,t3\.result\.total\[natural_person\],26,the rows sum to 26,/);
  assert.equal((await page.$$('#corrections button.undo')).length, 1, 'the correction is listed');
  await page.click('#corrections button.undo');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === '20', {}, total);
  assert.match(await r33(), /^R3\.3 \[natural_person\] fail/, 'undone: the check fails again');
  assert.doesNotMatch(readFileSync(corrections, 'utf8'), /natural_person/, 'undone: the record is gone from the file');

  // The page from the source runs in a sandboxed frame without scripts.
  const frame = await page.$eval('iframe.rendered', (f) => f.getAttribute('sandbox'));
  assert.equal(frame, '', 'the source page is framed with every sandbox restriction');
  const sourcePage = await request(port, 'GET', new URL(target.href).search.replace('?id=', '/api/reports/') + '/source.html');
  assert.match(sourcePage.headers['content-security-policy'], /^sandbox; default-src 'none'/);

  // A report read from a PDF: its page image is shown, and a click on a cell outlines on the page
  // the table its value was read from, where the XML puts it (page=, box= in points).
  const found = JSON.parse((await request(port, 'GET', '/api/search?q=' + encodeURIComponent('政府信息公开') +
                                          '&year=2024&agency=' + encodeURIComponent('洪泽'))).body);
  const pdf = found.reports.find((r) => r.source.endsWith('035.pdf'));
  assert.ok(pdf, 'the PDF report is found: ' + JSON.stringify(found.reports.map((r) => r.source)));
  await page.goto(base + '/report?id=' + pdf.id);
  await page.waitForSelector('body[data-ready="1"]');
  const pageShown = (n) => page.waitForFunction((src) => {
    const img = document.getElementById('page-image');
    return img && !document.getElementById('page').hidden && img.getAttribute('src').endsWith(src) &&
           img.complete && img.naturalWidth > 0;
  }, {}, `/pages/${n}.png`);
  await pageShown(1);
  const xml = (await request(port, 'GET', `/api/reports/${pdf.id}/xml`)).body;
  const pdfCell = 'td.value[data-cell="t3.result.granted[natural_person]"]';
  const value = new RegExp('<value cell="t3\\.result\\.granted\\[natural_person\\]"[^>]* page="(\\d+)"[^>]*>(\\d+)<').exec(xml);
  assert.ok(value, 'the XML gives the page of the value');
  assert.equal(await page.$eval(pdfCell, (td) => td.textContent), value[2]);
  const tableBox = new RegExp(`<table source="pdf"[^>]* page="${value[1]}" box="([^"]+)"`).exec(xml);
  assert.ok(tableBox, 'the XML gives the box of the table on page ' + value[1]);
  await page.click(pdfCell);
  await pageShown(value[1]);
  await page.waitForSelector('#page-frame .page-box');
  const geometry = await page.evaluate(() => {
    const img = document.getElementById('page-image');
    const rect = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
    return {frame: rect(document.getElementById('page-frame')), boxes: [...document.querySelectorAll('.page-box')].map(rect),
            natural: [img.naturalWidth, img.naturalHeight], caption: document.getElementById('page-caption').textContent};
  });
  assert.equal(geometry.caption, 'page ' + value[1]);
  assert.equal(geometry.boxes.length, 1, 'one table on that page, one box');
  const dpi = JSON.parse((await request(port, 'GET', `/api/reports/${pdf.id}/source`)).body).page_dpi;
  const [x0, y0, x1, y1] = tableBox[1].split(' ').map(Number);
  const [fx, fy, fw, fh] = geometry.frame;
  const px = (pt, size, natural) => pt * dpi / 72 / natural * size;  // points → CSS px of the shown image
  const expected = [fx + px(x0, fw, geometry.natural[0]), fy + px(y0, fh, geometry.natural[1]),
                    px(x1 - x0, fw, geometry.natural[0]), px(y1 - y0, fh, geometry.natural[1])];
  geometry.boxes[0].forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 3,
                                               `the outline is the table's box: ${geometry.boxes[0]} vs ${expected}`));
  await shot(page, 'serve-report-pdf.png');

  // The agency page: reports by year and the charts (Chart.js canvases).
  await page.goto(base + '/agency?name=' + encodeURIComponent('平潭综合实验区'));
  await page.waitForSelector('body[data-ready="1"]');
  assert.ok((await page.$$('#charts canvas')).length >= 3, 'the key figures and the failing checks are charted');
  const years = await page.$$eval('#reports tr td:first-child', (tds) => tds.map((t) => t.textContent));
  assert.ok(years.includes('2020'), JSON.stringify(years));
  await shot(page, 'serve-agency.png');

  assert.deepEqual(errors, [], 'no script error on the pages');
  console.log('serve browser test: passed');
}

try {
  await main();
} finally {
  if (browser) await browser.close();
  if (server) server.kill();
  rmSync(work, {recursive: true, force: true});
}
