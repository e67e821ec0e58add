// The report page: the template's tables (every cell with its state, repairs noted, failing and
// undetermined checks on their cells) beside the source; a click on a cell highlights the source
// line it was read from. Reads /api/reports/ID, its XML and its decoded source.
'use strict';

const reportId = param('id');
const cellNodes = new Map();  // cell id → td
let checks = [];              // {rule, scope, result, left, right, cells[]}
let values = new Map();       // cell id → {state, number, raw, note, line, candidates}

// "t3.new_received[natural_person]" → t3 / new_received / natural_person;
// "t4.review.upheld" → t4 / review / upheld.
function splitCell(id) {
  const m = /^(t\d+)\.(.+?)(?:\[(.+)\])?$/.exec(id);
  if (!m) return {table: '?', row: id, col: ''};
  if (m[3]) return {table: m[1], row: m[2], col: m[3]};
  const dot = m[2].lastIndexOf('.');
  return dot < 0 ? {table: m[1], row: m[2], col: 'value'} : {table: m[1], row: m[2].slice(0, dot), col: m[2].slice(dot + 1)};
}

function readXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  for (const v of doc.querySelectorAll('values > value')) {
    values.set(v.getAttribute('cell'), {
      state: v.getAttribute('state') || 'number',
      number: v.getAttribute('state') ? '' : v.textContent,
      raw: v.getAttribute('raw') || '', note: v.getAttribute('note') || '',
      line: Number(v.getAttribute('line') || 0),
      candidates: [...v.querySelectorAll('candidate')].map((c) => c.textContent),
    });
  }
  checks = [...doc.querySelectorAll('checks > check')].map((c) => ({
    rule: c.getAttribute('rule'), scope: c.getAttribute('scope') || '', result: c.getAttribute('result'),
    left: c.getAttribute('left') || '', right: c.getAttribute('right') || '',
    cells: (c.getAttribute('cells') || '').split(' ').filter((s) => s),
  }));
  const sections = document.getElementById('sections');
  for (const s of doc.querySelectorAll('body section')) {
    const heading = s.querySelector(':scope > heading');
    const line = Number(s.getAttribute('line') || 0);
    sections.append(el('li', {style: 'margin-left:' + (Number(s.getAttribute('level')) - 1) + 'em',
                              onclick: () => highlightLine(line)}, heading ? heading.textContent : ''));
  }
}

function shown(v) {
  if (v.state === 'number') return v.number;
  if (v.state === 'dash') return '—';
  if (v.state === 'ambiguous') return '? ' + v.candidates.join(' / ');
  return '';
}

function renderTables() {
  const byTable = new Map();
  for (const [id, v] of values) {
    const p = splitCell(id);
    if (!byTable.has(p.table)) byTable.set(p.table, {rows: [], cols: [], cells: new Map()});
    const t = byTable.get(p.table);
    if (!t.rows.includes(p.row)) t.rows.push(p.row);
    if (!t.cols.includes(p.col)) t.cols.push(p.col);
    t.cells.set(p.row + '\u0000' + p.col, [id, v]);
  }
  const out = document.getElementById('tables');
  for (const [name, t] of byTable) {
    const counts = {number: 0, blank: 0, dash: 0, ambiguous: 0};
    const table = el('table', {class: 'cells', 'data-table': name});
    table.append(el('tr', {}, el('th', {}, name), ...t.cols.map((c) => el('th', {}, c))));
    for (const row of t.rows) {
      const tr = el('tr', {}, el('th', {}, row));
      for (const col of t.cols) {
        const entry = t.cells.get(row + '\u0000' + col);
        if (!entry) { tr.append(el('td', {})); continue; }
        const [id, v] = entry;
        counts[v.state] = (counts[v.state] || 0) + 1;
        const td = el('td', {class: 'value ' + v.state + (v.note ? ' noted' : ''), dataset: {cell: id, line: v.line},
                             title: id + (v.raw ? ' · raw: ' + v.raw : '') + (v.note ? ' · ' + v.note : '')}, shown(v));
        td.addEventListener('click', () => selectCell(id));
        cellNodes.set(id, td);
        tr.append(td);
      }
      table.append(tr);
    }
    const total = t.cells.size;
    out.append(el('h3', {}, name),
               el('div', {class: 'completeness', 'data-table': name},
                  counts.number + ' of ' + total + ' cells read as numbers (' + Math.round(100 * counts.number / total) +
                  ' %); ' + counts.blank + ' blank, ' + counts.dash + ' dash, ' + counts.ambiguous + ' ambiguous'),
               table);
  }
}

