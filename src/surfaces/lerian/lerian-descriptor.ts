import type { SurfaceDescriptor } from '../surface-descriptor.js';
import { BEARER_NOT_ACCESS_KEYS, ID_NOT_ALIASES, TOKEN_NOT_PASSWORD } from '../ignored-world-fields.js';
import { lerianSurface, factorNames } from './lerian-surface.js';
import { lerianUserIds } from './lerian-user-ids.js';

/** Lerian Identity plugin: `/v1/users/{id}/mfa*` (seed 002). */
export const lerian = {
  id: 'lerian',
  vendor: 'Lerian Identity plugin',
  behaviour: lerianSurface,
  factorNames,
  generatedUserIds: 'uuid-v7',
  userIds: lerianUserIds,
  ignoredWorldFields: {
    world: {
      org: "Lerian has no organisation: MFA is each user's own (give the user factors, or set them up through the API)",
      policy: 'Lerian has no application MFA policy: a user has the methods they enabled (give the user factors)',
      accessKeys: BEARER_NOT_ACCESS_KEYS,
    },
    user: {
      password: TOKEN_NOT_PASSWORD,
      aliases: ID_NOT_ALIASES,
      active: 'Lerian has no answer for a deactivated user: lock the user (`locked: true`) or leave them out (as missing-user does)',
    },
  },
  providerStateUser: '019c96a0-0c21-71f9-a487-66a1258278a1',
  totpEnrolment: {
    administratorMayAct: true,
    start: {
      path: (userId) => `/v1/users/${userId}/mfa/setup`,
      body: { mfaType: 'app' },
      secret: (answer) => answer.secret,
      recoveryCode: (answer) => answer.recoveryCodes[0],
    },
    verify: {
      path: (userId) => `/v1/users/${userId}/mfa/verify`,
      body: (secret, code) => ({ mfaType: 'app', secret, passcode: code }),
      confirmed: (answer) => answer.verified === true,
    },
  },
} as const satisfies SurfaceDescriptor<'lerian'>;
