import type { SurfaceCatalogue } from '../surface-catalogue.js';
import { CredentialsError } from '../upstream-credentials.js';
import { NEST_AUTH_ACCEPTED } from './nest-auth-accepted.js';
import { nestAuthFlows } from './nest-auth-flows.js';
import { devices, login, status, toggle } from './nest-auth-steps.js';

/**
 * @ackplus/nest-auth: the user signs in with e-mail and password (or brings a token); TOTP codes are computed from
 * the secrets the upstream hands out. Between flows both sides' users are tidied: every MFA device deleted, MFA off.
 */
export const nestAuthCatalogue: SurfaceCatalogue = {
  surface: 'nest-auth',
  covers:
    'status; TOTP setup and verification with real codes (wrong, right, reused, unknown secret); devices (list, delete); ' +
    'MFA on/off; challenges (e-mail, TOTP, unconfigured, unknown); login with MFA finished by TOTP or a recovery code, ' +
    'and the pre-MFA token on every route; recovery codes and reset-totp; missing, malformed and forged credentials; ' +
    'request validation. Not covered (needs the server itself): e-mailed codes, app options (required, methods), ' +
    'deleted or deactivated users, trusted devices (2.11.1 answers 500 unless mfa.trustedDeviceSecret is set).',
  flows: nestAuthFlows,
  accepted: NEST_AUTH_ACCEPTED,
  // Ada of the scenario the run uses (default: `default`), with her fixed token and the sandbox's default password.
  sandboxUser: { email: 'ada@example.com', password: 'sandbox-password', token: 'nest-auth-token-ada' },
  async signIn(credentials, send) {
    const { email = '', password = '', token } = credentials;
    if (token !== undefined) {
      // A token the upstream refuses is bad input (exit 2), not a score of every step failing on it.
      const answer = await send({ ...status('check the token'), auth: `Bearer ${token}` });
      if (answer.status === 401 || answer.status === 403) {
        throw new CredentialsError(`the upstream refused the token (${answer.status} on GET /auth/mfa/status): give a current access token of the test user`);
      }
      return { email, password, token };
    }
    if (!email || !password)
      throw new CredentialsError(
        'nest-auth needs a token, or an e-mail address and password of a test user (MFA_SANDBOX_UPSTREAM_TOKEN, or MFA_SANDBOX_UPSTREAM_EMAIL and MFA_SANDBOX_UPSTREAM_PASSWORD; or those fields of --credentials <file>)',
      );
    const answer = await send(login('sign in'));
    const body = answer.body as { accessToken?: unknown; isRequiresMfa?: unknown; mfaMethods?: unknown } | undefined;
    if (answer.status !== 200 || typeof body?.accessToken !== 'string') {
      // An HTML page (a proxy's error, the wrong base URL) says more than its status: a 200 can be one.
      const notJson = body === undefined || typeof body !== 'object' ? ', and its answer is not JSON: is --upstream the nest-auth API?' : '';
      const noRoute = answer.status === 404 && !notJson ? ': no POST /auth/login there; is --upstream the base URL its /auth/... routes start from?' : '';
      throw new CredentialsError(`signing in to the upstream failed with status ${answer.status}${notJson}${noRoute}`);
    }
    if (body.isRequiresMfa === true && Array.isArray(body.mfaMethods) && body.mfaMethods.length === 0) {
      // mfa.required: every sign-in asks for MFA, also of a user with no method to give it with.
      throw new CredentialsError(
        "the upstream requires MFA of every user (mfa.required: its sign-in asks for MFA of a user with no method): give the test user's token instead (MFA_SANDBOX_UPSTREAM_TOKEN) and compare with --scenario org-enforced",
      );
    }
    if (body.isRequiresMfa === true) throw new CredentialsError('the upstream user has MFA switched on: start from a user with MFA off and no devices');
    return { email, password, token: body.accessToken };
  },
  async tidy(send) {
    const listed = await send(devices('list devices'));
    for (const device of Array.isArray(listed.body) ? (listed.body as Array<{ id?: unknown }>) : []) {
      if (typeof device.id === 'string') await send({ name: 'delete device', method: 'DELETE', path: `/auth/mfa/devices/${device.id}` });
    }
    await send(toggle('MFA off', { enabled: false }));
  },
};