function checkText(c) {
  return c.rule + (c.scope ? ' [' + c.scope + ']' : '') + ' ' + c.result + ': ' + c.left + ' = ' + c.right;
}

function renderChecks() {
  const list = document.getElementById('checks');
  const order = {fail: 0, undetermined: 1, pass: 2};
  for (const c of [...checks].sort((a, b) => order[a.result] - order[b.result])) {
    list.append(el('li', {class: c.result, onclick: () => involve(c.cells)}, checkText(c)));
    if (c.result === 'pass') continue;
    for (const id of c.cells) {
      const td = cellNodes.get(id);
      if (!td) continue;
      if (c.result === 'fail') td.classList.add('fail');
      else if (!td.classList.contains('fail')) td.classList.add('undetermined');
      td.title += '\n' + checkText(c);
    }
  }
}

function involve(ids) {
  for (const td of document.querySelectorAll('td.involved')) td.classList.remove('involved');
  for (const id of ids) if (cellNodes.has(id)) cellNodes.get(id).classList.add('involved');
}

function highlightLine(n) {
  for (const s of document.querySelectorAll('span.line.hl')) s.classList.remove('hl');
  const line = document.querySelector('span.line[data-n="' + Number(n) + '"]');
  if (!line) return false;
  line.classList.add('hl');
  line.scrollIntoView({block: 'center'});
  return true;
}

function selectCell(id) {
  const v = values.get(id);
  for (const td of document.querySelectorAll('td.selected')) td.classList.remove('selected');
  cellNodes.get(id).classList.add('selected');
  const inChecks = checks.filter((c) => c.cells.includes(id));
  involve(inChecks.filter((c) => c.result !== 'pass').flatMap((c) => c.cells));
  showTab('lines');
  const found = v.line > 0 && highlightLine(v.line);
  const detail = document.getElementById('detail');
  detail.replaceChildren(
      el('div', {}, el('b', {}, id), ' = ', shown(v) || v.state, ' (', v.state, ')',
         v.raw ? ' · raw “' + v.raw + '”' : '', found ? ' · source line ' + v.line : ' · no source line recorded'),
      v.note ? el('div', {class: 'note'}, 'note: ' + v.note) : '',
      ...inChecks.map((c) => el('div', {class: 'check ' + c.result}, checkText(c))));
}

function showTab(which) {
  document.getElementById('lines').hidden = which !== 'lines';
  document.getElementById('rendered').hidden = which !== 'rendered';
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === which);
}

async function loadSource() {
  const source = await apiJson('/api/reports/' + encodeURIComponent(reportId) + '/source');
  const pre = document.getElementById('lines');
  source.lines.forEach((text, i) => pre.append(el('span', {class: 'line', dataset: {n: i + 1}}, text)));
  const tabs = document.getElementById('tabs');
  tabs.append(el('button', {dataset: {tab: 'lines'}, onclick: () => showTab('lines')}, 'source lines'));
  if (source.html) {
    tabs.append(el('button', {dataset: {tab: 'rendered'}, onclick: () => showTab('rendered')}, 'page (sanitised)'));
    // No scripts, no same-origin, nothing fetched (the server's policy on source.html says the same).
    document.getElementById('rendered').append(el('iframe', {
      class: 'rendered', sandbox: '', referrerpolicy: 'no-referrer',
      src: '/api/reports/' + encodeURIComponent(reportId) + '/source.html'}));
  }
  showTab('lines');
}

async function load() {
  const r = await apiJson('/api/reports/' + encodeURIComponent(reportId));
  document.title = 'nianbao — ' + (r.title || r.source);
  document.getElementById('title').textContent = r.title || r.source;
  document.getElementById('meta').replaceChildren(el('p', {}, agencyLink(r.agency), ' · ', r.year || '?', ' · ',
      r.template, ' · ', r.source, ' · ',
      el('span', {class: 'badge' + (r.failed_checks > 0 ? ' fail' : ''), id: 'failed'}, r.failed_checks + ' failing checks')));
  readXml(await (await api('/api/reports/' + encodeURIComponent(reportId) + '/xml')).text());
  renderTables();
  renderChecks();
  try {
    await loadSource();
  } catch (e) {
    showError(document.getElementById('lines'), e);
  }
  document.body.dataset.ready = '1';
}

document.addEventListener('DOMContentLoaded', () => load().catch((e) => showError(document.querySelector('main'), e)));
