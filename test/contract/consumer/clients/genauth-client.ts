import { toSignedHeaders } from '../../../../src/surfaces/genauth/request-signature.js';
import type { components, paths } from '../../../../src/types/genauth.js';
import { createTypedClient } from '../typed-client.js';

/**
 * What a GenAuth/Authing admin backend needs from the management API's MFA routes. Every request is signed with the
 * access key (AK/SK HMAC-SHA1), as the vendor's ManagementClient signs it: over the query for GET, the body otherwise.
 *
 * @example
 * const api = createGenAuthClient(baseUrl, { id: 'genauth-sandbox-key', secret: 'genauth-sandbox-secret' });
 * const status = await api.mfaStatus('6229ffaxxxxxxxxcade3e3d9'); // HTTP 200 { statusCode: 200, data: { totpMfaEnabled, ... } }
 */
export function createGenAuthClient(baseUrl: string, accessKey: { id: string; secret: string }) {
  const client = createTypedClient<paths>(baseUrl, ({ method, path, query, body }) =>
    toSignedHeaders({
      method,
      path,
      fields: method === 'GET' ? query : (body as Record<string, unknown>),
      accessKeyId: accessKey.id,
      accessKeySecret: accessKey.secret,
    }),
  );
  return {
    mfaStatus: (userId: string) => client.call('get', '/api/v3/get-mfa-status', { query: { userId } }),
    setMfaStatus: (body: components['schemas']['SetMfaStatusDto']) => client.call('post', '/api/v3/set-mfa-status', { body }),
    userMfaInfo: (userId: string) => client.call('get', '/api/v3/get-user-mfa-info', { query: { userId } }),
    mfaTriggerData: (userId: string, appId: string) => client.call('get', '/api/v3/get-mfa-trigger-data', { query: { userId, appId } }),
  };
}
