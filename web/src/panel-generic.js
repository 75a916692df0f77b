// The panel for a bridged topic no demo panel covers: records/s, a chart of one numeric
// field with a line per series, a breakdown bar, and the latest records as a table or
// a feed. What it shows comes from the topic's display hints or, without them, from the
// fields detected in the records (GenericStore).
import { h, setText, setAttr, markLive } from './dom.js';
import { fmtInt, fmtNumber } from './format.js';
import { createTimeChart } from './chart.js';
import { GENERIC_HISTORY_MS } from './store-generic.js';
import { createFieldPicker, createSeriesPicker, seriesColor, DEFAULT_SERIES, LISTED_SERIES } from './series-picker.js';
import { createBreakdownBar } from './breakdown-bar.js';
import { createRecordTable, createRecordFeed } from './record-table.js';

const BUSIEST_EVERY_MS = 1000; // re-rank the busiest series this often

export function createGenericPanel(store, { stats, viewState }) {
  const topic = store.topic;
  const role = (name) => el.querySelector(`[data-role=${name}]`);
  const el = h('section', { class: 'panel panel-generic', 'data-testid': 'generic-panel', 'data-topic': topic, 'data-live': 'false' },
    h('header', { class: 'panel-head' },
      h('h2', {}, store.view.title ?? topic),
      h('span', { class: 'panel-source' }, topic)),
    h('div', { class: 'generic-top' },
      h('div', { class: 'generic-rate' }, h('strong', { 'data-role': 'rate' }, '–'), h('span', { class: 'muted small' }, ' records/s')),
      h('label', { class: 'generic-field' }, h('span', { class: 'muted small' }, 'Chart'), h('select', { 'data-role': 'field', 'data-testid': 'generic-field' }))),
    h('div', { class: 'series-picker', 'data-role': 'series', 'data-testid': 'generic-series', role: 'group', 'aria-label': 'Series' }),
    h('div', { class: 'chart chart-generic', 'data-role': 'chart', 'data-testid': 'generic-chart' }),
    h('p', { class: 'muted small generic-empty', 'data-role': 'no-chart', hidden: true }, 'No numeric fields to chart yet.'),
    h('div', { class: 'breakdown', 'data-role': 'breakdown' }),
    h('div', { class: 'sub-title' }, store.view.text ? `Latest · ${store.view.text}` : 'Latest records'),
    h('div', { class: 'generic-latest', 'data-role': 'latest' }));

  const rate = role('rate');
  const chartBox = role('chart');
  const noChart = role('no-chart');
  // A pick shows at once, even while paused: it is the user's own action.
  const refresh = () => {
    render(Date.now());
    renderLists(Date.now());
  };
  const fieldPicker = createFieldPicker(role('field'), (field) => {
    viewState.setField(topic, field);
    refresh();
  });
  const seriesPicker = createSeriesPicker(role('series'), (list) => {
    viewState.setSeries(topic, list);
    refresh();
  });
  const breakdown = createBreakdownBar(role('breakdown'), store);
  const latest = store.view.text
    ? createRecordFeed(role('latest'), store, (r) => store.seriesName(r))
    : createRecordTable(role('latest'), store);

  let chart = null;
  let chartKey = '';
  let busiest = [];
  let rankedAt = 0;

  // The picked field if the topic still has it, else the first one.
  function currentField() {
    const fields = store.chartFields();
    const picked = viewState.field(topic);
    return fields.find((f) => f.field === picked) ?? fields[0] ?? null;
  }

  function drawnSeries(now) {
    const picked = viewState.series(topic);
    if (picked) return picked.filter((name) => store.series.has(name));
    if (now - rankedAt >= BUSIEST_EVERY_MS || !busiest.length) {
      busiest = store.busiestSeries(now, DEFAULT_SERIES);
      rankedAt = now;
    }
    return busiest;
  }

  // uPlot's series are fixed at creation: a new field or set of series builds a new chart.
  function chartFor(field, names) {
    const key = JSON.stringify([field.field, field.unit, names]);
    if (key === chartKey) return chart;
    chart?.destroy();
    chartKey = key;
    const unit = field.unit ? ` ${field.unit}` : '';
    chart = createTimeChart(chartBox, {
      windowMs: GENERIC_HISTORY_MS,
      series: names.map((name) => ({ label: name, stroke: seriesColor(store.series.get(name).index), width: 1.5, spanGaps: true })),
      yAxes: [{ size: 64, values: (u, vals) => vals.map((v) => `${fmtNumber(v)}${unit}`) }],
    });
    return chart;
  }

  function render(now) {
    setText(rate, fmtInt(stats.rate(topic, now)));
    if (store.count === 0) return;
    const field = currentField();
    chartBox.hidden = !field;
    noChart.hidden = !!field;
    if (field) {
      const { columns, points, series } = store.chartColumns(now, field.field, drawnSeries(now));
      chartFor(field, series.map((s) => s.name)).setData(columns, now);
      setAttr(chartBox, 'data-points', points);
      setAttr(chartBox, 'data-field', field.field);
      setAttr(chartBox, 'data-unit', field.unit);
    }
    breakdown.render(now);
    markLive(el, store.count);
  }

  // Lists refresh slower than figures, as in the demo panels.
  function renderLists(now) {
    if (store.count === 0) return;
    const field = currentField();
    fieldPicker.render(store.chartFields(), field?.field ?? '');
    const drawn = drawnSeries(now).map((name) => store.series.get(name)).filter(Boolean);
    seriesPicker.render(store.seriesForPicker(now, LISTED_SERIES), drawn, viewState.series(topic));
    latest.render(now);
  }

  return {
    el,
    topic,
    render,
    renderLists,
    refresh,
    destroy() {
      chart?.destroy();
      el.remove();
    },
  };
}
