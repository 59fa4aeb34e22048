import type { components, paths } from '../../../../src/types/flashback.js';
import { createTypedClient } from '../typed-client.js';

type MFAType = components['schemas']['MFAType'];

/**
 * What a Flashback frontend needs from the MFA API: status, the Google Authenticator enrolment and the login step.
 *
 * @example
 * const api = createFlashbackClient(baseUrl, 'flashback-token-ada');
 * const status = await api.status(); // { status: 200, body: { success: true, data: { isEnforced: ... } } } | 401 | 403 | 500
 */
export function createFlashbackClient(baseUrl: string, accessToken: string) {
  const client = createTypedClient<paths>(baseUrl, () => ({ authorization: `Bearer ${accessToken}` }));
  return {
    status: () => client.call('get', '/mfa/status'),
    setup: (mfaType: MFAType) => client.call('post', '/mfa/setup', { body: { mfaType } }),
    verifySetup: (mfaType: MFAType, code: string) => client.call('post', '/mfa/verify-setup', { body: { mfaType, code } }),
    enable: (mfaType: MFAType) => client.call('post', '/mfa/enable', { body: { mfaType } }),
    disable: (mfaType: MFAType) => client.call('post', '/mfa/disable', { body: { mfaType } }),
    verifyLogin: (mfaType: MFAType, code: string) => client.call('post', '/mfa/verify-login', { body: { mfaType, code } }),
  };
}
