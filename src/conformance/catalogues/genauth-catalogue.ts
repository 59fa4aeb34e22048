import { toSignedHeaders } from '../../surfaces/genauth/genauth-descriptor.js';
import type { SideContext, Step } from '../catalogue-flow.js';
import type { SurfaceCatalogue } from '../surface-catalogue.js';
import { missingCredentials, type UpstreamCredentials } from '../upstream-credentials.js';

/**
 * GenAuth / Authing management API: every request signed with an access key (as the vendor SDKs sign), the test user
 * named by id. Read-only but for the user's own MFA switch: the application's and the pool's MFA settings are never
 * changed (they would change every user of a real tenant).
 */

const query = (path: string) => (ctx: SideContext) => `${path}?${new URLSearchParams({ userId: ctx.userId ?? '' }).toString()}`;

/** The sign function: the query (GET) or the JSON body (POST) are the signed fields. */
function signer(credentials: UpstreamCredentials) {
  const { accessKeyId = '', accessKeySecret = '' } = credentials;
  return (request: { method: string; path: string; body: string | undefined }) => {
    const [path = '', search = ''] = request.path.split('?');
    const fields = request.body === undefined ? Object.fromEntries(new URLSearchParams(search)) : (JSON.parse(request.body) as Record<string, unknown>);
    return toSignedHeaders({ method: request.method, path, fields, accessKeyId, accessKeySecret });
  };
}

const setStatus = (name: string, totp: boolean): Step => ({
  name,
  method: 'POST',
  path: '/api/v3/set-mfa-status',
  body: (ctx) => ({
    userId: ctx.userId,
    userIdType: 'user_id',
    mfaTriggerData: { totpMfaEnabled: totp, emailMfaEnabled: false, smsMfaEnabled: false, faceMfaEnabled: false },
  }),
});

export const genauthCatalogue: SurfaceCatalogue = {
  surface: 'genauth',
  covers:
    "the user's MFA status, binding info and trigger data; switching the user's TOTP MFA on and off (set-mfa-status); " +
    'the pool-wide settings (read only); an unknown user, a missing userId, a wrong signature. Not covered: changing ' +
    'application or pool MFA settings (they change every user of the tenant).',
  flows: [
    {
      name: 'status',
      description: "the user's MFA status, binding info and trigger data; the pool's settings",
      async run(d) {
        await d.step({ name: 'get-mfa-status', method: 'GET', path: query('/api/v3/get-mfa-status') });
        await d.step({ name: 'get-user-mfa-info', method: 'GET', path: query('/api/v3/get-user-mfa-info') });
        await d.step({ name: 'get-global-mfa-settings', method: 'GET', path: '/api/v3/get-global-mfa-settings' });
      },
    },
    {
      name: 'set-mfa-status',
      description: "switch the user's TOTP MFA on, then off",
      async run(d) {
        await d.step(setStatus('set-mfa-status totp on', true));
        await d.step({ name: 'get-mfa-status (on)', method: 'GET', path: query('/api/v3/get-mfa-status') });
        await d.step(setStatus('set-mfa-status totp off', false));
        await d.step({ name: 'get-mfa-status (off)', method: 'GET', path: query('/api/v3/get-mfa-status') });
      },
    },
    {
      name: 'errors',
      description: 'an unknown user, a missing userId, a wrong signature',
      async run(d) {
        await d.step({ name: 'unknown user', method: 'GET', path: '/api/v3/get-mfa-status?userId=000000000000000000000000' });
        await d.step({ name: 'missing userId', method: 'GET', path: '/api/v3/get-mfa-status' });
        await d.step({ name: 'wrong signature', method: 'GET', path: query('/api/v3/get-mfa-status'), headers: { authorization: 'GenAuth nobody:d3Jvbmc=' } });
      },
    },
  ],
  accepted: [],
  // Ada of the scenario the run uses, signed with the sandbox's own access key (scenarios/genauth/default.yaml).
  sandboxUser: { email: 'authing@authing.com', password: '', token: undefined, userId: '6229ffaxxxxxxxxcade3e3d9' },
  sandboxCredentials: { accessKeyId: 'genauth-sandbox-key', accessKeySecret: 'genauth-sandbox-secret' },
  signIn(credentials) {
    const { accessKeyId, accessKeySecret, userId, email = '' } = credentials;
    if (!accessKeyId || !accessKeySecret || !userId) {
      const given = { accessKeyId, accessKeySecret, userId };
      throw missingCredentials(
        'genauth',
        (['accessKeyId', 'accessKeySecret', 'userId'] as const).filter((credential) => !given[credential]),
      );
    }
    return Promise.resolve({ email, password: '', token: undefined, userId });
  },
  signer,
};
