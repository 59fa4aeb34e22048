import { fileURLToPath } from 'node:url';
import { PactV4, type V3MockServer } from '@pact-foundation/pact';
import type { SurfaceId } from '../../../src/surfaces/registry.js';

/** Where the consumer tests write their pacts and the provider verification reads them (git-ignored, rebuilt each run). */
export const PACTS_DIR = fileURLToPath(new URL('../../../pacts', import.meta.url));

/**
 * A Pact V4 consumer whose provider is a sandbox surface (the provider name is the surface id, which is how
 * `mfa-sandbox verify` and the provider verification tell which spec and mount a pact belongs to).
 */
export function createConsumerPact(consumer: string, provider: SurfaceId): PactV4 {
  return new PactV4({ consumer, provider, dir: PACTS_DIR, logLevel: 'warn' });
}

/** How long the mock server gets to record the consumer's requests before Pact reads what it received. */
const RECORDING_GRACE_MS = 100;

/**
 * Wrap an `executeTest` body: run the consumer's calls, then give Pact's mock server a moment before Pact asks it what
 * it received. Since pact-js 16.3 the mock server records a matched request asynchronously, after answering it
 * (pact-foundation/pact-core-mock-server#13, fix pending): under CPU load `executeTest` can report "expected but not
 * received" for a request it matched and answered. The wait only gives a recording time to land; a request the
 * consumer never sent, or sent wrong, still fails.
 */
export function settled<T>(testFn: (mock: V3MockServer) => Promise<T>): (mock: V3MockServer) => Promise<T> {
  return async (mock) => {
    const result = await testFn(mock);
    await new Promise((resolve) => setTimeout(resolve, RECORDING_GRACE_MS));
    return result;
  };
}
