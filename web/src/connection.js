// The WebSocket session: subscribe, hand frames over, reconnect with backoff.
//
// Frames are parsed here and passed on one by one; nothing here touches the DOM.
// Topics the server does not bridge come back as error frames: we note them as
// unavailable and subscribe to the rest, so a partial pipeline still shows what it has.

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;
const SETTLE_MS = 150; // wait for the server's answer to the whole list before retrying part of it

// Exponential backoff with "equal jitter": half the delay is fixed, half random, so a
// restarted host is not hit by every dashboard at the same instant.
export function backoffDelay(attempt) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export class Connection {
  // onFrame(frame, arrivedMs, isReplay); onState({state, attempt, retryAt});
  // onTopics(Map topic -> status); onDropped(count)
  constructor({ topics, replay, onFrame, onState, onTopics, onDropped }) {
    this.wanted = topics;
    this.replay = replay;
    this.onFrame = onFrame;
    this.onState = onState;
    this.onTopics = onTopics;
    this.onDropped = onDropped;
    this.topicStatus = new Map(topics.map((t) => [t, 'pending'])); // pending | live | unavailable
    this.attempt = 0;
    this.replayed = false; // a subscription with replay was accepted
    this.ws = null;
  }

  start() {
    this.connect();
  }

  // Same host and port as the page: the host serves both.
  url() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/ws?topics=${this.wanted.map(encodeURIComponent).join(',')}&replay=${this.replayNow}`;
  }

  // Replay until a subscription has been accepted once: a reconnect carries on from live
  // data instead of re-delivering records the stores already hold.
  get replayNow() {
    return this.replayed ? 0 : this.replay;
  }

  connect() {
    this.setState('connecting');
    this.subscribedAt = Date.now();
    const ws = (this.ws = new WebSocket(this.url()));
    ws.onopen = () => this.setState('connected');
    ws.onmessage = (ev) => this.receive(ev.data);
    ws.onclose = () => this.scheduleReconnect();
    // onerror is always followed by onclose; nothing more to do here.
  }

  scheduleReconnect() {
    this.ws = null;
    // A restarted host may bridge other topics: ask for all of them again.
    for (const t of this.wanted) this.topicStatus.set(t, 'pending');
    this.onTopics(this.topicStatus);
    const delay = backoffDelay(this.attempt++);
    this.setState('disconnected', Date.now() + delay);
    setTimeout(() => this.connect(), delay);
  }

  setState(state, retryAt = null) {
    this.state = state;
    this.onState({ state, attempt: this.attempt, retryAt });
  }

  receive(text) {
    const arrived = Date.now();
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return; // not JSON: nothing we can show
    }
    // A server that answers resets the backoff.
    this.attempt = 0;
    for (const m of Array.isArray(msg) ? msg : [msg]) {
      if (m && m.op) this.control(m);
      else if (m && m.topic) {
        if (this.topicStatus.get(m.topic) === 'pending') this.markLive(m.topic);
        // Records stamped before we subscribed are replay, not live traffic.
        this.onFrame(m, arrived, m.timestamp < this.subscribedAt);
      }
    }
  }

  markLive(topic) {
    this.topicStatus.set(topic, 'live');
    this.onTopics(this.topicStatus);
  }

  control(m) {
    if (m.op === 'subscribed') {
      this.replayed = true;
      for (const t of m.topics || []) if (this.topicStatus.has(t)) this.markLive(t);
    } else if (m.op === 'dropped') {
      this.onDropped(Number(m.count) || 0);
    } else if (m.op === 'error') {
      this.topicError(String(m.message || ''));
    }
  }

  // An error naming topics we asked for marks them unavailable. Once the errors settle,
  // topics still unconfirmed are subscribed again, in case the server rejected the
  // whole list; topics it already accepted are left alone so nothing is replayed twice.
  topicError(message) {
    const named = this.wanted.filter((t) => new RegExp(`\\b${t}\\b`).test(message));
    if (!named.length) return;
    for (const t of named) this.topicStatus.set(t, 'unavailable');
    this.onTopics(this.topicStatus);
    clearTimeout(this.settleTimer);
    const ws = this.ws;
    this.settleTimer = setTimeout(() => {
      const rest = this.wanted.filter((t) => this.topicStatus.get(t) === 'pending');
      if (rest.length && ws === this.ws && ws.readyState === WebSocket.OPEN) {
        this.subscribedAt = Date.now();
        ws.send(JSON.stringify({ op: 'subscribe', topics: rest, replay: this.replayNow }));
      }
    }, SETTLE_MS);
  }
}
