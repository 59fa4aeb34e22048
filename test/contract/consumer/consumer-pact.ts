import { fileURLToPath } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';
import type { SurfaceId } from '../../../src/surfaces/surface-ids.js';

/** Where the consumer tests write their pacts and the provider verification reads them (git-ignored, rebuilt each run). */
export const PACTS_DIR = fileURLToPath(new URL('../../../pacts', import.meta.url));

/**
 * A Pact V4 consumer whose provider is a sandbox surface (the provider name is the surface id, which is how
 * `mfa-sandbox verify` and the provider verification tell which spec and mount a pact belongs to).
 */
export function createConsumerPact(consumer: string, provider: SurfaceId): PactV4 {
  return new PactV4({ consumer, provider, dir: PACTS_DIR, logLevel: 'warn' });
}
