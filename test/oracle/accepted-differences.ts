import type { AcceptedDifference } from './differential.js';

/**
 * Differences between the real @ackplus/nest-auth 2.11.1 server and the mock that are accepted, each with its reason.
 * Anything the differential test finds that is not listed here fails it. The same rows, with the same reasons, form
 * the table in specs/README.md ("nest-auth: accepted differences"); accepted-differences.test.ts keeps them equal.
 */
export const ACCEPTED_DIFFERENCES: AcceptedDifference[] = [
  {
    flow: 'auth',
    step: 'unknown route',
    path: 'body',
    reason:
      "An unknown route is the sandbox's own 404 error (application/problem+json, code MOCK_ERR_ROUTE_NOT_FOUND), not Nest's `Cannot GET …`: sandbox errors never look like vendor answers, so a client bug is never mistaken for vendor behaviour.",
  },
  {
    flow: 'validation',
    step: 'reset-totp {code: 5}',
    path: 'status',
    real: 500,
    mock: 401,
    reason:
      '2.11.1 crashes (500) on a non-string recovery code (it HMACs the raw value); the mock answers what the same code as a string gets (401 MFA_RECOVERY_CODE_INVALID) rather than imitate a crash.',
  },
  {
    flow: 'validation',
    step: 'reset-totp {code: 5}',
    path: 'body.*',
    reason: 'The body of the 401 above, where 2.11.1 sends its 500 `{statusCode, message}`.',
  },
];
