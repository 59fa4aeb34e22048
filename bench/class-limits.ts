import type { OperationClass } from './operation-classes.js';
import { cpuRatioTo, ratioRange, ratioTo, type ThroughputRounds } from './throughput-ratios.js';

/** The goal for every operation class: at least this share of plain Fastify's req/s on the same request. */
export const CLASS_LIMIT_SHARE = 0.85;

/** One operation class against its own plain Fastify limit, from the same rounds. */
export interface ClassLimitRatio {
  name: string;
  /** Median over rounds of sandbox req/s ÷ limit req/s in the same round. */
  ratio: number;
  /** The lowest and highest of those rounds' ratios (two rounds or more). */
  rounds?: { low: number; high: number };
  /** The same from server CPU per request (limit µs ÷ sandbox µs). */
  cpuRatio: number;
  pass: boolean;
  /** The class's yardstick against the same limit, when the class has one and it was measured. */
  yardstick?: { does: string; ratio: number; pass: boolean };
}

/**
 * Each class's ratio to its own limit (never to another class's: a parsed POST or a signed GET costs any server more
 * than a bare GET). PASS is judged on req/s, as the issue states the goal; the CPU ratio is shown beside it.
 *
 * @example
 * toClassLimitRatios(throughput, OPERATION_CLASSES).map((row) => `${row.name} ${row.ratio.toFixed(2)}`);
 */
export function toClassLimitRatios(throughput: readonly ThroughputRounds[], classes: readonly OperationClass[], share = CLASS_LIMIT_SHARE): ClassLimitRatio[] {
  const find = (id: string) => {
    const found = throughput.find((target) => target.id === id);
    if (!found) throw new Error(`no throughput target "${id}"`);
    return found;
  };
  return classes.map(({ name, sandboxId, limitId, yardstick }) => {
    const sandbox = find(sandboxId);
    const limit = find(limitId);
    const ratio = ratioTo(sandbox, limit);
    const rounds = ratioRange(sandbox, limit);
    const measuredYardstick = yardstick && throughput.find((target) => target.id === yardstick.id);
    const yardstickRatio = measuredYardstick && ratioTo(measuredYardstick, limit);
    return {
      name,
      ratio,
      ...(rounds ? { rounds } : {}),
      cpuRatio: cpuRatioTo(sandbox, limit),
      pass: ratio >= share,
      ...(yardstick && yardstickRatio !== undefined ? { yardstick: { does: yardstick.does, ratio: yardstickRatio, pass: yardstickRatio >= share } } : {}),
    };
  });
}
