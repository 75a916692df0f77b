// A generic panel's breakdown: shares of a low-cardinality field's values over the last
// minute, as a stacked bar and a legend.
import { h, setText, setAttr, renderKeyedList } from './dom.js';
import { fmtCompact, fmtPct } from './format.js';
import { seriesColor } from './series-picker.js';
import { OTHER } from './store-generic.js';

const colorOf = (entry) => (entry.value === OTHER ? 'var(--text-muted)' : `var(${seriesColor(entry.index)})`);

export function createBreakdownBar(container, store) {
  const title = h('span', { class: 'breakdown-field' });
  const bar = h('div', { class: 'breakdown-bar', 'aria-hidden': 'true' });
  const legend = h('ul', { class: 'breakdown-legend', 'data-testid': 'generic-breakdown' });
  container.replaceChildren(h('div', { class: 'sub-title' }, title, ' ', h('span', { class: 'muted small' }, 'last 60 s')), bar, legend);
  container.hidden = true;

  const createSegment = (e) => h('span', { class: 'breakdown-seg', style: `background: ${colorOf(e)}` });
  const createEntry = (e) => {
    const share = h('span', { class: 'breakdown-share muted' });
    const li = h('li', { dataset: { value: e.value } },
      h('span', { class: 'swatch-dot', style: `background: ${colorOf(e)}`, 'aria-hidden': 'true' }),
      h('span', { class: 'breakdown-value' }, e.value), share);
    li._share = share;
    return li;
  };

  return {
    render(now) {
      const field = store.breakdownField();
      const totals = field ? store.breakdownTotals(now) : [];
      container.hidden = totals.length === 0;
      if (!totals.length) return;
      setText(title, field);
      const sum = totals.reduce((n, e) => n + e.count, 0);
      renderKeyedList(bar, totals, (e) => e.value, createSegment, (seg, e) => { seg.style.flexGrow = String(e.count); });
      renderKeyedList(legend, totals, (e) => e.value, createEntry, (li, e) => {
        setText(li._share, `${fmtPct((e.count / sum) * 100, 0)} · ${fmtCompact(e.count)}`);
        setAttr(li, 'data-count', e.count);
      });
    },
  };
}
