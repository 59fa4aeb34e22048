import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT, type SandboxSource } from './bench-targets.js';
import type { FixedRateSettings } from './measure-fixed-rate.js';
import type { LoadSettings } from './measure-throughput.js';
import { measureScaling } from './measure-scaling.js';
import { toScalingSvg } from './scaling-chart.js';
import { toScalingReport } from './scaling-report.js';
import { toScalingSummary } from './scaling-summary.js';

/** The chart a full run writes, committed and linked from the README. */
export const COMMITTED_CHART = resolve(PACKAGE_ROOT, 'bench/results/scaling.svg');

/** The scaling phase's flags once read: `--scaling-sessions`, `--scaling-scenarios`, `--scaling-chart`. */
export interface ScalingPlan {
  sessionCounts: number[];
  extraScenariosPerSurface: number;
  chartPath: string;
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag}: "${text}" is not a positive whole number`);
  return value;
}

/**
 * Reads the scaling flags. A quick run measures 10 and 100 sessions with 20 extra scenarios per surface and writes its
 * chart to the temp directory, so a smoke run never replaces the committed chart.
 */
export function toScalingPlan(flags: { sessions?: string; scenarios?: string; chart?: string }, quick: boolean): ScalingPlan {
  const sessionCounts = (flags.sessions ?? (quick ? '10,100' : '10,1000,100000')).split(',').map((part) => positiveInteger('--scaling-sessions', part.trim()));
  if (new Set(sessionCounts).size < 2) throw new Error('--scaling-sessions needs at least two different counts, e.g. 10,1000,100000');
  return {
    sessionCounts: [...new Set(sessionCounts)].sort((a, b) => a - b),
    extraScenariosPerSurface: positiveInteger('--scaling-scenarios', flags.scenarios ?? (quick ? '20' : '100')),
    chartPath: resolve(flags.chart ?? (quick ? join(tmpdir(), 'mfa-sandbox-scaling.svg') : COMMITTED_CHART)),
  };
}

/** One line for `--dry-run`. */
export function describeScalingPlan(plan: ScalingPlan, fixedRate: number): string {
  const sessions = plan.sessionCounts.map((count) => count.toLocaleString('en-US')).join(' / ');
  const latency = fixedRate > 0 ? ` (at full load, then at ${fixedRate} req/s)` : '';
  return `scaling at ${sessions} live sessions${latency} and with ${plan.extraScenariosPerSurface} extra scenarios per surface, chart to ${plan.chartPath}`;
}

/** Runs the scaling phase, writes the chart and returns its Markdown section. */
export async function runScalingPhase(
  plan: ScalingPlan,
  options: {
    rounds: number;
    load: LoadSettings;
    fixedRate?: FixedRateSettings;
    coldStartRuns: number;
    source: SandboxSource;
    settings: string;
    log: (line: string) => void;
  },
): Promise<string> {
  const figures = await measureScaling({ ...plan, ...options });
  const summary = toScalingSummary(figures);
  const date = new Date().toISOString().slice(0, 10);
  const caption = `${date}, ${availableParallelism()} cores; ${options.settings}`; // the settings name the Node version
  await mkdir(dirname(plan.chartPath), { recursive: true });
  await writeFile(plan.chartPath, toScalingSvg(summary, caption));
  const shownPath = plan.chartPath.startsWith(PACKAGE_ROOT) ? relative(PACKAGE_ROOT, plan.chartPath) : plan.chartPath;
  return toScalingReport(summary, options.settings, shownPath);
}
