/**
 * What the proxy's sandbox twin learns as exchanges go by, so that it follows the app's sign-ins and sign-outs with
 * credentials of its own: each token the upstream hands out is paired with the token the sandbox handed out in the
 * same place of its answer to the same request, and a later request carrying the upstream's token carries the
 * sandbox's instead. A sign-in with an e-mail address and password is sent with the twin user's own (the sandbox
 * cannot know the upstream user's password), and the upstream user's address is remembered, so answers that echo
 * each side's address are compared as that side's (`<email>`), as `conformance` compares them.
 */

/** The twin's own user, where the vendor signs users in with e-mail and password. */
export interface TwinUser {
  email: string;
  password: string;
}

/** A field whose string value is a token the vendor hands out (accessToken, refreshToken, trustToken, mfaToken...). */
const TOKEN_FIELD = /token$/i;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function createTwinCredentials() {
  const tokens = new Map<string, string>();
  let upstreamEmail: string | undefined;

  /** The request body with paired tokens swapped and a sign-in's e-mail and password replaced by the twin user's. */
  function toTwinValue(value: unknown, user: TwinUser | undefined): unknown {
    if (typeof value === 'string') return tokens.get(value) ?? value;
    if (Array.isArray(value)) return value.map((item) => toTwinValue(item, user));
    if (!isObject(value)) return value;
    const twin = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toTwinValue(item, user)]));
    if (user && typeof value.email === 'string' && typeof value.password === 'string') {
      upstreamEmail = value.email;
      twin.email = user.email;
      twin.password = user.password;
    }
    return twin;
  }

  /** Pair the tokens two answers to the same request hold in the same places. */
  function pair(upstream: unknown, sandbox: unknown, key?: string): void {
    if (typeof upstream === 'string' && typeof sandbox === 'string') {
      if (key !== undefined && TOKEN_FIELD.test(key) && upstream !== sandbox) tokens.set(upstream, sandbox);
      return;
    }
    if (Array.isArray(upstream) && Array.isArray(sandbox)) {
      upstream.forEach((item, index) => pair(item, sandbox[index], key));
      return;
    }
    if (isObject(upstream) && isObject(sandbox)) for (const [name, item] of Object.entries(upstream)) pair(item, sandbox[name], name);
  }

  return {
    /** The sandbox's token paired with one the upstream handed out, if any. */
    tokenFor: (upstream: string): string | undefined => tokens.get(upstream),
    toTwinBody: (body: unknown, user: TwinUser | undefined): unknown => toTwinValue(body, user),
    learn: (upstreamBody: unknown, sandboxBody: unknown): void => pair(upstreamBody, sandboxBody),
    /** The upstream user's e-mail address, once a sign-in named it. */
    get upstreamEmail(): string | undefined {
      return upstreamEmail;
    },
  };
}

export type TwinCredentials = ReturnType<typeof createTwinCredentials>;
