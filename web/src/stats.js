// Stream health for the header: records/s per topic, end-to-end latency, drops.
import { TimeBuckets } from './buckets.js';

const RATE_SLOT_MS = 250;
const LATENCY_SAMPLES = 4096; // > 1 s of samples at 1,000 records/s

class RateMeter {
  constructor() {
    this.total = 0;
    this.buckets = new TimeBuckets({
      slotMs: RATE_SLOT_MS, slots: 8, make: () => ({ n: 0 }), clear: (b) => { b.n = 0; },
    });
  }

  add(now) {
    this.total++;
    this.buckets.at(now).n++;
  }

  // Records over the last complete second (4 finished slots), so the figure does not
  // dip each time a new slot starts.
  perSecond(now) {
    let n = 0;
    this.buckets.forEachSince(now - RATE_SLOT_MS, 1000, (b) => { if (b) n += b.n; });
    return n;
  }
}

// Latency samples in two parallel typed rings: (arrival time, latency).
class LatencyWindow {
  constructor(capacity) {
    this.at = new Float64Array(capacity);
    this.ms = new Float64Array(capacity);
    this.next = 0;
    this.count = 0;
  }

  add(arrivedMs, latencyMs) {
    this.at[this.next] = arrivedMs;
    this.ms[this.next] = latencyMs;
    this.next = (this.next + 1) % this.at.length;
    this.count = Math.min(this.count + 1, this.at.length);
  }

  // Nearest-rank percentiles of the samples that arrived in the last windowMs.
  percentiles(now, windowMs, ps) {
    const recent = [];
    for (let i = 0; i < this.count; i++) if (now - this.at[i] <= windowMs) recent.push(this.ms[i]);
    if (!recent.length) return ps.map(() => null);
    recent.sort((a, b) => a - b);
    return ps.map((p) => recent[Math.min(recent.length - 1, Math.floor(p * recent.length))]);
  }
}

export class StreamStats {
  // topics: known up front (others get a meter with their first record).
  constructor(topics = []) {
    this.rates = new Map(topics.map((t) => [t, new RateMeter()]));
    this.latency = new LatencyWindow(LATENCY_SAMPLES);
    this.dropped = 0;
    this.received = 0;
  }

  // Called at ingest with the time the frame arrived (not the time it is drained).
  // Replayed records count as received but not in rates or latency: they are old by design.
  record(frame, arrivedMs, isReplay) {
    this.received++;
    if (isReplay) return;
    let meter = this.rates.get(frame.topic);
    if (!meter) this.rates.set(frame.topic, (meter = new RateMeter()));
    meter.add(arrivedMs);
    if (typeof frame.timestamp === 'number') this.latency.add(arrivedMs, Math.max(0, arrivedMs - frame.timestamp));
  }

  // Records/s of one topic over the last second.
  rate(topic, now) {
    return this.rates.get(topic)?.perSecond(now) ?? 0;
  }

  // A topic the host no longer bridges leaves the header.
  forget(topic) {
    this.rates.delete(topic);
  }

  addDropped(count) {
    this.dropped += count;
  }

  snapshot(now) {
    const topics = [];
    let perSecond = 0;
    for (const [topic, meter] of this.rates) {
      const rate = meter.perSecond(now);
      topics.push({ topic, rate, total: meter.total });
      perSecond += rate;
    }
    const [p50, p95] = this.latency.percentiles(now, 1000, [0.5, 0.95]);
    return { topics, perSecond, total: this.received, p50, p95, dropped: this.dropped };
  }
}
