// The search page: facets from /api/facets, hits grouped per report from /api/search.
'use strict';

const filters = ['q', 'year', 'province', 'city', 'agency', 'template', 'completeness', 'rule', 'failing'];
const completenessNames = {complete: 'every cell read', partial: 'half or more read', sparse: 'less than half read',
                           none: 'no format recognised'};

function currentQuery(page) {
  const p = new URLSearchParams();
  for (const f of filters) {
    const input = document.getElementById(f);
    const v = input.type === 'checkbox' ? (input.checked ? '1' : '') : input.value;
    if (v) p.set(f, v);
  }
  if (page) p.set('page', page);
  return p;
}

function facetBlock(title, name, values, fmt) {
  const current = document.getElementById(name).value;
  const block = el('div', {}, el('h3', {}, title));
  const pick = (value) => () => {
    document.getElementById(name).value = value;
    run(0);
  };
  if (current) block.append(el('a', {href: '#', onclick: (e) => { e.preventDefault(); pick('')(); }}, '× all'));
  for (const v of values) {
    const a = el('a', {href: '#', class: v.value === current ? 'active' : ''}, (fmt ? fmt(v.value) : v.value) + ' (' + v.count + ')');
    a.addEventListener('click', (e) => { e.preventDefault(); pick(v.value)(); });
    block.append(a);
  }
  return block;
}

async function loadFacets() {
  const f = await apiJson('/api/facets');
  document.getElementById('count').textContent = f.reports + ' reports';
  document.getElementById('facets').replaceChildren(
      facetBlock('Year', 'year', f.year), facetBlock('Province', 'province', f.province),
      facetBlock('City', 'city', f.city), facetBlock('Agency', 'agency', f.agency),
      facetBlock('Template', 'template', f.template),
      facetBlock('Completeness', 'completeness', f.completeness, (v) => completenessNames[v] || v),
      facetBlock('Failing rule (reports)', 'rule', f.failing_rule));
}

function renderHits(data) {
  const out = document.getElementById('results');
  out.replaceChildren();
  if (data.reports.length === 0) out.append(el('p', {}, 'No match.'));
  for (const r of data.reports) {
    const group = el('div', {class: 'hit-group'},
        el('div', {}, reportLink(r), ' ',
           r.failed_checks > 0 ? el('span', {class: 'badge fail'}, r.failed_checks + ' failing') : ''),
        el('div', {class: 'meta'}, agencyLink(r.agency), ' · ', r.year || '?', ' · ', r.template || ''));
    for (const h of r.hits) {
      const text = el('div', {class: 'snippet'});
      for (const piece of h.snippet) text.append(piece.mark ? el('mark', {}, piece.text) : document.createTextNode(piece.text));
      group.append(el('div', {class: 'hit'}, el('div', {class: 'section'}, h.section), text));
    }
    out.append(group);
  }
  const pager = el('div', {class: 'pager'});
  if (data.page > 0) pager.append(el('button', {onclick: () => run(data.page - 1)}, '← previous'));
  if (data.more) pager.append(el('button', {onclick: () => run(data.page + 1)}, 'next →'));
  out.append(pager);
}

async function run(page) {
  const query = currentQuery(page);
  history.replaceState(null, '', '/?' + query.toString());
  loadFacets().catch((e) => showError(document.getElementById('facets'), e));
  if (!query.get('q')) {
    document.getElementById('results').replaceChildren(el('p', {}, 'Type words to search (every word must occur).'));
    return;
  }
  try {
    renderHits(await apiJson('/api/search?' + query.toString()));
  } catch (e) {
    showError(document.getElementById('results'), e);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  for (const f of filters) {
    const input = document.getElementById(f);
    if (input.type === 'checkbox') input.checked = param(f) === '1';
    else input.value = param(f);
  }
  document.getElementById('form').addEventListener('submit', (e) => {
    e.preventDefault();
    run(0);
  });
  run(Number(param('page')) || 0);
});
