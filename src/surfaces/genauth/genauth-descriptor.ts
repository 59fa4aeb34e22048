import { GENAUTH_IGNORED_POLICY } from '../ignored-world-fields.js';
import type { SurfaceDescriptor } from '../surface-descriptor.js';
import { genauthSurface, factorNames } from './genauth-surface.js';
import { signReplayedRequest } from './replay-signing.js';

// The public API (src/index.ts) signs requests like a GenAuth SDK; it reaches the signer through this entry file.
export { toSignedHeaders } from './request-signature.js';

const SIGNED_NOT_BEARER = 'GenAuth requests are signed with an access key (`accessKeys`), never sent with a bearer token';

/**
 * GenAuth / Authing management API: `/api/v3/*-mfa-*` with signed requests and HTTP-200 error envelopes (seed 004).
 * No TOTP enrolment API: an administrator switches MFA on with set-mfa-status.
 */
export const genauth = {
  id: 'genauth',
  vendor: 'GenAuth / Authing management API',
  behaviour: genauthSurface,
  factorNames,
  generatedUserIds: 'hex24',
  findsUsersByEmail: true,
  providerStateUser: '6229ffaxxxxxxxxcade3e3d9',
  ignoredWorldFields: {
    world: {
      org: 'the GenAuth management API has no organisation: a user pool that requires MFA is `policy: { required: true }`',
      tokens: SIGNED_NOT_BEARER,
    },
    user: {
      token: SIGNED_NOT_BEARER,
      password: 'the GenAuth management API signs no user in: an administrator acts on users with an access key (`accessKeys`)',
      role: "the GenAuth management API has no user roles: every request is an administrator's (leave role out)",
      active: 'the GenAuth management API has no answer for a deactivated user: lock the user (`locked: true`) or leave them out',
    },
    policy: GENAUTH_IGNORED_POLICY,
  },
  requestSigning: { sign: signReplayedRequest },
} as const satisfies SurfaceDescriptor<'genauth'>;
