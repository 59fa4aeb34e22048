import {
  BASELINE_GENAUTH_ID,
  BASELINE_ID,
  BASELINE_TOGGLE_ID,
  COMPARE_GENAUTH_ID,
  COMPARE_STATUS_ID,
  COMPARE_TOGGLE_ID,
  SANDBOX_GENAUTH_ID,
  SANDBOX_STATUS_ID,
  SANDBOX_TOGGLE_ID,
  SIGNATURE_CHECKED_GENAUTH_ID,
} from './bench-targets.js';

/** A kind of request the issue sets targets for, with the mfa-sandbox target and the plain Fastify limit serving it. */
export interface OperationClass {
  name: string;
  sandboxId: string;
  limitId: string;
  /** The same request to the `--compare` build (a target only when the bench was given one). */
  compareId: string;
  /**
   * A plain Fastify route that does only the part of the work no honest mock may skip (for a signed request: checking
   * the signature), measured against the same limit: if it misses the goal, no mock can meet it.
   */
  yardstick?: { id: string; does: string };
}

/** The three operation classes: a read, a write and a GenAuth-signed request. */
export const OPERATION_CLASSES: readonly OperationClass[] = [
  { name: 'GET status', sandboxId: SANDBOX_STATUS_ID, limitId: BASELINE_ID, compareId: COMPARE_STATUS_ID },
  { name: 'write: disable/enable toggle', sandboxId: SANDBOX_TOGGLE_ID, limitId: BASELINE_TOGGLE_ID, compareId: COMPARE_TOGGLE_ID },
  {
    name: 'GenAuth signed GET',
    sandboxId: SANDBOX_GENAUTH_ID,
    limitId: BASELINE_GENAUTH_ID,
    compareId: COMPARE_GENAUTH_ID,
    yardstick: { id: SIGNATURE_CHECKED_GENAUTH_ID, does: 'plain Fastify checking only the signature' },
  },
];
