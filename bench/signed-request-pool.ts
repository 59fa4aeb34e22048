/**
 * Requests signed ahead of a run, so the load generator (on the same two cores as the server) spends its CPU sending
 * them, not hashing: a GenAuth signature is ~25 µs of pure-JS HMAC-SHA1 here, more than the plain Fastify route's
 * whole server-side cost, so signing inside autocannon's `setupRequest` made the client the bottleneck.
 */

/** Requests per second assumed before a pool has seen a run (above what one load generator reaches here). */
export const FIRST_RUN_RATE = 60_000;
/** Headroom over the fastest rate seen so far, for a target that speeds up as it warms. */
export const RATE_HEADROOM = 1.5;
/**
 * The smallest rate a pool is sized for after its first run: above what a GenAuth target answered here in any round
 * (~53,000 req/s, the plain Fastify limit). A round slowed by the machine must not size the next one's pool short: in
 * one run the sandbox's GenAuth answered 8,351 req/s in its first round and 19,171 in its third, whose pool (sized
 * from the second's 11,900) ran dry and left ~4,000 requests to be signed during the measurement, on the load
 * generator's CPU; with this floor at 30,000 (what GenAuth reached then), a run of 2026-12-04 whose first GenAuth round
 * stalled signed 8,321 on the fly once the target ran at ~40,000 again. Costs ~4 s of signing before a 3 s run.
 */
export const MIN_POOL_RATE = 60_000;

/**
 * How many requests to sign for a run of `seconds`: `knownRate` (a fixed-rate run's rate) plus 20 %, else the fastest
 * rate this pool has seen with headroom, else `FIRST_RUN_RATE`.
 *
 * @example
 * toPoolSize(3, { peakRate: 24_000 }); // 108_000
 */
export function toPoolSize(seconds: number, rates: { peakRate?: number; knownRate?: number } = {}): number {
  const perSecond = rates.knownRate ? rates.knownRate * 1.2 : rates.peakRate ? Math.max(rates.peakRate * RATE_HEADROOM, MIN_POOL_RATE) : FIRST_RUN_RATE;
  return Math.ceil(Math.max(seconds, 1) * perSecond);
}

/** A pool of one request's headers, each signed once (fresh date, unique nonce), taken in order during a run. */
export interface SignedRequestPool {
  /** Sign a fresh pool for a run of `seconds` (dropping what is left of the last one); `knownRate` for fixed-rate runs. */
  refill(seconds: number, knownRate?: number): void;
  /** The next pre-signed headers; signed on the spot (and counted) when the pool has run dry. */
  next(): Record<string, string>;
  /** Tell the pool how many requests per second the run just achieved, so the next pool is sized from it. */
  recordRate(requestsPerSecond: number): void;
  /** Requests signed on the spot since the last refill (0 when the pool lasted the run). */
  readonly signedOnTheFly: number;
  /** Requests signed ahead at the last refill. */
  readonly size: number;
}

/**
 * @example
 * const pool = createSignedRequestPool(() => toSignedHeaders({ method: 'GET', path, fields, ...key }));
 * pool.refill(3);
 * const headers = pool.next();
 */
export function createSignedRequestPool(sign: () => Record<string, string>): SignedRequestPool {
  let signed: Array<Record<string, string>> = [];
  let taken = 0;
  let onTheFly = 0;
  let peakRate: number | undefined;
  return {
    refill(seconds, knownRate) {
      const size = toPoolSize(seconds, { ...(peakRate ? { peakRate } : {}), ...(knownRate ? { knownRate } : {}) });
      signed = Array.from({ length: size }, sign);
      taken = 0;
      onTheFly = 0;
    },
    next() {
      if (taken < signed.length) return signed[taken++]!;
      onTheFly++;
      return sign();
    },
    recordRate(requestsPerSecond) {
      if (Number.isFinite(requestsPerSecond)) peakRate = Math.max(peakRate ?? 0, requestsPerSecond);
    },
    get signedOnTheFly() {
      return onTheFly;
    },
    get size() {
      return signed.length;
    },
  };
}
