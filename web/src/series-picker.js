// A generic panel's chart controls: the field to chart, and the series to draw. The
// series chips double as the chart's legend: a drawn series shows its colour.
import { h, setText, setAttr, renderKeyedList } from './dom.js';

export const DEFAULT_SERIES = 10; // drawn until the user picks: the busiest ones
export const LISTED_SERIES = 24; // chips offered: the busiest; drawn ones are always listed
const PALETTE = 10; // --s0 … --s9 in styles.css

export const seriesColor = (index) => `--s${index % PALETTE}`;

// <select> of the chart fields; onPick(field).
export function createFieldPicker(select, onPick) {
  select.addEventListener('change', () => onPick(select.value));
  return {
    render(fields, current) {
      renderKeyedList(select, fields, (f) => f.field, (f) => h('option', { value: f.field }), (option, f) => {
        setText(option, f.unit ? `${f.field} (${f.unit})` : f.field);
      });
      if (select.value !== current) select.value = current;
      select.disabled = fields.length < 2;
    },
  };
}

// Chips for the series; onPick(list of names, or null for "the busiest").
export function createSeriesPicker(container, onPick) {
  const auto = h('button', { type: 'button', class: 'series-auto', 'aria-pressed': 'true' }, `Busiest ${DEFAULT_SERIES}`);
  const chips = h('div', { class: 'series-chips' });
  container.replaceChildren(auto, chips);
  let drawn = []; // names drawn now

  auto.addEventListener('click', () => onPick(null));
  chips.addEventListener('click', (ev) => {
    const chip = ev.target.closest('.series-chip');
    if (!chip) return;
    const name = chip._name;
    const list = drawn.includes(name) ? drawn.filter((n) => n !== name) : [...drawn, name];
    onPick(list);
  });

  const createChip = (s) => {
    const swatch = h('span', { class: 'swatch-dot', 'aria-hidden': 'true' });
    const chip = h('button', { type: 'button', class: 'series-chip', 'aria-pressed': 'false' }, swatch, h('span', { class: 'series-name' }, s.name));
    chip._name = s.name;
    chip._swatch = swatch;
    chip.title = s.name;
    return chip;
  };

  return {
    // listed: [{name, index}] to offer; drawnSeries: the series on the chart, each with
    // its colour index; pickedNames: the user's pick or null.
    render(listed, drawnSeries, pickedNames) {
      drawn = drawnSeries.map((s) => s.name);
      setAttr(auto, 'aria-pressed', pickedNames === null);
      const names = new Set(listed.map((s) => s.name));
      const all = [...listed, ...drawnSeries.filter((s) => !names.has(s.name))];
      renderKeyedList(chips, all, (s) => s.name, createChip, (chip, s) => {
        const on = drawn.includes(s.name);
        setAttr(chip, 'aria-pressed', on);
        chip._swatch.style.background = on ? `var(${seriesColor(s.index)})` : '';
      });
    },
  };
}
