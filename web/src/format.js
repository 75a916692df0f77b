// Number and time formatting shared by the panels.
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compactFmt = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const priceFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const fmtInt = (n) => (n == null ? '–' : intFmt.format(n));
export const fmtCompact = (n) => (n == null ? '–' : n < 10_000 ? intFmt.format(n) : compactFmt.format(n));
export const fmtPrice = (n) => (n == null || !Number.isFinite(n) ? '–' : priceFmt.format(n));
export const fmtPct = (n, digits = 1) => (n == null || !Number.isFinite(n) ? '–' : `${n.toFixed(digits)}%`);
export const fmtSignedPct = (n) => (n == null || !Number.isFinite(n) ? '–' : `${n >= 0 ? '+' : ''}${n.toFixed(2)}%`);

export function fmtMs(ms) {
  if (ms == null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

// "3s", "2m", "1h": short age for lists that refresh a few times a second.
export function fmtAge(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

// Formatter objects are costly to build: make one, use it for every label.
const clockFmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
export const fmtClock = (t) => clockFmt.format(t);

// log_alerts may carry rates as fractions (0.12) or percents (12): the threshold,
// in the same unit, tells which.
export function ratioAsPct(value, threshold) {
  const fraction = threshold != null ? threshold <= 1 : value <= 1;
  return fraction ? value * 100 : value;
}

// Numbers of unknown meaning (a generic panel's fields): integers as they are, fractions
// to three places.
const numberFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
export const fmtNumber = (n) => (n == null || !Number.isFinite(n) ? '–' : numberFmt.format(n));
