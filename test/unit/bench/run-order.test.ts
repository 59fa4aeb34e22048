import { describe, expect, it } from 'vitest';
import { toRunOrder } from '../../../bench/run-order.js';

/** The throughput phase's order per round: each limit beside what is measured against it, A B then B A. */
const TARGETS = [
  { id: 'baseline' },
  { id: 'baseline-toggle', limitId: 'baseline-toggle' },
  { id: 'baseline-genauth', limitId: 'baseline-genauth' },
  { id: 'sandbox-status' },
  { id: 'sandbox-toggle', limitId: 'baseline-toggle' },
  { id: 'sandbox-genauth', limitId: 'baseline-genauth' },
  { id: 'checked-genauth', limitId: 'baseline-genauth' },
  { id: 'postgres-status' },
  { id: 'prism' },
];

const ids = (round: number) => toRunOrder(TARGETS, round, 'baseline').map((target) => target.id);

describe('toRunOrder', () => {
  it('runs each limit first and right before the targets measured against it, in the list order', () => {
    expect(ids(0)).toEqual([
      'baseline',
      'sandbox-status',
      'postgres-status',
      'prism',
      'baseline-toggle',
      'sandbox-toggle',
      'baseline-genauth',
      'sandbox-genauth',
      'checked-genauth',
    ]);
  });

  it('turns every group around in odd rounds, so a limit runs after its targets there, and rotates the groups; each round runs every target once', () => {
    expect(ids(1)).toEqual([
      'sandbox-toggle',
      'baseline-toggle',
      'checked-genauth',
      'sandbox-genauth',
      'baseline-genauth',
      'prism',
      'postgres-status',
      'sandbox-status',
      'baseline',
    ]);
    expect(ids(2).slice(0, 4)).toEqual(['baseline-genauth', 'sandbox-genauth', 'checked-genauth', 'baseline']);
    for (const round of [0, 1, 2, 3, 4]) expect([...ids(round)].sort()).toEqual(TARGETS.map((target) => target.id).sort());
  });

  it('puts a sandbox target beside its limit in every round', () => {
    for (const round of [0, 1, 2, 3]) {
      const order = ids(round);
      for (const [sandbox, limit] of [
        ['sandbox-status', 'baseline'],
        ['sandbox-toggle', 'baseline-toggle'],
        ['sandbox-genauth', 'baseline-genauth'],
      ]) {
        expect(Math.abs(order.indexOf(sandbox!) - order.indexOf(limit!)), `round ${round}: ${order.join(', ')}`).toBe(1);
      }
    }
  });

  it('leads a group with its limit even when the list names the limit later', () => {
    expect(toRunOrder([{ id: 'sandbox-status' }, { id: 'baseline' }], 0, 'baseline').map((target) => target.id)).toEqual(['baseline', 'sandbox-status']);
  });
});
