// Server logs: per-second status counts, latest errors, hosts seen.
import { Ring } from './ring.js';
import { TimeBuckets } from './buckets.js';

export const LOG_HISTORY_MS = 120_000;
const LATEST_ERRORS = 40;
const MAX_HOSTS = 256;

const emptyCounts = () => ({ n: 0, s2: 0, s3: 0, s4: 0, s5: 0, latency: 0 });
const clearCounts = (c) => Object.assign(c, emptyCounts());

export class LogStore {
  constructor() {
    this.buckets = new TimeBuckets({ slotMs: 1000, slots: LOG_HISTORY_MS / 1000, make: emptyCounts, clear: clearCounts });
    this.errors = new Ring(LATEST_ERRORS); // status >= 400
    this.hosts = new Map(); // host -> last seen, for the alerts strip
    this.count = 0;
    this.firstSeen = null;
    this.version = 0;
  }

  add(frame) {
    const v = frame.value;
    const status = Number(v?.status);
    if (!Number.isFinite(status)) return;
    const c = this.buckets.at(frame.timestamp);
    if (c) {
      c.n++;
      c.latency += Number(v.latency_ms) || 0;
      if (status >= 500) c.s5++;
      else if (status >= 400) c.s4++;
      else if (status >= 300) c.s3++;
      else c.s2++;
    }
    if (status >= 400) {
      this.errors.push({ key: `${frame.partition}:${frame.offset}`, t: frame.timestamp, host: v.host, method: v.method,
        path: v.path, status, latency: v.latency_ms, trace: v.trace_id });
    }
    const host = v.host ?? frame.key;
    if (host && (this.hosts.has(host) || this.hosts.size < MAX_HOSTS)) this.hosts.set(host, frame.timestamp);
    this.firstSeen ??= frame.timestamp;
    this.count++;
    this.version++;
  }

  // Requests per second over the last few complete seconds, or over the history there
  // is when it is shorter.
  requestRate(now, seconds = 5) {
    const end = Math.floor(now / 1000) * 1000; // start of the running second
    const covered = Math.min(seconds, Math.floor((end - this.firstSeen) / 1000));
    if (covered < 1) return null;
    return this.totals(end - 1, covered * 1000).n / covered;
  }

  // Totals over the last spanMs.
  totals(now, spanMs) {
    const sum = emptyCounts();
    this.buckets.forEachSince(now, spanMs, (c) => {
      if (c) for (const k in sum) sum[k] += c[k];
    });
    return sum;
  }

  // Columns for the error-rate chart: [seconds[], 5xx %[], 4xx %[], requests/s[]], from
  // the first second with data. The running second is left out: it would look quiet.
  errorRateSeries(now) {
    const xs = [], e5 = [], e4 = [], rps = [];
    this.buckets.forEachSince(now - 1000, LOG_HISTORY_MS - 1000, (c, start) => {
      if (!c && !xs.length) return;
      xs.push(start / 1000);
      rps.push(c ? c.n : 0);
      e5.push(c && c.n ? (c.s5 / c.n) * 100 : null);
      e4.push(c && c.n ? (c.s4 / c.n) * 100 : null);
    });
    return [xs, e5, e4, rps];
  }
}
