/** What the run order needs of a throughput target: its id, and the limit its ratio is taken against. */
export interface OrderedTarget {
  id: string;
  /** The plain Fastify target serving the same request; the GET limit when unset (a limit names itself). */
  limitId?: string;
}

/**
 * The order the throughput targets run in, in one round: each limit together with the targets measured against it,
 * the limit first in even rounds and last in odd ones, and the groups rotated by one place each round.
 *
 * A ratio is only as good as the likeness of the two moments it compares. On a shared machine the other work comes
 * and goes over tens of seconds: with each limit a few targets away from its sandbox target (a WireMock start and its
 * 20 s warm-up between them), GenAuth's three per-round ratios once came out 0.42, 0.69 and 0.92. Side by side, the
 * two runs of a ratio are seconds apart; the limit running first in one round and last in the next cancels a steady
 * drift (A B, then B A), and no group always runs first.
 *
 * @example
 * toRunOrder([{ id: 'baseline' }, { id: 'toggle-limit', limitId: 'toggle-limit' }, { id: 'status' }, { id: 'toggle', limitId: 'toggle-limit' }], 1, 'baseline')
 * // round 1: toggle, toggle-limit, status, baseline
 */
export function toRunOrder<T extends OrderedTarget>(targets: readonly T[], round: number, defaultLimitId: string): T[] {
  const groups = new Map<string, T[]>();
  for (const target of targets) {
    const limitId = target.limitId ?? defaultLimitId;
    const group = groups.get(limitId) ?? [];
    // The limit leads its group wherever the list has it.
    if (target.id === limitId) group.unshift(target);
    else group.push(target);
    groups.set(limitId, group);
  }
  const ordered = [...groups.values()];
  const shift = round % ordered.length;
  const rotated = [...ordered.slice(shift), ...ordered.slice(0, shift)];
  return rotated.flatMap((group) => (round % 2 === 0 ? group : [...group].reverse()));
}
