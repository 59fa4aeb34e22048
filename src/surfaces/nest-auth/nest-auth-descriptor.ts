import type { SurfaceDescriptor } from '../surface-descriptor.js';
import { BEARER_NOT_ACCESS_KEYS, ID_NOT_ALIASES, NEST_AUTH_IGNORED_POLICY } from '../ignored-world-fields.js';
import { factorNames } from './mfa-state.js';
import { nestAuthSurface } from './nest-auth-surface.js';
import { DEFAULT_PASSWORD } from './sign-in.js';

/** @ackplus/nest-auth 2.11.1 (NestJS): `/auth/mfa/*` as the published module serves it (seed 001). */
export const nestAuth = {
  id: 'nest-auth',
  vendor: '@ackplus/nest-auth (NestJS)',
  behaviour: nestAuthSurface,
  factorNames,
  generatedUserIds: 'uuid',
  findsUsersByEmail: true,
  providerStateUser: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1',
  defaultPassword: DEFAULT_PASSWORD,
  ignoredWorldFields: {
    world: { accessKeys: BEARER_NOT_ACCESS_KEYS },
    user: { aliases: ID_NOT_ALIASES, role: 'nest-auth has no roles: every user gets the same answers (leave role out)' },
    policy: NEST_AUTH_IGNORED_POLICY,
  },
  totpEnrolment: {
    start: { path: () => '/auth/mfa/setup-totp', body: {}, secret: (answer) => answer.secret },
    verify: { path: () => '/auth/mfa/verify-totp-setup', body: (secret, code) => ({ secret, otp: code }) },
  },
} as const satisfies SurfaceDescriptor<'nest-auth'>;
