// Aggregates in fixed time slots over a sliding window (e.g. 60 one-second slots).
// A slot is recycled when time moves past it, so a window never grows.
export class TimeBuckets {
  // make(): a fresh aggregate for one slot; clear(agg): empty it for reuse.
  constructor({ slotMs, slots, make, clear }) {
    this.slotMs = slotMs;
    this.slots = Array.from({ length: slots }, () => ({ start: -Infinity, agg: make() }));
    this.clear = clear;
  }

  get windowMs() {
    return this.slotMs * this.slots.length;
  }

  // The aggregate for time t, or null when t is older than the window.
  at(t) {
    const start = Math.floor(t / this.slotMs) * this.slotMs;
    const slot = this.slots[Math.floor(t / this.slotMs) % this.slots.length];
    if (slot.start === start) return slot.agg;
    if (slot.start > start) return null;
    this.clear(slot.agg);
    slot.start = start;
    return slot.agg;
  }

  // Visits the live slots in [now - spanMs, now), oldest first, as fn(agg, startMs).
  // Slots never written in that span are visited as null so callers can draw gaps as zeros.
  forEachSince(now, spanMs, fn) {
    const first = Math.floor((now - spanMs) / this.slotMs) + 1;
    const last = Math.floor(now / this.slotMs);
    for (let n = Math.max(first, last - this.slots.length + 1); n <= last; n++) {
      const slot = this.slots[n % this.slots.length];
      fn(slot.start === n * this.slotMs ? slot.agg : null, n * this.slotMs);
    }
  }
}
