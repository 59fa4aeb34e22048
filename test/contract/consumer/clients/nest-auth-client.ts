import type { components, paths } from '../../../../src/types/nest-auth.js';
import { createTypedClient } from '../typed-client.js';

type MfaMethod = components['schemas']['MfaMethod'];

/**
 * What an app using @ackplus/nest-auth needs from its MFA routes: status, TOTP device enrolment, toggling, the login step.
 *
 * @example
 * const api = createNestAuthClient(baseUrl, 'nest-auth-token-ada');
 * const setup = await api.setupTotp({ deviceName: 'Work laptop' }); // 200 { secret, qrCode, otpAuthUrl }
 */
export function createNestAuthClient(baseUrl: string, accessToken: string) {
  const client = createTypedClient<paths>(baseUrl, () => ({ authorization: `Bearer ${accessToken}` }));
  return {
    status: () => client.call('get', '/auth/mfa/status'),
    setupTotp: (body: components['schemas']['SetupTotpRequestDto']) => client.call('post', '/auth/mfa/setup-totp', { body }),
    verifyTotpSetup: (secret: string, otp: string) => client.call('post', '/auth/mfa/verify-totp-setup', { body: { secret, otp } }),
    toggle: (enabled: boolean) => client.call('post', '/auth/mfa/toggle', { body: { enabled } }),
    verify: (method: MfaMethod, otp: string) => client.call('post', '/auth/mfa/verify', { body: { method, otp } }),
  };
}
