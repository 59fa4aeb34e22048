import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * An AK/SK request signer for the GenAuth/Authing management API, written for the tests from the vendor SDKs'
 * algorithm (GenAuth-Official/genauth-node-sdk and Authing/authing-node-sdk, `src/utils/buildSignature.ts` and
 * `src/ManagementHttpClient.ts`), independently of the sandbox's own `request-signature.ts`:
 *
 *   stringToSign      = METHOD + "\n" + canonicalHeaders + canonicalResource
 *   canonicalHeaders  = headers named `x-genauth-*` (`x-authing-*`) or `date`, sorted by name, each `name:value\n`
 *                       (tabs/newlines in the value become spaces, then the value is trimmed)
 *   canonicalResource = path, plus `?k=v&...` over the sorted keys of the query (GET) or the JSON body's top-level
 *                       fields (other methods); object values JSON.stringify'd, undefined values skipped, no encoding
 *   authorization     = `GenAuth <ak>:<base64 HMAC-SHA1(sk, stringToSign)>` (`authing <ak>:...` for Authing)
 */

export type GenAuthFlavour = 'GenAuth' | 'authing';

export interface GenAuthSigningRequest {
  method: string;
  /** The vendor path the SDK signs, e.g. `/api/v3/get-mfa-status` (no host, no mount prefix, no query string). */
  path: string;
  /** Query parameters for GET, the JSON body for other methods. */
  fields?: Record<string, unknown>;
  accessKeyId: string;
  accessKeySecret: string;
  flavour?: GenAuthFlavour;
  /** The `date` header; `null` leaves it out. Default: now, as `toUTCString()` (what the SDK sends). */
  date?: string | null;
  /** Extra or replacement headers, signed like the SDK's (e.g. a wrong signature-method, an app id). */
  headers?: Record<string, string>;
}

export const GENAUTH_ACCESS_KEY = { id: 'genauth-sandbox-key', secret: 'genauth-sandbox-secret' } as const;

/** The SDK's nonce: md5 hex of something unique. */
export function makeGenAuthNonce(): string {
  return createHash('md5').update(randomBytes(16)).digest('hex');
}

function headerPrefix(flavour: GenAuthFlavour): string {
  return flavour === 'GenAuth' ? 'x-genauth-' : 'x-authing-';
}

export function genauthStringToSign(
  method: string,
  path: string,
  headers: Record<string, string>,
  fields: Record<string, unknown>,
  flavour: GenAuthFlavour,
): string {
  const prefix = headerPrefix(flavour);
  const signedHeaderNames = Object.keys(headers)
    .filter((name) => name.startsWith(prefix) || name === 'date')
    .sort();
  let canonicalHeaders = '';
  for (const name of signedHeaderNames) canonicalHeaders += `${name}:${headers[name]!.replace(/[\t\n\r\f]/g, ' ').trim()}\n`;

  const keys = Object.keys(fields).sort();
  let canonicalResource = path;
  if (keys.length > 0) {
    const pairs: string[] = [];
    for (const key of keys) {
      const value = fields[key];
      if (value === undefined) continue;
      pairs.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
    canonicalResource = `${path}?${pairs.join('&')}`;
  }
  return `${method}\n${canonicalHeaders}${canonicalResource}`;
}

/**
 * The headers the SDK sends for one request, `authorization` included.
 *
 * @example
 * signGenAuthRequest({ method: 'GET', path: '/api/v3/get-mfa-status', fields: { userId: 'u1' }, accessKeyId, accessKeySecret })
 */
export function signGenAuthRequest(request: GenAuthSigningRequest): Record<string, string> {
  const flavour = request.flavour ?? 'GenAuth';
  const prefix = headerPrefix(flavour);
  const headers: Record<string, string> = {
    accept: 'application/json',
    [`${prefix}signature-nonce`]: makeGenAuthNonce(),
    [`${prefix}signature-method`]: 'HMAC-SHA1',
    [`${prefix}signature-version`]: '1.0',
    [`${prefix}sdk-version`]: 'mfa-sandbox-tests:1.0.0',
    [`${prefix}lang`]: 'zh-CN',
  };
  const date = request.date === undefined ? new Date().toUTCString() : request.date;
  if (date !== null) headers.date = date;
  Object.assign(headers, request.headers);
  const stringToSign = genauthStringToSign(request.method.toUpperCase(), request.path, headers, request.fields ?? {}, flavour);
  const signature = createHmac('sha1', request.accessKeySecret).update(Buffer.from(stringToSign, 'utf8')).digest('base64');
  headers.authorization = `${flavour} ${request.accessKeyId}:${signature}`;
  return headers;
}
