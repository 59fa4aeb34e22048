import { describe, expect, it } from 'vitest';
import { StatementBatch } from '../../../src/postgres/statement-batch.js';

/** A statement that records the items it ran with and finishes only when released. */
function heldStatements() {
  const ran: number[][] = [];
  const releases: Array<() => void> = [];
  const execute = (items: number[]) => {
    ran.push(items);
    return new Promise<number[]>((resolve) => releases.push(() => resolve(items.map((item) => item * 10))));
  };
  return { ran, releases, execute };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('StatementBatch', () => {
  it('runs an item alone at once, and the items that arrive meanwhile together in the next statement', async () => {
    const { ran, releases, execute } = heldStatements();
    const batch = new StatementBatch(execute, 100);
    const first = batch.submit(1);
    const waiting = [batch.submit(2), batch.submit(3), batch.submit(4)];
    await turn();
    expect(ran).toEqual([[1]]);
    releases[0]!();
    expect(await first).toBe(10);
    await turn();
    expect(ran).toEqual([[1], [2, 3, 4]]);
    releases[1]!();
    expect(await Promise.all(waiting)).toEqual([20, 30, 40]);
  });

  it('puts at most maxItems in one statement', async () => {
    const { ran, releases, execute } = heldStatements();
    const batch = new StatementBatch(execute, 2);
    const all = [1, 2, 3, 4, 5].map((item) => batch.submit(item));
    for (let statement = 0; statement < 3; statement++) {
      await turn();
      releases[statement]!();
    }
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(ran).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("fails every item of a failed statement with its error, and still runs the next statement's", async () => {
    const ran: number[][] = [];
    const batch = new StatementBatch(async (items: number[]) => {
      ran.push(items);
      await turn();
      if (items.includes(2)) throw new Error('connection lost');
      return items;
    }, 100);
    const first = batch.submit(1);
    const failed = [batch.submit(2), batch.submit(3)].map((outcome) => outcome.catch((error: Error) => error.message));
    expect(await first).toBe(1);
    expect(await Promise.all(failed)).toEqual(['connection lost', 'connection lost']);
    expect(await batch.submit(4)).toBe(4);
    expect(ran).toEqual([[1], [2, 3], [4]]);
  });
});
