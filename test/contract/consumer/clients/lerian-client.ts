import type { components, paths } from '../../../../src/types/lerian.js';
import { createTypedClient } from '../typed-client.js';

type MfaType = components['schemas']['MfaType'];

/**
 * What a Lerian console needs from the Identity plugin's MFA routes for one user: status and the
 * setup -> verify -> enable flow, then managing methods.
 *
 * @example
 * const api = createLerianClient(baseUrl, 'lerian-token-johndoe', '019c96a0-0c21-71f9-a487-66a1258278a1');
 * const setup = await api.setup('app'); // 200 { secret, url, recoveryCodes, mfaType: 'app', enabled: false }
 */
export function createLerianClient(baseUrl: string, accessToken: string, userId: string) {
  const client = createTypedClient<paths>(baseUrl, () => ({ authorization: `Bearer ${accessToken}` }));
  const params = { id: userId };
  return {
    status: () => client.call('get', '/v1/users/{id}/mfa', { params }),
    setup: (mfaType: MfaType) => client.call('post', '/v1/users/{id}/mfa/setup', { params, body: { mfaType } }),
    verify: (body: components['schemas']['MFAVerifyInput']) => client.call('post', '/v1/users/{id}/mfa/verify', { params, body }),
    enable: (body: components['schemas']['MFAEnableInput']) => client.call('post', '/v1/users/{id}/mfa/enable', { params, body }),
    disable: (mfaType: MfaType) => client.call('post', '/v1/users/{id}/mfa/disable', { params, body: { mfaType } }),
  };
}
