// The generic panels' store without a browser: field detection, series and their bounds,
// breakdown values, chart columns. (web/src/store-generic.js and fields.js use no DOM.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GenericStore, OTHER, normalizeView } from '../../web/src/store-generic.js';
import { forEachField, fieldValue } from '../../web/src/fields.js';

const T0 = 1_800_000_000_000;
let offset = 0;
const frame = (key, value, t) => ({ topic: 't', partition: 0, offset: offset++, key, timestamp: t, value });

test('nested fields are flat paths; arrays and deep values are leaves', () => {
  const seen = [];
  forEachField({ a: 1, b: { c: 'x', d: { e: [1, 2] } }, f: null }, (path, v) => seen.push([path, v]));
  assert.deepEqual(seen, [['a', 1], ['b.c', 'x'], ['b.d.e', [1, 2]], ['f', null]]);
  assert.equal(fieldValue({ b: { c: 'x' } }, 'b.c'), 'x');
  assert.equal(fieldValue({ b: 'flat' }, 'b.c'), undefined);
});

test('without hints: numeric fields are charted, a low-cardinality string is broken down, the key names series', () => {
  const s = new GenericStore('t', {});
  for (let i = 0; i < 40; i++) s.add(frame(`k${i % 3}`, { n: i, level: i % 2 ? 'info' : 'warn', id: `id-${i}`, meta: { ms: i * 2 } }, T0 + i * 100));
  assert.deepEqual(s.chartFields().map((c) => c.field), ['n', 'meta.ms']);
  assert.equal(s.breakdownField(), 'level', 'id has too many values to break down');
  assert.deepEqual([...s.series.keys()], ['k0', 'k1', 'k2']);
  assert.deepEqual(s.columns(12), ['n', 'meta.ms', 'level', 'id']);
  // Counted from the record that settled the choice (the 20th) on.
  const totals = s.breakdownTotals(T0 + 4000);
  assert.deepEqual(totals.map((e) => [e.value, e.count]), [['info', 11], ['warn', 10]]);
});

test('hints pick the chart, the series field, the breakdown and hidden columns', () => {
  const s = new GenericStore('sensor', {
    chart: [{ field: 'celsius', unit: '°C' }, { field: 'bad' }, { unit: 'x' }],
    series: 'device', breakdown: 'status', hide: ['secret'],
  });
  for (let i = 0; i < 10; i++) s.add(frame('same-key', { device: `d${i % 2}`, celsius: 20 + i, status: 'ok', secret: 1 }, T0 + i * 100));
  assert.deepEqual(s.chartFields(), [{ field: 'celsius', unit: '°C' }, { field: 'bad', unit: '' }]);
  assert.deepEqual([...s.series.keys()], ['d0', 'd1'], 'series from the hinted field, not the key');
  assert.deepEqual(s.columns(12), ['device', 'celsius', 'status']);
  const { columns, points } = s.chartColumns(T0 + 1000, 'celsius', ['d0', 'd1']);
  // Slot means: d0 had 20,22,…,28 and d1 21,…,29 in the first second; the running one is empty.
  assert.deepEqual(columns, [[T0 / 1000, T0 / 1000 + 1], [24, null], [25, null]]);
  assert.equal(points, 2);
});

test('series, breakdown values and latest records are bounded', () => {
  const s = new GenericStore('t', { breakdown: 'kind' });
  for (let i = 0; i < 80; i++) s.add(frame(`k${i}`, { v: i, kind: `kind-${i}` }, T0 + i));
  assert.equal(s.series.size, 50);
  assert.equal(s.uncharted, 30);
  assert.equal(s.latest.length, 40);
  const totals = s.breakdownTotals(T0 + 1000);
  assert.equal(totals.length, 12, '11 values and the rest as one');
  assert.deepEqual(totals[0], { value: OTHER, count: 69, index: 11 });

  // A series quiet for the whole window makes room for a new one.
  const later = T0 + 3 * 60_000;
  s.add(frame('new', { v: 1, kind: 'kind-0' }, later));
  assert.ok(s.series.has('new'));
  assert.equal(s.series.size, 50);
});

test('the busiest series are kept unless another is clearly busier', () => {
  const s = new GenericStore('t', {});
  const add = (key, n, t) => { for (let i = 0; i < n; i++) s.add(frame(key, { v: i }, t)); };
  add('a', 10, T0); add('b', 9, T0); add('c', 8, T0);
  assert.deepEqual(s.busiestSeries(T0 + 1000, 2), ['a', 'b']);
  add('c', 3, T0 + 500); // c: 11, b: 9 — busier, but not by a quarter
  assert.deepEqual(s.busiestSeries(T0 + 1000, 2), ['a', 'b']);
  add('c', 5, T0 + 600); // c: 16 > 9 × 1.25
  assert.deepEqual(s.busiestSeries(T0 + 1000, 2).sort(), ['a', 'c']);
});

test('display hints of any shape are read safely', () => {
  const v = normalizeView({ title: 3, chart: 'celsius', series: '', hide: ['a', 4] });
  assert.deepEqual({ ...v, hide: [...v.hide] }, { title: null, chart: [], series: null, breakdown: null, text: null, hide: ['a'] });
});
