import { describe, expect, it } from 'vitest';
import { createSignedRequestPool, FIRST_RUN_RATE, MIN_POOL_RATE, toPoolSize } from '../../../bench/signed-request-pool.js';

describe('toPoolSize', () => {
  it('signs for the first-run rate until the pool has seen a run', () => {
    expect(toPoolSize(3)).toBe(3 * FIRST_RUN_RATE);
  });

  it('then sizes from the fastest rate seen, with 50 % headroom, and never below the minimum rate', () => {
    expect(toPoolSize(3, { peakRate: 50_000 })).toBe(225_000);
    // A slow round (the machine's) does not size the next one's pool short.
    expect(toPoolSize(3, { peakRate: 8_351 })).toBe(3 * MIN_POOL_RATE);
    expect(toPoolSize(3, { peakRate: 27_000 })).toBe(3 * MIN_POOL_RATE);
    expect(toPoolSize(2, { peakRate: 10 })).toBe(2 * MIN_POOL_RATE);
  });

  it('sizes a fixed-rate run from its rate plus 20 %, and a run under a second as one second', () => {
    expect(toPoolSize(3, { peakRate: 40_000, knownRate: 5_000 })).toBe(18_000);
    expect(toPoolSize(0.5, { knownRate: 5_000 })).toBe(6_000);
  });
});

describe('createSignedRequestPool', () => {
  /** A stand-in signer that numbers what it signs, so the test sees which request came from where. */
  function countingSigner() {
    let signed = 0;
    return { sign: () => ({ nonce: String(++signed) }), signedSoFar: () => signed };
  }

  it('signs the whole pool at refill and hands the requests out in order without signing again', () => {
    const signer = countingSigner();
    const pool = createSignedRequestPool(signer.sign);
    pool.refill(1, 5_000);
    expect(pool.size).toBe(6_000);
    expect(signer.signedSoFar()).toBe(6_000);
    expect([pool.next(), pool.next()]).toEqual([{ nonce: '1' }, { nonce: '2' }]);
    expect(signer.signedSoFar()).toBe(6_000);
    expect(pool.signedOnTheFly).toBe(0);
  });

  it('signs on the fly once the pool is dry, counts it, and starts the count again at the next refill', () => {
    const signer = countingSigner();
    const pool = createSignedRequestPool(signer.sign);
    pool.refill(1, 1_000); // 1,200 requests
    for (let i = 0; i < 1_200; i++) pool.next();
    expect(pool.next()).toEqual({ nonce: '1201' });
    pool.next();
    expect(pool.signedOnTheFly).toBe(2);
    pool.refill(1, 1_000);
    expect(pool.signedOnTheFly).toBe(0);
    expect(pool.next()).toEqual({ nonce: '1203' }); // freshly signed: nothing left over from the last pool is reused
  });

  it('sizes the next pool from the rate it was told the last run reached', () => {
    const pool = createSignedRequestPool(() => ({}));
    pool.recordRate(40_000);
    pool.recordRate(25_000); // the peak stays
    pool.refill(2);
    expect(pool.size).toBe(120_000);
  });
});
