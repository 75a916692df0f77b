// Where the dashboard is in each topic, so that a reconnect resumes with no hole in its
// charts: the last offset seen in each partition. The host reads what was missed from
// Kafka and then carries on live, with no gap and no duplicate.
//
// A partition with no record seen yet is covered by since_ms: the records stamped from
// shortly before the connection was lost (records in flight then were not seen either).
const SINCE_MARGIN_MS = 5_000;

export class ResumePositions {
  constructor() {
    this.offsets = new Map(); // topic -> {partition: last offset seen}
  }

  saw(frame) {
    let seen = this.offsets.get(frame.topic);
    if (!seen) this.offsets.set(frame.topic, (seen = {}));
    if (!(frame.offset <= seen[frame.partition])) seen[frame.partition] = frame.offset;
  }

  has(topic) {
    return this.offsets.has(topic);
  }

  forget(topic) {
    this.offsets.delete(topic);
  }

  // The subscribe request that picks up `topics` where this page left them.
  request(topics, lostAtMs, batchMs) {
    const resume = {};
    for (const t of topics) resume[t] = { ...(this.offsets.get(t) ?? {}) };
    return { op: 'subscribe', topics, resume, since_ms: Math.max(0, lostAtMs - SINCE_MARGIN_MS), batch_ms: batchMs };
  }
}
