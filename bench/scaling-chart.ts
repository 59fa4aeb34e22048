import { BUSY_SESSIONS } from './measure-scaling.js';
import type { ScalingSummary } from './scaling-summary.js';

/**
 * The scaling phase as an SVG chart, written by hand (a few dozen elements do not need a charting library): req/s,
 * p99 and memory against live sessions on a log axis, and the extra scenarios against the shipped ones.
 */

interface Series {
  label: string;
  color: string;
  points: Array<{ x: number; y: number }>;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const WIDTH = 960;
const HEIGHT = 660;
const PANEL = { width: 440, height: 250 };
const PLOT_MARGIN = { left: 58, right: 30, top: 30, bottom: 42 };
const COLORS = { primary: '#1f77b4', secondary: '#d62728', tertiary: '#2ca02c', grid: '#dddddd', text: '#222222', muted: '#666666' };

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const round = (value: number) => Math.round(value * 10) / 10;

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" ${attributes}>${escapeXml(content)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${stroke}" ${extra}/>`;
}

/** An axis maximum of 1, 2 or 5 × 10^n at or above `value`, and its five equal steps. */
export function niceAxis(value: number): { max: number; ticks: number[] } {
  const safe = Number.isFinite(value) && value > 0 ? value : 1;
  const magnitude = 10 ** Math.floor(Math.log10(safe));
  const max = [1, 2, 2.5, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= safe)!;
  return { max, ticks: Array.from({ length: 6 }, (_, index) => (max * index) / 5) };
}

const formatTick = (value: number) => (value >= 1000 ? `${round(value / 1000)}k` : String(round(value)));
/** A measured figure in a label: whole numbers with separators from 100 up, one decimal below, two below 10 (a sub-millisecond p99). */
const formatFigure = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2));

/** A line chart of series over a log10 x axis (live sessions), y from 0. */
function logLinePanel(box: Box, title: string, yLabel: string, series: Series[]): string {
  const plot = {
    left: box.left + PLOT_MARGIN.left,
    top: box.top + PLOT_MARGIN.top,
    width: box.width - PLOT_MARGIN.left - PLOT_MARGIN.right,
    height: box.height - PLOT_MARGIN.top - PLOT_MARGIN.bottom,
  };
  const xs = series.flatMap((entry) => entry.points.map((point) => point.x));
  const [minExp, maxExp] = [Math.floor(Math.log10(Math.min(...xs))), Math.ceil(Math.log10(Math.max(...xs)))];
  const span = Math.max(maxExp - minExp, 1);
  const xAt = (x: number) => plot.left + ((Math.log10(x) - minExp) / span) * plot.width;
  const { max, ticks } = niceAxis(Math.max(...series.flatMap((entry) => entry.points.map((point) => point.y))) * 1.1);
  const yAt = (y: number) => plot.top + plot.height - (y / max) * plot.height;
  const parts = [text(box.left + box.width / 2, box.top + 16, title, `text-anchor="middle" font-weight="bold"`)];
  for (const tick of ticks) {
    parts.push(line(plot.left, yAt(tick), plot.left + plot.width, yAt(tick), COLORS.grid));
    parts.push(text(plot.left - 6, yAt(tick) + 4, formatTick(tick), `text-anchor="end" fill="${COLORS.muted}"`));
  }
  for (let exponent = minExp; exponent <= minExp + span; exponent++) {
    const x = xAt(10 ** exponent);
    parts.push(line(x, plot.top, x, plot.top + plot.height, COLORS.grid));
    parts.push(text(x, plot.top + plot.height + 16, (10 ** exponent).toLocaleString('en-US'), `text-anchor="middle" fill="${COLORS.muted}"`));
  }
  parts.push(text(plot.left + plot.width / 2, plot.top + plot.height + 34, 'live sessions (log scale)', `text-anchor="middle" fill="${COLORS.muted}"`));
  parts.push(
    text(
      box.left + 14,
      plot.top + plot.height / 2,
      yLabel,
      `text-anchor="middle" fill="${COLORS.muted}" transform="rotate(-90 ${box.left + 14} ${round(plot.top + plot.height / 2)})"`,
    ),
  );
  series.forEach((entry, index) => {
    const path = entry.points.map((point) => `${round(xAt(point.x))},${round(yAt(point.y))}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${entry.color}" stroke-width="2"/>`);
    for (const point of entry.points) {
      parts.push(
        `<circle cx="${round(xAt(point.x))}" cy="${round(yAt(point.y))}" r="3.5" fill="${entry.color}"><title>${escapeXml(`${entry.label}: ${formatFigure(point.y)} at ${point.x.toLocaleString('en-US')} sessions`)}</title></circle>`,
      );
    }
    const legendY = plot.top + 12 + index * 15;
    parts.push(line(plot.left + 8, legendY - 4, plot.left + 24, legendY - 4, entry.color, 'stroke-width="2"'));
    parts.push(text(plot.left + 28, legendY, entry.label, `fill="${COLORS.text}"`));
  });
  return parts.join('\n');
}

