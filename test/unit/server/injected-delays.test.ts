import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { InjectedDelays } from '../../../src/server/injected-delays.js';

/** How long `wait` took to resolve, in ms. */
async function timed(waiting: Promise<void>): Promise<number> {
  const started = performance.now();
  await waiting;
  return performance.now() - started;
}

describe('InjectedDelays', () => {
  it('waits the delay out', async () => {
    expect(await timed(new InjectedDelays().wait(50))).toBeGreaterThanOrEqual(45);
  });

  it('ends a delay as soon as its response closes (the client left), and stops listening to it', async () => {
    const response = new EventEmitter();
    const waiting = new InjectedDelays().wait(20_000, response);
    expect(response.listenerCount('close')).toBe(1);
    setTimeout(() => response.emit('close'), 20);
    expect(await timed(waiting)).toBeLessThan(5_000);
    expect(response.listenerCount('close')).toBe(0);
  });

  it('stops listening to the response when the delay ends on its own', async () => {
    const response = new EventEmitter();
    await new InjectedDelays().wait(10, response);
    expect(response.listenerCount('close')).toBe(0);
  });

  it('cuts every running delay short, and waits no later one', async () => {
    const delays = new InjectedDelays();
    const running = delays.wait(20_000);
    setTimeout(() => delays.cutShort(), 20);
    expect(await timed(running)).toBeLessThan(5_000);
    expect(await timed(delays.wait(20_000))).toBeLessThan(100);
  });
});
