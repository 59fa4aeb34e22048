import { readFile } from 'node:fs/promises';

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
}

/** The environment variables, by credential. */
export const CREDENTIAL_VARIABLES: Readonly<Record<keyof UpstreamCredentials, string>> = {
  token: 'MFA_SANDBOX_UPSTREAM_TOKEN',
  email: 'MFA_SANDBOX_UPSTREAM_EMAIL',
  password: 'MFA_SANDBOX_UPSTREAM_PASSWORD',
  accessKeyId: 'MFA_SANDBOX_UPSTREAM_ACCESS_KEY_ID',
  accessKeySecret: 'MFA_SANDBOX_UPSTREAM_ACCESS_KEY_SECRET',
  userId: 'MFA_SANDBOX_UPSTREAM_USER_ID',
};

/** A credentials file or variable that cannot be used: a usage error, reported without the values. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

const NAMES = Object.keys(CREDENTIAL_VARIABLES) as Array<keyof UpstreamCredentials>;

async function readCredentialsFile(file: string): Promise<UpstreamCredentials> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CredentialsError(`--credentials ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the text, which may hold a secret: only say where.
    throw new CredentialsError(`--credentials ${file}: not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CredentialsError(`--credentials ${file}: expected a JSON object`);
  const credentials: UpstreamCredentials = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!NAMES.includes(name as keyof UpstreamCredentials))
      throw new CredentialsError(`--credentials ${file}: unknown key "${name}" (known: ${NAMES.join(', ')})`);
    if (typeof value !== 'string' || value === '') throw new CredentialsError(`--credentials ${file}: "${name}" must be a non-empty string`);
    credentials[name as keyof UpstreamCredentials] = value;
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
  return credentials;
}

/** Every credential value, for the last line of defence: reports are scrubbed of these before they are written. */
export const toSecretValues = (credentials: UpstreamCredentials): string[] =>
  NAMES.filter((name) => name !== 'email' && name !== 'userId').flatMap((name) => (credentials[name] ? [credentials[name]] : []));
