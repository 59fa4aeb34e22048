/** The listen errors that are the fault of the port or host given, not of the sandbox: with what each one means. */
const MEANINGS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'another process listens there',
  EACCES: 'this user may not listen there (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the host name could not be looked up',
};

/** Which setting gave the port and the host: a flag, or the environment (`PORT`/`HOST` from a compose file, say). */
export interface ListenSettingNames {
  port: string;
  host: string;
  /** How to ask for any free port in the user's words (`--port 0` for a flag, `PORT=0` for a variable by default). */
  anyPort?: string;
}

const FLAG_NAMES: ListenSettingNames = { port: '--port', host: '--host' };

/**
 * What to tell a user whose `--port`/`--host` the server could not listen on, or undefined for any other failure:
 * the raw `listen EADDRINUSE: address already in use 127.0.0.1:4010` said what, not which setting to change. `names`
 * are the settings as the user gave them (`HOST` when the environment set it).
 *
 * @example
 * toListenProblem(error, 4010, '127.0.0.1') // '--port 4010 on 127.0.0.1: cannot listen there (EADDRINUSE: another process listens there); pick another port (--port 0 takes any free one)'
 */
export function toListenProblem(error: unknown, port: number, host: string, names: ListenSettingNames = FLAG_NAMES): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const meaning = code === undefined ? undefined : MEANINGS[code];
  if (meaning === undefined) return undefined;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL') {
    return `${names.host} ${host}: cannot listen there (${code}: ${meaning}); give an address of this machine (127.0.0.1, 0.0.0.0 for every one)`;
  }
  return `${names.port} ${port} on ${host}: cannot listen there (${code}: ${meaning}); pick another port (${names.anyPort ?? (names.port.startsWith('--') ? `${names.port} 0` : `${names.port}=0`)} takes any free one)`;
}
