import type { SurfaceDescriptor } from '../surface-descriptor.js';
import { flashbackSurface, factorNames, RELYING_PARTY } from './flashback-surface.js';

/** Flashback platform API: `/mfa/*` (seeds 000, 003). */
export const flashback = {
  id: 'flashback',
  vendor: 'Flashback platform API',
  behaviour: flashbackSurface,
  factorNames,
  generatedUserIds: 'prefixed',
  providerStateUser: 'usr_ada',
  totpEnrolment: {
    start: {
      path: () => '/mfa/setup',
      body: { mfaType: 'GOOGLE_AUTH' },
      secret: (answer) => answer.data.secret,
      recoveryCode: (answer) => answer.data.backupCodes[0],
    },
    verify: { path: () => '/mfa/verify-setup', body: (_secret, code) => ({ mfaType: 'GOOGLE_AUTH', code }) },
  },
  relyingParty: RELYING_PARTY,
} as const satisfies SurfaceDescriptor<'flashback'>;
