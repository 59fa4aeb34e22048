import type { AcceptedDifference } from './differential.js';

/**
 * Differences between the real @ackplus/nest-auth 2.11.1 server and the mock that are accepted, each with its reason.
 * Anything the differential test finds that is not listed here fails it.
 *
 * Empty for now: the mock still follows the old 1.1.x source (issue 12 item 2 fixes it), so every difference found is
 * listed in test/oracle/nest-auth-differences.md (grouped in test/oracle/README.md) and the test is expected to fail
 * until then. Candidates to accept once the mock is fixed: the sandbox's own 404 fault body for unknown routes, the
 * vendor's 500 on `reset-totp {code: 5}`, and the login route (outside the MFA surface the mock serves).
 */
export const ACCEPTED_DIFFERENCES: AcceptedDifference[] = [];
