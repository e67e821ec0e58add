// Shared by the pages: DOM building that only ever sets text (never HTML from data), and the API.
'use strict';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path) {
  const res = await fetch(path, {credentials: 'same-origin'});
  if (!res.ok) throw new Error(path + ': ' + res.status + ' ' + (await res.text()));
  return res;
}
async function apiJson(path) { return (await api(path)).json(); }

function param(name) { return new URLSearchParams(location.search).get(name) || ''; }

function reportLink(r) {
  const title = r.title || r.source || ('report ' + r.id);
  return el('a', {href: '/report?id=' + encodeURIComponent(r.id), class: 'report-link'}, title);
}
function agencyLink(name) {
  return name ? el('a', {href: '/agency?name=' + encodeURIComponent(name)}, name) : '';
}

function showError(where, err) {
  where.replaceChildren(el('p', {class: 'error'}, String(err && err.message || err)));
}
