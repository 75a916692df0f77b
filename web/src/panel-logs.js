// Server-log panel: status-code breakdown, error rate over time, latest errors.
import { h, setText, renderKeyedList, markLive } from './dom.js';
import { fmtInt, fmtPct, fmtMs, fmtAge } from './format.js';
import { createTimeChart, barsPath } from './chart.js';
import { LOG_HISTORY_MS } from './store-logs.js';

const BREAKDOWN_MS = 60_000;
const ERROR_ROWS = 12;
const CLASSES = ['s2', 's3', 's4', 's5'];

function createErrorRow(e) {
  const age = h('time', { class: 'muted' });
  const row = h('li', { class: 'error', dataset: { class: e.status >= 500 ? '5xx' : '4xx' } },
    h('span', { class: 'status-badge' }, String(e.status)),
    h('span', { class: 'error-req' },
      h('span', { class: 'error-method' }, e.method ?? ''), ' ', h('span', { class: 'error-path' }, e.path ?? '')),
    h('span', { class: 'error-host muted' }, e.host ?? ''),
    h('span', { class: 'error-latency muted' }, e.latency != null ? fmtMs(Number(e.latency)) : ''),
    age);
  row._age = age;
  row._t = e.t;
  return row;
}

export function createLogsPanel(panel, store) {
  const role = (name) => panel.querySelector(`[data-role=${name}]`);
  const tiles = Object.fromEntries([...CLASSES, ...CLASSES.map((c) => `${c}-pct`), 'rps', 'latency'].map((n) => [n, role(n)]));
  const segments = [...role('bar').children];
  const errors = role('errors');

  const chart = createTimeChart(role('chart'), {
    windowMs: LOG_HISTORY_MS,
    series: [
      { label: '5xx %', stroke: '--c-5xx', fill: '--c-5xx-fill', width: 1.75, scale: '%' },
      { label: '4xx %', stroke: '--c-4xx', width: 1.5, scale: '%' },
      { label: 'req/s', fill: '--c-requests', scale: 'rps', paths: barsPath() },
    ],
    scales: {
      '%': { range: (u, min, max) => [0, Math.max(5, Math.ceil(max / 5) * 5)] },
      rps: { range: (u, min, max) => [0, Math.max(1, max) * 1.15] },
    },
    yAxes: [
      { scale: '%', size: 46, values: (u, vals) => vals.map((v) => `${v}%`) },
      { scale: 'rps', side: 1, size: 44, grid: { show: false }, values: (u, vals) => vals.map((v) => fmtInt(v)) },
    ],
  });

  return {
    // Like the social feed, the errors list refreshes slower than the figures.
    renderErrors(now) {
      renderKeyedList(errors, store.errors.newest(ERROR_ROWS), (e) => e.key, createErrorRow, (row) => {
        setText(row._age, fmtAge(now - row._t));
      });
    },

    // Buckets are per second and the window slides with the clock, so this panel
    // refreshes on time, not only when records arrive.
    render(now) {
      if (store.count === 0) return;
      const sum = store.totals(now, BREAKDOWN_MS);
      const n = sum.n || 1;
      CLASSES.forEach((c, i) => {
        setText(tiles[c], fmtInt(sum[c]));
        setText(tiles[`${c}-pct`], fmtPct((sum[c] / n) * 100));
        segments[i].style.flexGrow = String(sum[c]);
      });
      setText(tiles.rps, fmtInt(store.requestRate(now)));
      setText(tiles.latency, sum.n ? fmtMs(sum.latency / sum.n) : '–');

      chart.setData(store.errorRateSeries(now), now);
      markLive(panel, store.count);
    },
  };
}
