// Alerts strip: hosts in alert (from log_alerts), recent recoveries, else all clear.
import { h, setText, setAttr, renderKeyedList, markLive } from './dom.js';
import { fmtAge, fmtPct, ratioAsPct } from './format.js';

const RECOVERED_SHOWN_MS = 60_000;

function createChip(a) {
  const text = h('span', { class: 'chip-text' });
  const age = h('span', { class: 'chip-age' });
  const row = h('li', { class: 'chip' }, h('span', { class: 'chip-dot' }), h('strong', {}, a.host), text, age);
  Object.assign(row, { _text: text, _age: age });
  return row;
}

export function createAlertsPanel(panel, alerts, logs) {
  const body = panel.querySelector('[data-role=body]');
  const list = h('ul', { class: 'chips', 'data-testid': 'alert-chips' });
  const summary = h('span', { class: 'alerts-summary' });
  let started = false;
  let logAlertsBridged = null; // unknown until the server answers

  return {
    setBridged(bridged) {
      logAlertsBridged = bridged;
    },

    render(now) {
      const hosts = logs.hosts.size;
      if (!hosts && !alerts.count) return;
      if (!started) {
        body.replaceChildren(summary, list);
        started = true;
      }
      const { active, recovered } = alerts.current(now, RECOVERED_SHOWN_MS);
      const shown = [...active, ...recovered];
      renderKeyedList(list, shown, (a) => a.host, createChip, (row, a) => {
        setAttr(row, 'data-state', a.state);
        setText(row._text, a.state === 'alert'
          ? `error rate ${fmtPct(ratioAsPct(a.error_rate, a.threshold))} (limit ${fmtPct(ratioAsPct(a.threshold, a.threshold), 0)})`
          : 'recovered');
        setText(row._age, fmtAge(now - a.since));
      });
      setAttr(panel, 'data-state', active.length ? 'alert' : logAlertsBridged === false ? 'unknown' : 'ok');
      setAttr(panel, 'data-active', active.length);
      const watched = `${hosts} host${hosts === 1 ? '' : 's'} reporting`;
      setText(summary, active.length
        ? `${active.length} active · ${watched}`
        : logAlertsBridged === false ? `No alert feed (log_alerts not bridged) · ${watched}` : `✓ All clear · ${watched}`);
      markLive(panel, alerts.count + logs.count);
    },
  };
}
