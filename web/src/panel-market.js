// Markets panel: symbol tabs, a quote for the selected symbol, and its price chart
// with the VWAP line and buy/sell volume bars.
import { h, setText, setAttr, markLive } from './dom.js';
import { fmtPrice, fmtSignedPct, fmtInt, fmtCompact } from './format.js';
import { createTimeChart, barsPath } from './chart.js';
import { MARKET_HISTORY_MS } from './store-market.js';

// Columns for uPlot, one point per 250 ms slot. Volume is summed per second and drawn
// once per second (other points stay undefined, which uPlot's bars skip), so the bars
// keep a readable width.
function chartColumns(series, now) {
  const xs = [], price = [], vwap = [], buy = [], sell = [];
  let low = Infinity, high = -Infinity;
  let second = null, buySum = 0, sellSum = 0;
  const flush = () => {
    if (xs.length) {
      buy[xs.length - 1] = buySum || undefined;
      sell[xs.length - 1] = sellSum || undefined;
    }
    buySum = sellSum = 0;
  };
  series.forEachSlot(now, MARKET_HISTORY_MS, (slot) => {
    const s = Math.floor(slot.t / 1000);
    if (s !== second) {
      flush();
      second = s;
    }
    xs.push(slot.t / 1000);
    price.push(slot.price);
    vwap.push(slot.vwap);
    buy.push(undefined);
    sell.push(undefined);
    buySum += slot.buy;
    sellSum += slot.sell;
    low = Math.min(low, slot.low);
    high = Math.max(high, slot.high);
  });
  flush();
  return { columns: [xs, price, vwap, buy, sell], low, high };
}

export function createMarketPanel(panel, store) {
  const role = (name) => panel.querySelector(`[data-role=${name}]`);
  const tickers = role('tickers');
  const quote = Object.fromEntries(['symbol', 'price', 'change', 'vwap', 'range', 'trades', 'volume', 'vwap-label'].map((n) => [n, role(n)]));
  const tabs = new Map();
  let selected = null;
  let picked = false; // until the user picks a symbol, show the first one alphabetically
  let drawnVersion = -1;

  const chart = createTimeChart(role('chart'), {
    windowMs: MARKET_HISTORY_MS,
    series: [
      { label: 'Price', stroke: '--c-price', width: 1.75, scale: 'price' },
      { label: 'VWAP', stroke: '--c-vwap', width: 1.5, dash: [6, 4], scale: 'price', spanGaps: true },
      { label: 'Buy', fill: '--c-buy', scale: 'vol', paths: barsPath({ align: -1, size: [0.4, 7] }) },
      { label: 'Sell', fill: '--c-sell', scale: 'vol', paths: barsPath({ align: 1, size: [0.4, 7] }) },
    ],
    scales: {
      // Volume bars keep to the bottom quarter, under the price line.
      vol: { range: (u, min, max) => [0, Math.max(1, max) * 4] },
    },
    yAxes: [
      { scale: 'price', size: 62, values: (u, vals) => vals.map(fmtPrice) },
      { scale: 'vol', show: false },
    ],
  });

  function select(symbol) {
    selected = symbol;
    drawnVersion = -1; // redraw on the next frame
    for (const [s, tab] of tabs) setAttr(tab.button, 'aria-selected', s === symbol);
  }

  function tab(symbol) {
    let t = tabs.get(symbol);
    if (t) return t;
    const price = h('span', { class: 'ticker-price' });
    const change = h('span', { class: 'ticker-change' });
    const onclick = () => { picked = true; select(symbol); };
    const button = h('button', { class: 'ticker', type: 'button', role: 'tab', 'aria-selected': 'false', dataset: { symbol }, onclick },
      h('span', { class: 'ticker-symbol' }, symbol), price, change);
    t = { button, price, change };
    tabs.set(symbol, t);
    // Keep tabs in alphabetical order as symbols appear.
    const after = [...tabs.keys()].sort().find((s) => s > symbol);
    tickers.insertBefore(button, after ? tabs.get(after).button : null);
    return t;
  }

  return {
    render(now) {
      if (store.version === drawnVersion || store.symbols.size === 0) return;
      drawnVersion = store.version;
      for (const symbol of store.sortedSymbols()) {
        const s = store.symbols.get(symbol);
        const t = tab(symbol);
        setText(t.price, fmtPrice(s.last?.price));
        setText(t.change, fmtSignedPct(s.changePct));
        setAttr(t.button, 'data-trend', s.changePct >= 0 ? 'up' : 'down');
      }
      const first = store.sortedSymbols()[0];
      if (!picked && selected !== first) select(first);

      const s = store.symbols.get(selected);
      const { columns, low, high } = chartColumns(s, now);
      chart.setData(columns, now);

      setText(quote.symbol, selected);
      setText(quote.price, fmtPrice(s.last?.price));
      setText(quote.change, fmtSignedPct(s.changePct));
      setAttr(quote.change, 'data-trend', s.changePct >= 0 ? 'up' : 'down');
      setText(quote.vwap, fmtPrice(s.last?.vwap));
      setText(quote['vwap-label'], s.metric ? 'VWAP (stock_metrics)' : 'VWAP (client, 20 trades)');
      setText(quote.range, low <= high ? `${fmtPrice(low)} – ${fmtPrice(high)}` : '–');
      setText(quote.trades, fmtInt(s.count));
      setText(quote.volume, fmtCompact(s.volume));
      markLive(panel, store.trades);
    },
  };
}
