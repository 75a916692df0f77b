// Alert state per host from log_alerts.
const MAX_HOSTS = 256;

export class AlertStore {
  constructor() {
    this.hosts = new Map(); // host -> latest alert value with receivedAt
    this.count = 0;
    this.version = 0;
  }

  add(frame) {
    const v = frame.value;
    if (!v?.host) return;
    if (!this.hosts.has(v.host) && this.hosts.size >= MAX_HOSTS) return;
    const prev = this.hosts.get(v.host);
    // "since" is when the host entered its current state.
    const since = prev && prev.state === v.state ? prev.since : frame.timestamp;
    this.hosts.set(v.host, { ...v, t: frame.timestamp, since });
    this.count++;
    this.version++;
  }

  // Hosts in alert, worst first, and hosts that recovered within recentMs.
  current(now, recentMs) {
    const active = [], recovered = [];
    for (const a of this.hosts.values()) {
      if (a.state === 'alert') active.push(a);
      else if (now - a.since < recentMs) recovered.push(a);
    }
    active.sort((a, b) => b.error_rate - a.error_rate);
    recovered.sort((a, b) => b.since - a.since);
    return { active, recovered };
  }
}
