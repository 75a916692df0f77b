// The latest records of a generic panel: a table with a column per field, or a feed of a
// text field when the topic's hints name one. Values from records are written as text
// (textContent), never parsed as HTML.
import { h, renderKeyedList } from './dom.js';
import { fmtClock, fmtNumber } from './format.js';
import { fieldValue } from './fields.js';

const ROWS = 12;
const MAX_COLUMNS = 12;
const MAX_CHARS = 160; // longer values are cut; the full text is in the cell's tooltip

// A value as display text, and whether it was cut.
function display(v) {
  let s;
  if (v === undefined) s = '';
  else if (typeof v === 'number') s = fmtNumber(v);
  else if (typeof v === 'string') s = v;
  else s = JSON.stringify(v); // null, booleans, arrays
  return s.length > MAX_CHARS ? { text: `${s.slice(0, MAX_CHARS - 1)}…`, full: s } : { text: s, full: null };
}

function cell(tag, v, attrs = {}) {
  const { text, full } = display(v);
  return h(tag, { ...attrs, title: full }, text);
}

export function createRecordTable(container, store) {
  const head = h('tr');
  const body = h('tbody');
  container.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'records', 'data-testid': 'generic-table' }, h('thead', {}, head), body)));
  let columns = [];
  let laidOut = '';

  const createRow = (r) => h('tr', {},
    h('td', { class: 'muted' }, fmtClock(r.t)),
    cell('td', r.key, { class: 'records-key' }),
    ...columns.map((c) => cell('td', fieldValue(r.value, c), { dataset: { column: c } })));

  return {
    render() {
      const next = store.columns(MAX_COLUMNS);
      // New fields add columns: lay the table out again.
      if (next.join('\n') !== laidOut) {
        columns = next;
        laidOut = next.join('\n');
        head.replaceChildren(h('th', {}, 'time'), h('th', {}, 'key'), ...columns.map((c) => h('th', { scope: 'col' }, c)));
        body.replaceChildren();
        body._rows = null;
      }
      renderKeyedList(body, store.latest.newest(ROWS), (r) => r.id, createRow, () => {});
    },
  };
}

export function createRecordFeed(container, store, seriesName) {
  const list = h('ol', { class: 'generic-feed', 'data-testid': 'generic-feed' });
  container.replaceChildren(list);
  const field = store.view.text;

  const createItem = (r) => h('li', { class: 'generic-feed-item' },
    h('div', { class: 'generic-feed-meta muted' }, cell('span', seriesName(r), { class: 'generic-feed-series' }), h('time', {}, fmtClock(r.t))),
    cell('p', fieldValue(r.value, field), { class: 'generic-feed-text' }));

  return {
    render() {
      renderKeyedList(list, store.latest.newest(ROWS), (r) => r.id, createItem, () => {});
    },
  };
}
