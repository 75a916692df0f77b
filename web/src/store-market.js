// Trades and VWAP per symbol, from stock_trades and stock_metrics.
//
// Trades are folded into 250 ms slots per symbol (last price, VWAP, buy and sell volume),
// so memory and chart cost stay the same at 5 or 500 trades per second.
import { Ring } from './ring.js';
import { TimeBuckets } from './buckets.js';

export const MARKET_HISTORY_MS = 120_000;
const SLOT_MS = 250;
const CLIENT_VWAP_TRADES = 20; // used only while stock_metrics has said nothing for a symbol

const emptySlot = () => ({ t: 0, price: 0, vwap: null, low: Infinity, high: -Infinity, buy: 0, sell: 0, n: 0 });
const clearSlot = (s) => Object.assign(s, emptySlot());

class SymbolSeries {
  constructor(symbol) {
    this.symbol = symbol;
    this.slots = new TimeBuckets({ slotMs: SLOT_MS, slots: MARKET_HISTORY_MS / SLOT_MS, make: emptySlot, clear: clearSlot });
    this.recent = new Ring(CLIENT_VWAP_TRADES); // for the client-side VWAP fallback
    this.metric = null; // latest stock_metrics value
    this.firstPrice = null;
    this.last = null; // {t, price, vwap}
    this.volume = 0;
    this.count = 0;
  }

  addTrade(t, v) {
    const price = Number(v.price);
    const qty = Number(v.quantity) || 0;
    if (!Number.isFinite(price)) return false;
    this.recent.push({ price, qty });
    this.firstPrice ??= price;
    this.volume += qty;
    this.count++;
    const vwap = this.currentVwap();
    if (!this.last || t >= this.last.t) this.last = { t, price, vwap };
    const slot = this.slots.at(t);
    if (slot) {
      if (t >= slot.t) Object.assign(slot, { t, price, vwap });
      slot.low = Math.min(slot.low, price);
      slot.high = Math.max(slot.high, price);
      if (v.side === 'SELL') slot.sell += qty;
      else slot.buy += qty;
      slot.n++;
    }
    return true;
  }

  // The server's VWAP when it has one, else one over the last few trades, so the line
  // is there either way.
  currentVwap() {
    if (this.metric && Number.isFinite(this.metric.vwap)) return this.metric.vwap;
    let pq = 0, q = 0;
    this.recent.forEach((tr) => { pq += tr.price * tr.qty; q += tr.qty; });
    return q > 0 ? pq / q : this.last?.price ?? null;
  }

  get changePct() {
    return this.last && this.firstPrice ? ((this.last.price - this.firstPrice) / this.firstPrice) * 100 : 0;
  }

  // Slots with trades in the last spanMs, oldest first.
  forEachSlot(now, spanMs, fn) {
    this.slots.forEachSince(now, spanMs, (slot) => { if (slot?.n) fn(slot); });
  }
}

export class MarketStore {
  constructor() {
    this.symbols = new Map();
    this.trades = 0;
    this.metrics = 0;
    this.version = 0; // bumped on every change, so panels redraw only when needed
  }

  series(symbol) {
    let s = this.symbols.get(symbol);
    if (!s) this.symbols.set(symbol, (s = new SymbolSeries(symbol)));
    return s;
  }

  addTrade(frame) {
    const v = frame.value;
    const symbol = v?.symbol ?? frame.key;
    if (!symbol || !this.series(symbol).addTrade(frame.timestamp, v)) return;
    this.trades++;
    this.version++;
  }

  addMetric(frame) {
    const v = frame.value;
    const symbol = v?.symbol ?? frame.key;
    if (!symbol) return;
    this.series(symbol).metric = { ...v, vwap: Number(v.vwap) };
    this.metrics++;
    this.version++;
  }

  sortedSymbols() {
    return [...this.symbols.keys()].sort();
  }
}
