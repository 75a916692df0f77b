// Any bridged topic: per-series means of the charted fields in one-second slots, counts of
// the breakdown field's values, the latest records and what fields the records have.
//
// Display hints (the topic's `view` from the host) say what to chart, what names a series,
// what to break down; without them the fields are detected from the records. Every part
// is bounded: a fixed number of series, slots, breakdown values and latest records.
import { Ring } from './ring.js';
import { TimeBuckets } from './buckets.js';
import { FieldCatalog, fieldValue } from './fields.js';

export const GENERIC_HISTORY_MS = 120_000;
export const BREAKDOWN_WINDOW_MS = 60_000;
const SLOT_MS = 1000;
const MAX_SERIES = 50; // more series than this are counted but not charted
const MAX_CHART_FIELDS = 8;
const MAX_BREAKDOWN_VALUES = 11; // the rest are counted as OTHER
export const OTHER = '(other)';
const LATEST = 40;
const DETECT_AFTER = 20; // records seen before a detected breakdown is trusted
const BUSY_WINDOW_MS = 60_000;
const BUSY_HYSTERESIS = 1.25; // a series replaces a busiest one only when clearly busier

const NO_KEY = '(no key)';

// The display hints in one shape, every key present.
export function normalizeView(view = {}) {
  const str = (s) => (typeof s === 'string' && s ? s : null);
  const chart = Array.isArray(view.chart)
    ? view.chart.filter((c) => str(c?.field)).map((c) => ({ field: c.field, unit: str(c.unit) ?? '' }))
    : [];
  return {
    title: str(view.title),
    chart: chart.slice(0, MAX_CHART_FIELDS),
    series: str(view.series),
    breakdown: str(view.breakdown),
    text: str(view.text),
    hide: new Set(Array.isArray(view.hide) ? view.hide.filter(str) : []),
  };
}

const emptySlot = () => ({ n: 0, sum: new Float64Array(MAX_CHART_FIELDS), count: new Uint32Array(MAX_CHART_FIELDS) });
const clearSlot = (s) => {
  s.n = 0;
  s.sum.fill(0);
  s.count.fill(0);
};

class Series {
  constructor(name, index) {
    this.name = name;
    this.index = index; // stable: picks the series' colour
    this.slots = new TimeBuckets({ slotMs: SLOT_MS, slots: GENERIC_HISTORY_MS / SLOT_MS, make: emptySlot, clear: clearSlot });
    this.lastSeen = 0;
  }

  recordsSince(now, spanMs) {
    let n = 0;
    this.slots.forEachSince(now, spanMs, (s) => { if (s) n += s.n; });
    return n;
  }
}

export class GenericStore {
  constructor(topic, view) {
    this.topic = topic;
    this.view = normalizeView(view);
    this.fields = new FieldCatalog();
    this.series = new Map();
    this.nextSeriesIndex = 0;
    this.uncharted = 0; // records of series past MAX_SERIES
    this.latest = new Ring(LATEST);
    this.breakdown = new TimeBuckets({
      slotMs: SLOT_MS, slots: BREAKDOWN_WINDOW_MS / SLOT_MS, make: () => new Map(), clear: (m) => m.clear(),
    });
    this.breakdownValues = new Map(); // value -> colour index, in the order first seen
    this.detectedBreakdown = null;
    this.busiest = [];
    this.detectedChart = { version: -1, fields: [] };
    this.count = 0;
    this.version = 0;
  }

  add(frame) {
    const v = frame.value;
    const t = frame.timestamp;
    this.fields.add(v);
    this.latest.push({ id: `${frame.partition}:${frame.offset}`, t, key: frame.key, value: v });

    const series = this.seriesFor(this.seriesName(frame), t);
    const slot = series?.slots.at(t);
    if (slot) {
      slot.n++;
      this.chartFields().forEach((c, i) => {
        const x = fieldValue(v, c.field);
        if (typeof x === 'number' && Number.isFinite(x)) {
          slot.sum[i] += x;
          slot.count[i]++;
        }
      });
    }

    const field = this.breakdownField();
    const counts = field && this.breakdown.at(t);
    if (counts) {
      const raw = fieldValue(v, field);
      if (raw !== undefined) {
        let value = raw === null || typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
        if (!this.breakdownValues.has(value)) {
          if (this.breakdownValues.size < MAX_BREAKDOWN_VALUES) this.breakdownValues.set(value, this.breakdownValues.size);
          else value = OTHER;
        }
        counts.set(value, (counts.get(value) || 0) + 1);
      }
    }
    this.count++;
    this.version++;
  }

  // The series field's value, else the record key.
  seriesName(frame) {
    const named = this.view.series ? fieldValue(frame.value, this.view.series) : undefined;
    const name = named ?? frame.key;
    return name == null ? NO_KEY : typeof name === 'object' ? JSON.stringify(name) : String(name);
  }

