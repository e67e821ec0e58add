// The agency page: its reports by year, the key figures over the years (Chart.js, compiled into
// the server from the pinned npm package) and the failing checks per year.
'use strict';

// The figures charted: canonical cells of the template spec §8 (表三 totals, 表四 totals).
const figures = [
  {title: 'Applications (表三)', series: [
    {label: '新收申请 received', cell: 't3.new_received[total]'},
    {label: '办理结果 answered', cell: 't3.result.total[total]'},
    {label: '予以公开 granted', cell: 't3.result.granted[total]'}]},
  {title: '行政复议 / 行政诉讼 (表四)', series: [
    {label: '行政复议 review', cell: 't4.review.total'},
    {label: '行政诉讼 suit (direct)', cell: 't4.suit_direct.total'},
    {label: '行政诉讼 suit (after review)', cell: 't4.suit_after_review.total'}]},
];

function chart(canvas, type, labels, datasets) {
  // eslint-disable-next-line no-undef
  return new Chart(canvas, {type, data: {labels, datasets}, options: {animation: false, responsive: true,
      scales: {y: {beginAtZero: true}}}});
}

async function load() {
  const name = param('name');
  document.getElementById('name').textContent = name;
  document.title = 'nianbao — ' + name;
  const cells = figures.flatMap((f) => f.series.map((s) => s.cell));
  const data = await apiJson('/api/agencies/' + encodeURIComponent(name) + '?cells=' + encodeURIComponent(cells.join(',')));

  const reports = document.getElementById('reports');
  reports.append(el('tr', {}, el('th', {}, 'year'), el('th', {}, 'report'), el('th', {}, 'template'), el('th', {}, 'failing checks')));
  for (const r of data.reports)
    reports.append(el('tr', {}, el('td', {}, r.year || '?'), el('td', {}, reportLink(r)), el('td', {}, r.template),
                      el('td', {class: r.failed_checks > 0 ? 'value fail' : 'value'}, r.failed_checks)));

  // One point per report (two reports of one year are two points, labelled by id).
  const labels = data.reports.map((r) => (r.year || '?') + (data.reports.filter((o) => o.year === r.year).length > 1 ? ' #' + r.id : ''));
  const value = (report, cell) => {
    const c = data.cells.find((x) => x.report === report.id && x.cell === cell);
    return c && c.state === 'number' ? Number(c.value) : null;
  };
  const table = document.getElementById('figures');
  table.append(el('tr', {}, el('th', {}, 'figure'), ...labels.map((l) => el('th', {}, l))));
  const charts = document.getElementById('charts');
  const haveChart = typeof window.Chart === 'function';
  if (!haveChart) charts.append(el('p', {class: 'error'}, 'This build has no chart library (npm ci before building); figures as a table only.'));
  for (const f of figures) {
    const datasets = f.series.map((s) => ({label: s.label, data: data.reports.map((r) => value(r, s.cell)), spanGaps: true}));
    for (const [i, s] of f.series.entries())
      table.append(el('tr', {}, el('th', {}, s.label + ' ' + s.cell), ...datasets[i].data.map((v) => el('td', {class: 'value'}, v === null ? '' : v))));
    if (!haveChart) continue;
    const canvas = el('canvas', {});
    charts.append(el('div', {class: 'chart-box'}, el('h3', {}, f.title), canvas));
    chart(canvas, 'line', labels, datasets);
  }
  if (haveChart) {
    const canvas = el('canvas', {id: 'failing-chart'});
    charts.append(el('div', {class: 'chart-box'}, el('h3', {}, 'Failing checks per report'), canvas));
    chart(canvas, 'bar', labels, [{label: 'failing checks', data: data.reports.map((r) => r.failed_checks)}]);
  }
  document.body.dataset.ready = '1';
}

document.addEventListener('DOMContentLoaded', () => load().catch((e) => showError(document.querySelector('main'), e)));
