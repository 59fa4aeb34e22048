import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The real @ackplus/nest-auth 2.11.1 server (test/oracle/nest-auth-server/server.cjs) as a child process: Nest's
 * globals (the library keeps its options in static fields) never leak into the vitest worker, and each start is a
 * fresh in-memory database. Startup is ~2 s here.
 *
 * @example
 * const oracle = await startNestAuthOracle();
 * const user = await oracle.signUp('ada@example.com');
 * await fetch(`${oracle.url}/auth/mfa/status`, { headers: { authorization: `Bearer ${user.accessToken}` } });
 * await oracle.stop();
 */

const SERVER = fileURLToPath(new URL('./nest-auth-server/server.cjs', import.meta.url));

/** What the oracle captured from the module's `nest_auth.two_factor_code_sent` event (no mail server is configured). */
export interface SentCode {
  email: string | null;
  userId: string | null;
  method: string;
  code: string;
  at: number;
}

export interface OracleOptions {
  /** Merged over the default MFA options (enabled, methods [email, totp], allowUserToggle, allowMethodSelection). */
  mfa?: Record<string, unknown>;
  /** appName (the TOTP issuer and device-name prefix); default the library's own, `Nest Auth`, as the mock's default. */
  appName?: string;
  /** Register the vendor's AuthExceptionFilter globally (its setup checklist does); default true. */
  globalFilter?: boolean;
  /** Let Nest log (default: errors only). */
  verbose?: boolean;
  timeoutMs?: number;
}

export interface SignedUpUser {
  email: string;
  password: string;
  id: string;
  /** The token signup hands out (MFA not enabled yet, so it is a full session). */
  accessToken: string;
}

export interface NestAuthOracle {
  url: string;
  pid: number;
  startupMs: number;
  /** Send one IPC command (see server.cjs `commands`). */
  command<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T>;
  /** Codes the module sent, optionally only those to one address. */
  codes(email?: string): Promise<SentCode[]>;
  /** The newest code sent to an address (throws if none). */
  lastCode(email: string): Promise<string>;
  /** Change the app's MFA options at run time (e.g. `{ required: true }`); returns the previous values. */
  setMfaOptions(patch: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Change the module's appName at run time (undefined: the library's default); returns the previous one. */
  setAppName(appName: string | undefined): Promise<string | undefined>;
  /** Sign up through the server's own API (POST /auth/signup). */
  signUp(email: string, password?: string): Promise<SignedUpUser>;
  /** Sign in through POST /auth/login; the body as the server answers it (accessToken, isRequiresMfa...). */
  login(email: string, password?: string): Promise<{ status: number; body: any }>;
  verifyEmail(email: string): Promise<void>;
  deleteUser(email: string): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

export const ORACLE_PASSWORD = 'Oracle-Passw0rd!';

export async function startNestAuthOracle(options: OracleOptions = {}): Promise<NestAuthOracle> {
  const { timeoutMs = 60_000, ...serverOptions } = options;
  let output = '';
  // execArgv: [] so the child does not inherit vitest's/tsx's loader flags: it is plain CommonJS.
  const child: ChildProcess = fork(SERVER, [], {
    execArgv: [],
    env: { ...process.env, NEST_AUTH_ORACLE_OPTIONS: JSON.stringify(serverOptions), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-100_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);

  const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  child.on('message', (message: any) => {
    if (message?.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.result);
    else waiter?.reject(new Error(message.error));
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`nest-auth oracle exited:\n${output}`));
    pending.clear();
  });

  const ready = await new Promise<{ url: string; startupMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`nest-auth oracle not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onMessage = (message: any) => {
      if (message?.type === 'ready') done(() => resolve(message));
      else if (message?.type === 'failed') fail(new Error(`nest-auth oracle failed to start: ${message.error}\n${output}`));
    };
    const onExit = (code: number | null) => fail(new Error(`nest-auth oracle exited (${code}) before it was ready:\n${output}`));
    function done(then: () => void) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    }
    function fail(error: Error) {
      done(() => {
        if (child.exitCode === null) child.kill('SIGKILL');
        reject(error);
      });
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });

  const command = <T>(name: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error('nest-auth oracle is not running'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, command: name, args });
    });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${ready.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    url: ready.url,
    pid: child.pid!,
    startupMs: ready.startupMs,
    command,
    codes: (email) => command<SentCode[]>('codes', email ? { email } : {}),
    async lastCode(email) {
      const codes = await command<SentCode[]>('codes', { email });
      if (codes.length === 0) throw new Error(`no code was sent to ${email}`);
      return codes[codes.length - 1]!.code;
    },
    setMfaOptions: (patch) => command('setMfaOptions', patch),
    setAppName: (appName) => command('setAppName', { appName }),
    async signUp(email, password = ORACLE_PASSWORD) {
      const response = await post('/auth/signup', { email, password });
      if (response.status !== 200) throw new Error(`signup ${email}: ${response.status} ${JSON.stringify(response.body)}`);
      const user = await command<{ id: string }>('user', { email });
      return { email, password, id: user.id, accessToken: response.body.accessToken };
    },
    login: (email, password = ORACLE_PASSWORD) => post('/auth/login', { providerName: 'email', credentials: { email, password } }),
    verifyEmail: async (email) => void (await command('verifyEmail', { email })),
    deleteUser: async (email) => void (await command('deleteUser', { email })),
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
