// The report page: the template's tables (every cell with its state, repairs noted, failing and
// undetermined checks on their cells) beside the source; a click on a cell highlights the source
// line it was read from. Reads /api/reports/ID, its XML and its decoded source.
'use strict';

const reportId = param('id');
const cellNodes = new Map();  // cell id → td
const xmlValues = new Map();  // cell id → {line, page, box, candidates} as extracted (XML)
const sourceTables = [];  // {page, box: [x0, y0, x1, y1] in points} of the tables read from a PDF
let pageDpi = 0;  // the resolution of the page images (the server's page_dpi)
let record = null;            // /api/reports/ID: the database's cells and checks (corrections applied)
let layout = [];              // /api/templates/T: the template's tables, labels and cell ids
let checks = [];              // {rule, scope, result, left, right, cells[]}
let values = new Map();       // cell id → {state, number, raw, note, replaced, line, candidates}
let selected = '';
let token = '';

function readXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  for (const v of doc.querySelectorAll('values > value')) {
    xmlValues.set(v.getAttribute('cell'), {
      line: Number(v.getAttribute('line') || 0), page: Number(v.getAttribute('page') || 0),
      box: v.getAttribute('box') || '',
      candidates: [...v.querySelectorAll('candidate')].map((c) => c.textContent),
    });
  }
  for (const t of doc.querySelectorAll('body table[page][box]'))
    sourceTables.push({page: Number(t.getAttribute('page')), box: t.getAttribute('box').split(' ').map(Number)});
  const sections = document.getElementById('sections');
  for (const s of doc.querySelectorAll('body section')) {
    const heading = s.querySelector(':scope > heading');
    const line = Number(s.getAttribute('line') || 0);
    sections.append(el('li', {style: 'margin-left:' + (Number(s.getAttribute('level')) - 1) + 'em',
                              onclick: () => highlightLine(line)}, heading ? heading.textContent : ''));
  }
}

// The database's values (a correction applied there) with where the XML says each was read.
function mergeRecord(r) {
  record = r;
  values = new Map();
  for (const c of r.cells) {
    const x = xmlValues.get(c.cell) || {line: 0, page: 0, box: '', candidates: []};
    values.set(c.cell, {state: c.state, number: c.state === 'number' ? String(c.value) : '', raw: c.raw || '',
                        note: c.note || '', replaced: c.replaced || '', line: x.line, page: x.page, box: x.box,
                        candidates: c.state === 'ambiguous' ? x.candidates : []});
  }
  checks = r.checks.map((c) => ({...c, cells: (c.cells || '').split(' ').filter((s) => s)}));
}

function shown(v) {
  if (v.state === 'number') return v.number;
  if (v.state === 'dash') return '—';
  if (v.state === 'ambiguous') return '? ' + v.candidates.join(' / ');
  return '';
}

function valueCell(id) {
  const v = values.get(id);
  if (!v) return el('td', {class: 'value unread', dataset: {cell: id}, title: id + ' · not read'});
  const td = el('td', {class: 'value ' + v.state + (v.note ? ' noted' : '') + (v.replaced ? ' corrected' : ''),
                       dataset: {cell: id, line: v.line},
                       title: id + (v.raw ? ' · raw: ' + v.raw : '') + (v.note ? ' · ' + v.note : '')}, shown(v));
  td.addEventListener('click', () => selectCell(id));
  cellNodes.set(id, td);
  return td;
}

// One template table with its row and column labels; its completeness above it.
function renderTable(t) {
  const counts = {number: 0, blank: 0, dash: 0, ambiguous: 0, unread: 0};
  const table = el('table', {class: 'cells', 'data-table': t.id});
  table.append(el('tr', {}, el('th', {}, ''), ...t.columns.map((c) =>
      el('th', {title: c.key}, (c.group ? c.group + ' · ' : '') + c.label))));
  let total = 0;
  for (const row of t.rows) {
    const label = el('th', {class: 'row-label', style: 'padding-left:' + (0.4 + row.depth) + 'em'}, row.label);
    if (row.group) {
      label.setAttribute('colspan', String(t.columns.length + 1));
      table.append(el('tr', {class: 'group'}, label));
      continue;
    }
    const tr = el('tr', {}, label);
    for (const id of row.cells) {
      const v = values.get(id);
      counts[v ? v.state : 'unread'] += 1;
      ++total;
      tr.append(valueCell(id));
    }
    table.append(tr);
  }
  const pct = total ? Math.round(100 * (total - counts.unread - counts.ambiguous) / total) : 0;
  return [el('h3', {}, t.id + ' ', el('span', {class: 'table-title'}, t.title)),
          el('div', {class: 'completeness', 'data-table': t.id},
             (total - counts.unread - counts.ambiguous) + ' of ' + total + ' cells read (' + pct + ' %): ' +
             counts.number + ' numbers, ' + counts.blank + ' blank, ' + counts.dash + ' dash, ' +
             counts.ambiguous + ' ambiguous, ' + counts.unread + ' not read'),
          table];
}

