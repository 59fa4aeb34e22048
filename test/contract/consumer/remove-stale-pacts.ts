import { rm } from 'node:fs/promises';
import { PACTS_DIR } from './consumer-pact.js';

/**
 * Vitest global setup of the consumer run: start from an empty pacts/, since Pact merges new interactions into an
 * existing pact file and a renamed or deleted interaction would otherwise live on.
 */
export default async function removeStalePacts(): Promise<void> {
  await rm(PACTS_DIR, { recursive: true, force: true });
}
