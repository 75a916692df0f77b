// Time-series charts on uPlot, themed from the CSS custom properties.
import uPlot from '../vendor/uPlot.esm.js';
import { fmtClock } from './format.js';

// Canvas cannot read CSS variables: resolve each one to rgb() through a hidden probe,
// and cache until the theme changes.
const colorCache = new Map();
let probe = null;

export function cssColor(name) {
  let c = colorCache.get(name);
  if (c) return c;
  if (!probe) {
    probe = document.createElement('span');
    probe.hidden = true;
    document.body.append(probe);
  }
  probe.style.color = `var(${name})`;
  c = getComputedStyle(probe).color;
  colorCache.set(name, c);
  return c;
}

const charts = new Set();
document.addEventListener('themechange', () => {
  colorCache.clear();
  for (const u of charts) u.redraw(false);
});

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const axisStyle = () => ({
  font: FONT,
  stroke: () => cssColor('--text-muted'),
  grid: { stroke: () => cssColor('--grid'), width: 1 },
  ticks: { stroke: () => cssColor('--grid'), width: 1, size: 4 },
});

// Bar paths. Two series can share an x side by side with align -1 (left) and 1 (right).
export const barsPath = ({ align = 0, size = [0.7, 12] } = {}) => uPlot.paths.bars({ size, align });

const MIN_SPAN_S = 30;

// A sliding time window ending now. While there is less history than the window, the
// chart spans what there is (at least 30 s) instead of squeezing it against the edge.
function slidingRange(xs, nowS, windowS) {
  const first = xs.length ? xs[0] : nowS;
  return [Math.max(nowS - windowS, Math.min(first, nowS - MIN_SPAN_S)), nowS];
}

// series: [{label, stroke: '--css-var', fill: '--css-var', scale, width, dash, paths, spanGaps}]
// yAxes: uPlot axis options (scale, side, values, size) merged over the themed style.
// windowMs: how much history the x axis shows.
export function createTimeChart(container, { series, yAxes, scales = {}, windowMs }) {
  let xRange = null; // [min, max] in seconds
  const opts = {
    width: Math.max(100, container.clientWidth),
    height: Math.max(80, container.clientHeight),
    padding: [12, 18, 0, 2], // room on the right for the last time label
    legend: { show: false },
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 6 } },
    scales: {
      x: { time: true, range: (u, min, max) => xRange ?? [min, max] },
      ...scales,
    },
    axes: [{ ...axisStyle(), space: 80, values: (u, splits) => splits.map((s) => fmtClock(s * 1000)) }, ...yAxes.map((a) => ({ ...axisStyle(), ...a }))],
    series: [
      {},
      ...series.map((s) => ({
        ...s,
        stroke: s.stroke ? () => cssColor(s.stroke) : undefined,
        fill: s.fill ? () => cssColor(s.fill) : undefined,
        points: { show: false },
      })),
    ],
  };
  const u = new uPlot(opts, [[], ...series.map(() => [])], container);
  charts.add(u);

  const resize = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    if (width > 0 && height > 0 && (width !== u.width || height !== u.height)) u.setSize({ width, height });
  });
  resize.observe(container);

  return {
    // data: uPlot columns, x in seconds; now in ms.
    setData(data, now) {
      xRange = slidingRange(data[0], now / 1000, windowMs / 1000);
      u.setData(data);
    },

    // For charts whose series change (a generic panel's picked series): build a new one.
    destroy() {
      resize.disconnect();
      charts.delete(u);
      u.destroy();
    },
  };
}
