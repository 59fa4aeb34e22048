import type { SurfaceDescriptor } from '../surface-descriptor.js';
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