  // A series is dropped only when full and one has been quiet for the whole window.
  seriesFor(name, t) {
    let s = this.series.get(name);
    if (!s) {
      if (this.series.size >= MAX_SERIES) {
        const idle = [...this.series.values()].find((x) => x.lastSeen < t - GENERIC_HISTORY_MS);
        if (!idle) {
          this.uncharted++;
          return null;
        }
        this.series.delete(idle.name);
        this.busiest = this.busiest.filter((n) => n !== idle.name);
      }
      s = new Series(name, this.nextSeriesIndex++);
      this.series.set(name, s);
    }
    s.lastSeen = Math.max(s.lastSeen, t);
    return s;
  }

  // [{field, unit}]: the hinted fields, else the numeric fields seen so far.
  chartFields() {
    if (this.view.chart.length) return this.view.chart;
    const d = this.detectedChart;
    if (d.version !== this.fields.version) {
      const skip = new Set([...this.view.hide, this.view.series]);
      // A field keeps its slot index once charted: only new fields are appended.
      const fresh = this.fields.numericPaths(skip).filter((f) => !d.fields.some((c) => c.field === f));
      d.fields = [...d.fields, ...fresh.map((field) => ({ field, unit: '' }))].slice(0, MAX_CHART_FIELDS);
      d.version = this.fields.version;
    }
    return d.fields;
  }

  breakdownField() {
    if (this.view.breakdown) return this.view.breakdown;
    if (!this.detectedBreakdown && this.fields.records % DETECT_AFTER === 0) {
      this.detectedBreakdown = this.fields.lowCardinalityPath(new Set([...this.view.hide, this.view.series, this.view.text]), DETECT_AFTER);
    }
    return this.detectedBreakdown;
  }

  // Up to n series with the most records over the last minute. The previous pick is kept
  // unless another series is clearly busier, so lines do not come and go between
  // series of about the same rate.
  busiestSeries(now, n) {
    const counts = new Map([...this.series.values()].map((s) => [s.name, s.recordsSince(now, BUSY_WINDOW_MS)]));
    const ranked = [...counts].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1]).map(([name]) => name);
    const kept = this.busiest.filter((name) => counts.get(name) > 0);
    for (const name of ranked) {
      if (kept.includes(name)) continue;
      if (kept.length < n) kept.push(name);
      else {
        const weakest = kept.reduce((a, b) => (counts.get(a) <= counts.get(b) ? a : b));
        if (counts.get(name) <= counts.get(weakest) * BUSY_HYSTERESIS) break;
        kept[kept.indexOf(weakest)] = name;
      }
    }
    this.busiest = kept.slice(0, n);
    return this.busiest;
  }

  // The n busiest series, in the order first seen (for the picker: chips stay put while
  // rates wobble).
  seriesForPicker(now, n) {
    return [...this.series.values()]
      .map((s) => ({ name: s.name, index: s.index, recent: s.recordsSince(now, BUSY_WINDOW_MS) }))
      .sort((a, b) => b.recent - a.recent || a.index - b.index)
      .slice(0, n)
      .sort((a, b) => a.index - b.index);
  }

  // uPlot columns for one field: [seconds[], one column of slot means per named series],
  // from the first slot with data; and how many points there are.
  chartColumns(now, field, names) {
    const i = this.chartFields().findIndex((c) => c.field === field);
    const series = names.map((name) => this.series.get(name)).filter(Boolean);
    const xs = [];
    const ys = series.map(() => []);
    if (i < 0) return { columns: [xs, ...ys], points: 0, series };
    series.forEach((s, k) => {
      s.slots.forEachSince(now, GENERIC_HISTORY_MS, (slot, start) => {
        if (k === 0) xs.push(start / 1000);
        ys[k].push(slot && slot.count[i] ? slot.sum[i] / slot.count[i] : null);
      });
    });
    let first = xs.length;
    for (const col of ys) {
      const f = col.findIndex((y) => y !== null);
      if (f >= 0) first = Math.min(first, f);
    }
    const columns = [xs.slice(first), ...ys.map((col) => col.slice(first))];
    const points = ys.reduce((n, col) => n + col.reduce((m, y) => m + (y !== null ? 1 : 0), 0), 0);
    return { columns, points, series };
  }

  // [{value, count, index}] over the last minute, most first.
  breakdownTotals(now) {
    const totals = new Map();
    this.breakdown.forEachSince(now, BREAKDOWN_WINDOW_MS, (m) => {
      if (m) for (const [value, n] of m) totals.set(value, (totals.get(value) || 0) + n);
    });
    return [...totals]
      .map(([value, count]) => ({ value, count, index: this.breakdownValues.get(value) ?? MAX_BREAKDOWN_VALUES }))
      .sort((a, b) => b.count - a.count);
  }

  // Table columns: the series field and the charted ones first, then the other fields
  // in the order first seen; hidden ones left out.
  columns(max) {
    const seen = this.fields.paths();
    const first = [this.view.series, ...this.chartFields().map((c) => c.field)].filter((p) => seen.includes(p));
    return [...new Set([...first, ...seen])].filter((p) => !this.view.hide.has(p)).slice(0, max);
  }
}