/** Bars of extra ÷ shipped per measure, a reference line at 1×, each labelled with both absolute figures. */
function scenariosPanel(box: Box, summary: ScalingSummary): string {
  const { scenarios } = summary;
  const measures = [
    { label: 'req/s', shipped: scenarios.shipped.requestsPerSecond, extra: scenarios.extra.requestsPerSecond, unit: '' },
    scenarios.shipped.fixedRate && scenarios.extra.fixedRate
      ? {
          label: `p99 at ${scenarios.shipped.fixedRate.askedRate.toLocaleString('en-US')}/s`,
          shipped: scenarios.shipped.fixedRate.p99Ms,
          extra: scenarios.extra.fixedRate.p99Ms,
          unit: ' ms',
        }
      : { label: 'p99', shipped: Math.max(scenarios.shipped.p99Ms, 1), extra: Math.max(scenarios.extra.p99Ms, 1), unit: ' ms' },
    { label: 'RSS at end', shipped: scenarios.shipped.rssAtEndBytes / 2 ** 20, extra: scenarios.extra.rssAtEndBytes / 2 ** 20, unit: ' MB' },
    { label: 'cold start', shipped: scenarios.coldStartMs.shipped, extra: scenarios.coldStartMs.extra, unit: ' ms' },
    { label: 'nothing cached', shipped: scenarios.coldStartMs.shipped, extra: scenarios.coldStartMs.extraUncached, unit: ' ms' },
  ];
  const plot = { left: box.left + 90, top: box.top + PLOT_MARGIN.top + 6, width: box.width - 110, height: box.height - PLOT_MARGIN.top - 40 };
  const ratios = measures.map((measure) => measure.extra / measure.shipped);
  const { max, ticks } = niceAxis(Math.max(1.2, ...ratios.filter(Number.isFinite)) * 1.05);
  const xAt = (ratio: number) => plot.left + (ratio / max) * plot.width;
  const rowHeight = plot.height / measures.length;
  const title = `With ${scenarios.perSurface} extra scenarios per surface (${scenarios.files} files), ${scenarios.shipped.sessions.toLocaleString('en-US')} sessions`;
  const parts = [text(box.left + box.width / 2, box.top + 16, title, `text-anchor="middle" font-weight="bold"`)];
  for (const tick of ticks) {
    parts.push(line(xAt(tick), plot.top, xAt(tick), plot.top + plot.height, COLORS.grid));
    parts.push(text(xAt(tick), plot.top + plot.height + 14, `${formatTick(tick)}×`, `text-anchor="middle" fill="${COLORS.muted}"`));
  }
  measures.forEach((measure, index) => {
    const ratio = ratios[index]!;
    const y = plot.top + index * rowHeight + rowHeight * 0.2;
    const barHeight = rowHeight * 0.45;
    parts.push(text(plot.left - 8, y + barHeight * 0.75, measure.label, `text-anchor="end" fill="${COLORS.text}"`));
    if (Number.isFinite(ratio)) {
      parts.push(
        `<rect x="${round(plot.left)}" y="${round(y)}" width="${round(xAt(ratio) - plot.left)}" height="${round(barHeight)}" fill="${COLORS.primary}" opacity="0.8"/>`,
      );
    }
    const figures = `${formatFigure(measure.shipped)}${measure.unit} → ${formatFigure(measure.extra)}${measure.unit} (${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'}×)`;
    parts.push(text(plot.left + 4, y + barHeight + 13, figures, `fill="${COLORS.muted}" font-size="11"`));
  });
  parts.push(line(xAt(1), plot.top - 4, xAt(1), plot.top + plot.height, COLORS.secondary, 'stroke-dasharray="4 3"'));
  parts.push(text(xAt(1) + 4, plot.top + plot.height + 28, 'shipped only = 1×', `fill="${COLORS.secondary}" font-size="11"`));
  return parts.join('\n');
}

/**
 * The whole chart as an SVG document.
 *
 * @example
 * await writeFile('bench/results/scaling.svg', toScalingSvg(summary, 'Node v20.20.2, 2 cores, 2026-12-01'));
 */
export function toScalingSvg(summary: ScalingSummary, caption: string): string {
  const points = summary.points;
  const at = (pick: (point: (typeof points)[number]) => number) => points.map((point) => ({ x: point.sessions, y: pick(point) }));
  const mib = (bytes: number) => bytes / 2 ** 20;
  const fixedRate = points[0]?.fixedRate?.askedRate;
  const panels = [
    logLinePanel({ left: 20, top: 50, ...PANEL }, 'GET status throughput', 'req/s', [
      { label: 'req/s, each request on a random live session', color: COLORS.primary, points: at((point) => point.requestsPerSecond) },
      { label: `req/s on ${BUSY_SESSIONS} busy sessions among them`, color: COLORS.tertiary, points: at((point) => point.busyFew.requestsPerSecond) },
    ]),
    logLinePanel({ left: 500, top: 50, ...PANEL }, 'GET status p99 latency', 'ms', [
      { label: 'p99 ms at full load (whole ms)', color: COLORS.secondary, points: at((point) => point.p99Ms) },
      ...(fixedRate
        ? [
            {
              label: `p99 ms at ${fixedRate.toLocaleString('en-US')} req/s`,
              color: COLORS.primary,
              points: at((point) => point.fixedRate?.p99Ms ?? Number.NaN),
            },
          ]
        : []),
    ]),
    logLinePanel({ left: 20, top: 350, ...PANEL }, 'Server memory (after forced GC)', 'MB', [
      { label: 'RSS with sessions', color: COLORS.primary, points: at((point) => mib(point.rssWithSessionsBytes)) },
      { label: 'RSS at end', color: COLORS.tertiary, points: at((point) => mib(point.rssAtEndBytes)) },
      { label: 'heap used with sessions', color: COLORS.secondary, points: at((point) => mib(point.heapWithSessionsBytes)) },
    ]),
    scenariosPanel({ left: 500, top: 350, ...PANEL }, summary),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(
      WIDTH / 2,
      24,
      'mfa-sandbox: cost as live sessions and scenarios grow',
      `text-anchor="middle" font-size="16" font-weight="bold" fill="${COLORS.text}"`,
    ),
    text(WIDTH / 2, 42, caption, `text-anchor="middle" fill="${COLORS.muted}"`),
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
