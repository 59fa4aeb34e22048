import type { AcceptedDifference } from '../compare-step.js';

/**
 * Differences between the real @ackplus/nest-auth 2.11.1 server and the sandbox that are accepted, each with its
 * reason: a conformance run marks them "accepted" and they do not count against the score. The test suite's
 * differential test fails on any other; the same rows form the table in specs/README.md ("nest-auth: accepted
 * differences"), which test/oracle/accepted-differences.test.ts keeps equal.
 */
export const NEST_AUTH_ACCEPTED: AcceptedDifference[] = [
  {
    flow: 'auth',
    step: 'unknown route',
    path: 'body',
    // Nest's own 404 only: any other answer there (a gateway's HTML page) is a real difference.
    upstreamIncludes: 'Cannot GET',
    reason:
      "An unknown route is the sandbox's own 404 error (application/problem+json, code MOCK_ERR_ROUTE_NOT_FOUND), not Nest's `Cannot GET …`: sandbox errors never look like vendor answers, so a client bug is never mistaken for vendor behaviour.",
  },
  {
    flow: 'auth',
    step: 'unknown route',
    path: 'spec',
    reason: 'The request is to a route the spec does not have, on purpose (to compare the 404s): no operation to check the answer against.',
  },
  {
    flow: 'validation',
    step: 'reset-totp {code: 5}',
    path: 'status',
    upstream: 500,
    sandbox: 401,
    reason:
      '2.11.1 crashes (500) on a non-string recovery code (it HMACs the raw value); the mock answers what the same code as a string gets (401 MFA_RECOVERY_CODE_INVALID) rather than imitate a crash.',
  },
  {
    flow: 'validation',
    step: 'reset-totp {code: 5}',
    path: 'body.*',
    // Only the crash's body: a token the upstream refused (401 INVALID_TOKEN) is a real difference.
    statuses: { upstream: 500, sandbox: 401 },
    reason: 'The body of the 401 above, where 2.11.1 sends its 500 `{statusCode, message}`.',
  },
];