function renderTables() {
  cellNodes.clear();
  const out = document.getElementById('tables');
  out.replaceChildren();
  if (layout.length === 0) out.append(el('p', {}, 'No template: no cells were read.'));
  for (const t of layout) out.append(...renderTable(t));
}

function checkText(c) {
  return c.rule + (c.scope ? ' [' + c.scope + ']' : '') + ' ' + c.result + ': ' + c.left + ' = ' + c.right;
}

function renderChecks() {
  const list = document.getElementById('checks');
  list.replaceChildren();
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

// A POST with the anti-forgery token; the answer is the report as the database now holds it.
async function post(path, body) {
  if (!token) token = (await apiJson('/api/session')).token;
  const res = await fetch(path, {method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
                                 headers: {'Content-Type': 'application/json', 'X-Nianbao-Token': token}});
  if (!res.ok) throw new Error(res.status + ' ' + (await res.text()));
  return res.json();
}

function rerender(r) {
  mergeRecord(r);
  renderTables();
  renderChecks();
  renderCorrections();
  renderBadge();
  if (selected) selectCell(selected);
}

function correctionForm(id) {
  if (!record.corrections_enabled)
    return el('div', {class: 'note'}, 'To correct values here, start nianbao serve with --corrections FILE.');
  const value = el('input', {id: 'fix-value', size: 10, placeholder: 'number, blank, dash'});
  const reason = el('input', {id: 'fix-reason', size: 36, placeholder: 'reason (the evidence)'});
  const status = el('span', {class: 'status'});
  const form = el('form', {class: 'correct', id: 'fix'}, 'Correct to ', value, ' because ', reason, ' ',
                  el('button', {type: 'submit', id: 'fix-save'}, 'Correct'), ' ', status);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    status.textContent = 'saving…';
    post('/api/reports/' + encodeURIComponent(reportId) + '/corrections',
         {cell: id, value: value.value.trim(), reason: reason.value.trim()})
        .then(rerender).catch((err) => { status.textContent = String(err.message || err); });
  });
  return form;
}

function selectCell(id) {
  selected = id;
  const v = values.get(id) || {state: 'unread', line: 0, raw: '', note: '', replaced: '', candidates: []};
  for (const td of document.querySelectorAll('td.selected')) td.classList.remove('selected');
  if (cellNodes.has(id)) cellNodes.get(id).classList.add('selected');
  const inChecks = checks.filter((c) => c.cells.includes(id));
  involve(inChecks.filter((c) => c.result !== 'pass').flatMap((c) => c.cells));
  const found = v.line > 0 && (showTab('lines'), highlightLine(v.line));
  if (v.page > 0) showPage(v.page, v.box || '');
  const detail = document.getElementById('detail');
  detail.replaceChildren(
      el('div', {}, el('b', {}, id), ' = ', shown(v) || v.state, ' (', v.state, ')',
         v.raw ? ' · raw “' + v.raw + '”' : '', found ? ' · source line ' + v.line : '',
         v.page > 0 ? ' · page ' + v.page : '', !found && !(v.page > 0) ? ' · no source position recorded' : ''),
      v.note ? el('div', {class: 'note'}, 'note: ' + v.note) : '',
      v.replaced ? el('div', {class: 'note'}, 'corrected; read as: ' + v.replaced) : '',
      ...inChecks.map((c) => el('div', {class: 'check ' + c.result}, checkText(c))),
      correctionForm(id));
}

