// Header: connection indicator, throughput, latency and per-topic rates.
import { h, setText, setAttr, markLive, renderKeyedList } from './dom.js';
import { fmtInt, fmtCompact, fmtMs } from './format.js';

const STATE_LABEL = {
  connecting: 'Connecting…',
  connected: 'Live',
  disconnected: 'Disconnected',
  unauthorised: 'Not authorised: open this page with #token=… in the address',
};
const TOPIC_TITLE = { pending: 'waiting for the server', live: 'subscribed', unavailable: 'not bridged by this host' };

export function createHeader(root) {
  const conn = root.querySelector('#connection');
  const connLabel = conn.querySelector('[data-role=label]');
  const stats = root.querySelector('#stream-stats');
  const role = (name) => stats.querySelector(`[data-role=${name}]`);
  const [rate, latency, total, dropped, droppedBox] = ['rate', 'latency', 'total', 'dropped', 'dropped-box'].map(role);
  const chipList = root.querySelector('[data-role=topics]');

  // One chip per topic, built when the topic is first named (the host's list of bridged
  // topics, plus the demo topics it does not bridge).
  function createChip(topic) {
    const li = h('li', { class: 'topic', dataset: { topic, status: 'pending' } },
      h('span', { class: 'topic-dot' }), h('span', { class: 'topic-name' }, topic), h('span', { class: 'topic-rate' }, '–'));
    li._value = li.lastChild;
    return li;
  }
  const chips = new Map();

  let connection = { state: 'connecting' };

  return {
    setConnection(c) {
      connection = c;
    },

    setTopics(statusByTopic) {
      renderKeyedList(chipList, [...statusByTopic], ([topic]) => topic, ([topic]) => createChip(topic), (li, [topic, status]) => {
        setAttr(li, 'data-status', status);
        li.title = `${topic}: ${TOPIC_TITLE[status]}`;
      });
      chips.clear();
      for (const li of chipList.children) chips.set(li.dataset.topic, li);
    },

    render(now, snap) {
      const { state, retryAt, attempt } = connection;
      setAttr(conn, 'data-state', state);
      conn.title = state === 'unauthorised' ? `The host refused this dashboard: ${connection.reason}` : '';
      setText(connLabel, state === 'disconnected' && retryAt
        ? `Reconnecting in ${Math.max(0, Math.ceil((retryAt - now) / 1000))}s${attempt > 1 ? ` (attempt ${attempt})` : ''}`
        : STATE_LABEL[state]);

      setText(rate, `${fmtInt(snap.perSecond)}/s`);
      setText(latency, snap.p50 == null ? '–' : `${fmtMs(snap.p50)} / ${fmtMs(snap.p95)}`);
      setText(total, fmtCompact(snap.total));
      droppedBox.hidden = snap.dropped === 0;
      setText(dropped, fmtCompact(snap.dropped));
      for (const { topic, rate: r } of snap.topics) {
        const chip = chips.get(topic);
        if (chip) setText(chip._value, `${fmtInt(r)}/s`);
      }
      if (snap.total > 0) markLive(stats, snap.total);
    },
  };
}
