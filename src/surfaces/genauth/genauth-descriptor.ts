import type { SurfaceDescriptor } from '../surface-descriptor.js';
import { genauthSurface, factorNames } from './genauth-surface.js';
import { signReplayedRequest } from './replay-signing.js';

// The public API (src/index.ts) signs requests like a GenAuth SDK; it reaches the signer through this entry file.
export { toSignedHeaders } from './request-signature.js';

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
  providerStateUser: '6229ffaxxxxxxxxcade3e3d9',
  requestSigning: { sign: signReplayedRequest },
} as const satisfies SurfaceDescriptor<'genauth'>;