function renderCorrections() {
  const list = document.getElementById('corrections');
  list.replaceChildren();
  if (!record.corrections_enabled) {
    list.append(el('li', {}, 'Corrections are off (nianbao serve --corrections FILE turns them on).'));
    return;
  }
  if (record.corrections.length === 0) list.append(el('li', {}, 'None.'));
  for (const c of record.corrections) {
    const undo = el('button', {class: 'undo'}, 'undo');
    undo.addEventListener('click', () => post('/api/reports/' + encodeURIComponent(reportId) + '/corrections/undo',
                                              {n: c.n, cell: c.cell, value: c.value})
        .then(rerender).catch((err) => showError(list, err)));
    list.append(el('li', {dataset: {cell: c.cell}}, el('a', {href: '#', onclick: (e) => { e.preventDefault(); selectCell(c.cell); }}, c.cell),
                   ' = ', c.value, ' — ', c.reason, c.who || c.when ? ' (' + [c.who, c.when].filter((x) => x).join(', ') + ')' : '',
                   ' ', undo));
  }
}

function renderBadge() {
  const b = document.getElementById('failed');
  const failed = checks.filter((c) => c.result === 'fail').length;
  b.textContent = failed + ' failing checks';
  b.className = 'badge' + (failed > 0 ? ' fail' : '');
}

// A PDF source: its page as an image (rendered by the server on request), with a cell's box
// outlined on it: the value's own box when the XML gives one, else the box of the table read on
// that page (the PDF reader records where each table stands, not yet each of its cells).
function showPage(n, box) {
  const img = document.getElementById('page-image');
  if (!img) return;
  showTab('page');
  const src = '/api/reports/' + encodeURIComponent(reportId) + '/pages/' + Number(n) + '.png';
  if (img.getAttribute('src') !== src) img.setAttribute('src', src);
  document.getElementById('page-caption').textContent = 'page ' + Number(n);
  const boxes = box ? [box.split(' ').map(Number)] : box === undefined ? [] :
      sourceTables.filter((t) => t.page === Number(n)).map((t) => t.box);
  const frame = document.getElementById('page-frame');
  for (const b of frame.querySelectorAll('.page-box')) b.remove();
  const place = () => {
    const scale = pageDpi / 72 / img.naturalWidth * 100;  // points → % of the image's width
    const tall = img.naturalWidth / img.naturalHeight;     // % of the width → % of the height
    for (const [x0, y0, x1, y1] of boxes)
      frame.append(el('div', {class: 'page-box', style: `left:${x0 * scale}%;top:${y0 * scale * tall}%;` +
                                                       `width:${(x1 - x0) * scale}%;height:${(y1 - y0) * scale * tall}%`}));
  };
  if (img.complete && img.naturalWidth > 0) place();
  else img.addEventListener('load', place, {once: true});
}

function showTab(which) {
  document.getElementById('lines').hidden = which !== 'lines';
  document.getElementById('rendered').hidden = which !== 'rendered';
  document.getElementById('page').hidden = which !== 'page';
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
  if (source.pdf_pages > 0) {
    pageDpi = source.page_dpi;
    tabs.append(el('button', {dataset: {tab: 'page'}, onclick: () => showPage(1)}, 'PDF pages'));
    const pager = el('div', {class: 'pager'});
    for (let n = 1; n <= source.pdf_pages; ++n) pager.append(el('button', {onclick: () => showPage(n)}, String(n)));
    document.getElementById('page').append(pager, el('div', {id: 'page-caption'}),
                                           el('div', {id: 'page-frame'}, el('img', {id: 'page-image', alt: 'the page as printed'})));
    showPage(1);
    return;
  }
  showTab('lines');
}

async function load() {
  const r = await apiJson('/api/reports/' + encodeURIComponent(reportId));
  document.title = 'nianbao — ' + (r.title || r.source);
  document.getElementById('title').textContent = r.title || r.source;
  document.getElementById('meta').replaceChildren(el('p', {}, agencyLink(r.agency), ' · ', r.year || '?', ' · ',
      [r.province, r.city].filter((x) => x).join(' ') || 'division unknown', ' · ', r.template, ' · ', r.source, ' · ',
      el('span', {class: 'badge', id: 'failed'}, '')));
  readXml(await (await api('/api/reports/' + encodeURIComponent(reportId) + '/xml')).text());
  if (r.template && r.template !== 'none') layout = (await apiJson('/api/templates/' + encodeURIComponent(r.template))).tables;
  rerender(r);
  try {
    await loadSource();
  } catch (e) {
    showError(document.getElementById('lines'), e);
  }
  document.body.dataset.ready = '1';
}

document.addEventListener('DOMContentLoaded', () => load().catch((e) => showError(document.querySelector('main'), e)));
