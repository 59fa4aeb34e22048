import { readFile } from 'node:fs/promises';
import { toDidYouMean } from '../engine/edit-distance.js';
import { parseJsonFileText } from '../json-file-text.js';

/**
 * How the conformance run signs in to the real upstream. Read from the environment or a JSON file, never from the
 * command line (where `ps` and shell history would show them); never printed, never written to a report.
 */
export interface UpstreamCredentials {
  /** A bearer token of the upstream's test user (nest-auth, Flashback, Lerian). */
  token?: string;
  /** The test user's e-mail address and password (nest-auth: signs in through POST /auth/login). */
  email?: string;
  password?: string;
  /** GenAuth / Authing management API access key (requests are signed with it). */
  accessKeyId?: string;
  accessKeySecret?: string;
  /** The test user's id, for vendors whose paths or bodies name the user (Lerian, GenAuth). Not a secret. */
  userId?: string;
  /**
   * Headers sent on every request to the upstream, for what stands in front of the vendor (an API gateway's key, a
   * tenant header): from the file's `headers` object or MFA_SANDBOX_UPSTREAM_HEADERS (a JSON object). Values of 8
   * characters or more are treated as secrets. The vendor's own credentials (a step's bearer token, a signature) win.
   */
  headers?: Record<string, string>;
}

/** The credentials that are one string each, named by an environment variable. */
export type TextCredential = Exclude<keyof UpstreamCredentials, 'headers'>;

/** The environment variables, by credential. */
export const CREDENTIAL_VARIABLES: Readonly<Record<TextCredential, string>> = {
  token: 'MFA_SANDBOX_UPSTREAM_TOKEN',
  email: 'MFA_SANDBOX_UPSTREAM_EMAIL',
  password: 'MFA_SANDBOX_UPSTREAM_PASSWORD',
  accessKeyId: 'MFA_SANDBOX_UPSTREAM_ACCESS_KEY_ID',
  accessKeySecret: 'MFA_SANDBOX_UPSTREAM_ACCESS_KEY_SECRET',
  userId: 'MFA_SANDBOX_UPSTREAM_USER_ID',
};
const HEADERS_VARIABLE = 'MFA_SANDBOX_UPSTREAM_HEADERS';
/** A header name as HTTP allows it (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A credentials file or variable that cannot be used: a usage error, reported without the values. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/**
 * The credentials a surface lacks, all at once, each with its variable and the --credentials field that give it (a run
 * that named one missing credential at a time, and neither place, took a try per credential).
 *
 * @example
 * missingCredentials('lerian', ['token', 'userId']).message
 * // 'lerian needs token (MFA_SANDBOX_UPSTREAM_TOKEN) and userId (MFA_SANDBOX_UPSTREAM_USER_ID) of a test user, from the environment or as fields of --credentials <file>'
 */
export function missingCredentials(surface: string, missing: readonly TextCredential[]): CredentialsError {
  const named = missing.map((credential) => `${credential} (${CREDENTIAL_VARIABLES[credential]})`);
  const list = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  return new CredentialsError(`${surface} needs ${list} of a test user, from the environment or as fields of --credentials <file>`);
}

const NAMES = Object.keys(CREDENTIAL_VARIABLES) as TextCredential[];

/** `headers` as given (the file's object, or the variable's JSON), checked; `where` names its source, never its values. */
function toUpstreamHeaders(value: unknown, where: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CredentialsError(`${where} must be a JSON object of header names and values`);
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) throw new CredentialsError(`${where}: "${name}" is not a header name`);
    // Printable ASCII on one line: what Node sends as a header value.
    if (typeof text !== 'string' || !/^[\t\x20-\x7e]*$/.test(text))
      throw new CredentialsError(`${where}: the value of "${name}" must be a one-line ASCII string`);
    headers[name.toLowerCase()] = text;
  }
  return headers;
}

async function readCredentialsFile(file: string): Promise<UpstreamCredentials> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CredentialsError(`--credentials ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = parseJsonFileText(text);
  } catch {
    // The parser's message quotes the text, which may hold a secret: only say where.
    throw new CredentialsError(`--credentials ${file}: not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CredentialsError(`--credentials ${file}: expected a JSON object`);
  const credentials: UpstreamCredentials = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (name === 'headers') {
      credentials.headers = toUpstreamHeaders(value, `--credentials ${file}: "headers"`);
      continue;
    }
    if (!NAMES.includes(name as TextCredential))
      throw new CredentialsError(
        `--credentials ${file}: unknown key "${name}"${toDidYouMean(name, [...NAMES, 'headers'])} (known: ${[...NAMES, 'headers'].join(', ')})`,
      );
    if (typeof value !== 'string' || value === '') throw new CredentialsError(`--credentials ${file}: "${name}" must be a non-empty string`);
    credentials[name as TextCredential] = value;
  }
  return credentials;
}

/**
 * The upstream credentials: the file's (if given), each missing one from its environment variable.
 *
 * @example
 * await loadUpstreamCredentials({ MFA_SANDBOX_UPSTREAM_TOKEN: 'eyJ…' }) // { token: 'eyJ…' }
 */
export async function loadUpstreamCredentials(env: Readonly<Record<string, string | undefined>>, file?: string): Promise<UpstreamCredentials> {
  const credentials = file === undefined ? {} : await readCredentialsFile(file);
  for (const name of NAMES) {
    const value = env[CREDENTIAL_VARIABLES[name]];
    if (credentials[name] === undefined && value) credentials[name] = value;
  }
  const headersText = env[HEADERS_VARIABLE];
  if (credentials.headers === undefined && headersText) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(headersText);
    } catch {
      throw new CredentialsError(`${HEADERS_VARIABLE} is not valid JSON`); // its text may hold a secret: not quoted
    }
    credentials.headers = toUpstreamHeaders(parsed, HEADERS_VARIABLE);
  }
  return credentials;
}

/** Every credential value, for the last line of defence: reports are scrubbed of these before they are written. */
export const toSecretValues = (credentials: UpstreamCredentials): string[] => [
  ...NAMES.filter((name) => name !== 'email' && name !== 'userId').flatMap((name) => (credentials[name] ? [credentials[name]] : [])),
  // Short values (a tenant `eu`) would scrub unrelated text from every line; a secret is longer than that.
  ...Object.values(credentials.headers ?? {}).filter((value) => value.length >= 8),
];
